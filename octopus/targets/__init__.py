"""One module per orchestrator, each rendering a Plan into a Bundle of readable files."""

from __future__ import annotations

from importlib import import_module

from octopus.targets.base import Bundle, Target

TARGETS = {"prefect": "Prefect", "kfp": "Kubeflow Pipelines", "airflow": "Airflow", "mlflow": "MLflow"}


def get_target(name: str, **options: object) -> Target:
    if name not in TARGETS:
        raise ValueError(f"unknown target '{name}' (targets: {', '.join(TARGETS)})")
    module = import_module(f"octopus.targets.{name}")
    return module.TARGET_CLASS(**options)


__all__ = ["TARGETS", "Bundle", "Target", "get_target"]
