"""Results beyond text: an image a node drew shows on the node and in the run panel, and
opens large."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.editor import add_node, run, select_node, wait_run_finished

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


def test_training_settings_follow_the_chosen_estimator(page: Page) -> None:
    select_node(page, add_node(page, "ml.train", 300, 200))
    properties = page.get_by_test_id("node-properties")
    trees = properties.get_by_label("Trees (default 100)")
    expect(trees).to_be_visible()  # the default estimator is a random forest
    trees.fill("50")

    page.get_by_test_id("tab-yaml").click()
    expect(page.get_by_test_id("yaml-view")).to_have_value(re.compile(r"hyperparameters:\s+n_estimators: 50"))
    page.get_by_test_id("tab-properties").click()

    properties.get_by_label("Estimator").click()
    page.get_by_role("option", name="logistic_regression").click()
    expect(properties.get_by_label("C, inverse regularisation (default 1.0)")).to_be_visible()
    expect(properties.get_by_label("Trees (default 100)")).to_have_count(0)
