"""The embedded default: steps run in this process, independent branches in parallel threads."""

from __future__ import annotations

import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

from octopus.compiler import Plan, Step
from octopus.runtime.engines.base import Engine
from octopus.runtime.events import Emit
from octopus.runtime.step import StepFailed, run_step


class LocalEngine(Engine):
    name = "local"
    title = "Local"

    def __init__(self, max_workers: int = 8) -> None:
        self.max_workers = max_workers

    def execute(self, plan: Plan, params: dict[str, Any], *, run_id: str, emit: Emit,
                cancel: threading.Event) -> None:
        outputs: dict[str, dict[str, Any]] = {}
        pending = {s.id: s for s in plan.steps}
        running: dict[Future[dict[str, Any]], Step] = {}
        failed = False

        def attempt(step: Step, upstream: dict[str, dict[str, Any]]) -> dict[str, Any]:
            for n in range(1, step.retries + 2):
                try:
                    return run_step(step.step(), upstream, params, run_id=run_id, emit=emit, attempt=n)
                except StepFailed:
                    if n > step.retries or cancel.is_set():
                        raise
            raise AssertionError("unreachable")

        with ThreadPoolExecutor(max_workers=self.max_workers, thread_name_prefix="octopus-step") as pool:
            while pending or running:
                if not failed and not cancel.is_set():
                    for step in [s for s in pending.values() if all(u in outputs for u in s.upstream)]:
                        del pending[step.id]
                        upstream = {u: outputs[u] for u in step.upstream}
                        running[pool.submit(attempt, step, upstream)] = step
                if not running:
                    break  # a failure or a cancel left the rest unscheduled
                done, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    step = running.pop(future)
                    try:
                        outputs[step.id] = future.result()
                    except StepFailed:
                        failed = True  # run_step already emitted node_finished(failed)
