"""deploy.serve / score / stop with MLflow's real model server on loopback, and monitor.drift."""

from __future__ import annotations

import json

import httpx
import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split

from octopus.nodes.builtin import deploy, ml, registry
from octopus.nodes.context import Context

pytestmark = pytest.mark.usefixtures("module_home")

NAME = "iris-served"


@pytest.fixture(scope="module")
def iris():
    frame = load_iris(as_frame=True).frame
    return train_test_split(frame, test_size=0.3, random_state=2, stratify=frame["target"])


@pytest.fixture(scope="module")
def model(iris):
    """A random forest (a tree model: MLflow must be told to trust its tree type) as the champion."""
    train, _ = iris
    fitted = ml.train(train, ml.TrainParams(estimator="random_forest_classifier",
                                            hyperparameters={"n_estimators": 20}), Context("deploy", "train"))
    registry.register(fitted, registry.RegisterParams(name=NAME, alias="champion"), Context("deploy", "register"),
                      table=train)
    return fitted


def answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/ping", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.fixture(scope="module")
def endpoint(model):
    """One server for the module (it takes a few seconds to start); always stopped."""
    try:
        yield deploy.serve(deploy.ServeParams(name=NAME, alias="champion"))
    finally:
        for record in deploy.running():
            deploy.stop(deploy.StopParams(name=record["name"]))


def test_serve_starts_a_recorded_server(endpoint, module_home):
    assert endpoint.startswith("http://127.0.0.1:") and answers(endpoint)
    record = json.loads((module_home / "serving" / f"{NAME}.json").read_text())
    assert record["url"] == endpoint and record["model"] == f"models:/{NAME}@champion" and record["version"] == 1
    assert deploy._ours(record)  # the recorded pid is the mlflow server process


def test_score_matches_the_local_model_through_the_node_and_directly(endpoint, model, iris):
    _, test = iris
    batch = test.drop(columns="target")
    scored = deploy.score(endpoint, batch, deploy.ScoreParams())
    expected = list(model.predict(batch))
    assert list(scored.columns) == list(batch.columns) + ["prediction"] and len(scored) == len(batch)
    assert list(scored["prediction"]) == expected

    response = httpx.post(f"{endpoint}/invocations", timeout=30,
                          json={"dataframe_split": batch.to_dict(orient="split", index=False)})
    assert response.status_code == 200
    assert response.json()["predictions"] == expected

    # Extra columns (here the true labels) are ignored by the served model's signature.
    with_target = deploy.score(endpoint, test, deploy.ScoreParams(output_column="served"))
    assert list(with_target["served"]) == expected


def test_score_reports_the_servers_complaint(endpoint, iris):
    _, test = iris
    with pytest.raises(RuntimeError, match=r"/invocations answered 400: .*petal width \(cm\)"):
        deploy.score(endpoint, test.drop(columns=["target", "petal width (cm)"]), deploy.ScoreParams())
    with pytest.raises(RuntimeError, match="could not reach http://127.0.0.1:9/invocations"):
        deploy.score("http://127.0.0.1:9", test, deploy.ScoreParams(timeout=5))


def test_serve_refuses_unknown_models_and_busy_ports(endpoint, model):
    with pytest.raises(LookupError, match=r"model 'iris-served' has no alias 'prod' \(aliases: champion -> v1\)"):
        deploy.serve(deploy.ServeParams(name=NAME, alias="prod"))
    with pytest.raises(LookupError, match=rf"no registered model 'nope' \(registered models: {NAME}\)"):
        deploy.serve(deploy.ServeParams(name="nope", version=1))
    registry.register(model, registry.RegisterParams(name="second"), Context("deploy", "register2"))
    port = int(endpoint.rsplit(":", 1)[1])
    with pytest.raises(RuntimeError, match=f"something already answers at {endpoint}"):
        deploy.serve(deploy.ServeParams(name="second", version=1, port=port))
    assert answers(endpoint)  # the running server was left alone


