"""The FastAPI app: the API routers, errors in one shape, and the built web app."""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import Scope

import octopus
from octopus import storage
from octopus.runtime.engines.prefect import PrefectEngine
from octopus.server import compile as compile_
from octopus.server import misc, nodes, pipelines, runs
from octopus.server import storage as storage_api
from octopus.server.manager import RunManager
from octopus.store import Conflict, NotFound, Store
from octopus.store import database_url as default_database_url

STATIC = Path(__file__).parent / "static"

NO_UI = """<!doctype html><title>Octopus</title>
<p>The Octopus API is running (<a href="/docs">API docs</a>), but the web app is not built here.
Run <code>make run</code> to build and serve it.</p>"""


def create_app(home: Path | None = None, database_url: str | None = None) -> FastAPI:
    """The app, on the store at `database_url`, else OCTOPUS_DATABASE_URL, else SQLite in
    `home` (else OCTOPUS_HOME, else ~/.octopus)."""
    home = Path(home or os.environ.get("OCTOPUS_HOME") or Path.home() / ".octopus")
    home.mkdir(parents=True, exist_ok=True)
    store = Store(database_url or default_database_url(home))
    manager = RunManager(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        manager.fail_interrupted()
        storage.seed_examples()
        # Prefect runs from this process share one Prefect server, started on the first.
        PrefectEngine.share_server = True
        yield
        manager.cancel_all()
        PrefectEngine.stop_shared_server()
        store.close()

    app = FastAPI(title="Octopus", version=octopus.__version__, lifespan=lifespan,
                  description="Draw an ML pipeline once; compile it for Prefect, Kubeflow, Airflow and "
                              "MLflow, or run it here.")
    app.state.store = store
    app.state.manager = manager
    for module in (nodes, pipelines, runs, compile_, storage_api, misc):
        app.include_router(module.router)
    _add_error_handlers(app)
    if (STATIC / "index.html").is_file():
        app.mount("/", SinglePageApp(directory=STATIC, html=True), name="ui")
    else:
        @app.get("/", include_in_schema=False)
        def no_ui() -> HTMLResponse:
            return HTMLResponse(NO_UI)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    """Every 4xx body is {"detail": {"message": ..., "issues"?: [...]}}."""

    @app.exception_handler(HTTPException)
    async def http_exception(request: Request, exc: HTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, dict) else {"message": str(exc.detail)}
        return JSONResponse({"detail": detail}, exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        issues = [{"node": None, "field": ".".join(str(p) for p in err["loc"]),
                   "message": _request_error_message(err)} for err in exc.errors()]
        return JSONResponse({"detail": {"message": "the request is not valid", "issues": issues}}, 422)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": {"message": str(exc)}}, 404)

    @app.exception_handler(Conflict)
    async def conflict(request: Request, exc: Conflict) -> JSONResponse:
        return JSONResponse({"detail": {"message": str(exc)}}, 409)


def _request_error_message(err: dict[str, Any]) -> str:
    if err["type"] == "json_invalid":  # pydantic's message alone does not say what was wrong
        return f"malformed JSON: {err.get('ctx', {}).get('error', 'cannot parse')}"
    return err["msg"]


class SinglePageApp(StaticFiles):
    """The built web app: its files, and index.html for any other path the app routes itself."""

    async def get_response(self, path: str, scope: Scope) -> Any:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or path == "api" or path.startswith("api/"):
                raise
            return await super().get_response("index.html", scope)
