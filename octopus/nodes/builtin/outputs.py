from typing import Any

from octopus.nodes import node
from octopus.nodes.context import Context


@node("output.log", category="output", title="Log", outputs={"value": "any"}, icon="log")
def log(ctx: Context, value: Any) -> Any:
    """Write a value to the run's log and show it as the pipeline's result."""
    ctx.log(value)
    return value
