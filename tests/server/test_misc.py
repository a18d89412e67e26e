"""Health, catalog, schemas, engines, examples, YAML, validation and the web app's files."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import octopus
from octopus.server import app as app_module, create_app

from .conftest import example


def test_health(client):
    assert client.get("/api/health").json() == {"status": "ok", "version": octopus.__version__}


def test_nodes_lists_the_catalog_with_parameter_schemas(client):
    nodes = {n["type"]: n for n in client.get("/api/nodes").json()}
    total = nodes["process.sum"]
    assert total["category"] == "process"
    assert total["inputs"][0]["name"] == "values" and total["inputs"][0]["many"] is True
    assert total["outputs"] == [{"name": "result", "type": "number", "description": "", "required": True,
                                 "many": False, "items": "any"}]
    assert nodes["process.format"]["any_inputs"] is True
    assert "template" in nodes["process.format"]["params_schema"]["properties"]


def test_schemas(client):
    assert client.get("/api/schema").json()["title"] == "Octopus pipeline"
    event_types = {ref.split("/")[-1] for ref in client.get("/api/runs/events-schema").json()["discriminator"]
                   ["mapping"].values()}
    assert event_types == {"RunStarted", "NodeStarted", "NodeLog", "NodeFinished", "RunFinished"}


def test_engines_and_targets(client):
    assert {"name": "local", "title": "Local"} in client.get("/api/engines").json()
    assert {t["name"] for t in client.get("/api/targets").json()} == {"prefect", "kfp", "airflow", "mlflow"}


def test_examples(client):
    listed = {e["name"]: e for e in client.get("/api/examples").json()}
    assert listed["sum_numbers"] == {"name": "sum_numbers", "title": "Sum numbers",
                                     "description": "Sum an array of numbers and show the result."}
    pipeline = client.get("/api/examples/sum_numbers").json()
    assert pipeline["name"] == "sum-numbers" and [n["id"] for n in pipeline["nodes"]] == ["numbers", "total", "show"]
    assert client.get("/api/examples/..%2Fpyproject").status_code == 404
    assert client.get("/api/examples/nope").json() == {"detail": {"message": "no example 'nope'"}}


def test_examples_folder_from_env(client, tmp_path, monkeypatch):
    (tmp_path / "mine.yaml").write_text("name: mine\ndescription: my own\nnodes: []\n")
    (tmp_path / "broken.yaml").write_text("name: [\n")
    monkeypatch.setenv("OCTOPUS_EXAMPLES", str(tmp_path))
    assert client.get("/api/examples").json() == [{"name": "mine", "title": "Mine", "description": "my own"}]


def test_yaml_round_trip(client):
    pipeline = example("sum_numbers")
    text = client.post("/api/yaml/dump", json=pipeline).json()["yaml"]
    assert text.startswith("octopus: 1\nname: sum-numbers\n")
    assert client.post("/api/yaml/load", json={"text": text}).json()["pipeline"] == \
        client.get("/api/examples/sum_numbers").json()


def test_yaml_errors_say_where(client):
    response = client.post("/api/yaml/load", json={"text": "name: x\nnodes:\n  - id: a\n   type: b\n"})
    assert response.status_code == 400
    [issue] = response.json()["detail"]["issues"]
    assert issue["field"] == "line 4, column 4" and "malformed YAML" in issue["message"]

    response = client.post("/api/yaml/load", json={"text": "name: x\nnodes:\n  - {id: 'bad id!', type: t}\n"})
    assert response.status_code == 400
    assert response.json()["detail"]["issues"][0]["field"] == "id"

    response = client.post("/api/yaml/dump", json={"nodes": []})
    assert response.status_code == 400
    assert response.json()["detail"]["issues"] == [{"node": None, "field": "name", "message": "Field required"}]


def test_validate(client):
    assert client.post("/api/validate", json=example("sum_numbers")).json() == {"valid": True, "issues": []}

    broken = example("sum_numbers")
    broken["nodes"][1]["type"] = "process.summ"
    broken["nodes"][0]["params"] = {"values": "not a list"}
    result = client.post("/api/validate", json=broken).json()
    assert result["valid"] is False
    located = {(i["node"], i["field"]) for i in result["issues"]}
    assert ("total", "type") in located and ("numbers", "params.values") in located
    assert "did you mean 'process.sum'" in next(i for i in result["issues"] if i["field"] == "type")["message"]

    # Not even the shape of a pipeline: still a 200 answer with issues.
    shape = client.post("/api/validate", json={"name": "x", "nodes": [{"id": "a"}]}).json()
    assert shape["valid"] is False and {"node": "a", "field": "type", "message": "Field required"} in shape["issues"]
    assert client.post("/api/validate", json=[1, 2]).json()["valid"] is False


def test_docs_are_served(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/runs/{run_id}/events" in paths and "/api/compile/zip" in paths


def test_root_explains_how_to_build_the_web_app(home, monkeypatch):
    monkeypatch.setattr(app_module, "STATIC", home / "no-static")
    with TestClient(create_app(home)) as client:
        response = client.get("/")
    assert response.status_code == 200 and "make run" in response.text


@pytest.fixture
def built_ui(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    static = tmp_path / "static"
    (static / "assets").mkdir(parents=True)
    (static / "index.html").write_text("<!doctype html><div id=root></div>")
    (static / "assets" / "app.js").write_text("console.log('octopus')")
    monkeypatch.setattr(app_module, "STATIC", static)
    return static


def test_built_web_app_is_served_with_spa_fallback(home, built_ui):
    with TestClient(create_app(home)) as client:
        assert client.get("/").text == "<!doctype html><div id=root></div>"
        assert client.get("/assets/app.js").text == "console.log('octopus')"
        # Routes of the single-page app itself get index.html...
        assert client.get("/pipelines/abc/edit").text == "<!doctype html><div id=root></div>"
        # ...but an unknown API path stays a JSON 404, and the API still answers.
        response = client.get("/api/nope")
        assert response.status_code == 404 and response.json() == {"detail": {"message": "Not Found"}}
        assert client.get("/api/health").json()["status"] == "ok"
        assert "swagger" in client.get("/docs").text.lower()
