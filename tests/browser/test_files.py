"""The file browser: upload into storage, read a stored file on the canvas, delete it; the
server's refusals reach the user."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.editor import node_ids, run, wait_run_finished

pytestmark = pytest.mark.browser


def test_upload_read_on_canvas_and_delete(page: Page, tmp_path: Path) -> None:
    name = f"cities-{uuid.uuid4().hex[:6]}.csv"  # the server's storage is shared by the session
    csv = tmp_path / name
    csv.write_text("city,people\nOslo,709000\nBergen,291000\n")

    page.get_by_test_id("sidebar-tab-files").click()
    page.get_by_test_id("file-upload-input").set_input_files(str(csv))
    row = page.get_by_test_id(f"file-{name}")
    expect(row).to_be_visible()
    stored = page.request.get("/api/storage/file", params={"path": name})
    assert stored.ok and stored.text() == csv.read_text()

    row.drag_to(page.get_by_test_id("canvas"), target_position={"x": 200, "y": 160})
    expect(page.locator(".react-flow__node")).to_have_count(1)
    assert node_ids(page) == ["read_file"]
    # The node reads the dropped file: running it shows the table's rows on the node.
    run(page)
    assert wait_run_finished(page) == "succeeded", page.get_by_test_id("run-panel").inner_text()
    preview = page.get_by_test_id("node-preview-read_file")
    expect(preview).to_contain_text("2 rows")
    expect(preview).to_contain_text("Bergen")

    page.get_by_test_id(f"file-delete-{name}").click()
    page.get_by_test_id("confirm-ok").click()
    expect(row).to_have_count(0)
    listing = page.request.get("/api/storage", params={"path": ""}).json()
    assert name not in [entry["name"] for entry in listing]


def test_refused_path_shows_the_servers_message(page: Page) -> None:
    page.get_by_test_id("sidebar-tab-files").click()
    page.get_by_test_id("files-new-folder").click()
    page.get_by_test_id("files-new-folder-name").fill("../outside")
    page.get_by_test_id("files-new-folder-name").press("Enter")
    notice = page.get_by_test_id("notice")
    expect(notice).to_contain_text("Could not create the folder ../outside")
    expect(notice).to_contain_text("contains '..'")
