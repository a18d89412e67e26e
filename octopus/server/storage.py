"""The user's storage folder over HTTP (list, upload, download, delete, make folder) and the
artifacts that runs produced (images, tables) for the web app to show. No path leaves its
folder: `..`, absolute paths and links get a 400 that says so."""

from __future__ import annotations

import mimetypes
import os
import tempfile
from datetime import datetime, timezone

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from octopus import storage
from octopus.ir import Issue
from octopus.runtime import values
from octopus.server.common import http_error

router = APIRouter(prefix="/api", tags=["storage"])

UPLOAD_LIMIT = int(os.environ.get("OCTOPUS_UPLOAD_LIMIT", 200 * 1024 * 1024))

PathQuery = Query(..., description="A path inside the storage folder, with forward slashes.")


class EntryOut(BaseModel):
    name: str
    path: str
    is_dir: bool
    size: int
    modified: datetime


def _out(entry: storage.Entry) -> EntryOut:
    return EntryOut(name=entry.name, path=entry.path, is_dir=entry.is_dir, size=entry.size,
                    modified=datetime.fromtimestamp(entry.modified, timezone.utc))


def _refused(exc: storage.StorageError):  # type: ignore[no-untyped-def]
    status = 404 if isinstance(exc, storage.StorageNotFound) else 400
    return http_error(status, str(exc), [Issue(field="path", message=str(exc))])


@router.get("/storage")
def list_folder(path: str = Query("", description="A folder inside storage; empty for the top.")) -> list[EntryOut]:
    try:
        return [_out(e) for e in storage.listdir(path)]
    except storage.StorageError as exc:
        raise _refused(exc) from None


@router.put("/storage/file", status_code=201)
async def upload(request: Request, path: str = PathQuery) -> EntryOut:
    """The request body is the file's bytes (no form encoding). An existing file is replaced
    only once the whole upload has arrived within the size limit."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > UPLOAD_LIMIT:
        raise http_error(413, f"the file is larger than the upload limit of {UPLOAD_LIMIT:,} bytes")
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spool:
        received = 0
        async for chunk in request.stream():
            received += len(chunk)
            if received > UPLOAD_LIMIT:
                raise http_error(413, f"the file is larger than the upload limit of {UPLOAD_LIMIT:,} bytes")
            spool.write(chunk)
        spool.seek(0)
        try:
            return _out(await run_in_threadpool(storage.save, path, spool, limit=UPLOAD_LIMIT))
        except storage.StorageError as exc:
            raise _refused(exc) from None


@router.get("/storage/file", response_class=FileResponse)
def download(path: str = PathQuery) -> FileResponse:
    try:
        target = storage.resolve(path, must_exist=True)
    except storage.StorageError as exc:
        raise _refused(exc) from None
    if target.is_dir():
        raise http_error(400, f"'{path}' is a folder; download its files one by one")
    return FileResponse(target, filename=target.name)


@router.delete("/storage", status_code=204)
def delete(path: str = PathQuery) -> Response:
    try:
        storage.delete(path)
    except storage.StorageError as exc:
        raise _refused(exc) from None
    return Response(status_code=204)


@router.post("/storage/folder", status_code=201)
def make_folder(path: str = PathQuery) -> EntryOut:
    try:
        return _out(storage.mkdir(path))
    except storage.StorageError as exc:
        raise _refused(exc) from None


@router.get("/artifacts/{path:path}")
def artifact(path: str) -> Response:
    """A stored node output (an image, a table as Parquet) by the `path` of its reference."""
    try:
        data = values.read_artifact(path)
    except ValueError as exc:
        raise http_error(400, str(exc)) from None
    except FileNotFoundError:
        raise http_error(404, f"no artifact '{path}'") from None
    media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return Response(data, media_type=media_type, headers={"Cache-Control": "max-age=31536000, immutable"})
