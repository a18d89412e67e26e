"""The registry nodes against a real MLflow model registry (SQLite under a private OCTOPUS_HOME)."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest
from pydantic import ValidationError
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split

from octopus import storage
from octopus.ir import loads
from octopus.nodes import tracking
from octopus.nodes.builtin import ml, registry
from octopus.nodes.context import Context
from octopus.runtime import values
from octopus.runtime.run import run_pipeline

pytestmark = pytest.mark.usefixtures("module_home")

NAME = "iris-test"


@pytest.fixture(scope="module")
def iris():
    frame = load_iris(as_frame=True).frame
    return train_test_split(frame, test_size=0.3, random_state=1, stratify=frame["target"])


def train_and_register(iris, run_id: str, hyperparameters: dict, alias: str | None = None):
    """What a pipeline does: train, evaluate, register; each call is its own Octopus run."""
    train, test = iris
    model = ml.train(train, ml.TrainParams(estimator="logistic_regression", hyperparameters=hyperparameters),
                     Context(run_id, "train"))
    metrics = ml.evaluate(model, test, ml.EvaluateParams(), Context(run_id, "evaluate"))["metrics"]
    version = registry.register(model, registry.RegisterParams(name=NAME, alias=alias), Context(run_id, "register"),
                                metrics=metrics, table=train)
    return model, metrics, version


@pytest.fixture(scope="module")
def registered(iris):
    """Two versions: a weak model (tiny C) and a good one."""
    runs = [f"reg-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    first = train_and_register(iris, runs[0], {"C": 0.001})
    second = train_and_register(iris, runs[1], {"C": 1.0})
    return runs, first, second


def test_register_makes_numbered_versions_in_the_runs_mlflow_run(registered):
    runs, (_, metrics1, v1), (_, metrics2, v2) = registered
    assert (v1["version"], v2["version"]) == (1, 2)
    assert v2 == {"name": NAME, "version": 2, "run_id": v2["run_id"], "alias": None, "aliases": [],
                  "model_uri": f"models:/{NAME}/2"}
    client = tracking.client()
    for run_id, version, metrics in zip(runs, (v1, v2), (metrics1, metrics2), strict=True):
        run = client.get_run(version["run_id"])
        assert run.data.tags[tracking.RUN_TAG] == run_id
        assert run.data.metrics["accuracy"] == pytest.approx(metrics["accuracy"])
        assert run.data.params["train.estimator"] == "logistic_regression"
    assert metrics2["accuracy"] > metrics1["accuracy"]  # C=0.001 barely learns


def test_versions_lists_each_version_with_its_own_metrics(registered):
    _, (_, metrics1, v1), (_, metrics2, v2) = registered
    table = registry.versions(registry.NameParams(name=NAME))
    assert list(table["version"]) == [2, 1]  # newest first
    assert list(table["run_id"]) == [v2["run_id"], v1["run_id"]]
    for metric in ("accuracy", "f1_macro", "precision_macro", "recall_macro"):
        assert list(table[metric]) == pytest.approx([metrics2[metric], metrics1[metric]])
    assert table["created"].iloc[0] >= table["created"].iloc[1]
    values.encode(table, "adhoc", "versions", "table")  # storable as Parquet


def test_alias_load_compare_download_delete(registered, iris):
    _, (model1, metrics1, _), (model2, metrics2, _) = registered
    _, test = iris
    features = test.drop(columns="target")

    tagged = registry.set_alias(registry.AliasParams(name=NAME, version=2, alias="champion"))
    assert tagged["alias"] == "champion" and tagged["aliases"] == ["champion"]
    assert tracking.client().get_model_version_by_alias(NAME, "champion").version in (2, "2")

    loaded = registry.load(registry.ModelRef(name=NAME, alias="champion"))
    assert list(loaded.predict(features)) == list(model2.predict(features))
    assert list(loaded.predict(features)) != list(model1.predict(features))  # really version 2
    by_number = registry.load(registry.ModelRef(name=NAME, version=1))
    assert list(by_number.predict(features)) == list(model1.predict(features))

    table = registry.compare(registry.CompareParams(name=NAME))
    assert list(table.columns) == ["kind", "name", "v1", "v2"]
    rows = table.set_index(["kind", "name"])
    assert rows.loc[("version", "aliases"), "v2"] == "champion" and rows.loc[("version", "aliases"), "v1"] == ""
    assert float(rows.loc[("metric", "accuracy"), "v1"]) == pytest.approx(metrics1["accuracy"])
    assert float(rows.loc[("metric", "accuracy"), "v2"]) == pytest.approx(metrics2["accuracy"])
    assert rows.loc[("param", "train.C"), "v1"] == "0.001" and rows.loc[("param", "train.C"), "v2"] == "1.0"
    assert list(registry.compare(registry.CompareParams(name=NAME, versions=[2])).columns) == ["kind", "name", "v2"]

    path = registry.download(registry.DownloadParams(name=NAME, alias="champion"))
    assert path == f"models/{NAME}-v2.zip"
    with zipfile.ZipFile(io.BytesIO(storage.resolve(path, must_exist=True).read_bytes())) as archive:
        names = archive.namelist()
        assert "MLmodel" in names and "model.skops" in names and "input_example.json" in names
        assert "sklearn" in archive.read("MLmodel").decode()
    custom = registry.download(registry.DownloadParams(name=NAME, version=1, path="exports/first.zip"))
    assert custom == "exports/first.zip" and zipfile.is_zipfile(storage.resolve(custom, must_exist=True))

    deleted = registry.delete_version(registry.DeleteParams(name=NAME, version=1))
    assert deleted == {"name": NAME, "version": 1, "deleted": True, "aliases": []}
    assert list(registry.versions(registry.NameParams(name=NAME))["version"]) == [2]
    with pytest.raises(LookupError, match=r"model 'iris-test' has no version 1 \(versions: 2\)"):
        registry.load(registry.ModelRef(name=NAME, version=1))


def test_unknown_names_aliases_and_versions_say_what_exists(registered):
    with pytest.raises(LookupError, match=rf"no registered model 'iris-tset' \(registered models: .*{NAME}"):
        registry.versions(registry.NameParams(name="iris-tset"))
    with pytest.raises(LookupError, match=r"model 'iris-test' has no alias 'prod' \(aliases: "):
        registry.load(registry.ModelRef(name=NAME, alias="prod"))
    with pytest.raises(LookupError, match=r"has no version 99 \(versions: .*2"):
        registry.set_alias(registry.AliasParams(name=NAME, version=99, alias="champion"))
    with pytest.raises(ValidationError, match="exactly one of alias or version"):
        registry.ModelRef(name=NAME)
    with pytest.raises(ValidationError, match="exactly one of alias or version"):
        registry.ModelRef(name=NAME, alias="champion", version=2)
    with pytest.raises(ValidationError, match="name"):
        registry.NameParams(name="x' OR name LIKE '%")
    with pytest.raises(storage.StorageError, match="'..'"):
        registry.download(registry.DownloadParams(name=NAME, version=2, path="../outside.zip"))


def test_metrics_must_be_numbers(iris):
    train, _ = iris
    model = ml.train(train, ml.TrainParams(estimator="logistic_regression"), Context("bad-metrics", "train"))
    with pytest.raises(ValueError, match="not a number: note"):
        registry.register(model, registry.RegisterParams(name="never-made"), Context("bad-metrics", "register"),
                          metrics={"accuracy": 0.9, "note": "good"})


REGISTER = """
name: register
params: {name: {type: string, default: iris-pipeline}}
nodes:
  - {id: iris, type: data.sample, params: {dataset: iris}}
  - {id: split, type: table.split, inputs: {table: iris.table}, params: {test_size: 0.3, stratify: target}}
  - {id: train, type: ml.train, inputs: {table: split.train}, params: {estimator: random_forest_classifier}}
  - {id: evaluate, type: ml.evaluate, inputs: {model: train.model, table: split.test}}
  - id: register
    type: registry.register
    inputs: {model: train.model, metrics: evaluate.metrics, table: split.train}
    params: {name: "${params.name}", alias: champion}
