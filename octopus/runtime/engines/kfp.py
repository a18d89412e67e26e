"""Kubeflow Pipelines, locally: kfp.local's SubprocessRunner runs the generated lightweight
components in this environment (no cluster, no Docker)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from octopus.compiler import Plan
from octopus.runtime.engines.base import BundleEngine

# Runs in the bundle folder: import the generated module and call its pipeline function.
RUNNER = """
import json, sys
from kfp import local
local.init(runner=local.SubprocessRunner(use_venv=False), pipeline_root=sys.argv[1])
import pipeline
getattr(pipeline, sys.argv[2])(**json.loads(sys.argv[3]))
"""


class KfpEngine(BundleEngine):
    name = "kfp"
    title = "Kubeflow (local)"
    target = "kfp"
    # Locally the components run in this environment, which already has octopus-ml.
    target_options = {"packages": [], "compile_yaml": False}

    def command(self, bundle_dir: Path, plan: Plan, params: dict[str, Any]) -> list[str]:
        from octopus.targets.kfp import kfp_arguments

        root = bundle_dir.parent / "kfp_outputs"
        return [sys.executable, "-c", RUNNER, str(root), plan.ident, json.dumps(kfp_arguments(plan, params))]
