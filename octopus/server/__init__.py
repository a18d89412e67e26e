"""The HTTP API and the web app: `create_app()` builds it, `serve()` runs it (`octopus serve`)."""

from __future__ import annotations

from octopus.server.app import create_app


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn  # only the server needs it

    uvicorn.run(create_app(), host=host, port=port)


__all__ = ["create_app", "serve"]
