"""Steps a person takes in the editor, by test id (no pixel guesses except where a drag
needs coordinates: they come from the elements' own boxes)."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect


def add_node(page: Page, node_type: str, x: int, y: int) -> str:
    """Drag a palette item to (x, y) inside the canvas; returns the new node's id."""
    before = set(node_ids(page))
    canvas = page.get_by_test_id("canvas")
    page.get_by_test_id(f"palette-item-{node_type}").drag_to(canvas, target_position={"x": x, "y": y})
    expect(page.locator(".react-flow__node")).to_have_count(len(before) + 1)
    (new_id,) = set(node_ids(page)) - before
    return new_id


def node_ids(page: Page) -> list[str]:
    return page.locator(".react-flow__node").evaluate_all("els => els.map(e => e.getAttribute('data-id'))")


def handle(page: Page, node_id: str, side: str, port: str) -> Locator:
    return page.get_by_test_id(f"handle-{node_id}-{side}-{port}")


def connect(page: Page, source: str, source_port: str, target: str, target_port: str) -> None:
    """Drag from an output handle to an input handle with the mouse, as a person does."""
    start = handle(page, source, "out", source_port).bounding_box()
    end = handle(page, target, "in", target_port).bounding_box()
    assert start and end
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move((start["x"] + end["x"]) / 2, (start["y"] + end["y"]) / 2, steps=5)
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=5)
    page.mouse.up()


def edge_count(page: Page) -> int:
    return page.locator(".react-flow__edge").count()


def select_node(page: Page, node_id: str) -> None:
    page.get_by_test_id(f"node-{node_id}").click(position={"x": 60, "y": 14})


def choose_engine(page: Page, engine: str) -> None:
    page.get_by_test_id("engine-select").click()
    page.get_by_test_id(f"engine-{engine}").click()


def run(page: Page) -> None:
    page.get_by_test_id("toolbar-run").click()


_FINISHED = re.compile("succeeded|failed|cancelled")


def wait_run_finished(page: Page, timeout: float = 60_000) -> str:
    status = page.get_by_test_id("run-status")
    expect(status).to_have_attribute("data-status", _FINISHED, timeout=timeout)
    return status.get_attribute("data-status") or ""

