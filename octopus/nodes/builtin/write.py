"""Nodes that put tables somewhere: a file in storage, or a database table."""

from __future__ import annotations

import io
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, Field

from octopus import storage
from octopus.nodes import node
from octopus.nodes.builtin.data import (
    DatabaseParams,
    FileFormat,
    file_format,
    open_database,
)
from octopus.nodes.context import Context


class WriteFileParams(BaseModel):
    path: str = Field(min_length=1, description="Where to write, inside storage, e.g. results/scores.csv "
                      "(folders are made; an existing file is replaced).")
    format: FileFormat = Field("auto", description="File format; auto picks it from the extension.")
    index: bool = Field(False, description="Also write the table's index (row labels) as a column.")


def _encode(table: pd.DataFrame, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "csv":
        table.to_csv(buffer, index=False)
    elif fmt == "parquet":
        table.to_parquet(buffer, index=False)
    elif fmt == "json":
        table.to_json(buffer, orient="records", date_format="iso")
    else:
        table.to_excel(buffer, index=False)
    return buffer.getvalue()


@node("output.write_file", category="output", title="Write file", outputs={"file": "file"},
      port_types={"table": "table"}, icon="save")
def write_file(table: Any, params: WriteFileParams, ctx: Context) -> str:
    """Save a table as a file in storage: CSV, Parquet, JSON or Excel."""
    storage.resolve(params.path)  # refuse a path outside storage before doing any work
    fmt = file_format(params.path, params.format)
    if params.index:
        table = table.reset_index()  # one way for every format: the index becomes ordinary columns
    written = storage.write_bytes(params.path, _encode(table, fmt))
    ctx.log(f"wrote {len(table):,} rows to {written} ({fmt})")
    return written


class WriteTableParams(DatabaseParams):
    table: str = Field(min_length=1, description="Name of the database table to write.")
    schema_: str | None = Field(None, alias="schema", description="Database schema of the table "
                                "(default: the database's default schema).")
    if_exists: Literal["fail", "replace", "append"] = Field(
        "fail", description="If the table exists: fail, replace it, or append the rows.")


@node("output.write_table", category="output", title="Write database table", outputs={"rows": "integer"},
      port_types={"table": "table"}, icon="database")
def write_table(table: Any, params: WriteTableParams, ctx: Context) -> int:
    """Write a table's rows into a database table (SQLite, PostgreSQL, any SQLAlchemy URL)."""
    engine = open_database(params, ctx)
    where = f"{params.schema_}.{params.table}" if params.schema_ else params.table
    try:
        with engine.begin() as conn:  # one transaction: all rows or none
            table.to_sql(params.table, conn, schema=params.schema_, if_exists=params.if_exists, index=False)
    except ValueError as exc:
        if params.if_exists == "fail" and "already exists" in str(exc):
            raise ValueError(f"table {where} already exists: set if_exists to replace or append") from None
        raise
    finally:
        engine.dispose()
    ctx.log(f"wrote {len(table):,} rows to {where}")
    return len(table)
