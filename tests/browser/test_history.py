"""Run history: runs of a saved pipeline are filed under it, and reopening one puts its
pipeline back on the canvas with the states and results of that run."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.editor import add_node, node_ids, run, wait_run_finished
from tests.browser.test_editor import build_sum_pipeline

pytestmark = pytest.mark.browser


def test_reopen_run_from_history_loads_its_pipeline(page: Page) -> None:
    build_sum_pipeline(page)
    page.get_by_test_id("canvas").click(position={"x": 30, "y": 400})
    page.get_by_test_id("pipeline-name").fill("history-sum")
    page.get_by_test_id("toolbar-save").click()
    expect(page.get_by_test_id("pipeline-title")).to_have_text("history-sum (v1)")
    run(page)
    assert wait_run_finished(page) == "succeeded"
    run_id = page.get_by_test_id("run-summary").get_attribute("data-run-id")
    pipeline_id = page.request.get(f"/api/runs/{run_id}").json()["pipeline_id"]
    assert pipeline_id and run_id in [r["id"] for r in page.request.get(f"/api/runs?pipeline_id={pipeline_id}").json()]

    # A new, edited canvas: reopening the run asks before replacing it.
    page.get_by_test_id("toolbar-new").click()
    add_node(page, "input.text", 110, 140)
    page.get_by_test_id("run-tab-history").click()
    page.get_by_test_id(f"history-{run_id}").click()
    expect(page.get_by_test_id("confirm-dialog")).to_contain_text("unsaved edits")
    page.get_by_test_id("confirm-ok").click()

    expect(page.locator(".react-flow__node")).to_have_count(3)
    assert sorted(node_ids(page)) == ["log", "numbers", "sum"]
    expect(page.get_by_test_id("pipeline-title")).to_have_text("history-sum (v1)")
    for node_id in ("numbers", "sum", "log"):
        expect(page.get_by_test_id(f"node-status-{node_id}")).to_have_attribute("data-status", "succeeded")
    expect(page.get_by_test_id("node-preview-sum")).to_contain_text("15")
    # With the saved pipeline open, the history lists its runs.
    expect(page.get_by_test_id(f"history-{run_id}")).to_be_visible()
