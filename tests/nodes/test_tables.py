"""Table nodes in real pipelines: each source table is a Parquet file in storage, read by
data.read_file, so the values cross node boundaries the way they do in any run."""

from __future__ import annotations

import pandas as pd
import pytest

from octopus.compiler import PipelineInvalid
from octopus.runtime import values
from tests.nodes.pipelines import run

pytestmark = pytest.mark.usefixtures("home")

PEOPLE = pd.DataFrame({
    "name": ["ann", "bob", "cy", "dana", "ed", "flo"],
    "city": ["paris", "rome", "paris", None, "oslo", "rome"],
    "age": [31, 45, 27, 38, None, 52],
    "score": [1.5, 2.0, 3.5, 0.5, 4.0, 2.5],
})


def source(home, node_id: str, table: pd.DataFrame) -> dict:
    """A data.read_file node over `table`, stored as Parquet."""
    path = home / "storage" / f"{node_id}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_parquet(path, index=False)
    return {"id": node_id, "type": "data.read_file", "params": {"path": f"{node_id}.parquet"}}


def apply(home, node_type: str, params: dict, table: pd.DataFrame = PEOPLE, port: str = "table"):
    """Run `table` through one node; the result (with status) and the output table."""
    result, _ = run(source(home, "src", table),
                    {"id": "op", "type": node_type, "inputs": {"table": "src.table"}, "params": params})
    out = values.decode(result.outputs["op"][port]) if result.status == "succeeded" else None
    return result, out


def records(table: pd.DataFrame) -> list[dict]:
    return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in table.to_dict("records")]


# --- select, rename --------------------------------------------------------------------------

def test_select_keeps_the_columns_in_order(home):
    result, out = apply(home, "table.select", {"columns": ["score", "name"]})
    assert result.status == "succeeded", result.error
    assert list(out.columns) == ["score", "name"]
    assert out["name"].tolist() == PEOPLE["name"].tolist()


def test_select_unknown_column_lists_the_available_ones(home):
    result, _ = apply(home, "table.select", {"columns": ["name", "salary"]})
    assert result.status == "failed"
    assert "unknown column 'salary'" in result.error
    assert "available: name, city, age, score" in result.error


def test_rename_and_its_errors(home):
    result, out = apply(home, "table.rename", {"mapping": {"name": "who", "score": "points"}})
    assert result.status == "succeeded", result.error
    assert list(out.columns) == ["who", "city", "age", "points"]
    result, _ = apply(home, "table.rename", {"mapping": {"nom": "who"}})
    assert "unknown column 'nom'" in result.error
    result, _ = apply(home, "table.rename", {"mapping": {"name": "city"}})
    assert "several columns are called city" in result.error


# --- filter ----------------------------------------------------------------------------------

def _rows(pred):
    return [r["name"] for r in records(PEOPLE) if pred(r)]


@pytest.mark.parametrize("conditions,expected", [
    ([{"column": "age", "op": ">", "value": 35}], _rows(lambda r: r["age"] is not None and r["age"] > 35)),
    ([{"column": "age", "op": "<=", "value": "38"}], _rows(lambda r: r["age"] is not None and r["age"] <= 38)),
    ([{"column": "city", "op": "==", "value": "paris"}, {"column": "score", "op": ">=", "value": 2}],
     _rows(lambda r: r["city"] == "paris" and r["score"] >= 2)),
    ([{"column": "city", "op": "!=", "value": "paris"}], _rows(lambda r: r["city"] != "paris")),  # a missing city is not paris
    ([{"column": "score", "op": "<", "value": 2}], _rows(lambda r: r["score"] < 2)),
    ([{"column": "city", "op": "in", "value": ["rome", "oslo"]}], _rows(lambda r: r["city"] in ("rome", "oslo"))),
    ([{"column": "city", "op": "not_in", "value": ["rome"]}], _rows(lambda r: r["city"] != "rome")),
    ([{"column": "name", "op": "contains", "value": "a"}], _rows(lambda r: "a" in r["name"])),
    ([{"column": "city", "op": "is_null"}], _rows(lambda r: r["city"] is None)),
    ([{"column": "age", "op": "not_null"}], _rows(lambda r: r["age"] is not None)),
])
def test_filter_ops(home, conditions, expected):
    result, out = apply(home, "table.filter", {"conditions": conditions})
    assert result.status == "succeeded", result.error
    assert out["name"].tolist() == expected


