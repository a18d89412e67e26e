"""Values that are files rather than data: an image a node draws (a chart), shown by the web
app on the node and in the run panel."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Image:
    data: bytes
    media_type: str = "image/png"
    title: str = ""

    @property
    def extension(self) -> str:
        return {"image/png": "png", "image/svg+xml": "svg", "image/jpeg": "jpg"}.get(self.media_type, "bin")
