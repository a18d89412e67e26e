"""The web app end to end: build, run, save, export, refuse bad wiring, explain failures."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from octopus.ir import loads
from octopus.runtime.run import run_pipeline
from tests.browser.editor import (
    add_node, choose_engine, connect, edge_count, node_ids, run, select_node, wait_run_finished,
)

pytestmark = pytest.mark.browser


def build_sum_pipeline(page: Page) -> None:
    """Numbers -> Sum -> Log from the palette, with 1, 2, 3, 4, 5 typed into Numbers."""
    assert add_node(page, "input.numbers", 110, 140) == "numbers"
    assert add_node(page, "process.sum", 360, 140) == "sum"
    assert add_node(page, "output.log", 610, 140) == "log"
    connect(page, "numbers", "values", "sum", "values")
    connect(page, "sum", "result", "log", "value")
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    select_node(page, "numbers")
    page.get_by_test_id("param-values").fill("1, 2, 3, 4, 5")
    # Validation follows the edit: no node is marked once the graph is complete.
    expect(page.locator("[data-testid^='node-issues-']")).to_have_count(0)


def expect_result_15(page: Page) -> None:
    expect(page.get_by_test_id("node-preview-sum")).to_contain_text("15")
    expect(page.get_by_test_id("node-preview-log")).to_contain_text("15")
    expect(page.get_by_test_id("log-line").filter(has_text="15")).to_have_count(1)


def test_build_and_run_sum_pipeline(page: Page) -> None:
    build_sum_pipeline(page)
    run(page)
    assert wait_run_finished(page) == "succeeded"
    expect_result_15(page)
    for node_id in ("numbers", "sum", "log"):
        expect(page.get_by_test_id(f"node-status-{node_id}")).to_have_attribute("data-status", "succeeded")


def test_save_reopen_and_export_yaml(page: Page, tmp_path: Path) -> None:
    build_sum_pipeline(page)
    page.get_by_test_id("pipeline-title").wait_for()
    page.get_by_test_id("canvas").click(position={"x": 30, "y": 400})  # nothing selected: the pipeline panel
    page.get_by_test_id("pipeline-name").fill("browser-sum")
    page.get_by_test_id("toolbar-save").click()
    expect(page.get_by_test_id("pipeline-title")).to_have_text("browser-sum (v1)")

    page.reload()
    page.get_by_test_id("toolbar-open").click()
    page.get_by_test_id("saved-browser-sum").click()
    expect(page.locator(".react-flow__node")).to_have_count(3)
    assert sorted(node_ids(page)) == ["log", "numbers", "sum"]
    assert edge_count(page) == 2
    select_node(page, "numbers")
    expect(page.get_by_test_id("param-values")).to_have_value("1, 2, 3, 4, 5")

    page.get_by_test_id("toolbar-export").click()
    with page.expect_download() as download:
        page.get_by_test_id("export-yaml").click()
    path = tmp_path / "exported.yaml"
    download.value.save_as(path)
    pipeline = loads(path.read_text())
    result = run_pipeline(pipeline)
    assert result.status == "succeeded"
    assert result.outputs["log"] == {"value": 15}


@pytest.mark.engine
def test_run_on_prefect_shows_node_states_live(page: Page) -> None:
    build_sum_pipeline(page)
    choose_engine(page, "prefect")
    run(page)
    seen = watch_node_states(page, timeout=180)
    assert wait_run_finished(page) == "succeeded", page.get_by_test_id("run-panel").inner_text()
    expect_result_15(page)
    # Each node was seen in a state before its last (pending or running), then succeeded.
    for node_id in ("numbers", "sum", "log"):
        states = seen[node_id]
        assert states[-1] == "succeeded", (node_id, states)
        assert len(states) >= 2, (node_id, states)


def watch_node_states(page: Page, timeout: float) -> dict[str, list[str]]:
    """Polls the nodes' status badges until the run ends: node id -> distinct states in order."""
    seen: dict[str, list[str]] = {}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        states = page.locator("[data-testid^='node-status-']").evaluate_all(
            "els => els.map(e => [e.dataset.testid.slice('node-status-'.length), e.dataset.status])")
        for node_id, state in states:
            if not seen.get(node_id) or seen[node_id][-1] != state:
                seen.setdefault(node_id, []).append(state)
        if page.get_by_test_id("run-status").get_attribute("data-status") in ("succeeded", "failed", "cancelled"):
            break
        page.wait_for_timeout(50)
    return seen


def test_incompatible_connection_is_refused_with_a_reason(page: Page) -> None:
    add_node(page, "input.text", 110, 140)
    add_node(page, "process.sum", 400, 140)
    connect(page, "text", "text", "sum", "values")
    notice = page.get_by_test_id("notice")
    expect(notice).to_contain_text("text.text is string")
    expect(notice).to_contain_text("input 'values' takes array or number")
    assert edge_count(page) == 0


def test_missing_parameter_marks_node_and_run_says_why(page: Page) -> None:
    add_node(page, "input.numbers", 110, 140)
    add_node(page, "output.log", 400, 140)
    connect(page, "numbers", "values", "log", "value")
    mark = page.get_by_test_id("node-issues-numbers")
    expect(mark).to_be_visible()
    mark.hover()
    expect(page.get_by_role("tooltip").filter(has_text="params.values: Field required")).to_be_visible()

    run(page)
    notice = page.get_by_test_id("notice")
    expect(notice).to_contain_text("The run cannot start: the pipeline is not valid")
    expect(notice).to_contain_text("numbers · params.values")
    expect(page.get_by_test_id("run-status")).to_have_count(0)
