"""Notification nodes for real: webhook and Slack posts to a loopback HTTP server, email to an
in-process SMTP server (aiosmtpd), alerts failing or warning, metrics landing in MLflow."""

from __future__ import annotations

import pytest
from sklearn import datasets

from octopus import storage
from octopus.compiler import PipelineInvalid
from octopus.nodes import tracking
from tests.nodes.pipelines import run
from tests.peers import Logins

IRIS = {"id": "iris", "type": "data.sample", "params": {"dataset": "iris"}}


def everything(events) -> str:
    """Every event as JSON text: log lines, errors and outputs alike."""
    return "\n".join(e.model_dump_json() for e in events)


def logs(events, node_id: str) -> list[str]:
    return [e.message for e in events if e.type == "node_log" and e.node_id == node_id]


def python(node_id: str, returns: str) -> dict:
    """A node whose output is the Python expression `returns`."""
    return {"id": node_id, "type": "process.python",
            "params": {"code": f"def run():\n    return {returns}\n"}}


def text(node_id: str, value: str) -> dict:
    return {"id": node_id, "type": "input.text", "params": {"text": value}}


# --- output.webhook -------------------------------------------------------------------------

def test_webhook_posts_a_table_as_records_with_secret_url_and_header(httpserver, monkeypatch):
    token_path = "/hooks/T0KEN-abc123"
    hook_url = httpserver.url_for(token_path)
    monkeypatch.setenv("HOOK_URL", hook_url)
    monkeypatch.setenv("HOOK_TOKEN", "Bearer s3cr3t-header-value")
    httpserver.expect_request(token_path, method="POST").respond_with_json({"ok": True}, status=201)
    result, events = run(
        IRIS,
        {"id": "top", "type": "table.filter", "inputs": {"table": "iris.table"},
         "params": {"conditions": [{"column": "sepal length (cm)", "op": ">", "value": 7.6}]}},
        {"id": "hook", "type": "output.webhook", "inputs": {"payload": "top.table"},
         "params": {"url_secret": "HOOK_URL", "headers": {"Authorization": "HOOK_TOKEN"}}})
    assert result.status == "succeeded", result.error
    assert result.outputs["hook"]["status"] == 201
    assert len(httpserver.log) == 1
    request, _ = httpserver.log[0]
    body = request.get_json()
    # Each flower with sepals longer than 7.6 cm arrives as one record.
    iris = datasets.load_iris(as_frame=True).frame
    assert body == iris[iris["sepal length (cm)"] > 7.6].to_dict("records")
    assert len(body) > 1
    assert request.headers["Authorization"] == "Bearer s3cr3t-header-value"
    assert request.headers["Content-Type"] == "application/json"
    seen = everything(events)
    assert hook_url not in seen and "T0KEN-abc123" not in seen and "s3cr3t-header-value" not in seen
    assert any("HTTP 201" in line and "HOOK_URL" in line for line in logs(events, "hook"))


def test_webhook_posts_an_object_to_a_plain_url(httpserver):
    httpserver.expect_request("/plain", method="POST").respond_with_data("")
    result, _ = run(python("metrics", "{'accuracy': 0.93, 'labels': ['a', 'b']}"),
                    {"id": "hook", "type": "output.webhook", "inputs": {"payload": "metrics.result"},
                     "params": {"url": httpserver.url_for("/plain")}})
    assert result.status == "succeeded", result.error
    assert result.outputs["hook"]["status"] == 200
    assert httpserver.log[0][0].get_json() == {"accuracy": 0.93, "labels": ["a", "b"]}


def test_webhook_when_false_sends_nothing_and_says_why(httpserver):
    httpserver.expect_request("/never", method="POST").respond_with_data("")
    result, events = run(python("flag", "False"), text("msg", "hello"),
                         {"id": "hook", "type": "output.webhook",
                          "inputs": {"payload": "msg.text", "when": "flag.result"},
                          "params": {"url": httpserver.url_for("/never")}})
    assert result.status == "succeeded", result.error
    assert httpserver.log == []
    assert result.outputs["hook"]["status"] is None
    assert any("'when' is false" in line for line in logs(events, "hook"))