def test_serving_again_replaces_then_stop_stops(endpoint, model, iris, module_home):
    _, test = iris
    replaced = deploy.serve(deploy.ServeParams(name=NAME, version=1))
    try:
        assert replaced != endpoint and not answers(endpoint) and answers(replaced)
        record = json.loads((module_home / "serving" / f"{NAME}.json").read_text())
        assert record["url"] == replaced and record["model"] == f"models:/{NAME}/1"
        scored = deploy.score(replaced, test, deploy.ScoreParams())
        assert list(scored["prediction"]) == list(model.predict(test.drop(columns="target")))
    finally:
        stopped = deploy.stop(deploy.StopParams(), endpoint=replaced)
    assert stopped == {"stopped": True, "name": NAME}
    assert not answers(replaced)
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{replaced}/ping", timeout=2)
    assert not (module_home / "serving" / f"{NAME}.json").exists()
    assert deploy.stop(deploy.StopParams(name=NAME)) == {"stopped": False, "name": NAME}
    with pytest.raises(ValueError, match="give the model name"):
        deploy.stop(deploy.StopParams())


# --- monitor.drift -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def normal_tables():
    rng = np.random.default_rng(0)
    def draw(n: int) -> pd.DataFrame:
        return pd.DataFrame({"a": rng.normal(0, 1, n), "b": rng.uniform(0, 10, n),
                             "c": rng.exponential(2, n), "d": rng.integers(0, 5, n), "label": ["x"] * n})
    return draw(3000), draw(3000)


@pytest.mark.parametrize("method", ["ks", "psi"])
def test_same_distribution_does_not_drift(normal_tables, method):
    reference, current = normal_tables
    out = deploy.drift(reference, current, deploy.DriftParams(method=method))
    report = out["report"]
    assert list(report["column"]) == ["a", "b", "c", "d"]  # numeric columns only
    assert out["drifted"] is False and not report["drifted"].any()
    assert (report["statistic"] < 0.1).all()
    assert out["summary"] == "no drift in 4 features"
    assert report["p_value"].notna().all() if method == "ks" else report["p_value"].isna().all()


@pytest.mark.parametrize("method", ["ks", "psi"])
def test_shifted_columns_drift_and_are_named(iris, method):
    reference, current = iris
    current = current.assign(**{"petal length (cm)": current["petal length (cm)"] + 3,
                                "petal width (cm)": current["petal width (cm)"] * 3})
    out = deploy.drift(reference.drop(columns="target"), current.drop(columns="target"),
                       deploy.DriftParams(method=method))
    report = out["report"].set_index("column")
    assert out["drifted"] is True
    assert set(report.index[report["drifted"]]) == {"petal length (cm)", "petal width (cm)"}
    assert out["summary"].startswith("drift in 2 of 4 features: petal ")
    for column in ("petal length (cm)", "petal width (cm)"):
        assert f"{column} ({report.loc[column, 'statistic']:.2f})" in out["summary"]


def test_drift_columns_and_threshold(iris):
    reference, current = iris
    shifted = current.assign(**{"sepal length (cm)": current["sepal length (cm)"] + 0.5})
    params = deploy.DriftParams(columns=["sepal length (cm)"], threshold=0.99)
    out = deploy.drift(reference, shifted, params)
    assert list(out["report"]["column"]) == ["sepal length (cm)"] and out["drifted"] is False
    assert out["report"]["statistic"].iloc[0] > 0.2  # it moved, but not past this threshold
    with pytest.raises(ValueError, match=r"column\(s\) colour not in the reference table"):
        deploy.drift(reference, current, deploy.DriftParams(columns=["colour"]))
    with pytest.raises(ValueError, match="no numeric column in common"):
        deploy.drift(pd.DataFrame({"a": [1.0]}), pd.DataFrame({"b": [1.0]}), deploy.DriftParams())
