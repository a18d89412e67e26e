"""The MLflow model registry: register trained models as numbered versions, tag them with
aliases (champion, challenger), compare, load, download and delete them.

The registry lives where MLflow tracking does (octopus.settings.tracking_uri(): SQLite under
OCTOPUS_HOME unless MLFLOW_TRACKING_URI says otherwise). A version's metrics are those logged
with it (registry.register links them to the logged model), else those of the run that made it."""

from __future__ import annotations

import io
import tempfile
import warnings
import zipfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, model_validator

from octopus import storage
from octopus.nodes import node, tracking
from octopus.nodes.context import Context

# Types MLflow's safe format (skops) refuses to load unless told to trust them. Tree models
# (random forests, gradient boosting) need this one; we trust it because this node saves a
# model the pipeline itself trained. Other unknown types still fail, with skops' explanation.
SKOPS_TRUSTED = ["sklearn.tree._tree.Tree"]

NAME_PATTERN = r"^[A-Za-z0-9][\w.\-]*$"
ALIAS_PATTERN = r"^[A-Za-z_][\w\-]*$"


def _name_field() -> Any:
    return Field(description="Registered model name (letters, digits, _ . -).", pattern=NAME_PATTERN,
                 max_length=200)


class ModelRef(BaseModel):
    """A registered model by name plus exactly one of alias or version."""

    name: str = _name_field()
    alias: str | None = Field(None, description="Alias of the version, e.g. champion.", pattern=ALIAS_PATTERN)
    version: int | None = Field(None, ge=1, description="Version number (instead of an alias).")

    @model_validator(mode="after")
    def _one_of(self) -> ModelRef:
        if (self.alias is None) == (self.version is None):
            raise ValueError("give exactly one of alias or version")
        return self


# --- lookups with errors that say what exists ----------------------------------------------

def _not_found(exc: Exception) -> bool:
    return getattr(exc, "error_code", "") == "RESOURCE_DOES_NOT_EXIST"


def registered_model(name: str) -> Any:
    from mlflow.exceptions import MlflowException

    try:
        return tracking.client().get_registered_model(name)
    except MlflowException as exc:
        if not _not_found(exc):
            raise
    names = sorted(m.name for m in tracking.client().search_registered_models(max_results=1000))
    raise LookupError(f"no registered model '{name}' (registered models: {', '.join(names) or 'none'})") from None


def all_versions(name: str) -> list[Any]:
    """Every version of a registered model, oldest first, with its aliases."""
    aliases: dict[int, list[str]] = {}
    for alias, number in (registered_model(name).aliases or {}).items():
        aliases.setdefault(int(number), []).append(alias)
    found = tracking.client().search_model_versions(f"name = '{name}'", max_results=10000)
    for mv in found:  # searching leaves a version's aliases empty (MLflow 3.17, SQL store)
        mv.aliases = sorted(aliases.get(int(mv.version), []))
    return sorted(found, key=lambda v: int(v.version))


def model_version(name: str, version: int | None = None, alias: str | None = None) -> Any:
    """The version by number or alias; an unknown one is an error listing what exists."""
    model = registered_model(name)
    if alias is not None:
        aliases = dict(model.aliases or {})
        if alias not in aliases:
            known = ", ".join(f"{a} -> v{v}" for a, v in sorted(aliases.items())) or "none"
            raise LookupError(f"model '{name}' has no alias '{alias}' (aliases: {known})")
        version = int(aliases[alias])
    versions = all_versions(name)
    match = next((v for v in versions if int(v.version) == version), None)
    if match is None:
        raise LookupError(f"model '{name}' has no version {version} "
                          f"(versions: {', '.join(str(v.version) for v in versions) or 'none'})")
    return match


def resolve(ref: ModelRef) -> Any:
    return model_version(ref.name, ref.version, ref.alias)


def version_info(mv: Any, alias: str | None = None) -> dict[str, Any]:
    return {"name": mv.name, "version": int(mv.version), "run_id": mv.run_id,
            "alias": alias, "aliases": list(mv.aliases or []),
            "model_uri": f"models:/{mv.name}/{mv.version}"}


