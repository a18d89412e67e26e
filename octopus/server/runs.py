"""Runs: start one (202, it goes on in a background thread), list, inspect, cancel, and follow
its events over Server-Sent Events."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from typing import Any, AsyncIterator

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from octopus.compiler import PipelineInvalid
from octopus.ir import Issue, ParamError, Pipeline
from octopus.ir.io import to_data
from octopus.runtime.engines import ENGINES, get_engine
from octopus.runtime.events import events_json_schema
from octopus.runtime.run import new_run_id, prepare
from octopus.server.common import get_manager, get_store, http_error, parse_pipeline
from octopus.server.manager import RunManager
from octopus.store import Store

router = APIRouter(prefix="/api/runs", tags=["runs"])

KEEPALIVE_S = 15.0  # an SSE comment this often keeps proxies from closing an idle stream


class RunRequest(BaseModel):
    """A pipeline, or a saved one by id (its current version unless `version` is given).
    Both together run the given pipeline (a saved one with unsaved edits) and file the run
    under the saved pipeline's history."""

    pipeline: dict[str, Any] | None = None
    pipeline_id: str | None = None
    version: int | None = None
    engine: str = "local"
    params: dict[str, Any] = {}


class RunSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: str
    pipeline_id: str | None
    pipeline_name: str
    engine: str
    status: str
    created_at: datetime
    finished_at: datetime | None
    duration_s: float | None
    error: str | None
    failed_node: str | None


class RunOut(RunSummary):
    pipeline_version: int | None
    started_at: datetime | None
    params: dict[str, Any]
    outputs: dict[str, Any]
    pipeline: dict[str, Any]


def _pipeline_for(body: RunRequest, store: Store) -> tuple[Pipeline, str | None, int | None]:
    if body.pipeline is not None:
        if body.pipeline_id is not None:
            store.get_pipeline(body.pipeline_id)  # 404 for an unknown id
        return parse_pipeline(body.pipeline), body.pipeline_id, body.version
    if body.pipeline_id is None:
        message = "give a pipeline or a pipeline_id"
        raise http_error(400, message, [Issue(field="pipeline", message=message)])
    version = body.version or store.get_pipeline(body.pipeline_id).version
    return parse_pipeline(store.get_version(body.pipeline_id, version).pipeline), body.pipeline_id, version


@router.get("/events-schema")
def event_schema() -> dict[str, Any]:
    """JSON Schema of the events that /api/runs/{id}/events streams."""
    return events_json_schema()


@router.post("", status_code=202)
def start_run(body: RunRequest, store: Store = Depends(get_store),
              manager: RunManager = Depends(get_manager)) -> RunOut:
    pipeline, pipeline_id, version = _pipeline_for(body, store)
    if body.engine not in ENGINES:
        message = f"unknown engine '{body.engine}' (engines: {', '.join(ENGINES)})"
        raise http_error(400, message, [Issue(field="engine", message=message)])
    try:
        plan, values = prepare(pipeline, body.params)
    except ParamError as exc:
        raise http_error(400, "bad run parameters", [Issue(field="params", message=str(exc))]) from None
    except PipelineInvalid as exc:
        raise http_error(400, "the pipeline is not valid", exc.issues) from None
    try:
        engine = get_engine(body.engine)
    except Exception as exc:  # e.g. its orchestrator is not installed here: say so rather than 500
        message = f"engine '{body.engine}' is not available: {exc}"
        raise http_error(400, message, [Issue(field="engine", message=message)]) from None
    run = store.create_run(new_run_id(), pipeline=to_data(pipeline), pipeline_name=pipeline.name,
                           engine=body.engine, params=values, pipeline_id=pipeline_id, pipeline_version=version)
    manager.start(run.id, engine, plan, values)
    return RunOut.model_validate(store.get_run(run.id))


@router.get("")
def list_runs(pipeline_id: str | None = None, limit: int = Query(50, ge=1, le=1000),
              store: Store = Depends(get_store)) -> list[RunSummary]:
    """Newest first."""
    return [RunSummary.model_validate(row) for row in store.list_runs(pipeline_id, limit)]


@router.get("/{run_id}")
def get_run(run_id: str, store: Store = Depends(get_store)) -> RunOut:
    return RunOut.model_validate(store.get_run(run_id))


@router.post("/{run_id}/cancel", status_code=202)
def cancel_run(run_id: str, store: Store = Depends(get_store),
               manager: RunManager = Depends(get_manager)) -> RunSummary:
    """Ask the engine to stop; the run ends as cancelled once its running steps return."""
    store.get_run(run_id)  # 404 for an unknown id
    manager.cancel(run_id)
    return RunSummary.model_validate(store.get_run(run_id))


@router.get("/{run_id}/events", response_class=StreamingResponse,
            responses={200: {"content": {"text/event-stream": {}}}})
def run_events(run_id: str, after: int | None = Query(None, ge=0, description="Send only events after this seq."),
               last_event_id: str | None = Header(None), store: Store = Depends(get_store),
               manager: RunManager = Depends(get_manager)) -> StreamingResponse:
    """Every event of the run as SSE (`id: <seq>`), then live ones until run_finished.
    A reconnecting client sends Last-Event-ID (or ?after=) and gets only later events."""
    store.get_run(run_id)
    if last_event_id is not None:
        if not last_event_id.strip().isdigit():
            raise http_error(400, f"Last-Event-ID must be an event seq (a number), not {last_event_id!r}")
        after = int(last_event_id)
    return StreamingResponse(_stream(run_id, after or 0, store, manager), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


async def _stream(run_id: str, after: int, store: Store, manager: RunManager) -> AsyncIterator[str]:
    # Subscribe before reading the history, so an event recorded in between is in one or the other.
    queue = manager.subscribe(run_id)
    try:
        last = after
        for seq, event in await run_in_threadpool(store.events, run_id, after):
            yield _frame(seq, event)
            last = seq
            if event["type"] == "run_finished":
                return
        while queue is not None:
            try:
                seq, event = await asyncio.wait_for(queue.get(), KEEPALIVE_S)
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            if seq <= last:
                continue  # already sent from the history
            yield _frame(seq, event)
            last = seq
            if event["type"] == "run_finished":
                return
    finally:
        if queue is not None:
            manager.unsubscribe(run_id, queue)


def _frame(seq: int, event: dict[str, Any]) -> str:
    return f"id: {seq}\ndata: {json.dumps(event, ensure_ascii=False)}\n\n"
