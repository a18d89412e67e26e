"""The storage folder over HTTP: every operation, and every way out of the folder refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from octopus.server import storage as storage_router


def listing(client, path=""):
    response = client.get("/api/storage", params={"path": path})
    assert response.status_code == 200, response.text
    return {e["name"]: e for e in response.json()}


def test_upload_list_download_delete(client, home: Path):
    body = b"a,b\n1,2\n"
    created = client.put("/api/storage/file", params={"path": "data/small.csv"}, content=body)
    assert created.status_code == 201, created.text
    assert created.json()["path"] == "data/small.csv" and created.json()["size"] == len(body)
    assert (home / "storage" / "data" / "small.csv").read_bytes() == body

    assert listing(client)["data"]["is_dir"] is True
    assert listing(client, "data")["small.csv"]["size"] == len(body)

    download = client.get("/api/storage/file", params={"path": "data/small.csv"})
    assert download.status_code == 200 and download.content == body
    assert "small.csv" in download.headers["content-disposition"]

    assert client.delete("/api/storage", params={"path": "data/small.csv"}).status_code == 204
    assert listing(client, "data") == {}
    assert client.get("/api/storage/file", params={"path": "data/small.csv"}).status_code == 404


def test_the_examples_data_is_in_storage_from_the_start(client):
    assert "iris_batch.csv" in listing(client, "examples")


def test_make_folder_and_delete_it_with_its_files(client, home: Path):
    assert client.post("/api/storage/folder", params={"path": "a/b"}).status_code == 201
    client.put("/api/storage/file", params={"path": "a/b/x.txt"}, content=b"x")
    assert client.delete("/api/storage", params={"path": "a"}).status_code == 204
    assert not (home / "storage" / "a").exists()


@pytest.mark.parametrize("path", ["../escape.txt", "a/../../escape.txt", "/etc/passwd", "..", "C:/x.txt"])
def test_paths_outside_the_folder_are_refused(client, home: Path, path):
    for response in (client.put("/api/storage/file", params={"path": path}, content=b"x"),
                     client.get("/api/storage/file", params={"path": path}),
                     client.get("/api/storage", params={"path": path}),
                     client.delete("/api/storage", params={"path": path}),
                     client.post("/api/storage/folder", params={"path": path})):
        assert response.status_code == 400, (path, response.text)
        detail = response.json()["detail"]
        assert detail["issues"][0]["field"] == "path"
        assert "storage folder" in detail["message"] or "absolute" in detail["message"]
    assert not (home / "escape.txt").exists() and not (home.parent / "escape.txt").exists()


def test_links_are_not_followed(client, home: Path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text("not yours")
    client.post("/api/storage/folder", params={"path": "ok"})
    os.symlink(outside, home / "storage" / "link")
    for response in (client.get("/api/storage/file", params={"path": "link/secret.txt"}),
                     client.get("/api/storage", params={"path": "link"}),
                     client.put("/api/storage/file", params={"path": "link/new.txt"}, content=b"x"),
                     client.delete("/api/storage", params={"path": "link"})):
        assert response.status_code == 400, response.text
        assert "symbolic link" in response.json()["detail"]["message"]
    assert "link" not in listing(client)  # links are not listed either
    assert (outside / "secret.txt").read_text() == "not yours" and not (outside / "new.txt").exists()


def test_an_upload_over_the_limit_is_refused_and_keeps_the_old_file(client, home: Path, monkeypatch):
    client.put("/api/storage/file", params={"path": "keep.bin"}, content=b"old")
    monkeypatch.setattr(storage_router, "UPLOAD_LIMIT", 10)
    response = client.put("/api/storage/file", params={"path": "keep.bin"}, content=b"x" * 11)
    assert response.status_code == 413
    assert "upload limit of 10 bytes" in response.json()["detail"]["message"]
    assert (home / "storage" / "keep.bin").read_bytes() == b"old"
    assert not list((home / "storage").glob(".*part"))  # no partial file left behind


def test_file_and_folder_mixups_are_explained(client):
    client.put("/api/storage/file", params={"path": "f.txt"}, content=b"x")
    client.post("/api/storage/folder", params={"path": "d"})
    assert "is a file" in client.get("/api/storage", params={"path": "f.txt"}).json()["detail"]["message"]
    assert "is a folder" in client.get("/api/storage/file", params={"path": "d"}).json()["detail"]["message"]
    assert "already a file" in client.post("/api/storage/folder", params={"path": "f.txt"}).json()["detail"]["message"]
    assert client.get("/api/storage", params={"path": "missing"}).status_code == 404
    assert client.get("/api/storage/file").status_code == 422  # path is required


def test_artifacts_are_served_by_path_and_stay_inside_the_store(client, home: Path):
    target = home / "artifacts" / "run1" / "chart" / "image-1.png"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"\x89PNG fake")
    ok = client.get("/api/artifacts/run1/chart/image-1.png")
    assert ok.status_code == 200 and ok.content == b"\x89PNG fake"
    assert ok.headers["content-type"] == "image/png"
    assert client.get("/api/artifacts/run1/none.png").status_code == 404
    assert client.get("/api/artifacts/run1/..%2F..%2Fsecrets.yaml").status_code == 400
