"""Writes the editor screenshots in docs/ at 1280x800 against a fresh server:
`.venv/bin/python -m tests.browser.screenshots` (after `cd ui && npm run build`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, VIEWPORT, start_server
from tests.browser.editor import select_node, wait_run_finished

DOCS = ROOT / "docs"

# A small but representative graph: one input feeding two statistics, joined into a sentence.
STATS_YAML = """\
octopus: 1
name: number-stats
description: Sum and mean of a list of numbers, as one sentence.
params:
  numbers: {type: array, default: [1, 2, 3, 4, 5]}
nodes:
  - id: numbers
    type: input.numbers
    params: {values: "${params.numbers}"}
  - id: total
    type: process.sum
    inputs: {values: numbers.values}
  - id: average
    type: process.mean
    inputs: {values: numbers.values}
  - id: sentence
    type: process.format
    label: Sentence
    params: {template: "sum {total}, mean {average:.1f}"}
    inputs: {total: total.result, average: average.result}
  - id: show
    type: output.log
    inputs: {value: sentence.text}
"""


def open_stats_pipeline(page: Page, tmp: Path) -> None:
    source = tmp / "number-stats.yaml"
    source.write_text(STATS_YAML)
    page.get_by_test_id("import-input").set_input_files(source)
    expect(page.locator(".react-flow__node")).to_have_count(5)
    page.get_by_test_id("notice").get_by_role("button", name="Close").click()
    page.wait_for_timeout(500)  # it has no positions: the app lays it out and fits it into view


def open_ml_example(page: Page) -> None:
    """The iris classifier: a table preview, metrics and a confusion matrix on the canvas."""
    page.get_by_test_id("import-input").set_input_files(ROOT / "examples" / "iris_classifier.yaml")
    expect(page.locator(".react-flow__node")).to_have_count(7)
    page.get_by_test_id("notice").get_by_role("button", name="Close").click()
    page.wait_for_timeout(500)


def without_hover(page: Page) -> None:
    """No tooltip in the picture."""
    page.mouse.move(640, 799)
    page.wait_for_timeout(400)


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_dir, sync_playwright() as p:
        tmp = Path(tmp_dir)
        url, server = start_server(tmp)
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT, base_url=url)
            page.goto("/")
            page.get_by_test_id("palette-item-input.numbers").wait_for()
            open_stats_pipeline(page, tmp)

            select_node(page, "sentence")
            without_hover(page)
            page.screenshot(path=DOCS / "editor-light.png")

            page.get_by_test_id("toolbar-theme").click()
            without_hover(page)
            page.screenshot(path=DOCS / "editor-dark.png")
            page.get_by_test_id("toolbar-theme").click()

            page.get_by_test_id("toolbar-run").click()
            page.get_by_test_id("run-dialog-start").click()
            wait_run_finished(page)
            select_node(page, "show")
            without_hover(page)
            page.screenshot(path=DOCS / "run-finished.png")

            open_ml_example(page)
            page.get_by_test_id("toolbar-run").click()
            page.get_by_test_id("run-dialog-start").click()
            wait_run_finished(page, timeout=120_000)
            page.get_by_test_id("node-image-chart").wait_for()
            select_node(page, "chart")
            without_hover(page)
            page.screenshot(path=DOCS / "ml-run.png")
            browser.close()
        finally:
            server.terminate()
            server.wait(10)
    print("wrote", ", ".join(str(DOCS / n) for n in ("editor-light.png", "editor-dark.png", "run-finished.png",
                                                      "ml-run.png")))


if __name__ == "__main__":
    main()
