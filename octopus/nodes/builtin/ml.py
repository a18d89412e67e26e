"""Training, evaluation, prediction and hyperparameter sweeps with scikit-learn.

A "model" value is a fitted scikit-learn estimator. Every node that learns or measures logs
to the MLflow run of the Octopus run (octopus.nodes.tracking). Parameters are logged under
`<node id>.<name>`: MLflow parameters cannot change inside a run, and a pipeline may train
more than one model."""

from __future__ import annotations

import difflib
import importlib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from octopus.nodes import node, tracking
from octopus.nodes.context import Context

# Estimator name (as the `estimator` parameter spells it) -> scikit-learn class, by import
# path: importing scikit-learn costs more than a second, and the catalog loads every node module.
ESTIMATORS: dict[str, str] = {
    "logistic_regression": "sklearn.linear_model.LogisticRegression",
    "random_forest_classifier": "sklearn.ensemble.RandomForestClassifier",
    "random_forest_regressor": "sklearn.ensemble.RandomForestRegressor",
    "gradient_boosting_classifier": "sklearn.ensemble.GradientBoostingClassifier",
    "gradient_boosting_regressor": "sklearn.ensemble.GradientBoostingRegressor",
    "linear_regression": "sklearn.linear_model.LinearRegression",
}

# Defaults that differ from scikit-learn's: 100 iterations leave logistic regression
# unconverged on unscaled data as small as iris.
DEFAULTS: dict[str, dict[str, Any]] = {"logistic_regression": {"max_iter": 1000}}

EstimatorName = Literal[tuple(ESTIMATORS)]  # type: ignore[valid-type]
Scalar = int | float | str | bool | None


# --- shared helpers -------------------------------------------------------------------------

def estimator_class(name: str) -> type:
    module, _, cls = ESTIMATORS[name].rpartition(".")
    return getattr(importlib.import_module(module), cls)


def make_estimator(name: str, hyperparameters: dict[str, Any], seed: int | None) -> Any:
    """A fresh estimator; unknown hyperparameter names are an error listing the valid ones."""
    estimator = estimator_class(name)()
    check_names(name, estimator, hyperparameters, "hyperparameter")
    settings = DEFAULTS.get(name, {}) | hyperparameters
    if seed is not None and "random_state" in estimator.get_params() and "random_state" not in settings:
        settings["random_state"] = seed
    return estimator.set_params(**settings)


def check_names(name: str, estimator: Any, given: dict[str, Any], what: str) -> None:
    valid = sorted(estimator.get_params())
    unknown = [k for k in given if k not in valid]
    if unknown:
        lower = {v.lower(): v for v in valid}  # so that 'c' suggests 'C'
        hints = [f"'{k}' (did you mean '{lower[m[0]]}'?)"
                 if (m := difflib.get_close_matches(k.lower(), list(lower), n=1)) else f"'{k}'" for k in unknown]
        raise ValueError(f"unknown {what}{'s' if len(unknown) > 1 else ''} {', '.join(hints)} for {name}; "
                         f"valid names: {', '.join(valid)}")


def split_xy(table: Any, target: str, features: list[str] | None) -> tuple[Any, Any]:
    """Feature columns and target column, with errors that name the missing columns."""
    columns = [str(c) for c in table.columns]
    if target not in table.columns:
        raise ValueError(f"target column '{target}' is not in the table (columns: {', '.join(columns)})")
    if features:
        missing = [f for f in features if f not in table.columns]
        if missing:
            raise ValueError(f"feature column(s) {', '.join(missing)} not in the table "
                             f"(columns: {', '.join(columns)})")
        if target in features:
            raise ValueError(f"the target column '{target}' cannot also be a feature")
    else:
        features = [c for c in table.columns if c != target]
    if not features:
        raise ValueError("the table has no feature columns besides the target")
    X = table[features]
    text = [str(c) for c in X.columns if X[c].dtype.kind not in "biuf"]
    if text:
        raise ValueError(f"feature column(s) {', '.join(text)} are not numeric; "
                         "convert them to numbers or leave them out with `features`")
    return X, table[target]


