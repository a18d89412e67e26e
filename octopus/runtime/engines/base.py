"""What every engine shares: the run envelope (run_started ... run_finished), folding node
events into a result, and, for orchestrators, running a compiled bundle in a subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from octopus.compiler import Plan
from octopus.runtime.events import Emit, FileTail, NodeFinished, RunFinished, RunStarted, RunStatus
from octopus.settings import octopus_home


@dataclass
class RunResult:
    run_id: str
    engine: str
    status: RunStatus = "running"
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    node_status: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    failed_node: str | None = None
    duration_s: float = 0.0

    def to_json(self) -> dict[str, Any]:
        data = {"status": self.status, "engine": self.engine, "run_id": self.run_id, "outputs": self.outputs}
        if self.error:
            data |= {"error": self.error, "failed_node": self.failed_node}
        return data


class EngineError(RuntimeError):
    """The orchestrator itself failed (not a node): the message says what it printed."""


class Engine(ABC):
    name: ClassVar[str]
    title: ClassVar[str]

    def run(self, plan: Plan, params: dict[str, Any], *, run_id: str, emit: Emit,
            cancel: threading.Event | None = None) -> RunResult:
        """Run the plan with checked parameter values, emitting every event; never raises for
        a failed node or orchestrator: the result (and run_finished) say what failed."""
        cancel = cancel or threading.Event()
        result = RunResult(run_id=run_id, engine=self.name)
        started = time.monotonic()

        errors: dict[str, str | None] = {}

        def record(event: Any) -> None:
            if isinstance(event, NodeFinished) and event.run_id == run_id:
                # The last attempt decides: a node that failed and then succeeded on retry succeeded.
                result.node_status[event.node_id] = event.status
                errors[event.node_id] = event.error
                if event.status == "succeeded":
                    result.outputs[event.node_id] = event.outputs or {}
            emit(event)

        record(RunStarted(run_id=run_id, pipeline=plan.name, engine=self.name, params=params,
                          nodes=[s.id for s in plan.steps]))
        engine_error = None
        try:
            self.execute(plan, params, run_id=run_id, emit=record, cancel=cancel)
        except Exception as exc:  # the orchestrator, not a node: keep what ran, say what broke
            engine_error = str(exc) or type(exc).__name__
        failed = [s.id for s in plan.steps if result.node_status.get(s.id) == "failed"]
        missing = [s.id for s in plan.steps if result.node_status.get(s.id) != "succeeded"]
        if cancel.is_set():
            result.status = "cancelled"
        elif failed:
            result.status, result.failed_node, result.error = "failed", failed[0], errors[failed[0]]
        elif engine_error or missing:
            result.status = "failed"
            result.error = engine_error or f"{self.title} finished without running node(s): {', '.join(missing)}"
        else:
            result.status = "succeeded"
        for step in plan.steps:  # nodes that never ran, so the canvas can show it
            if step.id not in result.node_status:
                record(NodeFinished(run_id=run_id, node_id=step.id,
                                    status="cancelled" if result.status == "cancelled" else "skipped"))
        result.duration_s = time.monotonic() - started
        emit(RunFinished(run_id=run_id, status=result.status, duration_s=result.duration_s,
                         error=result.error, failed_node=result.failed_node))
        return result

    @abstractmethod
    def execute(self, plan: Plan, params: dict[str, Any], *, run_id: str, emit: Emit,
                cancel: threading.Event) -> None:
        """Run the steps; every node event goes to `emit`. Raise EngineError if the engine itself fails."""


class BundleEngine(Engine):
    """Runs a compiled bundle on a real orchestrator in a subprocess. Steps report through an
    events file (OCTOPUS_EVENTS) that this engine tails while the orchestrator runs."""

    target: ClassVar[str]
    target_options: ClassVar[dict[str, Any]] = {}

    @abstractmethod
    def command(self, bundle_dir: Path, plan: Plan, params: dict[str, Any]) -> list[str]:
        """The orchestrator's own command that runs the bundle in bundle_dir."""

    def environment(self, workdir: Path) -> dict[str, str]:
        """Extra environment for the orchestrator process."""
        return {}

    def execute(self, plan: Plan, params: dict[str, Any], *, run_id: str, emit: Emit,
                cancel: threading.Event) -> None:
        from octopus.targets import get_target

        workdir = octopus_home() / "runs" / run_id
        bundle_dir = workdir / self.target
        get_target(self.target, **self.target_options).render(plan).write(bundle_dir)
        events_path = workdir / "events.jsonl"
        events_path.touch()
        log_path = workdir / f"{self.name}.log"
        env = os.environ | self.environment(workdir) | {"OCTOPUS_EVENTS": str(events_path), "OCTOPUS_RUN_ID": run_id}
        tail = FileTail(str(events_path))
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(self.command(bundle_dir, plan, params), cwd=bundle_dir, env=env,
                                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    start_new_session=True)
            try:
                while proc.poll() is None:
                    for event in tail.read():
                        emit(event)
                    if cancel.wait(0.05):
                        os.killpg(proc.pid, signal.SIGTERM)
                        try:
                            proc.wait(10)
                        except subprocess.TimeoutExpired:
                            os.killpg(proc.pid, signal.SIGKILL)
            finally:
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
        for event in tail.read():
            emit(event)
        if proc.returncode != 0 and not cancel.is_set():
            output = log_path.read_text(errors="replace").strip().splitlines()
            raise EngineError(f"{self.title} exited with code {proc.returncode}; last output "
                              f"(full log: {log_path}):\n" + "\n".join(output[-15:]))
