"""Nodes that bring tables in: files from storage, SQL databases, HTTP APIs and the sample
datasets that ship with scikit-learn. `DatabaseParams` and `open_database` are shared with
output.write_table."""

from __future__ import annotations

import io
from pathlib import PurePosixPath
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, Field, model_validator
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError

from octopus import storage
from octopus.nodes import OptionalText, node
from octopus.nodes.context import Context
from octopus.nodes.secrets import OptionalSecret, SecretName

FileFormat = Literal["auto", "csv", "parquet", "json", "excel"]
FORMATS = "csv, parquet, json, excel"
_EXTENSIONS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".json": "json",
               ".xlsx": "excel", ".xls": "excel"}


def file_format(path: str, fmt: str) -> str:
    """The format to use for `path`: the one asked for, or the one its extension says."""
    if fmt != "auto":
        return fmt
    found = _EXTENSIONS.get(PurePosixPath(path).suffix.lower())
    if found is None:
        raise ValueError(f"cannot tell the format of '{path}' from its extension: "
                         f"set format to one of {FORMATS} (extensions: {', '.join(_EXTENSIONS)})")
    return found


# --- databases -------------------------------------------------------------------------------

class DatabaseParams(BaseModel):
    url: OptionalText = Field(None, description="SQLAlchemy URL of a database that needs no password, e.g. "
                              "sqlite:///data.db. For a password, store the whole URL in a secret and use url_secret.")
    url_secret: OptionalSecret = Field(None, description="Name of the secret holding the full database URL "
                                       "with its password, e.g. postgresql+psycopg://user:pw@host/db.")

    @model_validator(mode="after")
    def _one_source(self) -> DatabaseParams:
        if (self.url is None) == (self.url_secret is None):
            raise ValueError("give exactly one of url (a database URL without a password) or url_secret "
                             "(the name of a secret holding the full URL)")
        if self.url is not None:
            # Never echo the URL here: it may be a mistyped secret.
            try:
                has_password = make_url(self.url).password is not None
            except ArgumentError:
                raise ValueError("url is not a SQLAlchemy URL (like sqlite:///data.db or "
                                 "postgresql+psycopg://host/db)") from None
            if has_password:
                raise ValueError("url must not contain a password: store the full URL in a secret "
                                 "and give its name in url_secret")
        return self


def open_database(params: DatabaseParams, ctx: Context) -> Engine:
    """A SQLAlchemy engine from url or url_secret. Logs the dialect and host, never the URL."""
    if params.url_secret:
        value = ctx.secret(params.url_secret)
        try:
            url: URL = make_url(value)
        except ArgumentError:
            raise ValueError(f"secret '{params.url_secret}' does not hold a SQLAlchemy URL "
                             "(like postgresql+psycopg://user:password@host/db)") from None
    else:
        url = make_url(params.url or "")
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")  # psycopg 3 is installed, psycopg2 (the default) is not
    where = f"{url.host}:{url.port or 'default port'}" if url.host else "a local file"
    ctx.log(f"connecting to {url.get_backend_name()} database on {where}")
    return create_engine(url)


class SqlQueryParams(DatabaseParams):
    query: str = Field(description="The SQL query. Write :name for a value from query_params.",
                       json_schema_extra={"format": "textarea"})
    query_params: dict[str, Any] = Field(default_factory=dict, description="Values bound to the query's "
                                         ":name placeholders (sent separately, never pasted into the SQL).")


@node("data.sql_query", category="input", title="SQL query", outputs={"table": "table"}, icon="database")
def sql_query(params: SqlQueryParams, ctx: Context) -> pd.DataFrame:
    """Run a SQL query on a database (SQLite, PostgreSQL, any SQLAlchemy URL) and output the rows as a table."""
    engine = open_database(params, ctx)
    try:
        with engine.connect() as conn:
            table = pd.read_sql(text(params.query), conn, params=params.query_params)
    finally:
        engine.dispose()
    ctx.log(f"query returned {len(table):,} rows × {table.shape[1]} columns")
    return table


# --- files -----------------------------------------------------------------------------------

class ReadFileParams(BaseModel):
    path: str = Field(description="Path of the file inside storage, e.g. examples/iris_batch.csv.", min_length=1)
    format: FileFormat = Field("auto", description="File format; auto picks it from the extension.")
    sheet: str | None = Field(None, description="Excel only: the sheet to read (default: the first).")


@node("data.read_file", category="input", title="Read file", outputs={"table": "table"}, icon="file")
def read_file(params: ReadFileParams, ctx: Context) -> pd.DataFrame:
    """Read a table from a file in storage: CSV, Parquet, JSON or Excel."""
    path = storage.resolve(params.path, must_exist=True)
    if path.is_dir():
        raise ValueError(f"'{params.path}' is a folder in storage, not a file")
    fmt = file_format(params.path, params.format)
    try:
        if fmt == "csv":
            table = pd.read_csv(path)
        elif fmt == "parquet":
            table = pd.read_parquet(path)
        elif fmt == "json":
            table = pd.read_json(io.StringIO(path.read_text(encoding="utf-8")))
        else:
            table = pd.read_excel(path, sheet_name=params.sheet or 0)
    except Exception as exc:
        raise ValueError(f"could not read '{params.path}' as {fmt} ({type(exc).__name__}: {exc}); "
                         f"supported formats: {FORMATS}") from exc
    ctx.log(f"read {len(table):,} rows × {table.shape[1]} columns from {params.path}")
    return table