def test_webhook_when_true_from_an_alert_sends(httpserver):
    httpserver.expect_request("/drift", method="POST").respond_with_data("")
    result, _ = run(python("score", "0.4"),
                    {"id": "low", "type": "output.alert", "inputs": {"value": "score.result"},
                     "params": {"op": "<", "threshold": 0.5, "action": "warn"}},
                    {"id": "hook", "type": "output.webhook",
                     "inputs": {"payload": "score.result", "when": "low.triggered"},
                     "params": {"url": httpserver.url_for("/drift")}})
    assert result.status == "succeeded", result.error
    assert [r.get_json() for r, _ in httpserver.log] == [0.4]


def test_webhook_error_status_fails_with_status_and_body_but_no_url(httpserver, monkeypatch):
    hook_url = httpserver.url_for("/hooks/SECRET-PATH")
    monkeypatch.setenv("HOOK_URL", hook_url)
    httpserver.expect_request("/hooks/SECRET-PATH").respond_with_data("invalid token", status=403)
    result, events = run(text("msg", "hi"),
                         {"id": "hook", "type": "output.webhook", "inputs": {"payload": "msg.text"},
                          "params": {"url_secret": "HOOK_URL"}})
    assert result.status == "failed"
    assert result.failed_node == "hook"
    assert "HTTP 403" in result.error and "invalid token" in result.error
    assert "HOOK_URL" in result.error  # names where it posted, by secret name
    assert "SECRET-PATH" not in everything(events) and "SECRET-PATH" not in result.error


def test_webhook_secret_that_is_not_a_url_is_refused_without_echo(monkeypatch):
    monkeypatch.setenv("HOOK_URL", "not-a-url-but-secret")
    result, events = run(text("msg", "hi"),
                         {"id": "hook", "type": "output.webhook", "inputs": {"payload": "msg.text"},
                          "params": {"url_secret": "HOOK_URL"}})
    assert result.status == "failed"
    assert "secret 'HOOK_URL' does not hold an http:// or https:// URL" in result.error
    assert "not-a-url-but-secret" not in everything(events)


@pytest.mark.parametrize("params", [{}, {"url": "http://127.0.0.1:9/x", "url_secret": "HOOK_URL"}])
def test_webhook_needs_exactly_one_of_url_and_url_secret(params):
    with pytest.raises(PipelineInvalid) as caught:
        run(text("msg", "hi"), {"id": "hook", "type": "output.webhook", "inputs": {"payload": "msg.text"},
                                "params": params})
    assert "give exactly one of url" in str(caught.value) and "hook" in str(caught.value)


# --- output.slack ---------------------------------------------------------------------------

def test_slack_posts_the_filled_template(httpserver, monkeypatch):
    slack_url = httpserver.url_for("/services/T000/B000/XXXXSLACK")
    monkeypatch.setenv("SLACK_WEBHOOK_URL", slack_url)
    httpserver.expect_request("/services/T000/B000/XXXXSLACK", method="POST").respond_with_data("ok")
    result, events = run(text("msg", "drift in 2 of 4 features"),
                         {"id": "slack", "type": "output.slack", "inputs": {"message": "msg.text"},
                          "params": {"template": "Iris batch: {message}", "channel": "#ml-alerts",
                                     "username": "octopus"}})
    assert result.status == "succeeded", result.error
    assert result.outputs["slack"]["sent"] is True
    assert [r.get_json() for r, _ in httpserver.log] == [
        {"text": "Iris batch: drift in 2 of 4 features", "channel": "#ml-alerts", "username": "octopus"}]
    assert "XXXXSLACK" not in everything(events)


