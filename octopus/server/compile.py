"""Compile a pipeline for an orchestrator: the generated files as JSON, or as a zip download."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from octopus.compiler import PipelineInvalid, plan
from octopus.ir import Issue
from octopus.server.common import http_error, parse_pipeline
from octopus.targets import TARGETS, Bundle, get_target

router = APIRouter(prefix="/api", tags=["compile"])


class CompileRequest(BaseModel):
    pipeline: dict[str, Any]
    target: str


class CompileOut(BaseModel):
    target: str
    files: dict[str, str]
    warnings: list[str] = Field(description="What this target cannot express, e.g. parallel branches.")


@router.get("/targets")
def list_targets() -> list[dict[str, str]]:
    return [{"name": name, "title": title} for name, title in TARGETS.items()]


def _render(body: CompileRequest) -> tuple[str, Bundle, list[str]]:
    if body.target not in TARGETS:
        message = f"unknown target '{body.target}' (targets: {', '.join(TARGETS)})"
        raise http_error(400, message, [Issue(field="target", message=message)])
    pipeline = parse_pipeline(body.pipeline)
    try:
        the_plan = plan(pipeline)
    except PipelineInvalid as exc:
        raise http_error(400, "the pipeline is not valid", exc.issues) from None
    target = get_target(body.target)
    return pipeline.name, target.render(the_plan), target.warnings(the_plan)


@router.post("/compile")
def compile_pipeline(body: CompileRequest) -> CompileOut:
    _, bundle, warnings = _render(body)
    return CompileOut(target=body.target, files=bundle.files, warnings=warnings)


@router.post("/compile/zip", response_class=Response,
             responses={200: {"content": {"application/zip": {}}, "description": "The bundle as a zip file."}})
def compile_zip(body: CompileRequest) -> Response:
    name, bundle, _ = _render(body)
    # The name is the user's text: keep a file name's safe characters only.
    filename = f"{re.sub(r'[^A-Za-z0-9._-]+', '-', name).strip('-.') or 'pipeline'}-{body.target}.zip"
    return Response(bundle.zip_bytes(), media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
