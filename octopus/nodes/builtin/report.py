"""An HTML report gathering a pipeline's results (tables, charts, metrics, text) into one
self-contained file in storage: images are embedded, the style is inline, nothing is fetched
from elsewhere, so the file can be mailed or opened offline."""

from __future__ import annotations

import base64
import datetime
import json
import math
import numbers
import string
from typing import Any

from pydantic import BaseModel, Field, field_validator

from octopus import storage
from octopus.nodes import Many, node
from octopus.nodes.context import Context
from octopus.nodes.media import Image, is_table

# Autoescaped (see _render): every piece of user text, table cells included, is escaped.
TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933;
         max-width: 1000px; margin: 2rem auto; padding: 0 1.25rem; }
  h1 { font-size: 1.7rem; margin-bottom: .2rem; }
  h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; padding-bottom: .3rem; border-bottom: 1px solid #e4e7eb; }
  .meta, .shape { color: #616e7c; font-size: .85rem; }
  .scroll { overflow-x: auto; }
  table { border-collapse: collapse; font-size: .88rem; font-variant-numeric: tabular-nums; }
  th, td { padding: .3rem .7rem; border-bottom: 1px solid #e4e7eb; text-align: left; white-space: nowrap; }
  th { background: #f5f7fa; font-weight: 600; }
  td.num { text-align: right; }
  tbody tr:hover { background: #f9fafb; }
  pre { background: #f5f7fa; padding: .8rem 1rem; border-radius: 6px; overflow-x: auto; font-size: .85rem; }
  p.text { white-space: pre-line; }
  p.value { font-size: 1.4rem; font-weight: 600; margin: .3rem 0; }
  img { max-width: 100%; height: auto; border: 1px solid #e4e7eb; border-radius: 6px; }
  footer { margin-top: 3rem; color: #9aa5b1; font-size: .8rem; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
<p class="meta">Run {{ run_id }} · {{ created }}</p>
{% for s in sections %}
<section>
<h2>{{ loop.index }}. {{ s.heading }}</h2>
{% if s.kind == "table" %}
{% if s.shape %}<p class="shape">{{ s.shape }}</p>{% endif %}
<div class="scroll"><table>
<thead><tr>{% for c in s.columns %}<th>{{ c }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in s.rows %}<tr>{% for cell, numeric in row %}<td{% if numeric %} class="num"{% endif %}>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table></div>
{% elif s.kind == "image" %}
<img src="data:{{ s.media_type }};base64,{{ s.data }}" alt="{{ s.heading }}">
{% elif s.kind == "text" %}
{% for paragraph in s.paragraphs %}<p class="text">{{ paragraph }}</p>
{% endfor %}
{% elif s.kind == "value" %}
<p class="value">{{ s.text }}</p>
{% else %}
<pre>{{ s.text }}</pre>
{% endif %}
</section>
{% endfor %}
<footer>Made by Octopus.</footer>
</body>
</html>
"""


class ReportParams(BaseModel):
    title: str = Field("Report", min_length=1, description="Title at the top of the report.")
    path: str = Field("reports/{run_id}.html", min_length=1, description="Where to write the report, inside "
                      "storage; {run_id} becomes the run's id.")
    max_rows: int = Field(20, ge=1, le=10_000, description="Rows shown of each table.")

    @field_validator("path")
    @classmethod
    def _only_run_id(cls, value: str) -> str:
        try:
            parts = list(string.Formatter().parse(value))
        except ValueError as exc:
            raise ValueError(f"path is not valid: {exc} (write {{{{ and }}}} for literal braces)") from None
        for _, field, spec, conversion in parts:
            if field is not None and (field != "run_id" or spec or conversion):
                raise ValueError(f"path placeholder {{{field}}} is unknown: only {{run_id}} is allowed")
        return value


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _cell(value: Any) -> tuple[str, bool]:
    """A table cell as (text, is it a number)."""
    if _is_number(value):
        if math.isnan(value):
            return "", True
        return (f"{value:.6g}" if isinstance(value, float) or type(value).__name__.startswith("float")
                else str(value)), True
    return ("" if value is None else str(value)), False


def _table(value: Any, max_rows: int) -> dict[str, Any]:
    rows, cols = value.shape
    shown = value.head(max_rows)
    # Row labels matter when they mean something (a confusion matrix's true labels), not 0, 1, 2...
    keep_index = not (type(value.index).__name__ == "RangeIndex" and value.index.name is None)
    columns = [str(c) for c in shown.columns]
    body = [[_cell(v) for v in row] for row in shown.itertuples(index=False, name=None)]
    if keep_index:
        columns = [str(value.index.name or "")] + columns
        body = [[(str(label), False)] + row for label, row in zip(shown.index, body)]
    shape = f"{rows:,} rows × {cols} columns" + (f", the first {max_rows:,} shown" if rows > max_rows else "")
    return {"kind": "table", "heading": "Table", "shape": shape, "columns": columns, "rows": body}


def _section(value: Any, max_rows: int) -> dict[str, Any]:
    if is_table(value):
        return _table(value, max_rows)
    if isinstance(value, Image):
        return {"kind": "image", "heading": value.title or "Image", "media_type": value.media_type,
                "data": base64.b64encode(value.data).decode("ascii")}
    if isinstance(value, dict) and value and all(_is_number(v) for v in value.values()):
        return {"kind": "table", "heading": "Metrics", "shape": "", "columns": ["metric", "value"],
                "rows": [[(str(k), False), _cell(v)] for k, v in value.items()]}
    if isinstance(value, (dict, list)):
        return {"kind": "pre", "heading": "Data", "text": json.dumps(value, indent=2, default=str)}
    if isinstance(value, str):
        paragraphs = [p.strip() for p in value.split("\n\n") if p.strip()]
        return {"kind": "text", "heading": "Text", "paragraphs": paragraphs}
    if _is_number(value) or isinstance(value, bool) or value is None:
        return {"kind": "value", "heading": "Value", "text": _cell(value)[0] if _is_number(value) else str(value)}
    return {"kind": "pre", "heading": type(value).__name__, "text": repr(value)[:5000]}


def _render(**context: Any) -> str:
    from jinja2 import Environment

    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(TEMPLATE).render(**context)


@node("output.report", category="output", title="HTML report", outputs={"file": "file"}, icon="report")
def report(items: Many[Any], params: ReportParams, ctx: Context) -> str:
    """Gather tables, charts, metrics and text into one HTML file in storage.

    Each connected value becomes a section, in the order connected: a table shows its first
    rows, a chart its image, metrics a two-column table."""
    path = params.path.format(run_id=ctx.run_id)  # safe: the validator allows {run_id} alone
    storage.resolve(path)  # refuse a path outside storage before doing any work
    sections = [_section(item, params.max_rows) for item in items]
    created = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    html = _render(title=params.title, run_id=ctx.run_id, created=created, sections=sections)
    written = storage.write_bytes(path, html.encode("utf-8"))
    ctx.log(f"wrote a report of {len(sections)} section(s) to {written} ({len(html):,} characters)")
    return written
