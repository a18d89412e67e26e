"""A Plan is a validated pipeline in run order, in the plain-data form every target embeds."""

from __future__ import annotations

import re
import keyword
from typing import Any

from pydantic import BaseModel

from octopus.ir import Issue, ParamSpec, Pipeline, param_refs
from octopus.nodes import Catalog, catalog as default_catalog
from octopus.compiler.validate import validate


class PipelineInvalid(ValueError):
    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("pipeline is not valid:\n" + "\n".join(f"  - {i}" for i in issues))


class Step(BaseModel):
    """One node as the runtime executes it. `step()` is what generated code passes to run_step."""

    id: str
    type: str
    label: str
    params: dict[str, Any]
    inputs: dict[str, str | list[str]]
    retries: int
    upstream: list[str]   # node ids this step reads from
    uses_params: list[str]  # pipeline parameters its params refer to
    ident: str  # a safe Python identifier, unique in the plan

    def step(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "params": self.params, "inputs": self.inputs}


class Plan(BaseModel):
    name: str
    ident: str
    description: str
    params: dict[str, ParamSpec]
    steps: list[Step]


def identifier(text: str, taken: set[str] | None = None) -> str:
    """A Python identifier made from any text: safe to use as a function or variable name."""
    ident = re.sub(r"\W+", "_", text, flags=re.ASCII).strip("_").lower() or "x"
    if ident[0].isdigit() or keyword.iskeyword(ident) or keyword.issoftkeyword(ident):
        ident = f"n_{ident}"
    base, n = ident, 2
    while taken is not None and ident in taken:
        ident, n = f"{base}_{n}", n + 1
    if taken is not None:
        taken.add(ident)
    return ident


def plan(pipeline: Pipeline, catalog: Catalog | None = None) -> Plan:
    """Validate and order. Raises PipelineInvalid with every issue found."""
    issues = validate(pipeline, catalog or default_catalog())
    if issues:
        raise PipelineInvalid(issues)
    deps = pipeline.upstream()
    order: list[str] = []
    done: set[str] = set()
    # Kahn's algorithm, taking nodes in file order among the ready ones: stable output.
    while len(order) < len(pipeline.nodes):
        for node in pipeline.nodes:
            if node.id not in done and all(d in done for d in deps[node.id]):
                order.append(node.id)
                done.add(node.id)
                break
    # Names the templates use, and the pipeline parameters (function arguments in every target).
    taken: set[str] = {"params", "upstream", "step", "out", "tasks", "run_step", "flow", "task", "dag", "dsl",
                       "json", "sys", "main", "mlflow", "Param", "compiler", *pipeline.params}
    steps = []
    for node_id in order:
        node = pipeline.node(node_id)
        assert node is not None
        steps.append(Step(id=node.id, type=node.type, label=node.label or node.id, params=node.params,
                          inputs=node.inputs, retries=node.retries, upstream=deps[node.id],
                          uses_params=sorted(param_refs(node.params)), ident=identifier(node.id, taken)))
    return Plan(name=pipeline.name, ident=identifier(pipeline.name), description=pipeline.description,
                params=pipeline.params, steps=steps)
