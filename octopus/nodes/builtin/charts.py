"""Charts drawn with matplotlib as PNG images: the web app shows them on the node, and
output.report puts them in a report.

A chart is drawn on a `matplotlib.figure.Figure` of its own, never through pyplot: pyplot
keeps global state, and nodes run in parallel threads."""

from __future__ import annotations

import io
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from octopus.nodes import OptionalText, node
from octopus.nodes.context import Context
from octopus.nodes.media import Image, is_table

DPI = 100  # pixels per inch: a 8 × 5 inch chart is 800 × 500 pixels
TABLE_KINDS = ("line", "bar", "scatter", "histogram")
MAX_FEATURES = 30  # a feature-importance chart shows at most this many bars


class ChartParams(BaseModel):
    kind: Literal["line", "bar", "scatter", "histogram", "confusion_matrix", "feature_importance"] = Field(
        "line", description="line, bar, scatter, histogram (of a table); confusion_matrix (of ml.evaluate's "
        "confusion table); feature_importance (of a trained model).")
    x: OptionalText = Field(None, description="Column for the horizontal axis (empty: the row number). "
                            "For a histogram: the column to count.")
    y: list[str] = Field(default_factory=list, description="Column(s) for the vertical axis; line and bar "
                         "take several (empty: every numeric column). A single name is accepted too.")
    title: str = Field("", description="Title above the chart.")
    width: float = Field(8, ge=2, le=30, description="Width in inches (100 pixels each).")
    height: float = Field(5, ge=2, le=30, description="Height in inches (100 pixels each).")
    bins: int = Field(20, ge=1, le=500, description="Number of bars of a histogram.")

    @field_validator("y", mode="before")
    @classmethod
    def _one_is_a_list(cls, value: Any) -> Any:
        if value is None or value == "":
            return []
        return [value] if isinstance(value, str) else value


def _column(table: Any, name: str, role: str) -> Any:
    if name not in table.columns:
        raise ValueError(f"column '{name}' ({role}) is not in the table "
                         f"(columns: {', '.join(map(str, table.columns)) or 'none'})")
    return table[name]


def _numeric(table: Any, name: str, role: str) -> Any:
    column = _column(table, name, role)
    if column.dtype.kind not in "biuf":
        raise ValueError(f"column '{name}' ({role}) is not numeric (it holds {column.dtype})")
    return column


def _y_columns(table: Any, params: ChartParams) -> list[str]:
    if not params.y:
        names = [c for c in table.columns if c != params.x and table[c].dtype.kind in "biuf"]
        if not names:
            raise ValueError(f"the table has no numeric column to plot; set y "
                             f"(columns: {', '.join(map(str, table.columns)) or 'none'})")
        return names
    names = params.y
    for name in names:
        _numeric(table, name, "y")
    return names


def _x_values(table: Any, params: ChartParams) -> Any:
    return _column(table, params.x, "x") if params.x else table.index


def _line(ax: Any, table: Any, params: ChartParams) -> None:
    x, names = _x_values(table, params), _y_columns(table, params)
    for name in names:
        ax.plot(x, table[name], label=str(name))
    _label(ax, params.x, names)


def _bar(ax: Any, table: Any, params: ChartParams) -> None:
    import numpy as np

    names = _y_columns(table, params)
    labels = [str(v) for v in _x_values(table, params)]
    positions = np.arange(len(labels))
    width = 0.8 / len(names)  # grouped bars share the slot of one category
    for i, name in enumerate(names):
        ax.bar(positions + (i - (len(names) - 1) / 2) * width, table[name], width, label=str(name))
    ax.set_xticks(positions, labels, rotation=45 if len(labels) > 8 else 0, ha="right" if len(labels) > 8 else "center")
    _label(ax, params.x, names)


def _scatter(ax: Any, table: Any, params: ChartParams) -> None:
    if not params.x or not params.y:
        raise ValueError("a scatter chart needs both x and y columns")
    x = _column(table, params.x, "x")
    names = _y_columns(table, params)
    for name in names:
        ax.scatter(x, table[name], s=14, alpha=0.7, label=str(name))
    _label(ax, params.x, names)


