"""output.chart draws real PNGs with matplotlib: every kind, read back at the expected size."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib import image as mpimg

from octopus.nodes.media import Image
from octopus.runtime import values
from tests.nodes.pipelines import run

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Iris, a model trained on part of it and its evaluation: what the charts draw.
SOURCES = [
    {"id": "iris", "type": "data.sample", "params": {"dataset": "iris"}},
    {"id": "split", "type": "table.split", "inputs": {"table": "iris.table"}, "params": {"test_size": 0.3, "seed": 1}},
    {"id": "rf", "type": "ml.train", "inputs": {"table": "split.train"},
     "params": {"estimator": "random_forest_classifier", "hyperparameters": {"n_estimators": 10}}},
    {"id": "lr", "type": "ml.train", "inputs": {"table": "split.train"},
     "params": {"estimator": "logistic_regression"}},
    {"id": "evaluate", "type": "ml.evaluate", "inputs": {"model": "rf.model", "table": "split.test"}},
    {"id": "by_class", "type": "table.aggregate", "inputs": {"table": "iris.table"},
     "params": {"group_by": ["target"], "aggregations": [
         {"column": "sepal length (cm)", "func": "mean", "as": "sepal"},
         {"column": "petal length (cm)", "func": "mean", "as": "petal"}]}},
]

# chart id -> (input, params); each has its own size, to check the pixels.
CHARTS = {
    "line": ("iris.table", {"kind": "line", "y": ["sepal length (cm)", "petal length (cm)"], "width": 6, "height": 4}),
    "bar": ("by_class.table", {"kind": "bar", "x": "target", "y": ["sepal", "petal"], "width": 5, "height": 3}),
    "one_bar": ("by_class.table", {"kind": "bar", "x": "target", "y": "petal", "width": 4, "height": 3}),
    "scatter": ("iris.table", {"kind": "scatter", "x": "sepal length (cm)", "y": "petal length (cm)",
                               "width": 7, "height": 5}),
    "histogram": ("iris.table", {"kind": "histogram", "x": "petal width (cm)", "bins": 12, "width": 6, "height": 3}),
    "confusion": ("evaluate.confusion", {"kind": "confusion_matrix", "title": "Iris confusion", "width": 5,
                                         "height": 5}),
    "importance": ("rf.model", {"kind": "feature_importance", "width": 8, "height": 4}),
    "coefficients": ("lr.model", {"kind": "feature_importance", "width": 8, "height": 4}),
}


def chart(node_id: str, source: str, params: dict) -> dict:
    return {"id": node_id, "type": "output.chart", "inputs": {"data": source}, "params": params}


@pytest.fixture(scope="module")
def drawn():
    result, _ = run(*SOURCES, *(chart(name, source, params) for name, (source, params) in CHARTS.items()))
    assert result.status == "succeeded", result.error
    return result


@pytest.mark.parametrize("name", list(CHARTS))
def test_each_kind_draws_a_png_of_the_asked_size(drawn, name):
    image = values.decode(drawn.outputs[name]["image"])
    assert isinstance(image, Image) and image.media_type == "image/png"
    assert image.data.startswith(PNG_SIGNATURE)
    pixels = mpimg.imread(io.BytesIO(image.data), format="png")
    params = CHARTS[name][1]
    assert pixels.shape[:2] == (params["height"] * 100, params["width"] * 100)
    # Something was drawn: a blank canvas has a single colour.
    assert len(np.unique(pixels.reshape(-1, pixels.shape[2]), axis=0)) > 20


def test_titles(drawn):
    assert values.decode(drawn.outputs["confusion"]["image"]).title == "Iris confusion"
    assert values.decode(drawn.outputs["scatter"]["image"]).title == "scatter"  # the kind, when no title


def test_different_data_draw_different_pictures(drawn):
    images = {name: values.decode(drawn.outputs[name]["image"]).data for name in CHARTS}
    assert images["importance"] != images["coefficients"]  # same size, other model


@pytest.mark.parametrize("params,message", [
    ({"kind": "line", "y": "petal lenght"}, ("column 'petal lenght' (y) is not in the table (columns: sepal "
                                             "length (cm), sepal width (cm), petal length (cm), petal width (cm), "
                                             "target)")),
    ({"kind": "scatter", "x": "nope", "y": "target"}, "column 'nope' (x) is not in the table"),
    ({"kind": "histogram", "x": "species"}, "column 'species' (x) is not in the table"),
    ({"kind": "scatter", "x": "target"}, "a scatter chart needs both x and y columns"),
    ({"kind": "feature_importance"}, ("a feature_importance chart needs a fitted model with "
                                      "feature_importances_ or coef_ (e.g. from ml.train), got DataFrame")),
])
def test_bad_columns_and_kinds_give_clear_errors(params, message):
    result, _ = run(SOURCES[0], chart("chart", "iris.table", params))
    assert result.status == "failed"
    assert result.failed_node == "chart"
    assert message in result.error


def test_a_model_is_not_a_table():
    result, _ = run(*SOURCES[:3], chart("chart", "rf.model", {"kind": "confusion_matrix"}))
    assert result.status == "failed"
    assert "a confusion_matrix chart needs a table on input 'data', got RandomForestClassifier" in result.error


def test_text_columns_cannot_be_plotted_as_numbers():
    result, _ = run({"id": "t", "type": "process.python", "params": {
        "code": "import pandas as pd\ndef run():\n    return pd.DataFrame({'city': ['Oslo', 'Lima'], 'n': [1, 2]})\n"}},
        chart("chart", "t.result", {"kind": "line", "y": "city"}))
    assert result.status == "failed"
    assert "column 'city' (y) is not numeric" in result.error