def model_features(model: Any, table: Any) -> Any:
    """The columns `model` was trained on, from `table`; missing ones are named."""
    names = getattr(model, "feature_names_in_", None)
    if names is None:
        raise ValueError(f"the model ({type(model).__name__}) does not record its feature names; "
                         "train it on a table (ml.train)")
    missing = [str(n) for n in names if n not in table.columns]
    if missing:
        raise ValueError(f"the table lacks the model's feature column(s) {', '.join(missing)} "
                         f"(table columns: {', '.join(str(c) for c in table.columns)})")
    return table[list(names)]


def _check_model(model: Any) -> None:
    if not (hasattr(model, "predict") and hasattr(model, "get_params")):
        raise TypeError(f"expected a fitted scikit-learn model, got {type(model).__name__}")


def _estimator_name(model: Any) -> str:
    return next((k for k, v in ESTIMATORS.items() if v.endswith(f".{type(model).__name__}")),
                type(model).__name__)


def is_classifier(model: Any) -> bool:
    from sklearn.base import is_classifier as sklearn_is_classifier

    return bool(sklearn_is_classifier(model))


# --- ml.train -------------------------------------------------------------------------------

# The settings the properties form offers for each estimator (any other get_params() name is
# still accepted in YAML). Written out rather than read off scikit-learn, which would cost a
# second of import every time the catalog loads. No defaults here: an empty field keeps
# scikit-learn's own, and nothing is written into the pipeline until the user types.
def _field(kind: str, title: str, **rules: Any) -> dict[str, Any]:
    return {"type": kind, "title": title, **rules}


_TREES = {"n_estimators": _field("integer", "Trees (default 100)", minimum=1),
          "max_depth": _field("integer", "Max depth (default: grow until pure)", minimum=1),
          "min_samples_leaf": _field("integer", "Min samples per leaf (default 1)", minimum=1)}
_BOOSTING = {"n_estimators": _field("integer", "Boosting stages (default 100)", minimum=1),
             "learning_rate": _field("number", "Learning rate (default 0.1)", exclusiveMinimum=0),
             "max_depth": _field("integer", "Max depth (default 3)", minimum=1)}
HYPERPARAMETER_FORMS: dict[str, dict[str, dict[str, Any]]] = {
    "logistic_regression": {"C": _field("number", "C, inverse regularisation (default 1.0)", exclusiveMinimum=0),
                            "max_iter": _field("integer", "Max iterations (default 1000)", minimum=1)},
    "random_forest_classifier": _TREES,
    "random_forest_regressor": _TREES,
    "gradient_boosting_classifier": _BOOSTING,
    "gradient_boosting_regressor": _BOOSTING,
    "linear_regression": {"fit_intercept": _field("boolean", "Fit intercept (default yes)")},
}


def _hyperparameters_by_estimator(schema: dict[str, Any]) -> None:
    """JSON Schema `dependencies`: the form shows the chosen estimator's own settings."""
    generic = schema["properties"].pop("hyperparameters")
    schema["dependencies"] = {"estimator": {"oneOf": [
        {"properties": {"estimator": {"enum": [name]}, "hyperparameters": {
            **generic, "type": "object", "properties": fields, "additionalProperties": True}}}
        for name, fields in HYPERPARAMETER_FORMS.items()]}}


class TrainParams(BaseModel):
    model_config = ConfigDict(json_schema_extra=_hyperparameters_by_estimator)

    estimator: EstimatorName = Field("random_forest_classifier", description="Which scikit-learn model to fit.")
    target: str = Field("target", description="Column to predict.")
    features: list[str] | None = Field(None, description="Feature columns; empty means every other column.")
    hyperparameters: dict[str, Scalar] = Field(
        default_factory=dict, description="Estimator settings by name, e.g. {n_estimators: 200, max_depth: 5}.")
    seed: int | None = Field(0, description="Random seed (random_state) for estimators that use one.")


@node("ml.train", category="ml", title="Train model", outputs={"model": "model"},
      port_types={"table": "table"}, icon="train")
