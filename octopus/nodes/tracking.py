"""MLflow tracking and registry. Every Octopus run has one MLflow run in the `octopus`
experiment, tagged with the Octopus run id: nodes that train, evaluate or log write to it
while the run goes on (under `mlflow run`, the MLflow engine, to the run MLflow made for
their step), and `record_run` writes the run's summary once it is over."""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator

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
    with mlflow.start_run(run_id=existing or _run_for(run_id, mlflow_client)) as active:
        yield active


def _run_for(run_id: str, mlflow_client: MlflowClient) -> str:
    """The id of the MLflow run tagged with Octopus run `run_id`, made if there is none yet."""
    experiment_id = ensure_experiment()
    with _locked(octopus_home() / "mlflow" / "locks" / f"{run_id}.lock"):
        found = mlflow_client.search_runs([experiment_id], f"tags.`{RUN_TAG}` = '{_quote(run_id)}'",
                                          max_results=1)
        if found:
            return found[0].info.run_id
        return mlflow_client.create_run(experiment_id, tags={RUN_TAG: run_id}, run_name=run_id).info.run_id


MLFLOW_STATUS = {"succeeded": "FINISHED", "failed": "FAILED", "cancelled": "KILLED"}


def record_run(run_id: str, *, pipeline: str, engine: str, params: dict[str, Any], status: str,
               duration_s: float, error: str | None = None, failed_node: str | None = None) -> str | None:
    """Every finished Octopus run shows in MLflow: its pipeline, engine, parameters, status and
    duration go onto the run's MLflow run (made now if no node made one). Tracking is a record,
    not part of the run: a failure here is reported on stderr and returns None."""
    try:
        from mlflow.entities import Metric, Param, RunTag

        mlflow_client = client()
        mlflow_run_id = _run_for(run_id, mlflow_client)
        tags = {"octopus.pipeline": pipeline, "octopus.engine": engine, "octopus.status": status}
        if error:
            tags |= {"octopus.error": error[:5000], "octopus.failed_node": failed_node or ""}
        mlflow_client.log_batch(
            mlflow_run_id,
            metrics=[Metric("octopus.duration_s", duration_s, int(time.time() * 1000), 0)],
            params=[Param(f"params.{k}", json.dumps(v)[:6000]) for k, v in sorted(params.items())],
            tags=[RunTag(k, v) for k, v in tags.items()])
        mlflow_client.set_terminated(mlflow_run_id, MLFLOW_STATUS.get(status, "FINISHED"))
        return mlflow_run_id
    except Exception as exc:  # noqa: BLE001 - the run itself is over and stored either way
        print(f"warning: run {run_id} was not recorded in MLflow ({tracking_uri()}): "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return None


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