def version_metrics(mv: Any) -> dict[str, float]:
    """Metrics logged with the version's model, else the metrics of the run that made it."""
    client = tracking.client()
    model_id = getattr(mv, "model_id", None) or _model_id_from_source(mv.source)
    if model_id:
        try:
            metrics = client.get_logged_model(model_id).metrics or []
        except Exception:  # noqa: BLE001 - a version registered from files has no logged model
            metrics = []
        if metrics:
            # Several values per key (steps): the last logged wins, as in the MLflow UI.
            return {m.key: m.value for m in sorted(metrics, key=lambda m: (m.step, m.timestamp))}
    if not mv.run_id:
        return {}
    return dict(client.get_run(mv.run_id).data.metrics)


def _model_id_from_source(source: str | None) -> str | None:
    # MLflow 3 registers a logged model: the version's source is models:/<model id>.
    if source and source.startswith("models:/m-"):
        return source.removeprefix("models:/")
    return None


def _run_params(mv: Any) -> dict[str, str]:
    return dict(tracking.client().get_run(mv.run_id).data.params) if mv.run_id else {}


# --- nodes --------------------------------------------------------------------------------

class RegisterParams(BaseModel):
    name: str = _name_field()
    alias: str | None = Field(None, description="Also point this alias (e.g. champion) at the new version.",
                              pattern=ALIAS_PATTERN)


@node("registry.register", category="registry", title="Register model", outputs={"version": "object"},
      port_types={"model": "model", "metrics": "object", "table": "table"}, icon="register")
def register(model: Any, params: RegisterParams, ctx: Context, metrics: dict | None = None,
             table: Any = None) -> dict:
    """Add a trained model to the MLflow model registry as a new version.

    The model is logged in the run's MLflow run, with the metrics (if wired) and, from the
    table (if wired), an input example and signature so the served model checks its input."""
    import mlflow
    import mlflow.sklearn

    from octopus.nodes.builtin.ml import model_features

    if not hasattr(model, "predict"):
        raise TypeError(f"expected a fitted scikit-learn model, got {type(model).__name__}")
    numbers = _numeric_metrics(metrics or {})
    example = model_features(model, table).head(5) if table is not None else None
    with tracking.mlflow_run(ctx.run_id), warnings.catch_warnings():
        # MLflow warns that integer outputs cannot hold missing values: true, and harmless here.
        warnings.filterwarnings("ignore", message=".*integer column", category=UserWarning)
        info = mlflow.sklearn.log_model(
            model, name=params.name, registered_model_name=params.name, input_example=example,
            # Given, so MLflow does not spend seconds inferring them by loading the model again.
            pip_requirements=mlflow.sklearn.get_default_pip_requirements(include_skops=True),
            skops_trusted_types=SKOPS_TRUSTED)
        if numbers:
            mlflow.log_metrics(numbers, model_id=info.model_id)
    version = int(info.registered_model_version)
    if params.alias:
        tracking.client().set_registered_model_alias(params.name, params.alias, str(version))
    mv = model_version(params.name, version)
    print(f"registered {params.name} version {version}" + (f" as @{params.alias}" if params.alias else ""))
    return version_info(mv, params.alias)


def _numeric_metrics(metrics: dict[str, Any]) -> dict[str, float]:
    if not isinstance(metrics, dict):
        raise TypeError(f"metrics must be an object of numbers, got {type(metrics).__name__}")
    bad = [k for k, v in metrics.items() if isinstance(v, bool) or not isinstance(v, (int, float))]
    if bad:
        raise ValueError(f"metrics must be numbers; not a number: {', '.join(map(str, bad))}")
    return {str(k): float(v) for k, v in metrics.items()}


class NameParams(BaseModel):
    name: str = _name_field()


@node("registry.versions", category="registry", title="Model versions", outputs={"table": "table"},
      icon="registry")
def versions(params: NameParams) -> Any:
    """List a registered model's versions, newest first, with their aliases and metrics."""
    import pandas as pd

    rows = []
    for mv in reversed(all_versions(params.name)):
        rows.append({"version": int(mv.version), "aliases": ", ".join(sorted(mv.aliases or [])),
                     "created": pd.Timestamp(mv.creation_timestamp, unit="ms", tz="UTC"),
                     "run_id": mv.run_id or ""} | version_metrics(mv))
    return pd.DataFrame(rows, columns=None if rows else ["version", "aliases", "created", "run_id"])


