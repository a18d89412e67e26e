"""ml.train / evaluate / predict / sweep on real scikit-learn data, logging to a real MLflow
(SQLite under a private OCTOPUS_HOME)."""

from __future__ import annotations

import uuid

import numpy as np
import pytest
from sklearn.datasets import load_diabetes, load_iris
from sklearn.model_selection import train_test_split

from octopus.ir import loads
from octopus.nodes import tracking
from octopus.nodes.builtin import ml
from octopus.nodes.context import Context
from octopus.runtime import values
from octopus.runtime.run import run_pipeline

pytestmark = pytest.mark.usefixtures("module_home")


def ctx(node_id: str = "train") -> Context:
    return Context(run_id=f"test-{uuid.uuid4().hex[:8]}", node_id=node_id)


@pytest.fixture(scope="module")
def iris():
    frame = load_iris(as_frame=True).frame
    return train_test_split(frame, test_size=0.3, random_state=0, stratify=frame["target"])


@pytest.fixture(scope="module")
def diabetes():
    return train_test_split(load_diabetes(as_frame=True).frame, test_size=0.3, random_state=0)


def mlflow_run_of(run_id: str):
    client = tracking.client()
    found = client.search_runs([tracking.ensure_experiment()], f"tags.`{tracking.RUN_TAG}` = '{run_id}'")
    assert len(found) == 1, f"expected one MLflow run tagged {run_id}, found {len(found)}"
    return found[0]


def test_iris_classifier_trains_evaluates_and_logs_to_mlflow(iris, capsys):
    train, test = iris
    context = ctx("fit")
    model = ml.train(train, ml.TrainParams(estimator="logistic_regression", hyperparameters={"C": 2.0}), context)
    assert "trained logistic_regression on 105 rows × 4 features" in capsys.readouterr().out
    assert list(model.feature_names_in_) == [c for c in train.columns if c != "target"]
    assert model.get_params()["C"] == 2.0

    out = ml.evaluate(model, test, ml.EvaluateParams(), Context(context.run_id, "evaluate"))
    metrics, confusion = out["metrics"], out["confusion"]
    assert set(metrics) == {"accuracy", "precision_macro", "recall_macro", "f1_macro"}
    assert metrics["accuracy"] > 0.8 and 0 < metrics["f1_macro"] <= 1
    assert int(confusion.to_numpy().sum()) == len(test) == 45
    assert list(confusion.index) == list(confusion.columns) == ["0", "1", "2"]
    # The diagonal holds the right answers: it must agree with the accuracy.
    assert np.trace(confusion.to_numpy()) / len(test) == pytest.approx(metrics["accuracy"])
    assert confusion.loc["2"].sum() == (test["target"] == 2).sum()

    run = mlflow_run_of(context.run_id)
    assert run.data.tags[tracking.RUN_TAG] == context.run_id
    assert run.data.params["fit.estimator"] == "logistic_regression"
    assert run.data.params["fit.C"] == "2.0"
    assert run.data.metrics["accuracy"] == pytest.approx(metrics["accuracy"])
    assert run.data.metrics["fit.train_score"] == pytest.approx(model.score(train.drop(columns="target"),
                                                                            train["target"]))


def test_diabetes_regressors_report_regression_metrics(diabetes):
    train, test = diabetes
    forest = ml.train(train, ml.TrainParams(estimator="random_forest_regressor",
                                            hyperparameters={"n_estimators": 40, "max_depth": 6}, seed=3), ctx())
    assert forest.get_params()["random_state"] == 3 and forest.get_params()["n_estimators"] == 40
    linear = ml.train(train, ml.TrainParams(estimator="linear_regression"), ctx())
    for model in (forest, linear):
        out = ml.evaluate(model, test, ml.EvaluateParams(), ctx("evaluate"))
        metrics = out["metrics"]
        assert set(metrics) == {"r2", "mae", "rmse"}
        assert metrics["r2"] > 0.2  # diabetes is noisy (0.3-0.45 held out); guessing the mean scores 0
        assert 0 < metrics["mae"] <= metrics["rmse"] < test["target"].std()
        assert out["confusion"].empty