def test_slack_formats_a_number_and_renders_a_table(httpserver, monkeypatch):
    monkeypatch.setenv("SLACK_HOOK", httpserver.url_for("/slack"))
    httpserver.expect_request("/slack", method="POST").respond_with_data("ok")
    result, _ = run(python("score", "0.91234"), IRIS,
                    {"id": "number", "type": "output.slack", "inputs": {"message": "score.result"},
                     "params": {"webhook_secret": "SLACK_HOOK", "template": "accuracy {message:.2f}"}},
                    {"id": "table", "type": "output.slack", "inputs": {"message": "iris.table"},
                     "params": {"webhook_secret": "SLACK_HOOK"}})
    assert result.status == "succeeded", result.error
    texts = [r.get_json()["text"] for r, _ in httpserver.log]
    assert len(texts) == 2
    assert "accuracy 0.91" in texts
    [table] = [t for t in texts if t != "accuracy 0.91"]
    assert "sepal length (cm)" in table and table.endswith("(150 rows × 5 columns)")


def test_slack_when_false_posts_nothing(httpserver, monkeypatch):
    monkeypatch.setenv("SLACK_WEBHOOK_URL", httpserver.url_for("/slack"))
    httpserver.expect_request("/slack", method="POST").respond_with_data("ok")
    result, events = run(python("drifted", "False"), text("msg", "no drift"),
                         {"id": "slack", "type": "output.slack",
                          "inputs": {"message": "msg.text", "when": "drifted.result"}})
    assert result.status == "succeeded", result.error
    assert result.outputs["slack"]["sent"] is False
    assert httpserver.log == []
    assert any("not sending the Slack message" in line for line in logs(events, "slack"))


def test_slack_refused_payload_fails_with_slack_answer(httpserver, monkeypatch):
    monkeypatch.setenv("SLACK_WEBHOOK_URL", httpserver.url_for("/slack"))
    httpserver.expect_request("/slack").respond_with_data("invalid_payload", status=400)
    result, _ = run(text("msg", "hi"),
                    {"id": "slack", "type": "output.slack", "inputs": {"message": "msg.text"}})
    assert result.status == "failed"
    assert "HTTP 400" in result.error and "invalid_payload" in result.error


def test_slack_missing_secret_says_how_to_set_it(monkeypatch):
    monkeypatch.delenv("NO_SUCH_HOOK", raising=False)
    result, _ = run(text("msg", "hi"),
                    {"id": "slack", "type": "output.slack", "inputs": {"message": "msg.text"},
                     "params": {"webhook_secret": "NO_SUCH_HOOK"}})
    assert result.status == "failed"
    assert "secret 'NO_SUCH_HOOK' is not set" in result.error


def test_slack_template_with_an_unknown_placeholder_is_invalid():
    with pytest.raises(PipelineInvalid) as caught:
        run(text("msg", "hi"), {"id": "slack", "type": "output.slack", "inputs": {"message": "msg.text"},
                                "params": {"template": "{mesage} arrived"}})
    assert "placeholder {mesage} is unknown" in str(caught.value)


# --- output.email ---------------------------------------------------------------------------


def email_node(port: int, **params) -> dict:
    return {"id": "mail", "type": "output.email", "inputs": {"message": "msg.text"},
            "params": {"host": "127.0.0.1", "port": port, "sender": "octopus@example.com",
                       "to": ["ana@example.com", "Bo <bo@example.org>"], "subject": "Nightly scores"} | params}


def test_email_arrives_with_subject_recipients_body_and_attachments(smtp, home):
    mailbox, port = smtp()
    mail = email_node(port, template="Hello,\n\n{message}\n\n-- Octopus")
    mail["inputs"]["attachments"] = ["report.file", "save.file"]
    result, _ = run(IRIS, text("msg", "All 150 flowers scored."),
                    {"id": "report", "type": "output.report", "inputs": {"items": ["iris.table"]},
                     "params": {"title": "Iris", "path": "reports/iris.html"}},
                    {"id": "save", "type": "output.write_file", "inputs": {"table": "iris.table"},
                     "params": {"path": "exports/iris.csv"}},
                    mail)
    assert result.status == "succeeded", result.error
    assert result.outputs["mail"]["sent"] is True
    [envelope] = mailbox.envelopes
    assert envelope.mail_from == "octopus@example.com"
    assert sorted(envelope.rcpt_tos) == ["ana@example.com", "bo@example.org"]
    [message] = mailbox.messages()
    assert message["Subject"] == "Nightly scores"
    assert message["From"] == "octopus@example.com"
    body = message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # SMTP sends CRLF
    assert body.strip() == "Hello,\n\nAll 150 flowers scored.\n\n-- Octopus"
    attached = {part.get_filename(): part for part in message.iter_attachments()}
    assert sorted(attached) == ["iris.csv", "iris.html"]
    assert attached["iris.html"].get_content_type() == "text/html"
    assert attached["iris.html"].get_payload(decode=True) == storage.resolve("reports/iris.html").read_bytes()
    assert attached["iris.csv"].get_content_type() == "text/csv"
    assert attached["iris.csv"].get_payload(decode=True) == (home / "storage" / "exports" / "iris.csv").read_bytes()


