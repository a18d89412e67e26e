"""Input nodes against real things: files in storage, SQLite and PostgreSQL, an HTTP server
on loopback, scikit-learn's bundled datasets."""

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


def output(result, node_id, port="table"):
    return values.decode(result.outputs[node_id][port])


def everything_said(result, events) -> str:
    """Every log line, error and output preview of a run, as one text."""
    return "\n".join([e.model_dump_json() for e in events] + [str(result.error)])


def store(home, path: str, table: pd.DataFrame, fmt: str, **kw) -> None:
    target = home / "storage" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    {"csv": table.to_csv, "parquet": table.to_parquet, "json": table.to_json,
     "excel": table.to_excel}[fmt](target, index=False, **kw)


# --- data.sample -----------------------------------------------------------------------------

@pytest.mark.parametrize("dataset", ["iris", "wine", "diabetes", "breast_cancer"])
def test_sample_gives_sklearn_features_and_target(dataset):
    result, _ = run({"id": "s", "type": "data.sample", "params": {"dataset": dataset}})
    assert result.status == "succeeded", result.error
    table = output(result, "s")
    bunch = getattr(datasets, f"load_{dataset}")()
    assert list(table.columns) == list(bunch.feature_names) + ["target"]
    assert table.drop(columns="target").to_numpy().tolist() == bunch.data.tolist()
    assert table["target"].tolist() == bunch.target.tolist()


def test_sample_target_names_maps_class_ids_to_names():
    result, _ = run({"id": "ids", "type": "data.sample", "params": {"dataset": "wine"}},
                    {"id": "names", "type": "data.sample", "params": {"dataset": "wine", "target_names": True}})
    assert result.status == "succeeded", result.error
    ids, names = output(result, "ids"), output(result, "names")
    assert pd.api.types.is_integer_dtype(ids["target"])
    class_names = datasets.load_wine().target_names
    assert names["target"].tolist() == [class_names[i] for i in ids["target"]]


def test_sample_target_names_refused_for_a_regression_set():
    with pytest.raises(PipelineInvalid, match="numeric target"):
        run({"id": "s", "type": "data.sample", "params": {"dataset": "diabetes", "target_names": True}})


# --- data.read_file --------------------------------------------------------------------------

FRAME = pd.DataFrame({"name": ["ann", "bob", "cy"], "score": [1.5, 2.25, -3.0], "n": [1, 2, 3]})


@pytest.mark.parametrize("fmt,ext", [("csv", "csv"), ("parquet", "parquet"), ("json", "json"), ("excel", "xlsx")])
def test_read_file_reads_each_format_by_extension(home, fmt, ext):
    store(home, f"in/people.{ext}", FRAME, fmt)
    result, events = run({"id": "r", "type": "data.read_file", "params": {"path": f"in/people.{ext}"}})
    assert result.status == "succeeded", result.error
    pd.testing.assert_frame_equal(output(result, "r"), FRAME, check_dtype=False)
    assert any("read 3 rows" in e.message for e in events if e.type == "node_log")


def test_read_file_explicit_format_and_excel_sheet(home):
    target = home / "storage" / "book.data"
    target.parent.mkdir(parents=True)
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        FRAME.head(1).to_excel(writer, sheet_name="first", index=False)
        FRAME.to_excel(writer, sheet_name="second", index=False)
    result, _ = run({"id": "r", "type": "data.read_file",
                     "params": {"path": "book.data", "format": "excel", "sheet": "second"}})
    assert result.status == "succeeded", result.error
    pd.testing.assert_frame_equal(output(result, "r"), FRAME, check_dtype=False)


def test_read_file_missing_file_names_the_path():
    result, _ = run({"id": "r", "type": "data.read_file", "params": {"path": "nowhere/data.csv"}})
    assert result.status == "failed"
    assert "nowhere/data.csv" in result.error and "in storage" in result.error


def test_read_file_unknown_extension_lists_formats(home):
    (home / "storage").mkdir(parents=True)
    (home / "storage" / "notes.txt").write_text("a,b\n1,2\n")
    result, _ = run({"id": "r", "type": "data.read_file", "params": {"path": "notes.txt"}})
    assert result.status == "failed"
    assert "notes.txt" in result.error and "csv, parquet, json, excel" in result.error


