"""How node outputs travel: small JSON values inline, everything else by reference to a
file in the artifact store (an fsspec URI), so orchestrators only ever carry JSON.

Tables (pandas DataFrames) are stored as Parquet, images as their own file (PNG), anything
else with pickle. A reference carries its path inside the store and a preview, so the web
app can show a table's first rows or the image itself without loading the value."""

from __future__ import annotations

import io
import json
import pickle
import uuid
from typing import Any

import fsspec

from octopus.nodes.media import Image, is_table
from octopus.settings import artifact_root

INLINE_LIMIT = 64 * 1024  # bytes of JSON; larger values go to the artifact store
REF_KEY = "$artifact"
PREVIEW_ROWS = 5


def is_ref(value: Any) -> bool:
    return isinstance(value, dict) and REF_KEY in value


def encode(value: Any, run_id: str, node_id: str, port: str) -> Any:
    """A JSON-able stand-in for `value`: the value itself when small, else a reference."""
    if not (is_table(value) or isinstance(value, Image)):
        try:
            text = json.dumps(value, allow_nan=False)
            if len(text) <= INLINE_LIMIT:
                return value
        except (TypeError, ValueError):
            pass
    if is_table(value):
        kind, fmt, buffer = "table", "parquet", io.BytesIO()
        value.to_parquet(buffer)
        data = buffer.getvalue()
    elif isinstance(value, Image):
        kind, fmt, data = "image", value.extension, value.data
    else:
        kind, fmt, data = type(value).__name__, "pickle", pickle.dumps(value)
    path = f"{run_id}/{node_id}/{port}-{uuid.uuid4().hex[:8]}.{fmt}"
    uri = f"{artifact_root().rstrip('/')}/{path}"
    with fsspec.open(uri, "wb", auto_mkdir=True) as f:
        f.write(data)
    ref = {REF_KEY: uri, "path": path, "format": fmt, "type": kind, "preview": preview(value)}
    if isinstance(value, Image):
        ref |= {"media_type": value.media_type, "title": value.title}
    return ref


def decode(value: Any) -> Any:
    if not is_ref(value):
        return value
    with fsspec.open(value[REF_KEY], "rb") as f:
        data = f.read()
    fmt = value.get("format")
    if fmt == "parquet":
        import pandas as pd

        return pd.read_parquet(io.BytesIO(data))
    if value.get("type") == "image":
        return Image(data, value.get("media_type", "image/png"), value.get("title", ""))
    return pickle.loads(data)  # noqa: S301 - written by our own runtime in this run's store


def read_artifact(path: str) -> bytes:
    """The bytes of an artifact by its path inside the store; refuses paths that leave it."""
    if path.startswith("/") or ".." in path.split("/") or "\\" in path:
        raise ValueError(f"artifact path {path!r} is not inside the artifact store")
    with fsspec.open(f"{artifact_root().rstrip('/')}/{path}", "rb") as f:
        return f.read()


def preview(value: Any, limit: int = 200) -> str:
    """Short text for the canvas and the run panel."""
    if is_ref(value):
        return str(value.get("preview", value[REF_KEY]))
    if is_table(value):
        rows, cols = value.shape
        head = value.head(PREVIEW_ROWS).to_string(max_cols=8, max_colwidth=16)
        return f"{rows:,} rows × {cols} columns\n{head}"
    if isinstance(value, Image):
        return f"image: {value.title or value.media_type}"
    try:
        text = value if isinstance(value, str) else json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
