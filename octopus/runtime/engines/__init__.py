"""Engines run a plan: `local` in this process, the others on a real orchestrator."""

from __future__ import annotations

from importlib import import_module

from octopus.runtime.engines.base import BundleEngine, Engine, EngineError, RunResult

# name -> (module, class): imported on use, so `octopus run` on the local engine never imports kfp.
ENGINES = {
    "local": ("octopus.runtime.engines.local", "LocalEngine"),
    "prefect": ("octopus.runtime.engines.prefect", "PrefectEngine"),
    "kfp": ("octopus.runtime.engines.kfp", "KfpEngine"),
    "airflow": ("octopus.runtime.engines.airflow", "AirflowEngine"),
    "mlflow": ("octopus.runtime.engines.mlflow", "MlflowEngine"),
}
TITLES = {"local": "Local", "prefect": "Prefect", "kfp": "Kubeflow (local)", "airflow": "Airflow (local)",
          "mlflow": "MLflow"}


def get_engine(name: str) -> Engine:
    if name not in ENGINES:
        raise ValueError(f"unknown engine '{name}' (engines: {', '.join(ENGINES)})")
    module, cls = ENGINES[name]
    return getattr(import_module(module), cls)()


__all__ = ["ENGINES", "TITLES", "BundleEngine", "Engine", "EngineError", "RunResult", "get_engine"]
