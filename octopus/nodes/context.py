"""What a running node may use besides its inputs and parameters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Context:
    run_id: str
    node_id: str

    def log(self, message: object) -> None:
        """A line for the run's log. Printing does the same: the runtime captures stdout."""
        print(message, flush=True)
