"""Load and dump pipelines as YAML or JSON, with errors that say where."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from octopus.ir.models import Issue, Pipeline


class PipelineLoadError(ValueError):
    """The text is not a pipeline: malformed YAML/JSON or values of the wrong shape."""

    def __init__(self, issues: list[Issue], source: str = "") -> None:
        self.issues = issues
        self.source = source
        super().__init__("\n".join(f"{source + ': ' if source else ''}{i}" for i in issues))


def loads(text: str, source: str = "") -> Pipeline:
    """Parse YAML (a superset of JSON) into a Pipeline."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise PipelineLoadError([Issue(field=where, message=f"malformed YAML: {reason}")], source) from None
    return from_data(data, source)


def load(path: str | Path) -> Pipeline:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PipelineLoadError([Issue(message=f"cannot read {path}: {exc}")], str(path)) from None
    return loads(text, str(path))


def from_data(data: Any, source: str = "") -> Pipeline:
    if not isinstance(data, dict):
        raise PipelineLoadError([Issue(message="a pipeline must be a mapping with name and nodes")], source)
    try:
        return Pipeline.model_validate(data)
    except ValidationError as exc:
        raise PipelineLoadError(issues_from_validation(exc, data), source) from None


def issues_from_validation(exc: ValidationError, data: Any) -> list[Issue]:
    """Turn pydantic's locations (nodes.2.params) into node ids and field paths."""
    issues = []
    for err in exc.errors():
        loc = list(err["loc"])
        node = None
        if len(loc) >= 2 and loc[0] == "nodes" and isinstance(loc[1], int):
            raw = data.get("nodes") or []
            raw_node = raw[loc[1]] if loc[1] < len(raw) else None
            node = str(raw_node.get("id")) if isinstance(raw_node, dict) and raw_node.get("id") else f"#{loc[1] + 1}"
            loc = loc[2:]
        message = err["msg"].removeprefix("Value error, ")
        issues.append(Issue(node=node, field=".".join(str(p) for p in loc), message=message))
    return issues


def to_data(pipeline: Pipeline) -> dict[str, Any]:
    """Plain data, without empty optional fields, in the order a person writes them."""
    return pipeline.model_dump(mode="json", exclude_defaults=True, exclude={"octopus"}) | {"octopus": 1}


def dump_yaml(pipeline: Pipeline) -> str:
    data = to_data(pipeline)
    ordered = {"octopus": 1, **{k: v for k, v in data.items() if k != "octopus"}}
    return yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)


def dump_json(pipeline: Pipeline) -> str:
    data = to_data(pipeline)
    return json.dumps({"octopus": 1, **{k: v for k, v in data.items() if k != "octopus"}}, indent=2, ensure_ascii=False)


def dump(pipeline: Pipeline, path: str | Path) -> None:
    path = Path(path)
    path.write_text(dump_json(pipeline) if path.suffix == ".json" else dump_yaml(pipeline), encoding="utf-8")