def train(table: Any, params: TrainParams, ctx: Context) -> Any:
    """Fit a scikit-learn model on a table's feature columns to predict its target column.

    Logs the estimator, its hyperparameters and the training score (accuracy or R²) to the
    run's MLflow run."""
    X, y = split_xy(table, params.target, params.features)
    model = make_estimator(params.estimator, dict(params.hyperparameters), params.seed)
    model.fit(X, y)
    score = float(model.score(X, y))
    kind = "accuracy" if is_classifier(model) else "R²"
    with tracking.mlflow_run(ctx.run_id):
        import mlflow

        logged = {"estimator": params.estimator, "target": params.target} | params.hyperparameters
        mlflow.log_params({f"{ctx.node_id}.{k}": v for k, v in logged.items()})
        mlflow.log_metric(f"{ctx.node_id}.train_score", score)
    print(f"trained {params.estimator} on {len(X):,} rows × {X.shape[1]} features "
          f"(target '{params.target}'): training {kind} {score:.3f}")
    return model


# --- ml.evaluate ----------------------------------------------------------------------------

class EvaluateParams(BaseModel):
    target: str = Field("target", description="Column with the true values.")


@node("ml.evaluate", category="ml", title="Evaluate model",
      outputs={"metrics": "object", "confusion": "table"},
      port_types={"model": "model", "table": "table"}, icon="evaluate")
def evaluate(model: Any, table: Any, params: EvaluateParams, ctx: Context) -> dict:
    """Score a model on a (held-out) table: accuracy, precision, recall and F1 for classifiers,
    R², MAE and RMSE for regressors, plus a confusion matrix. Logs the metrics to MLflow."""
    import numpy as np
    import pandas as pd
    from sklearn import metrics as m
    from sklearn.utils.multiclass import unique_labels

    _check_model(model)
    if params.target not in table.columns:
        raise ValueError(f"target column '{params.target}' is not in the table "
                         f"(columns: {', '.join(str(c) for c in table.columns)})")
    y_true, y_pred = table[params.target], model.predict(model_features(model, table))
    if is_classifier(model):
        scores = {"accuracy": m.accuracy_score(y_true, y_pred)}
        for name in ("precision", "recall", "f1"):
            scores[f"{name}_macro"] = getattr(m, f"{name}_score")(y_true, y_pred, average="macro", zero_division=0)
        labels = unique_labels(y_true, y_pred)
        names = [str(label) for label in labels]
        confusion = pd.DataFrame(m.confusion_matrix(y_true, y_pred, labels=labels), index=names, columns=names)
        confusion.index.name, confusion.columns.name = "true", "predicted"
    else:
        scores = {"r2": m.r2_score(y_true, y_pred), "mae": m.mean_absolute_error(y_true, y_pred),
                  "rmse": float(np.sqrt(m.mean_squared_error(y_true, y_pred)))}
        confusion = pd.DataFrame()
    scores = {k: float(v) for k, v in scores.items()}
    with tracking.mlflow_run(ctx.run_id):
        import mlflow

        mlflow.log_metrics(scores)
    print(f"{_estimator_name(model)} on {len(table):,} rows: "
          + ", ".join(f"{k} {v:.3f}" for k, v in scores.items()))
    return {"metrics": scores, "confusion": confusion}


# --- ml.predict -----------------------------------------------------------------------------

class PredictParams(BaseModel):
    output_column: str = Field("prediction", min_length=1, description="Name of the new prediction column.")
    probabilities: bool = Field(False, description="Also add one proba_<class> column per class (classifiers).")


@node("ml.predict", category="ml", title="Predict", outputs={"table": "table"},
      port_types={"model": "model", "table": "table"}, icon="predict")
def predict(model: Any, table: Any, params: PredictParams) -> Any:
    """Add the model's predictions to a table (and class probabilities, if asked)."""
    _check_model(model)
    X = model_features(model, table)
    out = table.copy()
    out[params.output_column] = model.predict(X)
    if params.probabilities:
        if not (is_classifier(model) and hasattr(model, "predict_proba")):
            raise ValueError(f"probabilities need a classifier; {_estimator_name(model)} is a regressor")
        for label, column in zip(model.classes_, model.predict_proba(X).T, strict=True):
            out[f"proba_{label}"] = column
    return out


