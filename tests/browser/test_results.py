"""Results beyond text: an image a node drew shows on the node and in the run panel, and
opens large."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.editor import run, wait_run_finished

pytestmark = pytest.mark.browser

CHART_PIPELINE = """\
octopus: 1
name: chart-demo
nodes:
  - id: iris
    type: data.sample
    params: {dataset: iris}
    ui: {x: 0, y: 0}
  - id: chart
    type: output.chart
    inputs: {data: iris.table}
    params: {kind: histogram, x: sepal length (cm), title: Sepal length}
    ui: {x: 280, y: 0}
"""


def expect_image_loaded(page: Page, image: Locator) -> None:
    """Waits until the browser has decoded the image: it never does unless the server sent one."""
    page.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=image.element_handle())


def test_chart_image_shows_on_the_node_and_in_outputs(page: Page, tmp_path: Path) -> None:
    path = tmp_path / "chart.yaml"
    path.write_text(CHART_PIPELINE)
    page.get_by_test_id("import-input").set_input_files(str(path))
    expect(page.locator(".react-flow__node")).to_have_count(2)
    run(page)
    assert wait_run_finished(page) == "succeeded", page.get_by_test_id("run-panel").inner_text()

    thumbnail = page.get_by_test_id("node-image-chart")
    expect(thumbnail).to_be_visible()
    expect_image_loaded(page, thumbnail)
    # The table the sample node produced shows its first rows on that node.
    expect(page.get_by_test_id("node-preview-iris")).to_contain_text("150 rows")

    thumbnail.click()
    large = page.get_by_test_id("image-dialog").locator("img")
    expect(large).to_be_visible()
    expect_image_loaded(page, large)
    page.keyboard.press("Escape")

    page.get_by_test_id("run-tab-outputs").click()
    expect(page.get_by_test_id("output-image-chart-image")).to_be_visible()
    expect(page.get_by_test_id("output-table-iris-table")).to_contain_text("150 rows")
