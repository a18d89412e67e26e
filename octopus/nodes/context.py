"""What a running node may use besides its inputs and parameters."""

from __future__ import annotations

from dataclasses import dataclass

from octopus.nodes import secrets


@dataclass
class Context:
    run_id: str
    node_id: str

    def log(self, message: object) -> None:
        """A line for the run's log. Printing does the same: the runtime captures stdout."""
        print(message, flush=True)

    def secret(self, name: str) -> str:
        """A credential by name (see octopus.nodes.secrets); logs and errors never show it."""
        return secrets.secret(name)