# --- ml.sweep -------------------------------------------------------------------------------

class SweepParams(BaseModel):
    estimator: EstimatorName = Field("random_forest_classifier", description="Which scikit-learn model to tune.")
    target: str = Field("target", description="Column to predict.")
    features: list[str] | None = Field(None, description="Feature columns; empty means every other column.")
    grid: dict[str, list[Scalar]] = Field(
        description="Values to try per hyperparameter, e.g. {n_estimators: [50, 200], max_depth: [3, null]}.")
    metric: str | None = Field(None, description="scikit-learn scoring name (accuracy, f1_macro, r2, "
                               "neg_mean_absolute_error, ...); empty: accuracy or r2.")
    cv: int = Field(5, ge=2, le=20, description="Number of cross-validation folds.")
    seed: int | None = Field(0, description="Random seed (random_state) for estimators that use one.")


@node("ml.sweep", category="ml", title="Hyperparameter sweep",
      outputs={"model": "model", "results": "table", "best": "object"},
      port_types={"table": "table"}, icon="sweep")
def sweep(table: Any, params: SweepParams, ctx: Context) -> dict:
    """Try every combination of hyperparameter values with cross-validation and keep the best,
    refit on the whole table. Logs the best parameters and score to MLflow."""
    import pandas as pd
    from sklearn.metrics import get_scorer_names
    from sklearn.model_selection import GridSearchCV

    X, y = split_xy(table, params.target, params.features)
    base = make_estimator(params.estimator, {}, params.seed)
    check_names(params.estimator, base, params.grid, "grid parameter")
    empty = [k for k, v in params.grid.items() if not v]
    if not params.grid or empty:
        raise ValueError(f"grid needs at least one value per parameter (empty: {', '.join(empty) or 'the grid'})")
    metric = params.metric or ("accuracy" if is_classifier(base) else "r2")
    if metric not in get_scorer_names():
        close = difflib.get_close_matches(metric, get_scorer_names(), n=3)
        raise ValueError(f"unknown metric '{metric}'" + (f" (did you mean {', '.join(close)}?)" if close else "")
                         + f"; scikit-learn scoring names: {', '.join(sorted(get_scorer_names()))}")
    search = GridSearchCV(base, param_grid=params.grid, scoring=metric, cv=params.cv, refit=True)
    search.fit(X, y)

    cv = search.cv_results_
    rows = [dict(p) for p in cv["params"]]
    results = pd.DataFrame(rows, columns=list(params.grid))
    for column in results.columns:  # a column mixing types (3 and "sqrt") cannot go to Parquet
        kinds = {"number" if isinstance(v, (int, float)) and not isinstance(v, bool) else type(v)
                 for row in rows if (v := row[column]) is not None}
        if len(kinds) > 1:
            results[column] = [str(row[column]) for row in rows]
    results["mean_score"] = cv["mean_test_score"]
    results["std_score"] = cv["std_test_score"]
    results["rank"] = cv["rank_test_score"]
    results = results.sort_values(["rank", "std_score"]).reset_index(drop=True)
    best = {"params": search.best_params_, "score": float(search.best_score_), "metric": metric}

    with tracking.mlflow_run(ctx.run_id):
        import mlflow

        mlflow.log_params({f"{ctx.node_id}.estimator": params.estimator, f"{ctx.node_id}.metric": metric}
                          | {f"{ctx.node_id}.best.{k}": v for k, v in search.best_params_.items()})
        mlflow.log_metric(f"{ctx.node_id}.best_{metric}", best["score"])
    print(f"swept {len(rows)} combinations of {params.estimator} with {params.cv}-fold CV: best {metric} "
          f"{best['score']:.3f} with " + ", ".join(f"{k}={v!r}" for k, v in search.best_params_.items()))
    return {"model": search.best_estimator_, "results": results, "best": best}