def test_training_uses_the_chosen_features_only(iris):
    train, test = iris
    features = ["petal length (cm)", "petal width (cm)"]
    model = ml.train(train, ml.TrainParams(estimator="random_forest_classifier", features=features), ctx())
    assert list(model.feature_names_in_) == features
    predicted = ml.predict(model, test[features], ml.PredictParams())
    assert list(predicted["prediction"]) == list(model.predict(test[features]))


def test_predict_adds_predictions_and_probabilities(iris):
    train, test = iris
    model = ml.train(train, ml.TrainParams(estimator="gradient_boosting_classifier",
                                           hyperparameters={"n_estimators": 30}), ctx())
    batch = test.drop(columns="target")
    out = ml.predict(model, batch, ml.PredictParams(output_column="species", probabilities=True))
    assert len(out) == len(batch) and list(out.index) == list(batch.index)
    assert list(out.columns) == list(batch.columns) + ["species", "proba_0", "proba_1", "proba_2"]
    assert list(out["species"]) == list(model.predict(batch))
    assert np.allclose(out[["proba_0", "proba_1", "proba_2"]].sum(axis=1), 1.0)
    # The most probable class is the predicted one.
    assert list(out[["proba_0", "proba_1", "proba_2"]].to_numpy().argmax(axis=1)) == list(out["species"])


def test_predict_names_missing_feature_columns(iris):
    train, test = iris
    model = ml.train(train, ml.TrainParams(estimator="logistic_regression"), ctx())
    with pytest.raises(ValueError, match=r"lacks the model's feature column\(s\) petal width \(cm\)"):
        ml.predict(model, test.drop(columns=["petal width (cm)"]), ml.PredictParams())


def test_probabilities_of_a_regressor_are_refused(diabetes):
    train, test = diabetes
    model = ml.train(train, ml.TrainParams(estimator="linear_regression"), ctx())
    with pytest.raises(ValueError, match="probabilities need a classifier"):
        ml.predict(model, test, ml.PredictParams(probabilities=True))


def test_bad_hyperparameter_names_are_named_with_the_valid_ones(iris):
    train, _ = iris
    with pytest.raises(ValueError) as info:
        ml.train(train, ml.TrainParams(estimator="random_forest_classifier",
                                       hyperparameters={"n_estimator": 10, "depth": 3}), ctx())
    message = str(info.value)
    assert "'n_estimator' (did you mean 'n_estimators'?)" in message and "'depth'" in message
    assert "valid names:" in message and "max_depth" in message and "min_samples_leaf" in message


def test_bad_columns_are_named(iris):
    train, _ = iris
    with pytest.raises(ValueError, match="target column 'species' is not in the table"):
        ml.train(train, ml.TrainParams(target="species"), ctx())
    with pytest.raises(ValueError, match=r"feature column\(s\) sepal size not in the table"):
        ml.train(train, ml.TrainParams(features=["sepal size"]), ctx())
    text = train.assign(colour="blue")
    with pytest.raises(ValueError, match=r"feature column\(s\) colour are not numeric"):
        ml.train(text, ml.TrainParams(), ctx())


def test_sweep_finds_the_best_combination_and_refits_it(iris, capsys):
    train, _ = iris
    context = ctx("sweep")
    params = ml.SweepParams(estimator="logistic_regression", grid={"C": [0.001, 0.1, 10.0]}, cv=3)
    out = ml.sweep(train, params, context)
    results, best, model = out["results"], out["best"], out["model"]
    assert len(results) == 3 and set(results["C"]) == {0.001, 0.1, 10.0}
    assert list(results["mean_score"]) == sorted(results["mean_score"], reverse=True)
    assert best["metric"] == "accuracy"
    assert best["score"] == pytest.approx(results["mean_score"].iloc[0])
    assert best["params"] == {"C": results["C"].iloc[0]} and model.get_params()["C"] == best["params"]["C"]
    assert results["mean_score"].iloc[-1] < best["score"]  # C=0.001 underfits badly
    assert hasattr(model, "coef_")  # refit on the whole table
    assert "swept 3 combinations" in capsys.readouterr().out

    run = mlflow_run_of(context.run_id)
    assert run.data.params["sweep.best.C"] == str(best["params"]["C"])
    assert run.data.metrics["sweep.best_accuracy"] == pytest.approx(best["score"])


