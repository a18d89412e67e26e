"""Runs in background threads, their events stored and then fanned out to live SSE streams.

Every event is written to the store before any subscriber sees it, so a client that connects
late, reloads or resumes reads the same history as one that watched from the start.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from typing import Any

from octopus.compiler import Plan
from octopus.nodes import tracking
from octopus.runtime.engines import Engine
from octopus.runtime.events import NodeFinished, RunFinished
from octopus.store import Store

Listener = tuple[asyncio.AbstractEventLoop, "asyncio.Queue[tuple[int, dict[str, Any]]]"]

INTERRUPTED = "the server stopped while this run was in progress"


@dataclass
class _LiveRun:
    """A run executing in this process."""

    cancel: threading.Event = field(default_factory=threading.Event)
    # Steps run in parallel threads: the lock keeps seq, storage order and fan-out order the same.
    lock: threading.Lock = field(default_factory=threading.Lock)
    seq: int = 0
    finished: bool = False
    outputs: dict[str, Any] = field(default_factory=dict)
    listeners: list[Listener] = field(default_factory=list)


class RunManager:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._live: dict[str, _LiveRun] = {}
        self._lock = threading.Lock()

    def start(self, run_id: str, engine: Engine, plan: Plan, values: dict[str, Any]) -> None:
        live = _LiveRun()
        with self._lock:
            self._live[run_id] = live
        threading.Thread(target=self._run, args=(run_id, live, engine, plan, values),
                         name=f"octopus-run-{run_id}", daemon=True).start()

    def _run(self, run_id: str, live: _LiveRun, engine: Engine, plan: Plan, values: dict[str, Any]) -> None:
        try:
            self.store.mark_running(run_id)
            result = engine.run(plan, values, run_id=run_id, emit=lambda event: self._record(run_id, live, event),
                                cancel=live.cancel)
            # After run_finished went out: the record in MLflow never delays what people see.
            tracking.record_run(run_id, pipeline=plan.name, engine=engine.name, params=values,
                                status=result.status, duration_s=result.duration_s, error=result.error,
                                failed_node=result.failed_node)
        except Exception as exc:  # engines report failures as events; this is a bug in one
            if not live.finished:  # end the run anyway, or its streams would wait forever
                self._record(run_id, live, RunFinished(run_id=run_id, status="failed",
                                                       error=f"{type(exc).__name__}: {exc}"))
        finally:
            with self._lock:
                del self._live[run_id]

    def _record(self, run_id: str, live: _LiveRun, event: Any) -> None:
        payload = event.model_dump(mode="json")
        with live.lock:
            if isinstance(event, NodeFinished) and event.status == "succeeded":
                live.outputs[event.node_id] = event.outputs or {}
            if isinstance(event, RunFinished):
                # The run's row is final before anyone hears run_finished and asks for it.
                self.store.finish_run(run_id, status=event.status, error=event.error,
                                      failed_node=event.failed_node, duration_s=event.duration_s,
                                      outputs=live.outputs)
                live.finished = True
            live.seq += 1
            self.store.append_event(run_id, live.seq, payload)
            for loop, queue in live.listeners:
                try:
                    loop.call_soon_threadsafe(queue.put_nowait, (live.seq, payload))
                except RuntimeError:
                    pass  # that client's event loop has closed; its stream is gone

    def cancel(self, run_id: str) -> bool:
        """Ask a live run to stop; False when it is not running in this process."""
        with self._lock:
            live = self._live.get(run_id)
        if live is not None:
            live.cancel.set()
        return live is not None

    def cancel_all(self) -> None:
        with self._lock:
            for live in self._live.values():
                live.cancel.set()

    def subscribe(self, run_id: str) -> asyncio.Queue[tuple[int, dict[str, Any]]] | None:
        """A queue of (seq, event) for events recorded from now on, or None if the run is not live.
        Read the stored events after subscribing and skip seqs already seen: nothing is missed."""
        with self._lock:
            live = self._live.get(run_id)
        if live is None:
            return None
        queue: asyncio.Queue[tuple[int, dict[str, Any]]] = asyncio.Queue()
        with live.lock:
            live.listeners.append((asyncio.get_running_loop(), queue))
        return queue

    def unsubscribe(self, run_id: str, queue: asyncio.Queue[tuple[int, dict[str, Any]]]) -> None:
        with self._lock:
            live = self._live.get(run_id)
        if live is not None:
            with live.lock:
                live.listeners = [(lp, q) for lp, q in live.listeners if q is not queue]

    def fail_interrupted(self) -> list[str]:
        """At start-up: runs a previous server process left unfinished can never finish."""
        ids = []
        for run in self.store.unfinished_runs():
            event = RunFinished(run_id=run.id, status="failed", error=INTERRUPTED)
            self.store.finish_run(run.id, status="failed", error=INTERRUPTED)
            # Their event streams end like any other run's.
            self.store.append_event(run.id, self.store.last_seq(run.id) + 1, event.model_dump(mode="json"))
            ids.append(run.id)
        return ids
