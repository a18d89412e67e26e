"""Airflow's own DagBag loads every generated DAG with no import errors (in Octopus's Airflow venv)."""

import json
import subprocess

import pytest

from octopus.compiler import plan
from octopus.ir import load
from octopus.runtime.engines.airflow import airflow_venv
from octopus.targets import get_target
from tests.adversarial import adversarial_pipeline
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.engine

CHECK = """
import json, sys
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder=sys.argv[1])
print(json.dumps({"errors": {k: str(v) for k, v in bag.import_errors.items()},
                  "dags": {d: sorted(t.task_id for t in bag.dags[d].tasks) for d in bag.dag_ids}}))
"""


def test_dagbag_imports_every_generated_dag(tmp_path):
    pipelines = [load(p) for p in sorted(EXAMPLES.glob("*.yaml"))] + [adversarial_pipeline()]
    expected = {}
    for pipeline in pipelines:
        the_plan = plan(pipeline)
        get_target("airflow").render(the_plan).write(tmp_path)
        expected[the_plan.ident] = sorted(s.id for s in the_plan.steps)
    done = subprocess.run([str(airflow_venv() / "bin" / "python"), "-c", CHECK, str(tmp_path)],
                          capture_output=True, text=True, timeout=300,
                          env={"AIRFLOW_HOME": str(tmp_path / "home"), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                               "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["errors"] == {}
    assert report["dags"] == expected