def test_sweep_of_a_regressor_with_mixed_value_types(diabetes):
    train, _ = diabetes
    params = ml.SweepParams(estimator="random_forest_regressor", metric="neg_mean_absolute_error", cv=2,
                            grid={"n_estimators": [10], "max_features": ["sqrt", 1.0], "max_depth": [3, None]})
    out = ml.sweep(train, params, ctx("sweep"))
    results = out["results"]
    assert len(results) == 4 and (results["mean_score"] < 0).all()
    assert set(results["max_features"]) == {"sqrt", "1.0"}  # mixed types are shown as text
    values.encode(results, "adhoc", "sweep", "results")  # and can be stored as Parquet


def test_sweep_rejects_bad_grids_and_metrics(iris):
    train, _ = iris
    with pytest.raises(ValueError, match="unknown grid parameter 'c' .*did you mean 'C'"):
        ml.sweep(train, ml.SweepParams(estimator="logistic_regression", grid={"c": [1.0]}), ctx())
    with pytest.raises(ValueError, match="empty: C"):
        ml.sweep(train, ml.SweepParams(estimator="logistic_regression", grid={"C": []}), ctx())
    with pytest.raises(ValueError, match="unknown metric 'acuracy' \\(did you mean accuracy"):
        ml.sweep(train, ml.SweepParams(estimator="logistic_regression", grid={"C": [1.0]}, metric="acuracy"),
                 ctx())


PIPELINE = """
name: iris-ml
nodes:
  - {id: iris, type: data.sample, params: {dataset: iris}}
  - {id: split, type: table.split, inputs: {table: iris.table}, params: {test_size: 0.3, stratify: target}}
  - id: train
    type: ml.train
    inputs: {table: split.train}
    params: {estimator: random_forest_classifier, hyperparameters: {n_estimators: 25, max_depth: 4}}
  - {id: evaluate, type: ml.evaluate, inputs: {model: train.model, table: split.test}}
  - {id: predict, type: ml.predict, inputs: {model: train.model, table: split.test}}
"""


def test_nodes_run_in_a_pipeline():
    result = run_pipeline(loads(PIPELINE), engine="local", emit=lambda e: None)
    assert result.status == "succeeded", result.error
    metrics = result.outputs["evaluate"]["metrics"]
    assert metrics["accuracy"] > 0.8
    test = values.decode(result.outputs["split"]["test"])
    predicted = values.decode(result.outputs["predict"]["table"])
    assert len(predicted) == len(test) == 45
    assert (predicted["prediction"] == predicted["target"]).mean() == pytest.approx(metrics["accuracy"])
    model = values.decode(result.outputs["train"]["model"])
    assert model.get_params()["n_estimators"] == 25


def test_a_bad_hyperparameter_fails_the_run_with_the_reason():
    bad = PIPELINE.replace("n_estimators: 25", "trees: 25")
    result = run_pipeline(loads(bad), engine="local", emit=lambda e: None)
    assert result.status == "failed"
    assert "unknown hyperparameter 'trees'" in result.error and "n_estimators" in result.error


def test_the_form_offers_each_estimators_own_valid_settings():
    from octopus.nodes import catalog
    from octopus.nodes.builtin.ml import (
        ESTIMATORS,
        HYPERPARAMETER_FORMS,
        estimator_class,
    )

    schema = catalog()["ml.train"].params_schema()
    branches = schema["dependencies"]["estimator"]["oneOf"]
    offered = {b["properties"]["estimator"]["enum"][0]: b["properties"]["hyperparameters"]["properties"]
               for b in branches}
    assert set(offered) == set(ESTIMATORS) == set(HYPERPARAMETER_FORMS)
    for name, fields in offered.items():
        assert fields and set(fields) <= set(estimator_class(name)().get_params()), name
    assert "hyperparameters" not in schema["properties"]  # only the chosen estimator's form shows