# --- HTTP ------------------------------------------------------------------------------------

class HttpParams(BaseModel):
    method: Literal["GET", "POST"] = Field("GET", description="HTTP method.")
    url: str = Field(description="The API address, e.g. https://api.example.com/items.",
                     pattern=r"^https?://")
    query: dict[str, Any] = Field(default_factory=dict, description="Query-string parameters.")
    body: dict[str, Any] | None = Field(None, description="JSON body (POST only).")
    headers: dict[str, SecretName] = Field(default_factory=dict, description="Header name -> name of the "
                                           "secret holding its value, e.g. Authorization: API_TOKEN.")
    timeout_s: float = Field(30, gt=0, description="Seconds to wait for the answer.")
    records_path: str | None = Field(None, description="Dotted path in the JSON answer to a list of "
                                     "records, e.g. data.items (numbers index lists).")

    @model_validator(mode="after")
    def _body_needs_post(self) -> HttpParams:
        if self.body is not None and self.method != "POST":
            raise ValueError("body is sent with POST only: set method to POST or remove body")
        return self


def _follow(data: Any, dotted: str) -> Any:
    """The value at a dotted path such as `data.items` or `results.0.rows`."""
    current = data
    for depth, key in enumerate(dotted.split(".")):
        where = ".".join(dotted.split(".")[:depth]) or "the answer"
        if isinstance(current, dict):
            if key not in current:
                raise ValueError(f"records_path '{dotted}': {where} has no key '{key}' "
                                 f"(keys: {', '.join(map(str, current)) or 'none'})")
            current = current[key]
        elif isinstance(current, list) and key.isdigit():
            if int(key) >= len(current):
                raise ValueError(f"records_path '{dotted}': {where} has only {len(current)} items")
            current = current[int(key)]
        else:
            raise ValueError(f"records_path '{dotted}': cannot take '{key}' of {where}, "
                             f"which is {type(current).__name__}")
    return current


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(r, dict) for r in value)


@node("data.http", category="input", title="HTTP API", outputs={"json": "object", "table": "table"}, icon="http")
def http(params: HttpParams, ctx: Context) -> dict[str, Any]:
    """Call a JSON HTTP API; output the answer, and its records as a table."""
    import httpx

    headers = {name: ctx.secret(secret) for name, secret in params.headers.items()}
    response = httpx.request(params.method, params.url, params=params.query, json=params.body,
                             headers=headers, timeout=params.timeout_s)
    ctx.log(f"{params.method} {params.url} -> {response.status_code} ({len(response.content):,} bytes)")
    if not response.is_success:
        raise RuntimeError(f"{params.method} {params.url} answered HTTP {response.status_code}: "
                           f"{response.text[:300]}")
    try:
        data = response.json()
    except ValueError:
        raise ValueError(f"{params.url} did not answer JSON (content type "
                         f"{response.headers.get('content-type', 'unknown')}): {response.text[:300]}") from None
    records = data
    if params.records_path:
        records = _follow(data, params.records_path)
        if not _is_records(records):
            raise ValueError(f"records_path '{params.records_path}' is {type(records).__name__}, "
                             "not a list of objects")
    table = pd.json_normalize(records) if _is_records(records) else pd.DataFrame()
    return {"json": data, "table": table}


# --- sample datasets -------------------------------------------------------------------------

_CLASSIFICATION = {"iris", "wine", "breast_cancer"}


class SampleParams(BaseModel):
    dataset: Literal["iris", "wine", "diabetes", "breast_cancer"] = Field(
        "iris", description="Which scikit-learn dataset: iris, wine, breast_cancer (classes) or diabetes "
        "(a number to predict).")
    target_names: bool = Field(False, description="Put class names instead of class numbers in the target "
                               "column (classification sets only).")

    @model_validator(mode="after")
    def _names_need_classes(self) -> SampleParams:
        if self.target_names and self.dataset not in _CLASSIFICATION:
            raise ValueError(f"{self.dataset} has a numeric target, not classes: target_names does not apply")
        return self


@node("data.sample", category="input", title="Sample dataset", outputs={"table": "table"}, icon="dataset")
def sample(params: SampleParams) -> pd.DataFrame:
    """A sample table from scikit-learn (iris, wine, diabetes, breast cancer): features and a target column."""
    from sklearn import datasets

    bunch = getattr(datasets, f"load_{params.dataset}")(as_frame=True)  # bundled with sklearn: no download
    table = bunch.frame
    if params.target_names:
        table["target"] = table["target"].map({i: str(name) for i, name in enumerate(bunch.target_names)})
    return table