def test_filter_values_are_data_never_code(home, tmp_path):
    marker = tmp_path / "pwned"
    result, out = apply(home, "table.filter", {"conditions": [
        {"column": "name", "op": "==", "value": f"__import__('pathlib').Path('{marker}').touch() or 'ann'"}]})
    assert result.status == "succeeded", result.error
    assert out.empty and not marker.exists()


@pytest.mark.parametrize("condition,message", [
    ({"column": "age", "op": "~=", "value": 1}, "params.conditions.0.op"),
    ({"column": "city", "op": "in", "value": "rome"}, "needs a list"),
    ({"column": "city", "op": "is_null", "value": "x"}, "takes no value"),
    ({"column": "age", "op": ">"}, "needs a value"),
])
def test_filter_bad_conditions_are_refused_before_running(home, condition, message):
    with pytest.raises(PipelineInvalid, match=message):
        apply(home, "table.filter", {"conditions": [condition]})


def test_filter_runtime_errors_name_column_and_condition(home):
    result, _ = apply(home, "table.filter", {"conditions": [{"column": "salary", "op": "==", "value": 1}]})
    assert "unknown column 'salary'" in result.error and "available: name, city, age, score" in result.error
    result, _ = apply(home, "table.filter", {"conditions": [{"column": "age", "op": ">", "value": "old"}]})
    assert "'old' is not a number" in result.error and "'age'" in result.error
    result, _ = apply(home, "table.filter", {"conditions": [{"column": "city", "op": ">", "value": 3}]})
    assert "condition 1 (city > 3)" in result.error


# --- split -----------------------------------------------------------------------------------

def test_split_stratified_is_disjoint_complete_proportional_and_repeatable(home):
    nodes = [{"id": "iris", "type": "data.sample", "params": {"dataset": "iris"}}] + [
        {"id": f"split{i}", "type": "table.split", "inputs": {"table": "iris.table"},
         "params": {"test_size": 0.2, "seed": 7, "stratify": "target"}} for i in (1, 2)]
    result, _ = run(*nodes)
    assert result.status == "succeeded", result.error
    iris = values.decode(result.outputs["iris"]["table"])
    train, test = (values.decode(result.outputs["split1"][p]) for p in ("train", "test"))
    assert len(test) == round(len(iris) * 0.2) and len(train) + len(test) == len(iris)
    assert set(train.index).isdisjoint(test.index) and set(train.index) | set(test.index) == set(iris.index)
    share = iris["target"].value_counts(normalize=True)
    assert test["target"].value_counts(normalize=True).sort_index().tolist() == share.sort_index().tolist()
    again = values.decode(result.outputs["split2"]["test"])
    assert again.index.tolist() == test.index.tolist()


def test_split_without_shuffle_tests_on_the_last_rows(home):
    result, out = apply(home, "table.split", {"test_size": 0.5, "shuffle": False}, port="test")
    assert result.status == "succeeded", result.error
    assert out["name"].tolist() == PEOPLE["name"].tolist()[3:]


def test_split_parameter_errors(home):
    with pytest.raises(PipelineInvalid, match="params.test_size"):
        apply(home, "table.split", {"test_size": 2})
    with pytest.raises(PipelineInvalid, match="stratify needs shuffle"):
        apply(home, "table.split", {"stratify": "city", "shuffle": False})
    result, _ = apply(home, "table.split", {"stratify": "town"})
    assert "unknown stratify column 'town'" in result.error


# --- join ------------------------------------------------------------------------------------

CITIES = pd.DataFrame({"city": ["paris", "rome", "lima"], "country": ["fr", "it", "pe"], "score": [9, 8, 7]})


@pytest.mark.parametrize("how", ["inner", "left", "right", "outer"])
def test_join_matches_rows_on_the_key(home, how):
    result, _ = run(source(home, "people", PEOPLE), source(home, "cities", CITIES),
                    {"id": "op", "type": "table.join", "inputs": {"left": "people.table", "right": "cities.table"},
                     "params": {"on": ["city"], "how": how}})
    assert result.status == "succeeded", result.error
    out = values.decode(result.outputs["op"]["table"])
    assert {"score_left", "score_right", "country"} <= set(out.columns)
    pairs = {(r["name"], r["country"]) for r in records(out)}
    left, right = records(PEOPLE), records(CITIES)
    matched = {(p["name"], c["country"]) for p in left for c in right if p["city"] == c["city"]}
    only_left = {(p["name"], None) for p in left if p["city"] not in {c["city"] for c in right}}
    only_right = {(None, c["country"]) for c in right if c["city"] not in {p["city"] for p in left}}
    expected = matched | {"inner": set(), "left": only_left, "right": only_right,
                          "outer": only_left | only_right}[how]
    assert pairs == expected


