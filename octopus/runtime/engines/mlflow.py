"""MLflow Projects: `mlflow run <bundle> --env-manager local`, tracked in OCTOPUS_HOME by default
(MLFLOW_TRACKING_URI overrides)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from octopus.compiler import Plan
from octopus.runtime.engines.base import BundleEngine, octopus_home

EXPERIMENT = "octopus"


def tracking_uri() -> str:
    return os.environ.get("MLFLOW_TRACKING_URI") or f"sqlite:///{octopus_home() / 'mlflow' / 'mlflow.db'}"


class MlflowEngine(BundleEngine):
    name = "mlflow"
    title = "MLflow"
    target = "mlflow"

    def command(self, bundle_dir: Path, plan: Plan, params: dict[str, Any]) -> list[str]:
        from octopus.targets.mlflow import mlflow_arguments

        args = [sys.executable, "-m", "mlflow", "run", str(bundle_dir), "--env-manager", "local",
                "--experiment-id", ensure_experiment()]
        for name, value in mlflow_arguments(plan, params).items():
            args += ["-P", f"{name}={value}"]
        return args

    def environment(self, workdir: Path) -> dict[str, str]:
        # The entry points run `python`: make it this interpreter, which has octopus-ml.
        return {"MLFLOW_TRACKING_URI": tracking_uri(),
                "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}


def ensure_experiment() -> str:
    """The `octopus` experiment, with its artifacts under OCTOPUS_HOME (not in a run's folder).
    Its id is remembered per tracking URI: asking MLflow costs seconds per run."""
    cache = octopus_home() / "mlflow" / "experiments.json"
    known = json.loads(cache.read_text()) if cache.exists() else {}
    uri = tracking_uri()
    if uri in known:
        return known[uri]
    from mlflow.tracking import MlflowClient

    cache.parent.mkdir(parents=True, exist_ok=True)
    client = MlflowClient(uri)
    experiment = client.get_experiment_by_name(EXPERIMENT)
    if experiment is not None:
        experiment_id = experiment.experiment_id
    else:
        artifacts = (octopus_home() / "mlflow" / "artifacts").as_uri()
        experiment_id = client.create_experiment(EXPERIMENT, artifact_location=artifacts)
    cache.write_text(json.dumps(known | {uri: experiment_id}))
    return experiment_id
