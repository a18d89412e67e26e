"""output.report writes a real, self-contained HTML file into storage."""

from __future__ import annotations

import base64
import re

import pytest

from octopus.compiler import PipelineInvalid
from octopus.runtime import values
from tests.nodes.pipelines import run

pytestmark = pytest.mark.usefixtures("home")


def python(node_id: str, code: str) -> dict:
    return {"id": node_id, "type": "process.python", "params": {"code": code}}


CITIES = python("cities", "import pandas as pd\ndef run():\n    return pd.DataFrame("
                "{'city': ['Oslo', 'Lima', 'Pune', 'Nice'], 'sales': [1250.5, 980.25, 40.0, 77.0]})\n")
METRICS = python("metrics", "def run():\n    return {'accuracy': 0.9333, 'f1_macro': 0.9214}\n")
NOTE = python("note", "def run():\n    return 'First paragraph <b>not bold</b>.\\n\\nSecond paragraph.'\n")
NESTED = python("nested", "def run():\n    return {'model': 'rf', 'classes': [0, 1, 2]}\n")
CHART = {"id": "chart", "type": "output.chart", "inputs": {"data": "cities.result"},
         "params": {"kind": "bar", "x": "city", "y": "sales", "title": "Sales by city", "width": 4, "height": 3}}


def report(items: list[str], **params) -> dict:
    return {"id": "report", "type": "output.report", "inputs": {"items": items}, "params": params}


def test_report_gathers_tables_images_metrics_and_text(home):
    result, events = run(CITIES, METRICS, NOTE, NESTED, CHART,
                         report(["cities.result", "chart.image", "metrics.result", "note.result", "nested.result"],
                                title="<script>alert('x')</script> Quarterly", max_rows=3))
    assert result.status == "succeeded", result.error
    path = result.outputs["report"]["file"]
    assert path == f"reports/{result.run_id}.html"  # the default path, {run_id} filled in
    html = (home / "storage" / path).read_text(encoding="utf-8")
    # The table: its first max_rows rows and its shape.
    for value in ("Oslo", "Lima", "Pune", "1250.5", "980.25"):
        assert f">{value}</td>" in html
    assert "Nice" not in html
    assert "4 rows × 2 columns, the first 3 shown" in html
    assert html.count('<p class="shape">') == 1  # the metrics table has no shape line
    # The chart, embedded: the very PNG the chart node drew.
    [encoded] = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="Sales by city">', html)
    assert base64.b64decode(encoded) == values.decode(result.outputs["chart"]["image"]).data
    # The metrics as a name/value table.
    assert re.search(r"<td>accuracy</td><td class=\"num\">0.9333</td>", html)
    assert re.search(r"<td>f1_macro</td><td class=\"num\">0.9214</td>", html)
    # Text as paragraphs, escaped; other objects as JSON.
    assert "<p class=\"text\">First paragraph &lt;b&gt;not bold&lt;/b&gt;.</p>" in html
    assert "<p class=\"text\">Second paragraph.</p>" in html
    assert "<pre>{\n  &#34;model&#34;: &#34;rf&#34;,\n  &#34;classes&#34;: [\n    0," in html
    # The title is escaped, never run; nothing is fetched from elsewhere.
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Quarterly" in html
    assert "http://" not in html and "https://" not in html
    assert [e.message for e in events if e.type == "node_log" and e.node_id == "report"] == [
        f"wrote a report of 5 section(s) to {path} ({len(html):,} characters)"]


def test_report_of_an_evaluation_keeps_the_confusion_matrix_labels(home):
    result, _ = run({"id": "iris", "type": "data.sample", "params": {"dataset": "iris"}},
                    {"id": "split", "type": "table.split", "inputs": {"table": "iris.table"},
                     "params": {"test_size": 0.3, "seed": 3}},
                    {"id": "train", "type": "ml.train", "inputs": {"table": "split.train"},
                     "params": {"estimator": "logistic_regression"}},
                    {"id": "evaluate", "type": "ml.evaluate", "inputs": {"model": "train.model", "table": "split.test"}},
                    report(["evaluate.metrics", "evaluate.confusion"], path="reports/iris-{run_id}.html"))
    assert result.status == "succeeded", result.error
    html = (home / "storage" / f"reports/iris-{result.run_id}.html").read_text()
    metrics = result.outputs["evaluate"]["metrics"]
    assert f'<td>accuracy</td><td class="num">{metrics["accuracy"]:.6g}</td>' in html
    # The confusion matrix's row labels (the true classes) head its rows, under the index name.
    assert "<th>true</th><th>0</th><th>1</th><th>2</th>" in html
    confusion = values.decode(result.outputs["evaluate"]["confusion"])
    row = "".join(f'<td class="num">{v}</td>' for v in confusion.loc["1"])
    assert f"<td>1</td>{row}" in html


def test_report_path_takes_only_run_id():
    with pytest.raises(PipelineInvalid) as caught:
        run(METRICS, report(["metrics.result"], path="reports/{name}.html"))
    assert "path placeholder {name} is unknown: only {run_id} is allowed" in str(caught.value)


def test_report_path_must_stay_in_storage(home):
    result, _ = run(METRICS, report(["metrics.result"], path="../outside.html"))
    assert result.status == "failed"
    assert "contains '..'" in result.error
    assert not (home / "outside.html").exists()