def test_email_logs_in_with_the_password_secret_and_never_shows_it(smtp, monkeypatch):
    logins = Logins("reports", "pa55-w0rd-xyz")
    mailbox, port = smtp(logins)
    monkeypatch.setenv("SMTP_PASSWORD", "pa55-w0rd-xyz")
    result, events = run(text("msg", "hi"),
                         email_node(port, username="reports", password_secret="SMTP_PASSWORD"))
    assert result.status == "succeeded", result.error
    assert logins.attempts == [(b"reports", b"pa55-w0rd-xyz")]
    assert len(mailbox.envelopes) == 1
    assert "pa55-w0rd-xyz" not in everything(events)


def test_email_wrong_password_fails_clearly_without_the_password(smtp, monkeypatch):
    logins = Logins("reports", "right-password")
    mailbox, port = smtp(logins)
    monkeypatch.setenv("SMTP_PASSWORD", "wrong-pa55word")
    result, events = run(text("msg", "hi"),
                         email_node(port, username="reports", password_secret="SMTP_PASSWORD"))
    assert result.status == "failed"
    assert f"SMTP server 127.0.0.1:{port} refused the login of 'reports'" in result.error
    assert mailbox.envelopes == []
    assert "wrong-pa55word" not in everything(events) and "wrong-pa55word" not in result.error


def test_email_when_false_sends_nothing(smtp):
    mailbox, port = smtp()
    mail = email_node(port)
    mail["inputs"]["when"] = "flag.result"
    result, events = run(text("msg", "hi"), python("flag", "False"), mail)
    assert result.status == "succeeded", result.error
    assert result.outputs["mail"]["sent"] is False
    assert mailbox.envelopes == []
    assert any("not sending the email" in line for line in logs(events, "mail"))


def test_email_refuses_a_clear_text_password_to_a_remote_host(monkeypatch):
    monkeypatch.setenv("SMTP_PASSWORD", "pw")
    result, _ = run(text("msg", "hi"), email_node(25, host="smtp.example.com", username="me",
                                                   password_secret="SMTP_PASSWORD"))
    assert result.status == "failed"
    assert "clear text" in result.error and "starttls" in result.error


def test_email_missing_attachment_is_named(smtp, home):
    _, port = smtp()
    mail = email_node(port)
    mail["inputs"]["attachments"] = ["path.text"]
    result, _ = run(text("msg", "hi"), text("path", "reports/none.html"), mail)
    assert result.status == "failed"
    assert "no file or folder 'reports/none.html' in storage" in result.error


@pytest.mark.parametrize("params,message", [
    ({"to": ["not an address"]}, "'not an address' is not an email address"),
    ({"to": []}, "params.to: List should have at least 1 item"),
    ({"subject": "two\nlines"}, "subject must be one line"),
    ({"username": "me"}, "give both username and password_secret"),
])
def test_email_bad_parameters_are_invalid(params, message):
    with pytest.raises(PipelineInvalid) as caught:
        run(text("msg", "hi"), email_node(25, **params))
    assert message in str(caught.value) and "node 'mail'" in str(caught.value)


# --- output.alert ---------------------------------------------------------------------------

def alert_node(**params) -> dict:
    return {"id": "check", "type": "output.alert", "inputs": {"value": "metrics.result"}, "params": params}


METRICS = python("metrics", "{'accuracy': 0.62, 'f1_macro': 0.58}")