def test_read_file_unreadable_content_says_formats(home):
    (home / "storage").mkdir(parents=True)
    (home / "storage" / "broken.parquet").write_text("this is not parquet")
    result, _ = run({"id": "r", "type": "data.read_file", "params": {"path": "broken.parquet"}})
    assert result.status == "failed"
    assert "could not read 'broken.parquet' as parquet" in result.error
    assert "supported formats: csv, parquet, json, excel" in result.error


@pytest.mark.parametrize("path,reason", [("../outside.csv", "'..'"), ("/etc/passwd", "absolute")])
def test_read_file_refuses_paths_outside_storage(tmp_path, path, reason):
    (tmp_path / "outside.csv").write_text("a\n1\n")
    result, _ = run({"id": "r", "type": "data.read_file", "params": {"path": path}})
    assert result.status == "failed"
    assert path in result.error and reason in result.error


# --- data.sql_query --------------------------------------------------------------------------

SALES = pd.DataFrame({"region": ["north", "south", "north", "east", "south"],
                      "amount": [120.0, 80.5, 15.0, 300.0, 42.0]})


def test_sql_query_sqlite_with_bound_parameters(tmp_path):
    url = f"sqlite:///{tmp_path / 'sales.db'}"
    engine = sa.create_engine(url)
    SALES.to_sql("sales", engine, index=False)
    engine.dispose()
    query = "SELECT region, amount FROM sales WHERE amount >= :minimum AND region != :skip ORDER BY amount"
    result, events = run(
        {"id": "q", "type": "data.sql_query", "params": {"url": url, "query": query,
                                                         "query_params": {"minimum": 40, "skip": "east"}}},
        # The same query with a value that would break out of a pasted-in string: bound, it matches nothing.
        {"id": "inject", "type": "data.sql_query", "params": {"url": url, "query": query,
                                                              "query_params": {"minimum": 0, "skip": "x' OR '1'='1"}}})
    assert result.status == "succeeded", result.error
    expected = SALES[(SALES.amount >= 40) & (SALES.region != "east")].sort_values("amount")
    assert output(result, "q").to_dict("records") == expected.to_dict("records")
    assert len(output(result, "inject")) == len(SALES)  # the odd text is a value compared with region, no SQL
    assert any("sqlite database on a local file" in e.message for e in events if e.type == "node_log")


def secret_pg_url(monkeypatch, name="SALES_DB_URL") -> tuple[str, str]:
    """Put a URL with a password in an environment secret (trust auth ignores the password)."""
    password = f"pw-{uuid.uuid4().hex}"
    url = f"postgresql+psycopg://postgres:{password}@127.0.0.1:5432/test"
    monkeypatch.setenv(name, url)
    return url, password


def test_sql_query_postgres_through_a_secret_never_shows_it(monkeypatch, pg_schema):
    engine = sa.create_engine(PG_URL)
    SALES.to_sql("sales", engine, schema=pg_schema, index=False)
    engine.dispose()
    url, password = secret_pg_url(monkeypatch)
    result, events = run({"id": "q", "type": "data.sql_query", "params": {
        "url_secret": "SALES_DB_URL", "query_params": {"region": "south"},
        "query": f"SELECT region, SUM(amount) AS total FROM {pg_schema}.sales WHERE region = :region GROUP BY region"}})
    assert result.status == "succeeded", result.error
    assert output(result, "q").to_dict("records") == [{"region": "south", "total": SALES.amount[SALES.region == "south"].sum()}]
    said = everything_said(result, events)
    assert "postgresql database on 127.0.0.1:5432" in said
    assert password not in said and url not in said


def test_sql_query_error_names_the_problem_but_not_the_secret(monkeypatch, pg_schema):
    url, password = secret_pg_url(monkeypatch)
    result, events = run({"id": "q", "type": "data.sql_query", "params": {
        "url_secret": "SALES_DB_URL", "query": f"SELECT * FROM {pg_schema}.no_such_table"}})
    assert result.status == "failed"
    assert "no_such_table" in result.error
    said = everything_said(result, events)
    assert password not in said and url not in said


def test_sql_query_missing_secret_says_how_to_set_it():
    result, _ = run({"id": "q", "type": "data.sql_query", "params": {"url_secret": "NO_SUCH_DB_URL",
                                                                     "query": "SELECT 1"}})
    assert result.status == "failed"
    assert "secret 'NO_SUCH_DB_URL' is not set" in result.error


