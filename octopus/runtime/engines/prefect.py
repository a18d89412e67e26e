"""Prefect: runs the generated flow module in a subprocess against a Prefect server.

With PREFECT_API_URL set, that server (yours, or the one `PrefectServer` started) is used;
otherwise Prefect starts a temporary server for the run, which costs several seconds.
"""

from __future__ import annotations

import atexit
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

import httpx

from octopus.compiler import Plan
from octopus.runtime.engines.base import BundleEngine, EngineError
from octopus.settings import octopus_home


class PrefectEngine(BundleEngine):
    name = "prefect"
    title = "Prefect"
    target = "prefect"
    # A long-lived process (the web server) sets this: its first Prefect run starts a server
    # that every later run reuses, until the process exits.
    share_server: ClassVar[bool] = False
    _shared: ClassVar["PrefectServer | None"] = None
    _shared_lock = threading.Lock()

    def command(self, bundle_dir: Path, plan: Plan, params: dict[str, Any]) -> list[str]:
        return [sys.executable, "flow.py", json.dumps(params)]

    def environment(self, workdir: Path) -> dict[str, str]:
        if os.environ.get("PREFECT_API_URL"):
            return {}
        if self.share_server:
            with self._shared_lock:
                if PrefectEngine._shared is None:
                    PrefectEngine._shared = PrefectServer(set_env=False).__enter__()
                    atexit.register(self.stop_shared_server)
            return {"PREFECT_API_URL": PrefectEngine._shared.url}
        return {"PREFECT_HOME": str(octopus_home() / "prefect"), "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "true",
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}

    @classmethod
    def stop_shared_server(cls) -> None:
        with cls._shared_lock:
            if cls._shared is not None:
                cls._shared.__exit__()
                cls._shared = None


class PrefectServer:
    """A `prefect server start` child process for as long as the context lasts; sets
    PREFECT_API_URL so that every Prefect run in this process tree uses it."""

    def __init__(self, home: Path | None = None, port: int | None = None, set_env: bool = True) -> None:
        self.set_env = set_env
        self.home = home or octopus_home() / "prefect"
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}/api"
        self.proc: subprocess.Popen[bytes] | None = None
        self._previous: str | None = None

    def __enter__(self) -> "PrefectServer":
        self.home.mkdir(parents=True, exist_ok=True)
        env = os.environ | {"PREFECT_HOME": str(self.home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                            "PREFECT_UI_ENABLED": "false"}
        env.pop("PREFECT_API_URL", None)
        log = open(self.home / "server.log", "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise EngineError(f"prefect server exited with code {self.proc.returncode}; see {self.home / 'server.log'}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        else:
            self.__exit__()
            raise EngineError(f"prefect server did not answer within 90 s; see {self.home / 'server.log'}")
        if self.set_env:
            self._previous = os.environ.get("PREFECT_API_URL")
            os.environ["PREFECT_API_URL"] = self.url
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.set_env and self._previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        elif self.set_env:
            os.environ["PREFECT_API_URL"] = self._previous
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
