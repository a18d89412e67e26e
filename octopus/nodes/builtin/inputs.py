from pydantic import BaseModel, Field

from octopus.nodes import Number, node


class NumbersParams(BaseModel):
    values: list[Number] = Field(description="The numbers, in order.", min_length=1)


@node("input.numbers", category="input", title="Numbers", outputs={"values": "array"}, icon="numbers")
def numbers(params: NumbersParams) -> list[float]:
    """A fixed list of numbers."""
    return params.values


class TextParams(BaseModel):
    text: str = Field(description="The text.", json_schema_extra={"format": "textarea"})


@node("input.text", category="input", title="Text", outputs={"text": "string"}, icon="text")
def text(params: TextParams) -> str:
    """A piece of text, passed on unchanged."""
    return params.text
