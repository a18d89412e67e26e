"""Every example on every engine, for real: the same outputs, the same events, the same failures."""

import json
import subprocess
import sys

import pytest

from octopus.ir import load, loads
from octopus.runtime.engines import ENGINES
from octopus.runtime.run import run_pipeline
from tests.adversarial import EXPECTED, adversarial_pipeline
from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.engine

SUM = {"numbers": {"values": [1, 2, 3, 4, 5]}, "total": {"result": 15}, "show": {"value": 15}}
REPORT_TEXT = "Report: sum=20, mean=5.00, sum x10=200"
STATS = {"numbers": {"values": [2, 4, 6, 8]}, "total": {"result": 20}, "average": {"result": 5.0},
         "scaled": {"result": 200}, "report": {"text": REPORT_TEXT}, "show": {"value": REPORT_TEXT}}


def run(pipeline, engine, **kwargs):
    events = []
    result = run_pipeline(pipeline, engine=engine, emit=events.append, **kwargs)
    return result, events


def node_statuses(events):
    return {e.node_id: e.status for e in events if e.type == "node_finished"}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("example, expected", [("sum_numbers", SUM), ("stats_report", STATS)])
def test_example_runs_with_the_same_outputs(engine, example, expected):
    result, events = run(load(EXAMPLES / f"{example}.yaml"), engine)
    assert result.status == "succeeded", result.error
    assert result.outputs == expected
    # json.dumps tells 15 from 15.0: every engine must keep the types too.
    assert json.dumps(result.outputs, sort_keys=True) == json.dumps(expected, sort_keys=True)
    kinds = [e.type for e in events]
    assert kinds[0] == "run_started" and kinds[-1] == "run_finished"
    assert events[-1].status == "succeeded"
    for node_id in expected:  # every node started before it finished
        started = next(i for i, e in enumerate(events) if e.type == "node_started" and e.node_id == node_id)
        finished = next(i for i, e in enumerate(events) if e.type == "node_finished" and e.node_id == node_id)
        assert started < finished
    logs = [e.message for e in events if e.type == "node_log" and e.node_id == "show"]
    assert str(expected["show"]["value"]) in logs


@pytest.mark.parametrize("engine", ENGINES)
def test_adversarial_text_comes_out_byte_for_byte(engine):
    result, _ = run(adversarial_pipeline(), engine)
    assert result.status == "succeeded", result.error
    assert result.outputs == EXPECTED


FAILING = """
name: failing
nodes:
  - {id: numbers, type: input.numbers, params: {values: [1, 2]}}
  - id: boom
    type: process.python
    inputs: {values: numbers.values}
    params: {code: "def run(values):\\n    print('about to fail')\\n    return values[0] / 0\\n"}
  - {id: after, type: output.log, inputs: {value: boom.result}}
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_a_failing_node_fails_the_run_and_keeps_the_events(engine):
    result, events = run(loads(FAILING), engine)
    assert result.status == "failed"
    assert result.failed_node == "boom"
    assert "ZeroDivisionError" in result.error
    assert node_statuses(events) == {"numbers": "succeeded", "boom": "failed", "after": "skipped"}
    assert "about to fail" in [e.message for e in events if e.type == "node_log" and e.node_id == "boom"]
    assert events[-1].type == "run_finished" and events[-1].failed_node == "boom"


def octopus(*args):
    return subprocess.run([sys.executable, "-m", "octopus.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("extra, total", [((), 15), (("-p", "numbers=[10, 20]"), 30)])
def test_cli_run_json(engine, extra, total):
    done = octopus("run", "examples/sum_numbers.yaml", "--engine", engine, "--json", *extra)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["status"], result["engine"]) == ("succeeded", engine)
    assert result["outputs"]["total"] == {"result": total}
    assert result["outputs"]["show"] == {"value": total}
    assert "✓ total" in done.stderr  # the live progress goes to stderr with --json


def test_cli_failure_names_the_node_and_exits_1(tmp_path):
    path = tmp_path / "failing.yaml"
    path.write_text(FAILING)
    done = octopus("run", str(path))
    assert done.returncode == 1
    assert "node 'boom'" in done.stderr and "ZeroDivisionError" in done.stderr


def test_cli_runs_are_recorded_in_mlflow(tmp_path):
    from octopus.nodes import tracking

    done = octopus("run", "examples/sum_numbers.yaml", "--json", "-p", "numbers=[4, 5]")
    run_id = json.loads(done.stdout)["run_id"]
    path = tmp_path / "failing.yaml"
    path.write_text(FAILING)
    failed = octopus("run", str(path), "--engine", "kfp", "--json")
    failed_id = json.loads(failed.stdout)["run_id"]

    runs = {r.data.tags[tracking.RUN_TAG]: r for r in tracking.client().search_runs([tracking.ensure_experiment()])
            if r.data.tags.get(tracking.RUN_TAG) in (run_id, failed_id)}
    ok, bad = runs[run_id], runs[failed_id]
    assert ok.info.status == "FINISHED" and ok.data.params == {"params.numbers": "[4, 5]"}
    assert ok.data.tags["octopus.pipeline"] == "sum-numbers" and ok.data.tags["octopus.engine"] == "local"
    assert ok.data.metrics["octopus.duration_s"] > 0
    assert bad.info.status == "FAILED" and bad.data.tags["octopus.engine"] == "kfp"
    assert bad.data.tags["octopus.failed_node"] == "boom" and "ZeroDivisionError" in bad.data.tags["octopus.error"]


def test_cli_bad_parameter_exits_2_before_running():
    done = octopus("run", "examples/sum_numbers.yaml", "-p", "numbers=[1,", "-p", "nope=1")
    assert done.returncode == 2
    assert "not valid JSON" in done.stderr
    assert "▶" not in done.stdout