"""

USE = """
name: use
params: {name: {type: string, default: iris-pipeline}}
nodes:
  - {id: iris, type: data.sample, params: {dataset: iris}}
  - {id: versions, type: registry.versions, params: {name: "${params.name}"}}
  - {id: load, type: registry.load, params: {name: "${params.name}", alias: champion}}
  - {id: predict, type: ml.predict, inputs: {model: load.model, table: iris.table}}
"""


def test_a_pipeline_registers_and_another_uses_the_champion():
    result = run_pipeline(loads(REGISTER), engine="local", emit=lambda e: None)
    assert result.status == "succeeded", result.error
    version = result.outputs["register"]["version"]
    assert version["alias"] == "champion" and version["name"] == "iris-pipeline" and version["version"] == 1
    accuracy = result.outputs["evaluate"]["metrics"]["accuracy"]

    used = run_pipeline(loads(USE), engine="local", emit=lambda e: None)
    assert used.status == "succeeded", used.error
    table = values.decode(used.outputs["versions"]["table"])
    assert list(table["version"]) == [1] and table["aliases"].iloc[0] == "champion"
    assert table["accuracy"].iloc[0] == pytest.approx(accuracy)
    predicted = values.decode(used.outputs["predict"]["table"])
    trained = values.decode(result.outputs["train"]["model"])
    assert list(predicted["prediction"]) == list(trained.predict(predicted[list(trained.feature_names_in_)]))