def _histogram(ax: Any, table: Any, params: ChartParams) -> None:
    if params.x:
        names = [params.x]
        _numeric(table, params.x, "x")
    else:
        names = _y_columns(table, params)
    for name in names:
        ax.hist(table[name].dropna(), bins=params.bins, alpha=0.6 if len(names) > 1 else 1.0, label=str(name))
    ax.set_xlabel(str(names[0]) if len(names) == 1 else "value")
    ax.set_ylabel("count")
    if len(names) > 1:
        ax.legend()


def _label(ax: Any, x: str | None, names: list[str]) -> None:
    ax.set_xlabel(x or "row")
    if len(names) == 1:
        ax.set_ylabel(str(names[0]))
    else:
        ax.legend()


def _confusion(ax: Any, table: Any) -> None:
    import numpy as np

    if table.empty:
        raise ValueError("the confusion matrix is empty (ml.evaluate makes one for classifiers only)")
    bad = [str(c) for c in table.columns if table[c].dtype.kind not in "biuf"]
    if bad:
        raise ValueError(f"a confusion matrix holds counts; column(s) {', '.join(bad)} are not numeric "
                         "(connect the confusion output of ml.evaluate)")
    counts = table.to_numpy()
    ax.imshow(counts, cmap="Blues")
    ax.set_xticks(range(len(table.columns)), [str(c) for c in table.columns])
    ax.set_yticks(range(len(table.index)), [str(i) for i in table.index])
    ax.set_xlabel(str(table.columns.name or "predicted"))
    ax.set_ylabel(str(table.index.name or "true"))
    middle = (counts.max() + counts.min()) / 2
    for (row, col), count in np.ndenumerate(counts):
        ax.text(col, row, f"{count:g}", ha="center", va="center",
                color="white" if count > middle else "black")


def _feature_importance(ax: Any, model: Any) -> str:
    import numpy as np

    names = getattr(model, "feature_names_in_", None)
    if hasattr(model, "feature_importances_"):
        scores, what = np.asarray(model.feature_importances_, dtype=float), "importance"
    elif hasattr(model, "coef_"):
        coef = np.asarray(model.coef_, dtype=float)
        # One row of coefficients per class for a multi-class model: their mean size.
        scores = np.abs(coef).mean(axis=0) if coef.ndim == 2 else np.abs(coef)
        what = "|coefficient|"
    else:
        raise TypeError(f"a feature_importance chart needs a fitted model with feature_importances_ or coef_ "
                        f"(e.g. from ml.train), got {type(model).__name__}")
    if names is None:
        raise ValueError(f"the model ({type(model).__name__}) does not record its feature names; "
                         "train it on a table (ml.train)")
    order = np.argsort(scores)[::-1][:MAX_FEATURES][::-1]  # largest at the top of the chart
    ax.barh([str(names[i]) for i in order], scores[order])
    ax.set_xlabel(what)
    return f"{len(order)} of {len(scores)} features"


@node("output.chart", category="output", title="Chart", outputs={"image": "image"}, icon="chart")
def chart(data: Any, params: ChartParams, ctx: Context) -> Image:
    """Draw a chart as a PNG image: line, bar, scatter or histogram of a table, a confusion
    matrix, or the feature importances of a trained model."""
    from matplotlib.figure import Figure

    if params.kind in TABLE_KINDS + ("confusion_matrix",) and not is_table(data):
        raise TypeError(f"a {params.kind} chart needs a table on input 'data', got {type(data).__name__}")
    figure = Figure(figsize=(params.width, params.height), dpi=DPI, layout="constrained")
    ax = figure.add_subplot()
    detail = ""
    if params.kind == "line":
        _line(ax, data, params)
    elif params.kind == "bar":
        _bar(ax, data, params)
    elif params.kind == "scatter":
        _scatter(ax, data, params)
    elif params.kind == "histogram":
        _histogram(ax, data, params)
    elif params.kind == "confusion_matrix":
        _confusion(ax, data)
    else:
        detail = _feature_importance(ax, data)
    title = params.title or params.kind.replace("_", " ")
    ax.set_title(title)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    size = f"{round(params.width * DPI)}×{round(params.height * DPI)}"
    ctx.log(f"drew a {params.kind} chart '{title}' ({size} pixels{', ' + detail if detail else ''})")
    return Image(data=buffer.getvalue(), media_type="image/png", title=title)
