"""Pydantic models of a pipeline. Their JSON Schema is the format's documentation."""

from __future__ import annotations

import math
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator

NODE_ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_-]{0,63}$"
PARAM_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]{0,63}$"
PORT_REF_PATTERN = r"^[A-Za-z_][A-Za-z0-9_-]{0,63}\.[A-Za-z_][A-Za-z0-9_]*$"

ParamType = Literal["string", "number", "integer", "boolean", "array", "object"]


class Issue(BaseModel):
    """One thing wrong with a pipeline, located as precisely as we can."""

    node: str | None = Field(None, description="Id of the node at fault, if any.")
    field: str = Field("", description="Dotted path of the offending field, e.g. 'inputs.values'.")
    message: str

    def __str__(self) -> str:
        where = " ".join(filter(None, [f"node '{self.node}'" if self.node else "", self.field]))
        return f"{where}: {self.message}" if where else self.message


class PortRef(NamedTuple):
    node: str
    port: str

    def __str__(self) -> str:
        return f"{self.node}.{self.port}"


def parse_ref(text: str) -> PortRef:
    node, _, port = text.partition(".")
    return PortRef(node, port)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ParamSpec(_Model):
    """A pipeline parameter: a typed value with an optional default, overridable per run."""

    type: ParamType = Field("string", description="JSON type of the value.")
    default: Any = Field(None, description="Value used when a run gives none. No default: required.")
    description: str = ""

    @property
    def required(self) -> bool:
        return "default" not in self.model_fields_set or self.default is None


class NodeUI(BaseModel):
    """Canvas metadata. It has no meaning for a run and never reaches generated code."""

    model_config = ConfigDict(extra="allow")
    x: int | float
    y: int | float


class Node(_Model):
    id: str = Field(pattern=NODE_ID_PATTERN, description="Unique id; other nodes refer to its ports as `id.port`.")
    type: str = Field(description="Node type from the catalog, e.g. `process.sum` (see `octopus nodes`).")
    label: str | None = Field(None, description="Display name; the id is shown when empty.")
    description: str = ""
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="Parameter values. A whole value `${params.name}` takes the pipeline parameter "
        "with its type; inside a longer string it is interpolated as text; `$${` writes a literal `${`.",
    )
    inputs: dict[str, str | list[str]] = Field(
        default_factory=dict,
        description="Input port <- `node.port`; a list of references where a port takes many.",
    )
    retries: int = Field(0, ge=0, le=10, description="How many times a failed run of this node is retried.")
    ui: NodeUI | None = Field(None, description="Optional canvas position; no meaning for a run.")

    @field_validator("inputs")
    @classmethod
    def _refs_are_node_dot_port(cls, inputs: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
        import re

        for port, refs in inputs.items():
            for ref in refs if isinstance(refs, list) else [refs]:
                if not re.match(PORT_REF_PATTERN, ref):
                    raise ValueError(f"input '{port}': '{ref}' is not a reference of the form node.port")
        return inputs

    def refs(self) -> list[tuple[str, PortRef]]:
        """Every (input port, upstream reference) pair, in declaration order."""
        pairs = []
        for port, refs in self.inputs.items():
            for ref in refs if isinstance(refs, list) else [refs]:
                pairs.append((port, parse_ref(ref)))
        return pairs


class Pipeline(_Model):
    """An Octopus pipeline: typed parameters and a graph of nodes wired port to port."""

    model_config = ConfigDict(extra="forbid", title="Octopus pipeline")
    octopus: Literal[1] = Field(1, description="Format version.")
    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    params: dict[str, ParamSpec] = Field(default_factory=dict, description="Pipeline parameters by name.")
    nodes: list[Node] = Field(default_factory=list)

    @field_validator("params")
    @classmethod
    def _param_names(cls, params: dict[str, ParamSpec]) -> dict[str, ParamSpec]:
        import keyword
        import re

        for name in params:
            if not re.match(PARAM_NAME_PATTERN, name):
                raise ValueError(f"parameter name '{name}' must be letters, digits and _ (not starting with a digit)")
            if keyword.iskeyword(name) or name in ("params", "upstream"):
                raise ValueError(f"parameter name '{name}' is reserved; choose another")
        return params

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def structural_issues(self) -> list[Issue]:
        """Checks that need no node catalog: duplicate ids, dangling references, cycles."""
        issues: list[Issue] = []
        seen: set[str] = set()
        for node in self.nodes:
            if node.id in seen:
                issues.append(Issue(node=node.id, field="id", message=f"duplicate node id '{node.id}'"))
            seen.add(node.id)
        for node in self.nodes:
            for port, ref in node.refs():
                if ref.node not in seen:
                    issues.append(Issue(node=node.id, field=f"inputs.{port}",
                                        message=f"refers to missing node '{ref.node}'"))
                elif ref.node == node.id:
                    issues.append(Issue(node=node.id, field=f"inputs.{port}", message="a node cannot feed itself"))
        cycle = find_cycle(self)
        if cycle:
            issues.append(Issue(node=cycle[0], message="cycle: " + " -> ".join(cycle + [cycle[0]])))
        issues.extend(_non_finite_issues(self))
        return issues

    def upstream(self) -> dict[str, list[str]]:
        """node id -> ids it depends on (known nodes only, no duplicates, declaration order)."""
        ids = {n.id for n in self.nodes}
        deps: dict[str, list[str]] = {}
        for node in self.nodes:
            deps[node.id] = list(dict.fromkeys(r.node for _, r in node.refs() if r.node in ids and r.node != node.id))
        return deps


def find_cycle(pipeline: Pipeline) -> list[str]:
    """The nodes on one dependency cycle, in order, or [] when the graph is acyclic."""
    deps = pipeline.upstream()
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node_id: str) -> list[str]:
        state[node_id] = 1
        path.append(node_id)
        for dep in deps.get(node_id, []):
            if state.get(dep) == 1:
                return path[path.index(dep):][::-1]
            if dep not in state and (found := visit(dep)):
                return found
        path.pop()
        state[node_id] = 2
        return []

    for node_id in deps:
        if node_id not in state and (found := visit(node_id)):
            return found
    return []


def _non_finite_issues(pipeline: Pipeline) -> list[Issue]:
    """NaN and infinity are not JSON and cannot be written as literals in every target."""

    def bad(value: Any) -> bool:
        if isinstance(value, float):
            return not math.isfinite(value)
        if isinstance(value, dict):
            return any(bad(v) for v in value.values())
        if isinstance(value, list):
            return any(bad(v) for v in value)
        return False

    issues = [Issue(node=n.id, field=f"params.{k}", message="NaN and infinity are not allowed")
              for n in pipeline.nodes for k, v in n.params.items() if bad(v)]
    issues += [Issue(field=f"params.{k}.default", message="NaN and infinity are not allowed")
               for k, p in pipeline.params.items() if bad(p.default)]
    return issues
