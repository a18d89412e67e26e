"""How node outputs travel: small JSON values inline, everything else by reference to a
file in the artifact store (an fsspec URI), so orchestrators only ever carry JSON."""

from __future__ import annotations

import json
import os
import pickle
import uuid
from typing import Any

import fsspec

INLINE_LIMIT = 64 * 1024  # bytes of JSON; larger values go to the artifact store
REF_KEY = "$artifact"


def artifact_root() -> str:
    default = os.path.join(os.environ.get("OCTOPUS_HOME", os.path.expanduser("~/.octopus")), "artifacts")
    return os.environ.get("OCTOPUS_ARTIFACTS", default)


def is_ref(value: Any) -> bool:
    return isinstance(value, dict) and REF_KEY in value


def encode(value: Any, run_id: str, node_id: str, port: str) -> Any:
    """A JSON-able stand-in for `value`: the value itself when small, else a reference."""
    try:
        text = json.dumps(value, allow_nan=False)
        if len(text) <= INLINE_LIMIT:
            return value
    except (TypeError, ValueError):
        pass
    uri = f"{artifact_root().rstrip('/')}/{run_id}/{node_id}/{port}-{uuid.uuid4().hex[:8]}.pkl"
    with fsspec.open(uri, "wb", auto_mkdir=True) as f:
        pickle.dump(value, f)
    return {REF_KEY: uri, "format": "pickle", "type": type(value).__name__, "preview": preview(value)}


def decode(value: Any) -> Any:
    if is_ref(value):
        with fsspec.open(value[REF_KEY], "rb") as f:
            return pickle.load(f)  # noqa: S301 - written by our own runtime in this run's store
    return value


def preview(value: Any, limit: int = 200) -> str:
    """Short text for the canvas and the run panel."""
    if is_ref(value):
        return str(value.get("preview", value[REF_KEY]))
    try:
        text = value if isinstance(value, str) else json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
