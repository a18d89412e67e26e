"""The local engine's own behaviour: parallel branches, retries, cancel."""

import threading
import time

from octopus.ir import loads
from octopus.runtime.run import run_pipeline

FLAKY = """
name: flaky
nodes:
  - id: flaky
    type: process.python
    retries: 2
    params:
      code: |
        import os
        def run():
            path = os.environ["FLAKY_FILE"]
            tries = int(open(path).read()) if os.path.exists(path) else 0
            open(path, "w").write(str(tries + 1))
            if tries < 2:
                raise RuntimeError(f"attempt {tries + 1} fails")
            return tries + 1
"""


def test_a_node_that_succeeds_on_retry_succeeds(tmp_path, monkeypatch):
    monkeypatch.setenv("FLAKY_FILE", str(tmp_path / "tries"))
    events = []
    result = run_pipeline(loads(FLAKY), emit=events.append)
    assert result.status == "succeeded", result.error
    assert result.outputs == {"flaky": {"result": 3}}
    assert [e.status for e in events if e.type == "node_finished"] == ["failed", "failed", "succeeded"]
    assert [e.attempt for e in events if e.type == "node_started"] == [1, 2, 3]


SLOW_BRANCHES = """
name: branches
nodes:
  - {id: a, type: process.python, params: {code: "import time\\ndef run():\\n    time.sleep(0.5)\\n    return 1\\n"}}
  - {id: b, type: process.python, params: {code: "import time\\ndef run():\\n    time.sleep(0.5)\\n    return 2\\n"}}
  - {id: both, type: process.sum, inputs: {values: [a.result, b.result]}}
"""


def test_independent_branches_run_at_the_same_time():
    events = []
    result = run_pipeline(loads(SLOW_BRANCHES), emit=events.append)
    assert result.outputs["both"] == {"result": 3}
    started = {e.node_id: e.ts for e in events if e.type == "node_started"}
    finished = {e.node_id: e.ts for e in events if e.type == "node_finished"}
    assert started["b"] < finished["a"] and started["a"] < finished["b"]  # they overlapped


def test_cancel_stops_scheduling_and_marks_the_rest():
    cancel = threading.Event()
    events = []

    def emit(event):
        events.append(event)
        if event.type == "node_started" and event.node_id == "a":
            cancel.set()

    pipeline = loads(SLOW_BRANCHES.replace("  - {id: b,", "  - {id: b, inputs: {x: a.result},").replace(
        "def run():\\n    time.sleep(0.5)\\n    return 2", "def run(x):\\n    return 2"))
    started = time.monotonic()
    result = run_pipeline(pipeline, emit=emit, cancel=cancel)
    assert result.status == "cancelled"
    statuses = {e.node_id: e.status for e in events if e.type == "node_finished"}
    assert statuses["b"] == statuses["both"] == "cancelled"
    assert events[-1].type == "run_finished" and events[-1].status == "cancelled"
    assert time.monotonic() - started < 5
