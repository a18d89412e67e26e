"""Every check on a pipeline, collected rather than stopping at the first."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from octopus.ir import Issue, Pipeline, param_refs, resolve
from octopus.ir.params import check_type
from octopus.nodes import Catalog, NodeSpec, catalog as default_catalog


def validate(pipeline: Pipeline, catalog: Catalog | None = None,
             run_params: dict[str, Any] | None = None) -> list[Issue]:
    """All issues of the pipeline. With `run_params` (already complete and checked), node
    parameters are checked with those values; otherwise with the parameters' defaults."""
    catalog = catalog or default_catalog()
    issues = pipeline.structural_issues()
    by_id = {n.id: n for n in pipeline.nodes}
    for node in pipeline.nodes:
        spec = catalog.get(node.type)
        if spec is None:
            hint = catalog.closest(node.type)
            issues.append(Issue(node=node.id, field="type", message=f"unknown node type '{node.type}'"
                                + (f" (did you mean '{hint}'?)" if hint else "; see `octopus nodes`")))
            continue
        issues += _port_issues(node.id, node.inputs, spec, by_id, catalog)
        issues += _param_issues(pipeline, node.id, node.params, spec, run_params)
    for name, spec in pipeline.params.items():
        if not spec.required and not check_type(spec, spec.default):
            issues.append(Issue(field=f"params.{name}.default", message=f"default is not of type {spec.type}"))
    return issues


def _port_issues(node_id: str, inputs: dict[str, str | list[str]], spec: NodeSpec,
                 by_id: dict[str, Any], catalog: Catalog) -> list[Issue]:
    issues = []
    for port_name, refs in inputs.items():
        port = spec.input(port_name)
        field = f"inputs.{port_name}"
        if port is None:
            names = ", ".join(p.name for p in spec.inputs) or "none"
            issues.append(Issue(node=node_id, field=field,
                                message=f"'{spec.type}' has no input port '{port_name}' (inputs: {names})"))
            continue
        if isinstance(refs, list) and not port.many and len(refs) != 1:
            issues.append(Issue(node=node_id, field=field, message="this port takes one connection, not a list"))
        for ref_text in refs if isinstance(refs, list) else [refs]:
            src_id, _, src_port_name = ref_text.partition(".")
            src = by_id.get(src_id)
            src_spec = catalog.get(src.type) if src else None
            if src_spec is None:
                continue  # missing node or unknown type: reported on its own
            src_port = src_spec.output(src_port_name)
            if src_port is None:
                names = ", ".join(p.name for p in src_spec.outputs) or "none"
                issues.append(Issue(node=node_id, field=field, message=f"node '{src_id}' has no output port "
                                    f"'{src_port_name}' (outputs: {names})"))
            elif not port.accepts(src_port.type):
                issues.append(Issue(node=node_id, field=field, message=f"incompatible types: {ref_text} is "
                                    f"{src_port.type}, input '{port_name}' takes {port.type}"))
    for port in spec.inputs:
        if port.required and port.name not in inputs:
            issues.append(Issue(node=node_id, field=f"inputs.{port.name}", message="required input is not connected"))
    return issues


def _param_issues(pipeline: Pipeline, node_id: str, params: dict[str, Any], spec: NodeSpec,
                  run_params: dict[str, Any] | None) -> list[Issue]:
    issues = []
    unknown = sorted(param_refs(params) - set(pipeline.params))
    for name in unknown:
        issues.append(Issue(node=node_id, field="params", message=f"unknown pipeline parameter ${{params.{name}}}"
                            f" (defined: {', '.join(pipeline.params) or 'none'})"))
    if unknown:
        return issues
    if run_params is None:
        values = {k: p.default for k, p in pipeline.params.items() if not p.required}
        # A field that needs a parameter without a default can only be checked at run time.
        params = {k: v for k, v in params.items() if param_refs(v) <= set(values)}
    else:
        values = run_params
    try:
        spec.params_model.model_validate(resolve(params, values))
    except ValidationError as exc:
        for err in exc.errors():
            if run_params is None and err["type"] == "missing" and err["loc"][0] in _deferred(pipeline, node_id):
                continue
            where = ".".join(str(p) for p in err["loc"])
            issues.append(Issue(node=node_id, field=f"params.{where}" if where else "params",
                                message=err["msg"].removeprefix("Value error, ")))
    return issues


def _deferred(pipeline: Pipeline, node_id: str) -> set[str]:
    node = pipeline.node(node_id)
    return {k for k, v in (node.params if node else {}).items() if param_refs(v)}
