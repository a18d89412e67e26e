"""MLflow Projects: an entry point per node and a `main` entry that runs them in order,
passing each step's outputs on by its MLflow run id (MLflow's multistep-workflow pattern)."""

from __future__ import annotations

import json
from typing import Any

from octopus.compiler import Plan
from octopus.targets.base import Bundle, Target, header, render_template

USAGE = """Run the whole pipeline (one MLflow run per node, in order):
    mlflow run . --env-manager local -P param=value ...
Strings are passed as given; numbers, arrays and objects as JSON text."""


class MlflowTarget(Target):
    name = "mlflow"
    title = "MLflow Projects"
    capabilities = {"parameters": True, "retries": True, "parallel": False}

    def render(self, plan: Plan) -> Bundle:
        idents = {s.id: s.ident for s in plan.steps}
        steps = {s.ident: s.step() for s in plan.steps}
        order = [[s.ident, s.id, [idents[u] for u in s.upstream], s.retries] for s in plan.steps]
        defaults = mlflow_arguments(plan, {k: p.default for k, p in plan.params.items() if not p.required})
        files = {
            "MLproject": render_template("MLproject.j2", plan=plan, idents=idents, cli_defaults=defaults),
            "main.py": render_template("mlflow_main.py.j2", steps=order,
                                       param_types={k: p.type for k, p in plan.params.items()},
                                       header=header(plan, "MLflow driver (the `main` entry point)", USAGE)),
            "steps.py": render_template("mlflow_steps.py.j2", steps=steps,
                                        header=header(plan, "MLflow entry points, one per node", USAGE)),
        }
        return Bundle(self.name, files, entry="MLproject")


def mlflow_arguments(plan: Plan, values: dict[str, Any]) -> dict[str, str]:
    """Run-time values as `mlflow run -P` takes them: strings as given, the rest as JSON."""
    return {k: v if plan.params[k].type == "string" else json.dumps(v) for k, v in values.items()}


TARGET_CLASS = MlflowTarget
