"""Compiling for a target: files as JSON, or a zip download."""

from __future__ import annotations

import ast
import io
import zipfile

import pytest

from octopus.targets import TARGETS

from .conftest import example


@pytest.mark.parametrize("target", list(TARGETS))
def test_compile_returns_the_generated_files(client, target):
    response = client.post("/api/compile", json={"pipeline": example("sum_numbers"), "target": target})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["target"] == target and result["files"]
    for path, text in result["files"].items():
        if path.endswith(".py"):
            ast.parse(text)
    assert any("total" in text for text in result["files"].values())
    assert result["warnings"] == []


def test_compile_names_what_a_target_cannot_express(client):
    response = client.post("/api/compile", json={"pipeline": example("stats_report"), "target": "mlflow"})
    assert response.status_code == 200
    (warning,) = response.json()["warnings"]
    assert "will not run in parallel" in warning


def test_compile_zip_downloads_the_same_files(client):
    body = {"pipeline": dict(example("sum_numbers"), name="Sum numbers / \"v2\""), "target": "prefect"}
    files = client.post("/api/compile", json=body).json()["files"]
    response = client.post("/api/compile/zip", json=body)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == 'attachment; filename="Sum-numbers-v2-prefect.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {name: archive.read(name).decode() for name in archive.namelist()} == files


def test_compile_errors_name_the_location(client):
    broken = example("sum_numbers")
    del broken["nodes"][1]["inputs"]
    response = client.post("/api/compile", json={"pipeline": broken, "target": "prefect"})
    assert response.status_code == 400
    assert {"node": "total", "field": "inputs.values", "message": "required input is not connected"} in \
        response.json()["detail"]["issues"]

    response = client.post("/api/compile/zip", json={"pipeline": example("sum_numbers"), "target": "argo"})
    assert response.status_code == 400
    assert response.json()["detail"]["issues"][0]["field"] == "target"
    assert "unknown target 'argo'" in response.json()["detail"]["message"]

    response = client.post("/api/compile", json={"pipeline": {"name": ""}, "target": "prefect"})
    assert response.status_code == 400 and response.json()["detail"]["issues"][0]["field"] == "name"
