"""The node catalog. A node type is a typed Python function registered with @node;
it knows nothing about orchestrators."""

from octopus.nodes.registry import CATEGORIES, Catalog, catalog, node
from octopus.nodes.spec import Many, NodeSpec, Number, OptionalText, Port, compatible

__all__ = ["CATEGORIES", "Catalog", "Many", "NodeSpec", "Number", "OptionalText", "Port", "catalog", "compatible", "node"]
