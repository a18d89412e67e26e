"""Built-in node types. Importing this package registers them."""

from octopus.nodes.builtin import inputs, outputs, process  # noqa: F401