class CompareParams(BaseModel):
    name: str = _name_field()
    versions: list[int] = Field(default_factory=list, description="Version numbers to compare; empty: all.")


@node("registry.compare", category="registry", title="Compare versions", outputs={"table": "table"},
      icon="compare")
def compare(params: CompareParams) -> Any:
    """Put versions side by side: one column per version, one row per metric and parameter.

    Cells are text, since one column holds both metrics and parameters."""
    import pandas as pd

    chosen = ([model_version(params.name, v) for v in params.versions] if params.versions
              else all_versions(params.name))
    columns = {}
    for mv in chosen:
        cells = {("version", "aliases"): ", ".join(sorted(mv.aliases or [])), ("version", "run_id"): mv.run_id or ""}
        cells |= {("metric", k): repr(v) for k, v in sorted(version_metrics(mv).items())}
        cells |= {("param", k): v for k, v in sorted(_run_params(mv).items())}
        columns[f"v{mv.version}"] = cells
    table = pd.DataFrame(columns)
    if table.empty:
        return pd.DataFrame(columns=["kind", "name"])
    order = {"version": 0, "metric": 1, "param": 2}
    table = table.loc[sorted(table.index, key=lambda k: (order[k[0]], k[1]))]
    table.index.names = ["kind", "name"]
    return table.reset_index().fillna("")


class AliasParams(BaseModel):
    name: str = _name_field()
    version: int = Field(ge=1, description="Version number the alias should point at.")
    alias: str = Field(description="Alias to set, e.g. champion.", pattern=ALIAS_PATTERN)


@node("registry.set_alias", category="registry", title="Set alias", outputs={"version": "object"}, icon="tag")
def set_alias(params: AliasParams) -> dict:
    """Point an alias (champion, challenger, ...) at a version; it moves if set elsewhere."""
    model_version(params.name, params.version)
    tracking.client().set_registered_model_alias(params.name, params.alias, str(params.version))
    print(f"{params.name}@{params.alias} -> version {params.version}")
    return version_info(model_version(params.name, params.version), params.alias)


@node("registry.load", category="registry", title="Load model", outputs={"model": "model"}, icon="load")
def load(params: ModelRef) -> Any:
    """Load a registered model (by alias or version) to predict with it."""
    import mlflow.sklearn

    mv = resolve(params)
    print(f"loading {params.name} version {mv.version}")
    return mlflow.sklearn.load_model(f"models:/{mv.name}/{mv.version}")


class DeleteParams(BaseModel):
    name: str = _name_field()
    version: int = Field(ge=1, description="Version number to delete (its aliases go with it).")


@node("registry.delete_version", category="registry", title="Delete version", outputs={"result": "object"},
      icon="delete")
def delete_version(params: DeleteParams) -> dict:
    """Delete one version of a registered model."""
    mv = model_version(params.name, params.version)
    tracking.client().delete_model_version(params.name, str(params.version))
    print(f"deleted {params.name} version {params.version}")
    return {"name": params.name, "version": params.version, "deleted": True, "aliases": list(mv.aliases or [])}


class DownloadParams(ModelRef):
    path: str | None = Field(None, description="Where to write the zip in storage; "
                             "default models/<name>-v<version>.zip.")


@node("registry.download", category="registry", title="Download model", outputs={"file": "file"}, icon="download")
def download(params: DownloadParams) -> str:
    """Write a registered model's MLflow folder (MLmodel, model file, requirements) as a zip
    into storage, e.g. to hand it to another system."""
    import mlflow.artifacts

    mv = resolve(params)
    path = params.path or f"models/{mv.name}-v{mv.version}.zip"
    storage.resolve(path)  # refuse a bad path before the download
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(mlflow.artifacts.download_artifacts(artifact_uri=f"models:/{mv.name}/{mv.version}",
                                                          dst_path=tmp))
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(folder.rglob("*")):
                if file.is_file():
                    archive.write(file, file.relative_to(folder).as_posix())
    written = storage.write_bytes(path, buffer.getvalue())
    print(f"wrote {mv.name} version {mv.version} to {written} ({len(buffer.getvalue()):,} bytes)")
    return written
