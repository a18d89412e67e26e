"""`${params.name}` references: finding them, resolving them, checking run-time values."""

from __future__ import annotations

import json
import re
from typing import Any

from octopus.ir.models import ParamSpec

# `$${` escapes a literal `${`; group 1 is the escape, group 2 the parameter name.
_REF = re.compile(r"\$(\$?)\{params\.([A-Za-z_][A-Za-z0-9_]*)\}")
_WHOLE = re.compile(r"^\$\{params\.([A-Za-z_][A-Za-z0-9_]*)\}$")

_PY_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


class ParamError(ValueError):
    """A run-time parameter value that is unknown, missing or of the wrong type."""


def param_refs(value: Any) -> set[str]:
    """Names of the pipeline parameters a (nested) node parameter value refers to."""
    if isinstance(value, str):
        return {m.group(2) for m in _REF.finditer(value) if not m.group(1)}
    if isinstance(value, dict):
        return set().union(*(param_refs(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(param_refs(v) for v in value)) if value else set()
    return set()


def resolve(value: Any, params: dict[str, Any]) -> Any:
    """Replace references by values: a whole-string reference keeps the value's type."""
    if isinstance(value, str):
        if whole := _WHOLE.match(value):
            return params[whole.group(1)]

        def text(match: re.Match[str]) -> str:
            if match.group(1):
                return match.group(0)[1:]
            v = params[match.group(2)]
            return v if isinstance(v, str) else json.dumps(v)

        return _REF.sub(text, value)
    if isinstance(value, dict):
        return {k: resolve(v, params) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, params) for v in value]
    return value


def check_type(spec: ParamSpec, value: Any) -> bool:
    if isinstance(value, bool) and spec.type in ("number", "integer"):
        return False
    return isinstance(value, _PY_TYPES[spec.type])


def resolve_run_params(specs: dict[str, ParamSpec], given: dict[str, Any]) -> dict[str, Any]:
    """Defaults plus the run's values, every one checked. Raises ParamError naming all problems."""
    problems = [f"unknown parameter '{k}' (known: {', '.join(specs) or 'none'})" for k in given if k not in specs]
    values: dict[str, Any] = {}
    for name, spec in specs.items():
        if name in given:
            value = given[name]
        elif not spec.required:
            value = spec.default
        else:
            problems.append(f"parameter '{name}' is required (type {spec.type})")
            continue
        if not check_type(spec, value):
            problems.append(f"parameter '{name}' must be of type {spec.type}, got {json.dumps(value)}")
        values[name] = value
    if problems:
        raise ParamError("; ".join(problems))
    return values


def parse_cli_value(spec: ParamSpec | None, text: str) -> Any:
    """`-p name=value` on a command line: JSON, except that a string parameter takes the text as is."""
    if spec is not None and spec.type == "string":
        return text
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        if spec is None:
            return text
        raise ParamError(f"value {text!r} is not valid JSON for a parameter of type {spec.type}") from None
