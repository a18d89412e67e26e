"""The same app on a real PostgreSQL (127.0.0.1:5432, trust auth, database `test`), in a schema
of its own that is dropped afterwards."""

from __future__ import annotations

import psycopg
from fastapi.testclient import TestClient

from octopus.server import create_app
from tests.conftest import POSTGRES

from .conftest import example, run_to_end


def test_pipelines_and_runs_on_postgres(home, pg_schema, monkeypatch):
    # search_path puts every table of the app in the test's own schema.
    monkeypatch.setenv("OCTOPUS_DATABASE_URL", f"postgresql+psycopg://{POSTGRES}?options=-csearch_path%3D{pg_schema}")
    with TestClient(create_app(home)) as client:
        pipeline = example("sum_numbers")
        pid = client.post("/api/pipelines", json={"pipeline": pipeline}).json()["id"]
        assert client.put(f"/api/pipelines/{pid}", json={"pipeline": pipeline, "version": 1}).status_code == 200
        assert client.put(f"/api/pipelines/{pid}", json={"pipeline": pipeline, "version": 1}).status_code == 409
        assert [v["version"] for v in client.get(f"/api/pipelines/{pid}/versions").json()] == [2, 1]

        run, events = run_to_end(client, {"pipeline_id": pid})
        assert run["status"] == "succeeded" and run["outputs"]["total"] == {"result": 15}
        assert events[-1]["type"] == "run_finished"
        assert run["created_at"].endswith("Z")

    assert not (home / "octopus.db").exists()  # the URL was used, not the SQLite default
    with psycopg.connect(f"postgresql://{POSTGRES}") as conn:
        tables = {r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (pg_schema,))}
        count = conn.execute(f"SELECT count(*) FROM {pg_schema}.run_events").fetchone()[0]
    assert tables == {"pipelines", "pipeline_versions", "runs", "run_events"}
    assert count == len(events)
