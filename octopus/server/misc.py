"""Small read-only endpoints: health, the pipeline JSON Schema, engines, YAML conversion,
validation and the example pipelines."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Body
from pydantic import BaseModel

import octopus
from octopus.compiler import validate
from octopus.ir import Issue, Pipeline, PipelineLoadError, dump_yaml, load, loads
from octopus.ir.io import from_data, to_data
from octopus.runtime.engines import ENGINES, TITLES
from octopus.server.common import http_error, parse_pipeline
from octopus.settings import examples_dir

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["misc"])


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok", "version": octopus.__version__}


@router.get("/schema")
def pipeline_schema() -> dict[str, Any]:
    """JSON Schema of a pipeline, for the YAML editor and the web app's types."""
    return Pipeline.model_json_schema()


@router.get("/engines")
def list_engines() -> list[dict[str, str]]:
    return [{"name": name, "title": TITLES.get(name, name)} for name in ENGINES]


class ValidateOut(BaseModel):
    valid: bool
    issues: list[Issue]


@router.post("/validate")
def validate_pipeline(data: Any = Body(...)) -> ValidateOut:
    """Every issue, shape errors included: a 200 answer whatever the JSON was."""
    try:
        pipeline = from_data(data)
    except PipelineLoadError as exc:
        return ValidateOut(valid=False, issues=exc.issues)
    issues = validate(pipeline)
    return ValidateOut(valid=not issues, issues=issues)


class YamlText(BaseModel):
    text: str


@router.post("/yaml/dump")
def yaml_dump(data: Any = Body(...)) -> dict[str, str]:
    return {"yaml": dump_yaml(parse_pipeline(data))}


@router.post("/yaml/load")
def yaml_load(body: YamlText) -> dict[str, Any]:
    try:
        pipeline = loads(body.text)
    except PipelineLoadError as exc:
        raise http_error(400, "not a valid pipeline", exc.issues) from None
    return {"pipeline": to_data(pipeline)}


# --- examples ---

class ExampleSummary(BaseModel):
    name: str
    title: str
    description: str


def _examples() -> dict[str, Pipeline]:
    found = {}
    for path in sorted(examples_dir().glob("*.yaml")):
        try:
            found[path.stem] = load(path)
        except PipelineLoadError as exc:  # a broken example must not hide the others
            log.warning("skipping example %s: %s", path, exc)
    return found


@router.get("/examples")
def list_examples() -> list[ExampleSummary]:
    return [ExampleSummary(name=name, title=name.replace("_", " ").replace("-", " ").capitalize(),
                           description=p.description) for name, p in _examples().items()]


@router.get("/examples/{name}")
def get_example(name: str) -> dict[str, Any]:
    """The example's pipeline JSON."""
    pipeline = _examples().get(name)  # looked up among the listed files: never a path from the request
    if pipeline is None:
        raise http_error(404, f"no example '{name}'")
    return to_data(pipeline)
