"""Saved pipelines: create, read, list, update with optimistic concurrency, versions, delete."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from .conftest import example


def test_create_read_list(client):
    response = client.post("/api/pipelines", json={"pipeline": example("sum_numbers")})
    assert response.status_code == 201
    created = response.json()
    assert created["name"] == "sum-numbers" and created["version"] == 1
    assert created["description"] == "Sum an array of numbers and show the result."
    assert created["pipeline"]["nodes"][1] == {"id": "total", "type": "process.sum",
                                               "inputs": {"values": "numbers.values"}, "ui": {"x": 260, "y": 0}}
    assert created["created_at"].endswith("Z") or created["created_at"].endswith("+00:00")

    assert client.get(f"/api/pipelines/{created['id']}").json() == created
    [listed] = client.get("/api/pipelines").json()
    assert listed == {k: v for k, v in created.items() if k != "pipeline"}


def test_a_draft_that_does_not_validate_can_still_be_saved(client):
    draft = {"name": "draft", "nodes": [{"id": "a", "type": "process.sum"}]}  # input not wired yet
    assert client.post("/api/pipelines", json={"pipeline": draft}).status_code == 201


def test_update_makes_a_new_version_and_keeps_the_old(client):
    pipeline = example("sum_numbers")
    pid = client.post("/api/pipelines", json={"pipeline": pipeline}).json()["id"]
    pipeline["name"] = "renamed"
    updated = client.put(f"/api/pipelines/{pid}", json={"pipeline": pipeline, "version": 1}).json()
    assert updated["version"] == 2 and updated["name"] == "renamed" and updated["pipeline"]["name"] == "renamed"
    assert updated["updated_at"] > updated["created_at"]

    versions = client.get(f"/api/pipelines/{pid}/versions").json()
    assert [(v["version"], v["name"]) for v in versions] == [(2, "renamed"), (1, "sum-numbers")]
    assert client.get(f"/api/pipelines/{pid}/versions/1").json()["pipeline"]["name"] == "sum-numbers"
    assert set(client.get(f"/api/pipelines/{pid}/versions/2").json()) == {"version", "pipeline", "created_at"}


def test_stale_update_is_refused_and_overwrites_nothing(client):
    pipeline = example("sum_numbers")
    pid = client.post("/api/pipelines", json={"pipeline": pipeline}).json()["id"]
    first = dict(pipeline, description="first edit")
    assert client.put(f"/api/pipelines/{pid}", json={"pipeline": first, "version": 1}).status_code == 200

    second = dict(pipeline, description="second edit, made from version 1")
    response = client.put(f"/api/pipelines/{pid}", json={"pipeline": second, "version": 1})
    assert response.status_code == 409
    assert "version 2, not 1" in response.json()["detail"]["message"]

    current = client.get(f"/api/pipelines/{pid}").json()
    assert current["version"] == 2 and current["description"] == "first edit"
    assert current["pipeline"]["description"] == "first edit"
    assert [v["version"] for v in client.get(f"/api/pipelines/{pid}/versions").json()] == [2, 1]
    assert client.get(f"/api/pipelines/{pid}/versions/1").json()["pipeline"]["description"] == pipeline["description"]


def test_concurrent_saves_from_one_version_let_exactly_one_win(client):
    pid = client.post("/api/pipelines", json={"pipeline": example("sum_numbers")}).json()["id"]

    def save(i: int) -> int:
        body = {"pipeline": dict(example("sum_numbers"), description=f"edit {i}"), "version": 1}
        return client.put(f"/api/pipelines/{pid}", json=body).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = sorted(pool.map(save, range(8)))
    assert codes == [200] + [409] * 7
    assert [v["version"] for v in client.get(f"/api/pipelines/{pid}/versions").json()] == [2, 1]


def test_delete(client):
    pid = client.post("/api/pipelines", json={"pipeline": example("sum_numbers")}).json()["id"]
    assert client.delete(f"/api/pipelines/{pid}").status_code == 204
    assert client.get(f"/api/pipelines/{pid}").status_code == 404
    assert client.get(f"/api/pipelines/{pid}/versions").status_code == 404
    assert client.get("/api/pipelines").json() == []
    assert client.delete(f"/api/pipelines/{pid}").status_code == 404


def test_bad_requests_say_what_and_where(client):
    pid = client.post("/api/pipelines", json={"pipeline": example("sum_numbers")}).json()["id"]

    response = client.post("/api/pipelines", json={"pipeline": {"name": "x", "nodes": [{"id": "a b", "type": 1}]}})
    assert response.status_code == 400
    issues = response.json()["detail"]["issues"]
    assert {(i["node"], i["field"]) for i in issues} == {("a b", "id"), ("a b", "type")}

    response = client.put(f"/api/pipelines/{pid}", json={"pipeline": example("sum_numbers")})  # no version
    assert response.status_code == 422
    assert response.json()["detail"]["issues"] == [{"node": None, "field": "body.version",
                                                    "message": "Field required"}]

    assert client.put("/api/pipelines/nope", json={"pipeline": example("sum_numbers"), "version": 1}).json() == \
        {"detail": {"message": "no pipeline 'nope'"}}
    assert client.get(f"/api/pipelines/{pid}/versions/7").status_code == 404
    assert client.get(f"/api/pipelines/{pid}/versions/seven").status_code == 422
