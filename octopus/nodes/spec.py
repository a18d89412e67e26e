"""What a node type is: a typed Python function plus the metadata the canvas and compiler need."""

from __future__ import annotations

import inspect
import types
import typing
from dataclasses import dataclass
from typing import Any, Callable, Literal

from pydantic import BaseModel, BeforeValidator, WrapValidator

PortType = Literal["any", "string", "number", "integer", "boolean", "array", "object",
                   "table", "model", "file", "image"]

_ANNOTATION_TYPES: dict[Any, str] = {
    str: "string", float: "number", int: "integer", bool: "boolean",
    list: "array", dict: "object", Any: "any",
}


@dataclass(frozen=True)
class Port:
    name: str
    type: PortType = "any"
    description: str = ""
    required: bool = True
    many: bool = False  # accepts several references; the function gets a list, one value each
    items: str = "any"  # for a `many` port: the type of one element, also accepted per reference

    def accepts(self, source: str) -> bool:
        return compatible(source, self.type) or (self.many and compatible(source, self.items))

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "description": self.description,
                "required": self.required, "many": self.many, "items": self.items}


def compatible(source: str, target: str) -> bool:
    """May an output of type `source` feed an input of type `target`?"""
    return source == target or "any" in (source, target) or (source, target) == ("integer", "number")


Number = typing.Annotated[float, WrapValidator(
    lambda v, validate: v if type(v) is int else validate(v))]
"""A number that stays an int when given one (15, not 15.0), with one clear error otherwise."""


BlankIsNone = BeforeValidator(lambda v: None if v == "" else v)
"""For an optional parameter: an empty text (a cleared form field, `key: ""` in YAML) means not set."""

OptionalText = typing.Annotated[str | None, BlankIsNone]


class NoParams(BaseModel):
    pass


@dataclass(frozen=True)
class NodeSpec:
    type: str
    category: str
    title: str
    description: str
    func: Callable[..., Any]
    inputs: tuple[Port, ...] = ()
    outputs: tuple[Port, ...] = ()
    params_model: type[BaseModel] = NoParams
    any_inputs: bool = False  # takes input ports of any name (a **kwargs function)
    icon: str = "circle"
    wants_context: bool = False
    takes_params: bool = False

    def input(self, name: str) -> Port | None:
        port = next((p for p in self.inputs if p.name == name), None)
        if port is None and self.any_inputs:
            return Port(name, "any")
        return port

    def output(self, name: str) -> Port | None:
        return next((p for p in self.outputs if p.name == name), None)

    def params_schema(self) -> dict[str, Any]:
        return self.params_model.model_json_schema()

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type, "category": self.category, "title": self.title,
            "description": self.description, "icon": self.icon,
            "inputs": [p.to_json() for p in self.inputs], "outputs": [p.to_json() for p in self.outputs],
            "any_inputs": self.any_inputs, "params_schema": self.params_schema(),
        }


def _port_type(annotation: Any) -> tuple[str, bool, str]:
    """(port type, many, item type) from an annotation such as `list[float]` or `Many[float]`."""
    many = typing.get_origin(annotation) is typing.Annotated and "many" in typing.get_args(annotation)[1:]
    items = "any"
    if many:
        annotation = typing.get_args(annotation)[0]
        item_args = typing.get_args(annotation)
        items = _port_type(item_args[0])[0] if item_args else "any"
    origin = typing.get_origin(annotation) or annotation
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        origin = typing.get_origin(args[0]) or args[0] if len(args) == 1 else Any
    return _ANNOTATION_TYPES.get(origin, "any"), many, items


_T = typing.TypeVar("_T")
Many = typing.Annotated[list[_T], "many"]
"""Annotation for an input that accepts a list of references, gathered into a list."""


def spec_from_function(func: Callable[..., Any], *, type: str, category: str, title: str,
                       outputs: dict[str, str], description: str | None, icon: str,
                       port_types: dict[str, str] | None = None) -> NodeSpec:
    """Read inputs and parameters off the signature: `params: Model` holds the parameters,
    `ctx` gets the run context, every other argument is an input port, **kwargs takes any port."""
    hints = typing.get_type_hints(func, include_extras=True)
    inputs: list[Port] = []
    params_model: type[BaseModel] = NoParams
    any_inputs = wants_context = takes_params = False
    for name, param in inspect.signature(func).parameters.items():
        if name == "params":
            params_model, takes_params = hints[name], True
        elif name == "ctx":
            wants_context = True
        elif param.kind is inspect.Parameter.VAR_KEYWORD:
            any_inputs = True
        else:
            port_type, many, items = _port_type(hints.get(name, Any))
            port_type = (port_types or {}).get(name, port_type)
            inputs.append(Port(name, port_type, required=param.default is inspect.Parameter.empty,  # type: ignore[arg-type]
                               many=many, items=items))
    doc = inspect.getdoc(func) or ""
    return NodeSpec(
        type=type, category=category, title=title, description=description or doc.split("\n\n")[0],
        func=func, inputs=tuple(inputs), outputs=tuple(Port(n, t) for n, t in outputs.items()),  # type: ignore[arg-type]
        params_model=params_model, any_inputs=any_inputs, icon=icon, wants_context=wants_context,
        takes_params=takes_params,
    )