def test_alert_fail_action_fails_the_run_naming_rule_and_value():
    result, _ = run(METRICS, alert_node(key="accuracy", op="<", threshold=0.9, action="fail",
                                        message="Model too weak"))
    assert result.status == "failed"
    assert result.failed_node == "check"
    assert "Model too weak: alert rule 'accuracy < 0.9' holds (accuracy = 0.62)" in result.error


def test_alert_warn_action_logs_a_warning_and_passes_the_value_on():
    result, events = run(METRICS, alert_node(key="accuracy", op="<", threshold=0.9, action="warn"),
                         {"id": "after", "type": "output.log", "inputs": {"value": "check.value"}})
    assert result.status == "succeeded", result.error
    assert result.outputs["check"] == {"triggered": True, "value": {"accuracy": 0.62, "f1_macro": 0.58}}
    assert result.outputs["after"]["value"] == {"accuracy": 0.62, "f1_macro": 0.58}
    warnings = [line for line in logs(events, "check") if line.startswith("WARNING")]
    assert warnings == ["WARNING: alert rule 'accuracy < 0.9' holds (accuracy = 0.62)"]


def test_alert_that_does_not_hold_lets_the_run_succeed():
    result, events = run(METRICS, alert_node(key="f1_macro", op=">=", threshold=0.9, action="fail"))
    assert result.status == "succeeded", result.error
    assert result.outputs["check"]["triggered"] is False
    assert not any(line.startswith("WARNING") for line in logs(events, "check"))


@pytest.mark.parametrize("returns,op,triggered", [("True", "is_true", True), ("True", "is_false", False),
                                                  ("7", "==", True), ("7", "!=", False)])
def test_alert_booleans_and_equality(returns, op, triggered):
    params = {"op": op, "action": "warn"} | ({"threshold": 7} if op in ("==", "!=") else {})
    result, _ = run(python("metrics", returns), alert_node(**params))
    assert result.status == "succeeded", result.error
    assert result.outputs["check"]["triggered"] is triggered


def test_alert_missing_key_lists_the_keys():
    result, _ = run(METRICS, alert_node(key="acuracy", op="<", threshold=0.9))
    assert result.status == "failed"
    assert "no key 'acuracy' (keys: accuracy, f1_macro)" in result.error


def test_alert_comparison_needs_a_threshold():
    with pytest.raises(PipelineInvalid) as caught:
        run(METRICS, alert_node(key="accuracy", op="<"))
    assert "op '<' needs a threshold" in str(caught.value)


# --- output.metric --------------------------------------------------------------------------

def mlflow_metrics(run_id: str) -> dict:
    client = tracking.client()
    experiment = client.get_experiment_by_name(tracking.EXPERIMENT)
    [found] = client.search_runs([experiment.experiment_id], f"tags.`{tracking.RUN_TAG}` = '{run_id}'")
    return found.data.metrics


def test_metric_logs_an_object_and_a_number_to_the_runs_mlflow_run():
    result, _ = run(METRICS, python("rows", "150"),
                    {"id": "scores", "type": "output.metric", "inputs": {"value": "metrics.result"},
                     "params": {"prefix": "test_"}},
                    {"id": "rows_logged", "type": "output.metric", "inputs": {"value": "rows.result"},
                     "params": {"name": "rows"}},
                    {"id": "default_name", "type": "output.metric", "inputs": {"value": "rows.result"}})
    assert result.status == "succeeded", result.error
    assert result.outputs["scores"]["value"] == {"accuracy": 0.62, "f1_macro": 0.58}
    assert mlflow_metrics(result.run_id) == {"test_accuracy": 0.62, "test_f1_macro": 0.58, "rows": 150.0,
                                             "default_name": 150.0}


def test_metric_refuses_values_that_are_not_numbers():
    result, _ = run(python("metrics", "{'accuracy': 0.9, 'model': 'rf'}"),
                    {"id": "scores", "type": "output.metric", "inputs": {"value": "metrics.result"}})
    assert result.status == "failed"
    assert "not numbers: model" in result.error
