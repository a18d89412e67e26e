"""Runs on the local engine: start, stored and live events over SSE, resume, failure, cancel."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from octopus.runtime.events import parse_event
from octopus.server import create_app

from .conftest import example, parse_sse, python_pipeline, read_sse, run_to_end

SLOW = "import time\ndef run():\n    time.sleep({s})\n    return 1\n"


def test_sum_numbers_runs_and_streams_its_events(client):
    response = client.post("/api/runs", json={"pipeline": example("sum_numbers")})
    assert response.status_code == 202
    started = response.json()
    assert started["status"] in ("queued", "running") and started["engine"] == "local"
    assert started["params"] == {"numbers": [1, 2, 3, 4, 5]}

    frames = read_sse(client, started["id"])
    assert [seq for seq, _ in frames] == list(range(1, len(frames) + 1))
    events = [parse_event(e) for _, e in frames]  # every frame is a valid typed event
    assert events[0].type == "run_started" and events[0].nodes == ["numbers", "total", "show"]
    total = next(e for e in events if e.type == "node_finished" and e.node_id == "total")
    assert total.status == "succeeded" and total.outputs == {"result": 15}
    assert any(e.type == "node_log" and e.node_id == "show" and e.message == "15" for e in events)
    assert events[-1].type == "run_finished" and events[-1].status == "succeeded"

    run = client.get(f"/api/runs/{started['id']}").json()
    assert run["status"] == "succeeded" and run["error"] is None and run["duration_s"] > 0
    assert run["outputs"]["total"] == {"result": 15} and run["pipeline"]["name"] == "sum-numbers"
    assert run["started_at"] <= run["finished_at"]


def test_params_override_defaults(client):
    run, events = run_to_end(client, {"pipeline": example("sum_numbers"), "params": {"numbers": [10, 20]}})
    assert run["params"] == {"numbers": [10, 20]} and run["outputs"]["total"] == {"result": 30}


def test_resume_sends_only_later_events(client):
    _, events = run_to_end(client, {"pipeline": example("sum_numbers")})
    run_id = events[0]["run_id"]
    everything = read_sse(client, run_id)
    assert len(everything) == len(events) > 3
    assert read_sse(client, run_id, headers={"Last-Event-ID": "3"}) == everything[3:]
    assert read_sse(client, run_id, params={"after": 3}) == everything[3:]
    response = client.get(f"/api/runs/{run_id}/events", headers={"Last-Event-ID": "three"})
    assert response.status_code == 400


def test_a_failing_node_fails_the_run_and_keeps_its_events(client):
    pipeline = python_pipeline("def run():\n    print('about to fail')\n    raise ValueError('boom')\n")
    run, events = run_to_end(client, {"pipeline": pipeline})
    assert run["status"] == "failed" and run["failed_node"] == "step" and "ValueError: boom" in run["error"]
    assert any(e["type"] == "node_log" and e["message"] == "about to fail" for e in events)
    assert events[-1]["type"] == "run_finished" and events[-1]["failed_node"] == "step"
    [summary] = client.get("/api/runs").json()
    assert summary["status"] == "failed" and summary["failed_node"] == "step"


def test_live_events_reach_a_client_while_the_run_goes_on(client):
    run_id = client.post("/api/runs", json={"pipeline": python_pipeline(SLOW.format(s=0.5))}).json()["id"]
    with client.stream("GET", f"/api/runs/{run_id}/events", timeout=30) as response:
        lines = response.iter_lines()
        for line in lines:
            if '"node_started"' in line:
                break
        # The node has started and not finished: the stream is live, not a replay.
        assert client.get(f"/api/runs/{run_id}").json()["status"] == "running"
        rest = parse_sse(lines)
    assert [e["type"] for _, e in rest] == ["node_finished", "run_finished"]
    # A second client, later, sees the whole run.
    assert [e["type"] for _, e in read_sse(client, run_id)] == \
        ["run_started", "node_started", "node_finished", "run_finished"]


def test_cancel(client):
    pipeline = python_pipeline(SLOW.format(s=0.5))
    pipeline["nodes"].append({"id": "after", "type": "output.log", "inputs": {"value": "step.result"}})
    run_id = client.post("/api/runs", json={"pipeline": pipeline}).json()["id"]
    assert client.post(f"/api/runs/{run_id}/cancel").status_code == 202
    events = [e for _, e in read_sse(client, run_id)]
    assert events[-1]["type"] == "run_finished" and events[-1]["status"] == "cancelled"
    assert {"type": "node_finished", "node_id": "after", "status": "cancelled"}.items() <= \
        next(e for e in events if e.get("node_id") == "after" and e["type"] == "node_finished").items()
    assert client.get(f"/api/runs/{run_id}").json()["status"] == "cancelled"
    assert client.post("/api/runs/nope/cancel").status_code == 404


def test_run_a_saved_pipeline_by_id_and_version(client):
    pipeline = example("sum_numbers")
    pid = client.post("/api/pipelines", json={"pipeline": pipeline}).json()["id"]
    pipeline["params"]["numbers"]["default"] = [100]
    client.put(f"/api/pipelines/{pid}", json={"pipeline": pipeline, "version": 1})

    latest, _ = run_to_end(client, {"pipeline_id": pid})
    first, _ = run_to_end(client, {"pipeline_id": pid, "version": 1})
    assert (latest["pipeline_version"], latest["outputs"]["total"]) == (2, {"result": 100})
    assert (first["pipeline_version"], first["outputs"]["total"]) == (1, {"result": 15})
    run_to_end(client, {"pipeline": pipeline})  # not saved: not listed under the pipeline

    listed = client.get("/api/runs", params={"pipeline_id": pid}).json()
    assert [r["id"] for r in listed] == [first["id"], latest["id"]]  # newest first
    assert set(listed[0]) == {"id", "pipeline_id", "pipeline_name", "engine", "status", "created_at",
                              "finished_at", "duration_s", "error", "failed_node"}
    assert len(client.get("/api/runs").json()) == 3
    assert len(client.get("/api/runs", params={"limit": 1}).json()) == 1


def test_every_run_is_recorded_in_mlflow(client):
    from octopus.nodes import tracking

    run, _ = run_to_end(client, {"pipeline": example("sum_numbers"), "params": {"numbers": [2, 3]}})

    def recorded():
        found = tracking.client().search_runs([tracking.ensure_experiment()],
                                              f"tags.`{tracking.RUN_TAG}` = '{run['id']}'")
        return found[0] if found and found[0].info.status == "FINISHED" else None

    deadline = time.monotonic() + 60  # recorded after run_finished has gone out, in the background
    while (mlflow_run := recorded()) is None:
        assert time.monotonic() < deadline, "the run never reached MLflow"
        time.sleep(0.2)
    assert mlflow_run.data.params == {"params.numbers": "[2, 3]"}
    assert mlflow_run.data.tags["octopus.status"] == "succeeded"


def test_unsaved_edits_of_a_saved_pipeline_run_under_its_history(client):
    pipeline = example("sum_numbers")
    pid = client.post("/api/pipelines", json={"pipeline": pipeline}).json()["id"]
    pipeline["params"]["numbers"]["default"] = [7, 7]  # edited in the editor, not saved

    run, _ = run_to_end(client, {"pipeline": pipeline, "pipeline_id": pid, "version": 1})
    assert run["outputs"]["total"] == {"result": 14}  # the edited pipeline ran
    assert (run["pipeline_id"], run["pipeline_version"]) == (pid, 1)
    assert [r["id"] for r in client.get("/api/runs", params={"pipeline_id": pid}).json()] == [run["id"]]
    assert client.post("/api/runs", json={"pipeline": pipeline, "pipeline_id": "nope"}).status_code == 404


@pytest.mark.parametrize(("body", "status", "location"), [
    ({"pipeline": {"name": "x", "nodes": [{"id": "a", "type": "nope.node"}]}}, 400, ("a", "type")),
    ({"pipeline": example("sum_numbers"), "params": {"numbers": "one, two"}}, 400, (None, "params")),
    ({"pipeline": example("sum_numbers"), "params": {"unknown": 1}}, 400, (None, "params")),
    ({"pipeline": example("sum_numbers"), "engine": "spark"}, 400, (None, "engine")),
    ({"pipeline": {"name": "x", "nodes": [{"id": "a", "type": "input.numbers", "params": {"values": "x"}}]}},
     400, ("a", "params.values")),
    ({"pipeline": {"nodes": []}}, 400, (None, "name")),
    ({"pipeline": example("sum_numbers"), "params": [1]}, 422, (None, "body.params")),
])
def test_a_run_that_cannot_start_says_where(client, body, status, location):
    response = client.post("/api/runs", json=body)
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert detail["message"]
    assert location in {(i["node"], i["field"]) for i in detail["issues"]}
    assert client.get("/api/runs").json() == []  # nothing was started


def test_unknown_ids(client):
    assert client.post("/api/runs", json={"pipeline_id": "nope"}).status_code == 404
    response = client.post("/api/runs", json={})
    assert response.status_code == 400 and response.json()["detail"]["issues"][0]["field"] == "pipeline"
    assert client.get("/api/runs/nope").status_code == 404
    assert client.get("/api/runs/nope/events").json() == {"detail": {"message": "no run 'nope'"}}


def test_runs_left_running_by_a_dead_server_are_failed_at_start(home):
    app = create_app(home)
    store = app.state.store
    store.create_run("orphan", pipeline=example("sum_numbers"), pipeline_name="sum-numbers", engine="local",
                     params={})
    store.mark_running("orphan")
    store.append_event("orphan", 1, {"type": "run_started", "run_id": "orphan", "ts": 0, "pipeline": "x",
                                     "engine": "local", "params": {}, "nodes": []})
    with TestClient(app) as client:
        run = client.get("/api/runs/orphan").json()
        assert run["status"] == "failed" and "server stopped" in run["error"]
        # Its stream ends instead of waiting forever.
        assert [(seq, e["type"]) for seq, e in read_sse(client, "orphan")] == [(1, "run_started"),
                                                                              (2, "run_finished")]


def test_parallel_runs_keep_their_own_ordered_events(client):
    ids = [client.post("/api/runs", json={"pipeline": example("sum_numbers"), "params": {"numbers": [i]}})
           .json()["id"] for i in range(5)]
    results: dict[str, list] = {}

    def follow(run_id: str) -> None:
        results[run_id] = read_sse(client, run_id)

    threads = [threading.Thread(target=follow, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    for i, run_id in enumerate(ids):
        frames = results[run_id]
        assert [seq for seq, _ in frames] == list(range(1, len(frames) + 1))
        assert {e["run_id"] for _, e in frames} == {run_id}
        total = next(e for _, e in frames if e["type"] == "node_finished" and e["node_id"] == "total")
        assert total["outputs"] == {"result": i}
