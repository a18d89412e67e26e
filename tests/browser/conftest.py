"""The real server (with the built web app) on a free port and a temporary OCTOPUS_HOME,
driven by Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from tests.peers import free_port

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "octopus" / "server" / "static" / "index.html"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 800}

pytestmark = pytest.mark.browser


def missing(reason: str) -> None:
    """Skip on a developer's machine; under CI (`make test` installs everything) it is a failure."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer at {url} within {timeout} s")


def start_server(home: Path) -> tuple[str, subprocess.Popen]:
    if not STATIC.is_file():
        missing("the web app is not built: run `make ui`")
    port = free_port()
    env = os.environ | {"OCTOPUS_HOME": str(home)}
    env.pop("OCTOPUS_DATABASE_URL", None)
    log = open(home / "server.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "octopus.server.app:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
    except RuntimeError:
        proc.kill()
        raise
    return url, proc


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("octopus-home")
    url, proc = start_server(home)
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    from playwright import sync_api
    if not Path(CHROMIUM).exists():
        missing(f"no Chromium at {CHROMIUM}: run `make browser`")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport=VIEWPORT, base_url=server, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/")
    page.get_by_test_id("palette-item-input.numbers").wait_for()
    yield page
    context.close()
