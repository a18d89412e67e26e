"""MLflow tracking and registry for nodes. Every Octopus run that trains, evaluates or logs
has one MLflow run in the `octopus` experiment, tagged with the Octopus run id, whichever
engine runs it; under `mlflow run` (the MLflow engine) a node logs to the run MLflow made
for its step."""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from octopus.settings import mlflow_artifacts, octopus_home, tracking_uri

if TYPE_CHECKING:
    from mlflow import ActiveRun
    from mlflow.tracking import MlflowClient

EXPERIMENT = "octopus"
RUN_TAG = "octopus.run_id"


_ready: set[str] = set()  # tracking URIs whose store this process has opened


def client() -> MlflowClient:
    import mlflow
    from mlflow.tracking import MlflowClient

    uri = tracking_uri()
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    if uri in _ready:
        return MlflowClient(uri, registry_uri=uri)
    # Opening a SQLite store the first time creates and migrates it; two processes or threads
    # doing so at once (parallel steps) collide on Alembic's tables. One at a time.
    with _locked(octopus_home() / "mlflow" / "store.lock"):
        made = MlflowClient(uri, registry_uri=uri)
    _ready.add(uri)
    return made


def ensure_experiment() -> str:
    """The `octopus` experiment, its artifacts under OCTOPUS_HOME (not in a run's folder).
    Its id is remembered per tracking URI: asking MLflow costs seconds per process."""
    cache = octopus_home() / "mlflow" / "experiments.json"
    cache.parent.mkdir(parents=True, exist_ok=True)
    uri = tracking_uri()
    with _locked(cache.with_suffix(".lock")):
        known = json.loads(cache.read_text()) if cache.exists() else {}
        if uri in known:
            return known[uri]
        mlflow_client = client()
        experiment = mlflow_client.get_experiment_by_name(EXPERIMENT)
        if experiment is not None:
            experiment_id = experiment.experiment_id
        else:
            experiment_id = mlflow_client.create_experiment(EXPERIMENT, artifact_location=mlflow_artifacts())
        cache.write_text(json.dumps(known | {uri: experiment_id}))
        return experiment_id


@contextmanager
def mlflow_run(run_id: str) -> Iterator[ActiveRun]:
    """The active MLflow run for Octopus run `run_id`, made by the first node that asks."""
    import mlflow

    mlflow_client = client()
    active = mlflow.active_run()
    if active is not None:
        # The MLflow engine's step script already runs inside the run `mlflow run` made
        # (and start_run took MLFLOW_RUN_ID out of the environment as it did).
        yield active
        return
    existing = os.environ.get("MLFLOW_RUN_ID")  # set by `mlflow run` for each entry point
    if not existing:
        experiment_id = ensure_experiment()
        with _locked(octopus_home() / "mlflow" / "locks" / f"{run_id}.lock"):
            found = mlflow_client.search_runs([experiment_id], f"tags.`{RUN_TAG}` = '{_quote(run_id)}'",
                                              max_results=1)
            existing = found[0].info.run_id if found else mlflow_client.create_run(
                experiment_id, tags={RUN_TAG: run_id}, run_name=run_id).info.run_id
    with mlflow.start_run(run_id=existing) as active:
        yield active


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "\\'")


@contextmanager
def _locked(path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Steps of one run may start at once, in threads or in processes: one creates the run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