def test_join_missing_key_names_the_side(home):
    result, _ = run(source(home, "people", PEOPLE), source(home, "cities", CITIES.rename(columns={"city": "town"})),
                    {"id": "op", "type": "table.join", "inputs": {"left": "people.table", "right": "cities.table"},
                     "params": {"on": ["city"]}})
    assert result.status == "failed"
    assert "right table: 'city'" in result.error and "available: town, country, score" in result.error


# --- aggregate -------------------------------------------------------------------------------

def test_aggregate_by_group_gives_flat_named_columns(home):
    result, out = apply(home, "table.aggregate", {"group_by": ["city"], "aggregations": [
        {"column": "score", "func": "sum", "as": "total"},
        {"column": "age", "func": "count"},
        {"column": "score", "func": "max", "as": "best"},
        {"column": "name", "func": "nunique", "as": "people"}]})
    assert result.status == "succeeded", result.error
    assert list(out.columns) == ["city", "total", "age_count", "best", "people"]
    rows = {r["city"]: r for r in records(out)}
    for city in {r["city"] for r in records(PEOPLE)}:
        group = [r for r in records(PEOPLE) if r["city"] == city]
        assert rows[city]["total"] == sum(r["score"] for r in group)
        assert rows[city]["age_count"] == sum(r["age"] is not None for r in group)
        assert rows[city]["best"] == max(r["score"] for r in group)
        assert rows[city]["people"] == len({r["name"] for r in group})


def test_aggregate_without_groups_gives_one_row(home):
    result, out = apply(home, "table.aggregate", {"aggregations": [
        {"column": "score", "func": "mean"}, {"column": "age", "func": "median"}, {"column": "score", "func": "std"}]})
    assert result.status == "succeeded", result.error
    assert len(out) == 1
    assert out["score_mean"][0] == pytest.approx(sum(PEOPLE.score) / len(PEOPLE))
    assert out["age_median"][0] == pytest.approx(sorted(a for a in PEOPLE.age if pd.notna(a))[2])
    assert out["score_std"][0] == pytest.approx(PEOPLE.score.std())


def test_aggregate_errors(home):
    with pytest.raises(PipelineInvalid, match="several result columns are called total"):
        apply(home, "table.aggregate", {"aggregations": [{"column": "score", "func": "sum", "as": "total"},
                                                         {"column": "age", "func": "sum", "as": "total"}]})
    with pytest.raises(PipelineInvalid, match="params.aggregations.0.func"):
        apply(home, "table.aggregate", {"aggregations": [{"column": "score", "func": "mode"}]})
    result, _ = apply(home, "table.aggregate", {"group_by": ["town"], "aggregations": [
        {"column": "score", "func": "sum"}]})
    assert "unknown column 'town'" in result.error
    result, _ = apply(home, "table.aggregate", {"aggregations": [{"column": "name", "func": "mean"}]})
    assert result.status == "failed" and "cannot aggregate" in result.error


# --- process.python over tables --------------------------------------------------------------

def test_python_node_takes_and_returns_tables(home):
    code = (
        "def run(people, cities):\n"
        "    merged = people.merge(cities, on='city')\n"
        "    merged['double'] = merged['score_x'] * 2\n"
        "    return merged[['name', 'country', 'double']]\n"
    )
    result, _ = run(source(home, "people", PEOPLE), source(home, "cities", CITIES),
                    {"id": "py", "type": "process.python", "params": {"code": code},
                     "inputs": {"people": "people.table", "cities": "cities.table"}},
                    {"id": "sel", "type": "table.select", "inputs": {"table": "py.result"},
                     "params": {"columns": ["name", "double"]}})
    assert result.status == "succeeded", result.error
    assert result.outputs["py"]["result"]["type"] == "table"  # stored as a table (Parquet), not pickled
    out = values.decode(result.outputs["sel"]["table"])
    expected = [(p["name"], p["score"] * 2) for p in records(PEOPLE) if p["city"] in set(CITIES.city)]
    assert list(zip(out["name"], out["double"])) == expected
