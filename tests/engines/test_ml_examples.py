"""The ML examples on every engine, against real peers: PostgreSQL for the sales data, an SMTP
server (aiosmtpd) that receives the report, an HTTP server that receives the Slack alert, and
MLflow's registry under the test OCTOPUS_HOME. Each test asserts on what arrived."""

from __future__ import annotations

import uuid

import pandas as pd
import psycopg
import pytest

from octopus import storage
from octopus.ir import load
from octopus.nodes import tracking
from octopus.runtime import values
from octopus.runtime.engines import ENGINES
from octopus.runtime.run import run_pipeline
from tests.conftest import EXAMPLES, POSTGRES
from tests.peers import Logins

pytestmark = pytest.mark.engine

SMTP_PASSWORD = "smtp-pw-8c1f"
SALES = [("north", "apples", 120.0), ("north", "pears", 80.5), ("south", "apples", 42.0),
         ("east", "plums", 310.25), ("south", "pears", 7.75)]


def run(example: str, engine: str, **params):
    events = []
    result = run_pipeline(load(EXAMPLES / f"{example}.yaml"), engine=engine, params=params, emit=events.append)
    assert result.status == "succeeded", (result.failed_node, result.error)
    return result, events


def logs(events) -> str:
    return "\n".join(e.message for e in events if e.type == "node_log")


@pytest.mark.parametrize("engine", ENGINES)
def test_iris_classifier_trains_registers_and_reports(engine):
    name = f"iris-{engine}-{uuid.uuid4().hex[:6]}"
    result, _ = run("iris_classifier", engine, model_name=name)
    outputs = result.outputs

    assert outputs["evaluate"]["metrics"]["accuracy"] > 0.8
    confusion = values.decode(outputs["evaluate"]["confusion"])
    test_rows = values.decode(outputs["split"]["test"])
    assert int(confusion.to_numpy().sum()) == len(test_rows) == 45  # 30% of 150 flowers

    version = outputs["register"]["version"]
    registered = tracking.client().get_model_version_by_alias(name, "champion")
    assert str(registered.version) == str(version["version"])
    run_data = tracking.client().get_run(registered.run_id).data
    assert run_data.metrics["accuracy"] == pytest.approx(outputs["evaluate"]["metrics"]["accuracy"])

    chart = outputs["chart"]["image"]
    assert values.read_artifact(chart["path"]).startswith(b"\x89PNG\r\n\x1a\n")
    html = storage.resolve(outputs["report"]["file"], must_exist=True).read_text()
    assert "data:image/png;base64," in html and "accuracy" in html


@pytest.fixture
def sales_db(pg_schema, monkeypatch):
    with psycopg.connect(f"postgresql://{POSTGRES}", autocommit=True) as conn:
        conn.execute(f"CREATE TABLE {pg_schema}.sales (region text, product text, amount double precision)")
        with conn.cursor() as cur:
            cur.executemany(f"INSERT INTO {pg_schema}.sales VALUES (%s, %s, %s)", SALES)
    monkeypatch.setenv("SALES_DB_URL", f"postgresql+psycopg://{POSTGRES}?options=-csearch_path%3D{pg_schema}")


@pytest.mark.parametrize("engine", ENGINES)
def test_db_to_report_emails_the_totals(engine, sales_db, smtp, monkeypatch):
    monkeypatch.setenv("SMTP_PASSWORD", SMTP_PASSWORD)
    logins = Logins("reports", SMTP_PASSWORD)
    mailbox, port = smtp(logins)
    result, events = run("db_to_report", engine, smtp_port=port, recipients=["boss@example.com"])

    assert logins.attempts == [(b"reports", SMTP_PASSWORD.encode())]
    [message] = mailbox.messages()
    assert message["Subject"] == "Sales by region" and mailbox.envelopes[0].rcpt_tos == ["boss@example.com"]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename().endswith(".html")
    report = attachment.get_content()
    expected = pd.DataFrame(SALES, columns=["region", "product", "amount"]).groupby("region")["amount"].sum()
    for region, total in expected.items():
        assert region in report and f"{total:g}" in report
    assert "data:image/png;base64," in report
    assert SMTP_PASSWORD not in logs(events) and "SALES_DB_URL" not in str(result.outputs)


@pytest.fixture(scope="module")
def champion():
    """batch_scoring loads the champion iris model (the iris example registers one) and reads
    its batch from storage (the server and the CLI put the examples' data there)."""
    storage.seed_examples()
    result, _ = run("iris_classifier", "local")
    return result.outputs["register"]["version"]


@pytest.mark.parametrize("engine", ENGINES)
def test_batch_scoring_predicts_and_alerts_slack_on_drift(engine, champion, httpserver, monkeypatch):
    import mlflow.sklearn

    httpserver.expect_request("/slack/hook", method="POST").respond_with_data("ok")
    monkeypatch.setenv("SLACK_WEBHOOK_URL", httpserver.url_for("/slack/hook"))
    result, events = run("batch_scoring", engine)

    scored = pd.read_csv(storage.resolve(result.outputs["save"]["file"], must_exist=True))
    batch = pd.read_csv(EXAMPLES / "data" / "iris_batch.csv")
    tracking.client()
    model = mlflow.sklearn.load_model(f"models:/{champion['name']}@champion")
    assert list(scored["prediction"]) == list(model.predict(batch))

    assert result.outputs["drift"]["drifted"] is True
    [(request, _)] = httpserver.log
    text = request.get_json()["text"]
    assert text.startswith("Iris batch scoring:") and "petal length (cm)" in text
    assert httpserver.url_for("/slack/hook") not in logs(events)
