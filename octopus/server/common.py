"""What every router shares: the app's store and run manager, and 4xx errors in one shape,
{"detail": {"message": ..., "issues": [{"node", "field", "message"}]}}."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request

from octopus.ir import Issue, Pipeline, PipelineLoadError
from octopus.ir.io import from_data
from octopus.server.manager import RunManager
from octopus.store import Store


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_manager(request: Request) -> RunManager:
    return request.app.state.manager


def http_error(status: int, message: str, issues: list[Issue] | None = None) -> HTTPException:
    detail: dict[str, Any] = {"message": message}
    if issues is not None:
        detail["issues"] = [i.model_dump() for i in issues]
    return HTTPException(status, detail)


def parse_pipeline(data: Any) -> Pipeline:
    """The IR from request JSON, or a 400 that says where it is wrong."""
    try:
        return from_data(data)
    except PipelineLoadError as exc:
        raise http_error(400, "not a valid pipeline", exc.issues) from None
