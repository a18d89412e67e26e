"""Nodes that reshape tables: pick, rename and filter columns and rows, split, join, aggregate.
Every operation is spelled out as parameters; no user text is evaluated."""

from __future__ import annotations

import operator
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from octopus.nodes import node

TABLE = {"table": "table"}


def _check_columns(table: pd.DataFrame, columns: list[str], what: str = "column") -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"unknown {what} {', '.join(repr(c) for c in missing)} "
                         f"(available: {', '.join(map(str, table.columns)) or 'none'})")


# --- select, rename --------------------------------------------------------------------------

class SelectParams(BaseModel):
    columns: list[str] = Field(min_length=1, description="The columns to keep, in this order.")


@node("table.select", category="process", title="Select columns", outputs=TABLE, port_types=TABLE,
      icon="columns")
def select(table: Any, params: SelectParams) -> pd.DataFrame:
    """Keep some columns of a table, in the order given."""
    _check_columns(table, params.columns)
    return table[params.columns]


class RenameParams(BaseModel):
    mapping: dict[str, str] = Field(min_length=1, description="Old column name -> new column name.")


@node("table.rename", category="process", title="Rename columns", outputs=TABLE, port_types=TABLE,
      icon="rename")
def rename(table: Any, params: RenameParams) -> pd.DataFrame:
    """Rename columns of a table."""
    _check_columns(table, list(params.mapping))
    renamed = table.rename(columns=params.mapping)
    doubled = sorted({str(c) for c in renamed.columns if list(renamed.columns).count(c) > 1})
    if doubled:
        raise ValueError(f"after renaming, several columns are called {', '.join(doubled)}")
    return renamed


# --- filter ----------------------------------------------------------------------------------

Op = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not_in", "contains", "is_null", "not_null"]
_COMPARE = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
            ">": operator.gt, ">=": operator.ge}


class Condition(BaseModel):
    column: str = Field(description="The column to test.")
    op: Op = Field(description="The comparison. A missing value passes only is_null, != and not_in.")
    value: Any = Field(None, description="What to compare with: a list for in/not_in, nothing for "
                       "is_null/not_null.")

    @model_validator(mode="after")
    def _value_fits_op(self) -> Condition:
        if self.op in ("in", "not_in") and not isinstance(self.value, list):
            raise ValueError(f"op '{self.op}' needs a list as value")
        if self.op in ("is_null", "not_null") and self.value is not None:
            raise ValueError(f"op '{self.op}' takes no value")
        if self.op in _COMPARE and self.value is None:
            raise ValueError(f"op '{self.op}' needs a value (use is_null/not_null to test for missing values)")
        return self


class FilterParams(BaseModel):
    conditions: list[Condition] = Field(min_length=1, description="Rows must meet every condition.")


