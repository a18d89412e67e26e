"""The real app on a temporary OCTOPUS_HOME with its own SQLite database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from octopus.server import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OCTOPUS_HOME", str(tmp_path))  # artifacts of runs go here too
    monkeypatch.delenv("OCTOPUS_DATABASE_URL", raising=False)
    monkeypatch.delenv("OCTOPUS_EXAMPLES", raising=False)
    return tmp_path


@pytest.fixture
def client(home: Path):
    with TestClient(create_app(home)) as c:
        yield c


def example(name: str) -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text())


def python_pipeline(code: str, name: str = "py") -> dict[str, Any]:
    """One process.python node running `code` (which defines run())."""
    return {"name": name, "nodes": [{"id": "step", "type": "process.python", "params": {"code": code}}]}


def read_sse(client: TestClient, run_id: str, **kwargs: Any) -> list[tuple[int, dict[str, Any]]]:
    """(seq, event) of every frame until the server ends the stream."""
    with client.stream("GET", f"/api/runs/{run_id}/events", timeout=30, **kwargs) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        return parse_sse(response.iter_lines())


def parse_sse(lines: Any) -> list[tuple[int, dict[str, Any]]]:
    events, seq = [], None
    for line in lines:
        if line.startswith("id: "):
            seq = int(line[4:])
        elif line.startswith("data: "):
            events.append((seq, json.loads(line[6:])))
    return events


def run_to_end(client: TestClient, body: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Start a run, follow its events to the end; (final run record, events)."""
    response = client.post("/api/runs", json=body)
    assert response.status_code == 202, response.text
    run_id = response.json()["id"]
    events = [e for _, e in read_sse(client, run_id)]
    return client.get(f"/api/runs/{run_id}").json(), events
