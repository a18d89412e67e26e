"""MLflow Projects: `mlflow run <bundle> --env-manager local`, tracked in OCTOPUS_HOME by default
(MLFLOW_TRACKING_URI overrides)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from octopus.compiler import Plan
from octopus.nodes.tracking import ensure_experiment
from octopus.runtime.engines.base import BundleEngine
from octopus.settings import tracking_uri


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
