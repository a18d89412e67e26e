"""What every target shares: the Bundle of generated files, and a Jinja2 environment whose
filters turn user values into Python literals, never into code."""

from __future__ import annotations

import io
import json
import zipfile
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

import jinja2

from octopus.compiler import Plan


@dataclass
class Bundle:
    """Generated files by relative path, plus the one a person opens first."""

    target: str
    files: dict[str, str]
    entry: str

    def write(self, directory: str | Path) -> Path:
        directory = Path(directory)
        for rel, text in self.files.items():
            path = directory / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return directory

    def zip_bytes(self, folder: str = "") -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for rel, text in sorted(self.files.items()):
                # A fixed timestamp keeps the archive byte-for-byte the same for the same plan.
                info = zipfile.ZipInfo(f"{folder}/{rel}" if folder else rel, date_time=(2020, 1, 1, 0, 0, 0))
                info.external_attr = 0o644 << 16
                zf.writestr(info, text)
        return buf.getvalue()


class Target(ABC):
    name: ClassVar[str]
    title: ClassVar[str]
    # What the orchestrator can express. A pipeline that uses a missing one compiles with a
    # named warning in the bundle (or fails, where the result would be wrong).
    capabilities: ClassVar[dict[str, bool]]

    @abstractmethod
    def render(self, plan: Plan) -> Bundle: ...

    def warnings(self, plan: Plan) -> list[str]:
        found = []
        if not self.capabilities.get("parallel"):
            branching = [s.id for s in plan.steps if sum(s.id in t.upstream for t in plan.steps) > 1]
            if branching:
                found.append(f"{self.title} runs nodes one after another: the branches after "
                             f"{', '.join(branching)} will not run in parallel")
        return found


def py_literal(value: Any, indent: int = 0, width: int = 88) -> str:
    """A Python literal for JSON-like data: the only way user values enter generated code.
    Short values stay on one line; long dicts and lists break one item per line."""
    flat = repr(value)
    if len(flat) + indent <= width or not isinstance(value, (dict, list)) or not value:
        if not isinstance(value, (dict, list, str, int, float, bool, type(None))):
            raise TypeError(f"cannot write {type(value).__name__} as a literal")
        if isinstance(value, (dict, list)):  # check nested values, same rule
            for v in value.values() if isinstance(value, dict) else value:
                py_literal(v)
        return flat
    pad = " " * (indent + 4)
    if isinstance(value, dict):
        items = [f"{pad}{py_literal(k)}: {py_literal(v, indent + 4, width)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + "\n" + " " * indent + "}"
    items = [f"{pad}{py_literal(v, indent + 4, width)}," for v in value]
    return "[\n" + "\n".join(items) + "\n" + " " * indent + "]"


def docstring(text: str) -> str:
    """A module docstring: triple-quoted when the text is plain, else an escaped literal."""
    plain = '"""' not in text and "\\" not in text and not text.endswith('"') and all(
        c.isprintable() or c == "\n" for c in text)
    return f'"""{text}\n"""' if plain else repr(text + "\n")


PY_TYPES = {"string": "str", "number": "float", "integer": "int", "boolean": "bool", "array": "list",
            "object": "dict"}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("octopus.targets", "templates"),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        autoescape=False,  # noqa: S701 - we generate Python and YAML; values go through py/json filters
    )
    env.filters["py"] = py_literal
    env.filters["docstring"] = docstring
    env.filters["json"] = lambda v: json.dumps(v, ensure_ascii=False)
    env.filters["pytype"] = lambda spec: PY_TYPES[spec.type]
    return env


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


def param_signature(plan: Plan) -> str:
    """`numbers: list = [1, 2, 3], name: str` with required parameters first."""
    required = [f"{n}: {PY_TYPES[p.type]}" for n, p in plan.params.items() if p.required]
    optional = [f"{n}: {PY_TYPES[p.type]} = {py_literal(p.default)}" for n, p in plan.params.items()
                if not p.required]
    return ", ".join(required + optional)


def header(plan: Plan, what: str, usage: str) -> str:
    """The opening docstring of a generated Python file (pass it through the docstring filter)."""
    parts = [f"{what} generated by Octopus from the pipeline {plan.name!r}."]
    if plan.description:
        parts.append(plan.description.strip())
    parts.append(usage.strip())
    parts.append("Every step calls octopus.runtime.step.run_step, so each node runs the same code on every\n"
                 "Octopus target. This file is generated: edit the pipeline, not this file.")
    return "\n\n".join(parts)