@pytest.mark.parametrize("params,message", [
    ({"url": "sqlite:///a.db", "url_secret": "DB_URL"}, "exactly one of url"),
    ({}, "exactly one of url"),
    ({"url": "postgresql+psycopg://me:hunter2@db/x"}, "must not contain a password"),
    ({"url": "not a url"}, "url is not a SQLAlchemy URL"),
    ({"url_secret": "not a name!"}, "should match pattern"),
])
def test_sql_query_bad_connection_parameters(params, message):
    with pytest.raises(PipelineInvalid, match=message) as caught:
        run({"id": "q", "type": "data.sql_query", "params": {**params, "query": "SELECT 1"}})
    assert "node 'q'" in str(caught.value)
    assert "hunter2" not in str(caught.value)


# --- data.http -------------------------------------------------------------------------------

ITEMS = [{"id": 1, "name": "pen", "price": {"eur": 1.5}}, {"id": 2, "name": "ink", "price": {"eur": 7.0}}]


def test_http_get_sends_secret_headers_and_tables_the_records(httpserver, monkeypatch):
    token = f"Bearer tok-{uuid.uuid4().hex}"
    monkeypatch.setenv("API_TOKEN", token)
    httpserver.expect_request("/api/items", method="GET", query_string={"page": "2"}).respond_with_json(
        {"data": {"items": ITEMS}, "page": 2})
    result, events = run({"id": "h", "type": "data.http", "params": {
        "url": httpserver.url_for("/api/items"), "query": {"page": 2},
        "headers": {"Authorization": "API_TOKEN"}, "records_path": "data.items"}})
    assert result.status == "succeeded", result.error
    (request, _), = httpserver.log
    assert request.headers["Authorization"] == token
    assert output(result, "h", "json") == {"data": {"items": ITEMS}, "page": 2}
    table = output(result, "h")
    assert table.to_dict("records") == [{"id": 1, "name": "pen", "price.eur": 1.5},
                                        {"id": 2, "name": "ink", "price.eur": 7.0}]
    assert token not in everything_said(result, events)


def test_http_post_sends_the_json_body_and_a_top_level_list_is_a_table(httpserver):
    httpserver.expect_request("/search", method="POST").respond_with_json(ITEMS[:1])
    result, _ = run({"id": "h", "type": "data.http", "params": {
        "method": "POST", "url": httpserver.url_for("/search"), "body": {"q": "pen", "limit": 5}}})
    assert result.status == "succeeded", result.error
    (request, _), = httpserver.log
    assert request.get_json() == {"q": "pen", "limit": 5}
    assert output(result, "h")["name"].tolist() == ["pen"]


def test_http_object_answer_gives_an_empty_table(httpserver):
    httpserver.expect_request("/status").respond_with_json({"ok": True})
    result, _ = run({"id": "h", "type": "data.http", "params": {"url": httpserver.url_for("/status")}})
    assert result.status == "succeeded", result.error
    assert output(result, "h", "json") == {"ok": True}
    assert output(result, "h").empty


def test_http_error_status_shows_code_and_start_of_body(httpserver):
    httpserver.expect_request("/down").respond_with_data("A" * 300 + "B" * 700, status=503)
    result, _ = run({"id": "h", "type": "data.http", "params": {"url": httpserver.url_for("/down")}})
    assert result.status == "failed"
    assert "HTTP 503" in result.error and "A" * 300 in result.error and "B" not in result.error.split("A" * 300)[1]


def test_http_records_path_that_misses_lists_the_keys(httpserver):
    httpserver.expect_request("/api").respond_with_json({"data": {"rows": ITEMS}})
    result, _ = run({"id": "h", "type": "data.http", "params": {"url": httpserver.url_for("/api"),
                                                                "records_path": "data.items"}})
    assert result.status == "failed"
    assert "records_path 'data.items'" in result.error and "no key 'items'" in result.error
    assert "keys: rows" in result.error


def test_http_body_with_get_is_refused():
    with pytest.raises(PipelineInvalid, match="body is sent with POST only"):
        run({"id": "h", "type": "data.http", "params": {"url": "http://127.0.0.1:1/", "body": {"a": 1}}})
