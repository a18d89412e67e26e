"""Output nodes writing for real: files in storage, rows in SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pandas as pd
import pytest
import sqlalchemy as sa
from sklearn import datasets

from octopus.compiler import PipelineInvalid
from octopus.runtime import values
from tests.conftest import PG_URL
from tests.nodes.pipelines import run

pytestmark = pytest.mark.usefixtures("home")

IRIS = {"id": "iris", "type": "data.sample", "params": {"dataset": "iris"}}


def iris() -> pd.DataFrame:
    return datasets.load_iris(as_frame=True).frame


def write_node(params: dict, node_type: str = "output.write_file") -> dict:
    return {"id": "write", "type": node_type, "inputs": {"table": "iris.table"}, "params": params}


# --- output.write_file -----------------------------------------------------------------------

READERS = {"csv": pd.read_csv, "parquet": pd.read_parquet, "json": pd.read_json, "xlsx": pd.read_excel}


@pytest.mark.parametrize("ext", ["csv", "parquet", "json", "xlsx"])
def test_write_file_then_read_file_round_trips(home, ext):
    path = f"out/iris.{ext}"
    result, _ = run(IRIS, write_node({"path": path}))
    assert result.status == "succeeded", result.error
    assert result.outputs["write"]["file"] == path
    on_disk = home / "storage" / path
    pd.testing.assert_frame_equal(READERS[ext](on_disk), iris(), check_dtype=False)
    # ... and data.read_file reads it back the same.
    result, _ = run({"id": "read", "type": "data.read_file", "params": {"path": path}})
    assert result.status == "succeeded", result.error
    pd.testing.assert_frame_equal(values.decode(result.outputs["read"]["table"]), iris(), check_dtype=False)


def test_write_file_explicit_format_and_index(home):
    result, _ = run(IRIS, {"id": "top", "type": "table.filter", "inputs": {"table": "iris.table"},
                           "params": {"conditions": [{"column": "target", "op": "==", "value": 2}]}},
                    {"id": "write", "type": "output.write_file", "inputs": {"table": "top.table"},
                     "params": {"path": "export.data", "format": "csv", "index": True}})
    assert result.status == "succeeded", result.error
    written = pd.read_csv(home / "storage" / "export.data")
    expected = iris()[iris().target == 2]
    assert written["index"].tolist() == expected.index.tolist()  # the original row labels, kept
    assert written.drop(columns="index").to_dict("records") == expected.to_dict("records")


def test_write_file_unknown_extension_asks_for_a_format(home):
    result, _ = run(IRIS, write_node({"path": "out/iris.dat"}))
    assert result.status == "failed"
    assert "out/iris.dat" in result.error and "set format to one of csv, parquet, json, excel" in result.error


@pytest.mark.parametrize("path,reason", [("../escape.csv", "'..'"), ("reports/../../escape.csv", "'..'"),
                                         ("/tmp/escape.csv", "absolute")])
def test_write_file_refuses_paths_outside_storage(tmp_path, path, reason):
    result, _ = run(IRIS, write_node({"path": path}))
    assert result.status == "failed"
    assert path in result.error and reason in result.error
    assert not (tmp_path / "escape.csv").exists()


# --- output.write_table ----------------------------------------------------------------------

def count(url: str, table: str) -> int:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
    engine.dispose()
    return rows


def test_write_table_sqlite_and_if_exists(tmp_path):
    url = f"sqlite:///{tmp_path / 'out.db'}"
    n = len(iris())

    def write(if_exists: str):
        return run(IRIS, write_node({"url": url, "table": "flowers", "if_exists": if_exists}, "output.write_table"))

    result, _ = write("fail")
    assert result.status == "succeeded", result.error
    assert result.outputs["write"]["rows"] == n
    engine = sa.create_engine(url)
    back = pd.read_sql_table("flowers", engine)
    engine.dispose()
    pd.testing.assert_frame_equal(back, iris(), check_dtype=False)

    result, _ = write("fail")
    assert result.status == "failed"
    assert "table flowers already exists: set if_exists to replace or append" in result.error
    assert count(url, "flowers") == n  # the refused write changed nothing

    assert write("append")[0].status == "succeeded" and count(url, "flowers") == 2 * n
    assert write("replace")[0].status == "succeeded" and count(url, "flowers") == n


def test_write_table_postgres_through_a_secret(monkeypatch, pg_schema):
    password = f"pw-{uuid.uuid4().hex}"  # trust auth ignores it; it must still never be shown
    secret_url = f"postgresql+psycopg://postgres:{password}@127.0.0.1:5432/test"
    monkeypatch.setenv("WAREHOUSE_URL", secret_url)
    params = {"url_secret": "WAREHOUSE_URL", "table": "flowers", "schema": pg_schema}
    result, events = run(IRIS, write_node(params, "output.write_table"))
    assert result.status == "succeeded", result.error
    assert result.outputs["write"]["rows"] == len(iris())
    engine = sa.create_engine(PG_URL)
    back = pd.read_sql_table("flowers", engine, schema=pg_schema)
    engine.dispose()
    pd.testing.assert_frame_equal(back, iris(), check_dtype=False)

    again, more_events = run(IRIS, write_node(params, "output.write_table"))  # if_exists: fail
    assert again.status == "failed" and f"table {pg_schema}.flowers already exists" in again.error
    said = "\n".join([e.model_dump_json() for e in events + more_events] + [str(again.error)])
    assert "postgresql database on 127.0.0.1:5432" in said
    assert password not in said and secret_url not in said


def test_write_table_needs_exactly_one_url():
    with pytest.raises(PipelineInvalid, match="exactly one of url") as caught:
        run(IRIS, write_node({"url": "sqlite:///x.db", "url_secret": "DB", "table": "t"}, "output.write_table"))
    assert "node 'write'" in str(caught.value)
    with pytest.raises(PipelineInvalid, match="params.if_exists"):
        run(IRIS, write_node({"url": "sqlite:///x.db", "table": "t", "if_exists": "merge"}, "output.write_table"))
