"""Run a pipeline: check the run's parameters, validate with them, plan, hand to an engine."""

from __future__ import annotations

import threading
import uuid
from typing import Any

from octopus.compiler import PipelineInvalid, plan, validate
from octopus.ir import Pipeline, resolve_run_params
from octopus.runtime.engines import RunResult, get_engine
from octopus.runtime.events import Emit


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]


def prepare(pipeline: Pipeline, params: dict[str, Any] | None = None) -> tuple[Any, dict[str, Any]]:
    """(plan, checked parameter values), or ParamError / PipelineInvalid naming every problem,
    before anything starts."""
    values = resolve_run_params(pipeline.params, params or {})
    issues = validate(pipeline, run_params=values)
    if issues:
        raise PipelineInvalid(issues)
    return plan(pipeline), values


def run_pipeline(pipeline: Pipeline, *, engine: str = "local", params: dict[str, Any] | None = None,
                 emit: Emit | None = None, run_id: str | None = None,
                 cancel: threading.Event | None = None) -> RunResult:
    the_plan, values = prepare(pipeline, params)
    return get_engine(engine).run(the_plan, values, run_id=run_id or new_run_id(),
                                  emit=emit or (lambda e: None), cancel=cancel)
