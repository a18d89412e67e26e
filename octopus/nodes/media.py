"""Kinds of values that nodes pass and the runtime stores specially: tables (pandas
DataFrames, told apart without importing pandas) and images (a chart a node draws, shown by
the web app on the node and in the run panel)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def is_table(value: Any) -> bool:
    return type(value).__name__ == "DataFrame" and type(value).__module__.startswith("pandas")


@dataclass(frozen=True)
class Image:
    data: bytes
    media_type: str = "image/png"
    title: str = ""

    @property
    def extension(self) -> str:
        return {"image/png": "png", "image/svg+xml": "svg", "image/jpeg": "jpg"}.get(self.media_type, "bin")
