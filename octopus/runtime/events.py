"""The one typed event stream every engine produces, and where steps send their events.

The server stores these events and streams them over SSE; the web app's TypeScript types
are generated from the JSON Schema of `Event` (see `octopus schema --events`).
"""

from __future__ import annotations

import os
import threading
import time
from typing import Annotated, Any, Callable, Literal, Union

from pydantic import BaseModel, Field, TypeAdapter

RunStatus = Literal["queued", "running", "succeeded", "failed", "cancelled"]
NodeStatus = Literal["succeeded", "failed", "skipped", "cancelled"]


class _Event(BaseModel):
    run_id: str
    ts: float = Field(default_factory=time.time, description="Unix time in seconds.")


class RunStarted(_Event):
    type: Literal["run_started"] = "run_started"
    pipeline: str
    engine: str
    params: dict[str, Any] = {}
    nodes: list[str] = Field(default_factory=list, description="Node ids in run order.")


class NodeStarted(_Event):
    type: Literal["node_started"] = "node_started"
    node_id: str
    attempt: int = 1


class NodeLog(_Event):
    type: Literal["node_log"] = "node_log"
    node_id: str
    message: str
    stream: Literal["stdout", "stderr", "log"] = "stdout"


class NodeFinished(_Event):
    type: Literal["node_finished"] = "node_finished"
    node_id: str
    status: NodeStatus
    duration_s: float = 0.0
    outputs: dict[str, Any] | None = Field(None, description="Port -> value, or an artifact reference.")
    preview: dict[str, str] | None = Field(None, description="Port -> short text for the canvas.")
    error: str | None = None


class RunFinished(_Event):
    type: Literal["run_finished"] = "run_finished"
    status: RunStatus
    duration_s: float = 0.0
    error: str | None = None
    failed_node: str | None = None


Event = Annotated[Union[RunStarted, NodeStarted, NodeLog, NodeFinished, RunFinished], Field(discriminator="type")]
EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)

Emit = Callable[[Any], None]


def parse_event(data: str | bytes | dict[str, Any]) -> Event:
    if isinstance(data, dict):
        return EVENT_ADAPTER.validate_python(data)
    return EVENT_ADAPTER.validate_json(data)


class FileSink:
    """Appends events as JSON lines. Steps running in another process (an Airflow task, an
    MLflow run, a KFP subprocess) report through it; the engine tails the file."""

    _lock = threading.Lock()

    def __init__(self, path: str) -> None:
        self.path = path

    def __call__(self, event: Any) -> None:
        line = event.model_dump_json() + "\n"
        with self._lock, open(self.path, "a", encoding="utf-8") as f:
            f.write(line)  # one write() of one line: appends from several processes stay whole


def sink_from_env() -> Emit:
    """Where a step sends its events: OCTOPUS_EVENTS names a JSON-lines file; unset, nowhere
    (a bundle running on a remote orchestrator shows its logs there)."""
    path = os.environ.get("OCTOPUS_EVENTS")
    return FileSink(path) if path else (lambda event: None)


class FileTail:
    """Reads the events appended to a JSON-lines file since the last call."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.offset = 0
        self._partial = b""

    def read(self) -> list[Event]:
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                chunk = f.read()
        except FileNotFoundError:
            return []
        self.offset += len(chunk)
        data = self._partial + chunk
        *lines, self._partial = data.split(b"\n")
        return [parse_event(line) for line in lines if line.strip()]


def events_json_schema() -> dict[str, Any]:
    return EVENT_ADAPTER.json_schema()
