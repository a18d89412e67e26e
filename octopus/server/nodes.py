"""The node catalog, as the canvas's palette and parameter forms need it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from octopus.nodes import catalog

router = APIRouter(prefix="/api", tags=["nodes"])


@router.get("/nodes")
def list_nodes() -> list[dict[str, Any]]:
    """Every node type: category, title, ports and the JSON Schema of its parameters."""
    return [spec.to_json() for spec in catalog()]
