"""Saved pipelines. Every save is a new version; an update names the version it was edited
from, and is refused (409, nothing written) if someone saved a newer one meanwhile."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict

from octopus.ir.io import to_data
from octopus.server.common import get_store, parse_pipeline
from octopus.store import Store

router = APIRouter(prefix="/api/pipelines", tags=["pipelines"])


class PipelineBody(BaseModel):
    pipeline: dict[str, Any]


class UpdateBody(PipelineBody):
    version: int  # the version the client's edit started from


class PipelineSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: str
    name: str
    description: str
    version: int
    created_at: datetime
    updated_at: datetime


class PipelineOut(PipelineSummary):
    pipeline: dict[str, Any]


class VersionSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    version: int
    created_at: datetime
    name: str


class VersionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    version: int
    pipeline: dict[str, Any]
    created_at: datetime


def _record(store: Store, pipeline_id: str) -> PipelineOut:
    row = store.get_pipeline(pipeline_id)
    graph = store.get_version(pipeline_id, row.version).pipeline
    return PipelineOut(**PipelineSummary.model_validate(row).model_dump(), pipeline=graph)


@router.get("")
def list_pipelines(store: Store = Depends(get_store)) -> list[PipelineSummary]:
    return [PipelineSummary.model_validate(row) for row in store.list_pipelines()]


@router.post("", status_code=201)
def create_pipeline(body: PipelineBody, store: Store = Depends(get_store)) -> PipelineOut:
    # Only the shape is checked: a pipeline being drawn may be incomplete and still be saved.
    pipeline = parse_pipeline(body.pipeline)
    row = store.create_pipeline(to_data(pipeline), pipeline.name, pipeline.description)
    return _record(store, row.id)


@router.get("/{pipeline_id}")
def get_pipeline(pipeline_id: str, store: Store = Depends(get_store)) -> PipelineOut:
    return _record(store, pipeline_id)


@router.put("/{pipeline_id}")
def update_pipeline(pipeline_id: str, body: UpdateBody, store: Store = Depends(get_store)) -> PipelineOut:
    pipeline = parse_pipeline(body.pipeline)
    store.update_pipeline(pipeline_id, to_data(pipeline), pipeline.name, pipeline.description, body.version)
    return _record(store, pipeline_id)


@router.delete("/{pipeline_id}", status_code=204)
def delete_pipeline(pipeline_id: str, store: Store = Depends(get_store)) -> Response:
    store.delete_pipeline(pipeline_id)
    return Response(status_code=204)


@router.get("/{pipeline_id}/versions")
def list_versions(pipeline_id: str, store: Store = Depends(get_store)) -> list[VersionSummary]:
    return [VersionSummary.model_validate(row) for row in store.list_versions(pipeline_id)]


@router.get("/{pipeline_id}/versions/{version}")
def get_version(pipeline_id: str, version: int, store: Store = Depends(get_store)) -> VersionOut:
    return VersionOut.model_validate(store.get_version(pipeline_id, version))
