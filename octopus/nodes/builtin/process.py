import statistics
import string
import textwrap
from typing import Any

from pydantic import BaseModel, Field

from octopus.nodes import Many, node


def _flatten(values: list[Any]) -> list[float]:
    """A `many` port gathers one list per reference; a single array arrives as it is."""
    flat: list[Any] = []
    for v in values:
        flat.extend(v if isinstance(v, list) else [v])
    for v in flat:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise TypeError(f"expected numbers, got {v!r}")
    return flat


@node("process.sum", category="process", title="Sum", outputs={"result": "number"}, icon="sum")
def sum_(values: Many[float]) -> float:
    """Add up numbers: one array, or several numbers or arrays wired to the same port."""
    return sum(_flatten(values))


@node("process.mean", category="process", title="Mean", outputs={"result": "number"}, icon="mean")
def mean(values: Many[float]) -> float:
    """The arithmetic mean of numbers."""
    flat = _flatten(values)
    if not flat:
        raise ValueError("the mean of no numbers is undefined")
    return statistics.fmean(flat)


class FormatParams(BaseModel):
    template: str = Field(
        description="Text with {name} placeholders, one per input port; {name:.2f} formats numbers.",
        json_schema_extra={"format": "textarea"},
    )


@node("process.format", category="process", title="Format text", outputs={"text": "string"}, icon="text")
def format_(params: FormatParams, **inputs: Any) -> str:
    """Fill a text template with the values of its inputs (any port names)."""
    for _, field, _, _ in string.Formatter().parse(params.template):
        if field is None:
            continue
        if not field.isidentifier():
            raise ValueError(f"placeholder {{{field}}} must be a plain input name")
        if field not in inputs:
            raise ValueError(f"placeholder {{{field}}} has no input (inputs: {', '.join(inputs) or 'none'})")
    return params.template.format_map(inputs)


class PythonParams(BaseModel):
    code: str = Field(
        description="Python source defining the function below. It gets the inputs as keyword "
        "arguments and returns the result.",
        json_schema_extra={"format": "code"},
    )
    function: str = Field("run", description="Name of the function to call.", pattern=r"^[A-Za-z_]\w*$")


@node("process.python", category="process", title="Python function", outputs={"result": "any"}, icon="code")
def python(params: PythonParams, **inputs: Any) -> Any:
    """Your own Python function over the inputs: the low-code escape hatch."""
    namespace: dict[str, Any] = {"__name__": "octopus_user_code"}
    code = compile(textwrap.dedent(params.code), "<process.python code>", "exec")
    exec(code, namespace)  # noqa: S102 - running the user's own code is this node's job
    func = namespace.get(params.function)
    if not callable(func):
        raise ValueError(f"the code defines no function '{params.function}'")
    return func(**inputs)