def _coerce(column: pd.Series, value: Any) -> Any:
    """Text typed into a form ("5") compared with a number column means the number."""
    if isinstance(value, str) and pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        try:
            return float(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a number, but column '{column.name}' holds numbers") from None
    return value


def _mask(table: pd.DataFrame, cond: Condition) -> pd.Series:
    column = table[cond.column]
    if cond.op == "is_null":
        return column.isna()
    if cond.op == "not_null":
        return column.notna()
    if cond.op == "contains":
        return column.astype("string").str.contains(str(cond.value), regex=False).fillna(False).astype(bool)
    if cond.op in ("in", "not_in"):
        inside = column.isin([_coerce(column, v) for v in cond.value])
        return inside if cond.op == "in" else ~inside
    return _COMPARE[cond.op](column, _coerce(column, cond.value)).fillna(False).astype(bool)


@node("table.filter", category="process", title="Filter rows", outputs=TABLE, port_types=TABLE, icon="filter")
def filter_(table: Any, params: FilterParams) -> pd.DataFrame:
    """Keep the rows that meet every condition (column, comparison, value)."""
    _check_columns(table, [c.column for c in params.conditions])
    keep = pd.Series(True, index=table.index)
    for i, cond in enumerate(params.conditions):
        try:
            keep &= _mask(table, cond)
        except TypeError as exc:
            raise ValueError(f"condition {i + 1} ({cond.column} {cond.op} {cond.value!r}): cannot compare "
                             f"column of type {table[cond.column].dtype} with {type(cond.value).__name__} "
                             f"({exc})") from None
    print(f"kept {int(keep.sum()):,} of {len(table):,} rows")
    return table[keep]


# --- split -----------------------------------------------------------------------------------

class SplitParams(BaseModel):
    test_size: float = Field(0.25, gt=0, lt=1, description="Share of rows for the test set.")
    seed: int | None = Field(42, description="Random seed, for the same split every run (empty: a new one).")
    stratify: str | None = Field(None, description="Keep this column's class proportions in both sets.")
    shuffle: bool = Field(True, description="Shuffle before splitting (off: the last rows are the test set).")

    @model_validator(mode="after")
    def _stratify_needs_shuffle(self) -> SplitParams:
        if self.stratify and not self.shuffle:
            raise ValueError("stratify needs shuffle: turn shuffle on or clear stratify")
        return self


@node("table.split", category="process", title="Train/test split", outputs={"train": "table", "test": "table"},
      port_types=TABLE, icon="split")
def split(table: Any, params: SplitParams) -> dict[str, pd.DataFrame]:
    """Split a table's rows into a training set and a test set."""
    from sklearn.model_selection import train_test_split

    stratify = None
    if params.stratify:
        _check_columns(table, [params.stratify], "stratify column")
        stratify = table[params.stratify]
    try:
        train, test = train_test_split(table, test_size=params.test_size, random_state=params.seed,
                                       shuffle=params.shuffle, stratify=stratify)
    except ValueError as exc:
        raise ValueError(f"cannot split {len(table)} rows with test_size {params.test_size}"
                         + (f" stratified by '{params.stratify}'" if params.stratify else "") + f": {exc}") from None
    return {"train": train, "test": test}


# --- join ------------------------------------------------------------------------------------

class JoinParams(BaseModel):
    on: list[str] = Field(min_length=1, description="Columns both tables share, matched to join rows.")
    how: Literal["inner", "left", "right", "outer"] = Field(
        "inner", description="Which rows to keep: matched only (inner), all of one side, or all (outer).")
    suffixes: list[str] = Field(["_left", "_right"], min_length=2, max_length=2, description="Two "
                                "endings, for the left and the right table, added to other column names in both.")


@node("table.join", category="process", title="Join tables", outputs=TABLE,
      port_types={"left": "table", "right": "table"}, icon="join")
def join(left: Any, right: Any, params: JoinParams) -> pd.DataFrame:
    """Join two tables on shared key columns."""
    _check_columns(left, params.on, "column in the left table:")
    _check_columns(right, params.on, "column in the right table:")
    return pd.merge(left, right, on=params.on, how=params.how, suffixes=tuple(params.suffixes))


# --- aggregate -------------------------------------------------------------------------------

class Aggregation(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    column: str = Field(description="The column to aggregate.")
    func: Literal["sum", "mean", "min", "max", "count", "median", "std", "nunique"] = Field(
        description="How to combine the values of each group (count: values that are not missing).")
    as_: str | None = Field(None, alias="as", description="Name of the result column (default: column_func).")

    @property
    def name(self) -> str:
        return self.as_ or f"{self.column}_{self.func}"


class AggregateParams(BaseModel):
    group_by: list[str] = Field(default_factory=list, description="Columns whose values form the groups "
                                "(none: one row for the whole table).")
    aggregations: list[Aggregation] = Field(min_length=1, description="The result columns.")

    @model_validator(mode="after")
    def _unique_names(self) -> AggregateParams:
        names = self.group_by + [a.name for a in self.aggregations]
        doubled = sorted({n for n in names if names.count(n) > 1})
        if doubled:
            raise ValueError(f"several result columns are called {', '.join(doubled)}: set 'as' to tell them apart")
        return self


@node("table.aggregate", category="process", title="Aggregate", outputs=TABLE, port_types=TABLE, icon="aggregate")
def aggregate(table: Any, params: AggregateParams) -> pd.DataFrame:
    """Group rows and summarise columns: sums, means, counts and more, one row per group."""
    _check_columns(table, params.group_by + [a.column for a in params.aggregations])
    named = {a.name: pd.NamedAgg(column=a.column, aggfunc=a.func) for a in params.aggregations}
    try:
        if params.group_by:
            return table.groupby(params.group_by, as_index=False, dropna=False).agg(**named)
        return pd.DataFrame({a.name: [table[a.column].agg(a.func)] for a in params.aggregations})
    except TypeError as exc:
        raise ValueError(f"cannot aggregate: {exc} (sum, mean, median and std need number columns)") from None
