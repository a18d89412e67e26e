"""Whatever a client sends, the answer is a 4xx in the one error shape, never a 500."""

from __future__ import annotations

import pytest

GARBAGE = [b"", b"{not json", b"[1, 2", b"\xff\xfe", b"null", b"42", b'"text"', b"[]", b'{"pipeline": 5}',
           b'{"pipeline": {"name": {"deep": [1]}}, "target": 5}']

ENDPOINTS = [("POST", "/api/pipelines"), ("PUT", "/api/pipelines/x"), ("POST", "/api/runs"),
             ("POST", "/api/compile"), ("POST", "/api/compile/zip"), ("POST", "/api/yaml/load"),
             ("POST", "/api/yaml/dump")]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_garbage_bodies_get_4xx(client, method, path):
    for body in GARBAGE:
        response = client.request(method, path, content=body, headers={"content-type": "application/json"})
        assert 400 <= response.status_code < 500, (body, response.status_code, response.text)
        detail = response.json()["detail"]
        assert isinstance(detail["message"], str) and detail["message"]


def test_malformed_json_names_the_position(client):
    response = client.post("/api/runs", content=b'{"pipeline": {,}}', headers={"content-type": "application/json"})
    assert response.status_code == 422
    [issue] = response.json()["detail"]["issues"]
    assert issue["field"] == "body.14" and issue["message"].startswith("malformed JSON")


def test_validate_answers_200_for_any_json_and_422_for_non_json(client):
    for body in (b"null", b"42", b"[]", b'{"name": 5}'):
        response = client.post("/api/validate", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 200 and response.json()["valid"] is False
    response = client.post("/api/validate", content=b"{oops", headers={"content-type": "application/json"})
    assert response.status_code == 422


def test_unknown_paths_and_methods(client):
    assert client.get("/api/nothing-here").json() == {"detail": {"message": "Not Found"}}
    response = client.delete("/api/nodes")
    assert response.status_code == 405 and response.json() == {"detail": {"message": "Method Not Allowed"}}
    assert client.get("/api/runs", params={"limit": 0}).status_code == 422
