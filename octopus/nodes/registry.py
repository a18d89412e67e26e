"""The catalog of node types: built-ins plus packages registered under the `octopus.nodes` entry point."""

from __future__ import annotations

import importlib
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Any, Callable

from octopus.nodes.spec import NodeSpec, spec_from_function

CATEGORIES = ["input", "process", "ml", "registry", "deploy", "llm", "output"]
_registered: dict[str, NodeSpec] = {}


def node(type: str, *, category: str, title: str, outputs: dict[str, str] | None = None,
         description: str | None = None, icon: str = "circle",
         port_types: dict[str, str] | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a node type. The function returns its outputs: a dict by port name, or,
    for a single-output node, the bare value."""

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        if type in _registered:
            raise ValueError(f"node type '{type}' is registered twice")
        _registered[type] = spec_from_function(
            func, type=type, category=category, title=title, outputs=outputs or {},
            description=description, icon=icon, port_types=port_types)
        return func

    return register


class Catalog:
    def __init__(self, specs: dict[str, NodeSpec]) -> None:
        self._specs = dict(sorted(specs.items(), key=lambda kv: (_category_rank(kv[1].category), kv[0])))

    def get(self, type: str) -> NodeSpec | None:
        return self._specs.get(type)

    def __getitem__(self, type: str) -> NodeSpec:
        spec = self._specs.get(type)
        if spec is None:
            raise KeyError(f"unknown node type '{type}'")
        return spec

    def __iter__(self):
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    def closest(self, type: str) -> str | None:
        import difflib

        match = difflib.get_close_matches(type, list(self._specs), n=1)
        return match[0] if match else None


def _category_rank(category: str) -> int:
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """Import every node package once (they register through @node) and return the catalog."""
    importlib.import_module("octopus.nodes.builtin")
    for ep in entry_points(group="octopus.nodes"):
        if ep.value != "octopus.nodes.builtin":
            importlib.import_module(ep.value)
    return Catalog(_registered)
