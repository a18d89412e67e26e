"""Running plans: run_step (the one node executor), engines, and the typed event stream."""
