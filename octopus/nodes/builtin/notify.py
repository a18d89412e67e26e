"""Nodes that tell someone: a JSON webhook, a Slack message, an email, an alert rule that
warns or fails the run, and a metric logged to MLflow.

Each sender takes an optional boolean `when` input: connected and false, it sends nothing
(and says so in the log), so a pipeline can, say, post to Slack only when data drifted.
Webhook URLs and passwords come from secrets; they never appear in a log line or an error."""

from __future__ import annotations

import json
import numbers
import string
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from octopus import storage
from octopus.nodes import Many, Number, OptionalText, node, tracking
from octopus.nodes.context import Context
from octopus.nodes.media import is_table
from octopus.nodes.secrets import OptionalSecret, SecretName

# --- shared helpers -------------------------------------------------------------------------

def _skip(when: Any, ctx: Context, what: str) -> bool:
    """True when the `when` input is connected and false; logs why nothing is sent."""
    if when is None:
        return False
    # Only real booleans (numpy's too): the text "false" would be truthy, a trap.
    if type(when).__name__ not in ("bool", "bool_"):
        raise TypeError(f"input 'when' must be a boolean, got {type(when).__name__} {when!r}")
    if not when:
        ctx.log(f"not sending {what}: input 'when' is false")
        return True
    return False


def _as_text(value: Any) -> str:
    """A readable rendering of any input value for a message body."""
    if isinstance(value, str):
        return value
    if is_table(value):
        rows, cols = value.shape
        return f"{value.head(20).to_string()}\n({rows:,} rows × {cols} columns)"
    if isinstance(value, (dict, list)):
        return json.dumps(value, indent=2, default=str)
    return str(value)


def _check_template(template: str, names: set[str]) -> str:
    """Refuse placeholders other than `names` before anything is sent."""
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]
    except ValueError as exc:
        raise ValueError(f"template is not valid: {exc} (write {{{{ and }}}} for literal braces)") from None
    for field in fields:
        if field not in names:
            raise ValueError(f"template placeholder {{{field}}} is unknown: use "
                             + ", ".join(f"{{{n}}}" for n in sorted(names)))
    return template


def _fill(template: str, message: Any) -> str:
    # Numbers stay numbers so that {message:.2f} works; everything else becomes text.
    plain = isinstance(message, numbers.Real) and not isinstance(message, bool)
    try:
        return template.format_map({"message": message if plain else _as_text(message)})
    except (ValueError, TypeError) as exc:
        raise ValueError(f"template cannot format the message ({type(message).__name__}): {exc}") from None


def _to_json(value: Any) -> str:
    """JSON text for a payload: a table becomes a list of records."""
    if is_table(value):
        return value.to_json(orient="records", date_format="iso")

    def plain(obj: Any) -> Any:
        if hasattr(obj, "tolist"):  # numpy scalars and arrays, pandas Series
            return obj.tolist()
        if hasattr(obj, "isoformat"):
            return obj.isoformat()
        raise TypeError(f"{type(obj).__name__} cannot be sent as JSON")

    try:
        return json.dumps(value, default=plain, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"the payload cannot be sent as JSON: {exc}") from None


def _post(url: str, body: str, headers: dict[str, str], timeout_s: float, where: str) -> Any:
    """POST JSON text; `where` names the target in messages, so a secret URL never shows."""
    import httpx

    try:
        response = httpx.post(url, content=body.encode(), timeout=timeout_s,
                              headers={"Content-Type": "application/json"} | headers)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        # `from None`: the chained httpx error would carry the request, URL and all.
        raise RuntimeError(f"could not reach {where}: {type(exc).__name__}: "
                           f"{str(exc).replace(url, '***')}") from None
    if not response.is_success:
        raise RuntimeError(f"{where} answered HTTP {response.status_code}: "
                           f"{response.text[:300].replace(url, '***')}")
    return response


def _http_url(value: str, secret_name: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"secret '{secret_name}' does not hold an http:// or https:// URL")
    return value


# --- output.webhook -------------------------------------------------------------------------

class WebhookParams(BaseModel):
    url: OptionalText = Field(None, pattern=r"^https?://", description="The address to POST to, when it "
                              "holds no token; otherwise use url_secret.")
    url_secret: OptionalSecret = Field(None, description="Name of the secret holding the address "
                                       "(webhook URLs often carry a token).")
    headers: dict[str, SecretName] = Field(default_factory=dict, description="Header name -> name of the "
                                           "secret holding its value, e.g. Authorization: HOOK_TOKEN.")
    timeout_s: float = Field(30, gt=0, le=600, description="Seconds to wait for the answer.")

    @model_validator(mode="after")
    def _one_source(self) -> WebhookParams:
        if (self.url is None) == (self.url_secret is None):
            raise ValueError("give exactly one of url (an address without a token) or url_secret "
                             "(the name of a secret holding the address)")
        return self


@node("output.webhook", category="output", title="Webhook", outputs={"status": "integer"}, icon="webhook")
def webhook(payload: Any, params: WebhookParams, ctx: Context, when: bool | None = None) -> int | None:
    """POST a value as JSON to a web address (a table is sent as a list of records).

    With `when` connected and false, nothing is sent and the status is empty."""
    if _skip(when, ctx, "the webhook"):
        return None
    if params.url_secret:
        url = _http_url(ctx.secret(params.url_secret), params.url_secret)
        where = f"the webhook in secret '{params.url_secret}'"
    else:
        url = params.url  # type: ignore[assignment]
        where = f"webhook {url}"
    headers = {name: ctx.secret(secret) for name, secret in params.headers.items()}
    body = _to_json(payload)
    response = _post(url, body, headers, params.timeout_s, where)
    ctx.log(f"posted {len(body):,} bytes of JSON to {where}: HTTP {response.status_code}")
    return response.status_code


# --- output.slack ---------------------------------------------------------------------------

class SlackParams(BaseModel):
    webhook_secret: SecretName = Field("SLACK_WEBHOOK_URL", description="Name of the secret holding the "
                                       "Slack incoming-webhook URL.")
    template: str = Field("{message}", min_length=1, description="The message text; {message} is the "
                          "input ({message:.2f} formats a number).", json_schema_extra={"format": "textarea"})
    channel: str | None = Field(None, description="Post to this channel instead of the webhook's own "
                                "(older webhooks only).")
    username: str | None = Field(None, description="Show the message as from this name (older webhooks only).")
    timeout_s: float = Field(30, gt=0, le=600, description="Seconds to wait for Slack.")

    @field_validator("template")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        return _check_template(value, {"message"})


@node("output.slack", category="output", title="Slack message", outputs={"sent": "boolean"}, icon="slack")
def slack(message: Any, params: SlackParams, ctx: Context, when: bool | None = None) -> bool:
    """Post a message to Slack through an incoming webhook.

    With `when` connected and false, nothing is posted (say, only when data drifted)."""
    if _skip(when, ctx, "the Slack message"):
        return False
    url = _http_url(ctx.secret(params.webhook_secret), params.webhook_secret)
    payload: dict[str, Any] = {"text": _fill(params.template, message)}
    if params.channel:
        payload["channel"] = params.channel
    if params.username:
        payload["username"] = params.username
    where = f"Slack (webhook in secret '{params.webhook_secret}')"
    _post(url, json.dumps(payload), {}, params.timeout_s, where)
    ctx.log(f"posted {len(payload['text']):,} characters to {where}")
    return True


# --- output.email ---------------------------------------------------------------------------

def _address(value: str) -> str:
    """An address such as ana@example.com or 'Ana <ana@example.com>', refused with a reason."""
    from email.utils import parseaddr

    if "\r" in value or "\n" in value:
        raise ValueError(f"address {value!r} contains a line break")
    _, addr = parseaddr(value)
    local, at, domain = addr.rpartition("@")
    if not (at and local and domain) or any(c.isspace() for c in addr) or domain.startswith("."):
        raise ValueError(f"{value!r} is not an email address (like name@example.com)")
    return value


class EmailParams(BaseModel):
    host: str = Field(min_length=1, description="SMTP server, e.g. smtp.example.com.")
    port: int = Field(25, ge=1, le=65535, description="SMTP port: usually 25 (none), 587 (starttls) or 465 (ssl).")
    security: Literal["none", "starttls", "ssl"] = Field(
        "none", description="none: plain SMTP (a password only to a server on this machine); "
        "starttls: upgrade to TLS after connecting; ssl: TLS from the start.")
    username: OptionalText = Field(None, description="Login name, when the server wants one.")
    password_secret: OptionalSecret = Field(None, description="Name of the secret holding the password.")
    sender: str = Field(description="The From address.")
    to: list[str] = Field(min_length=1, description="Recipient addresses.")
    subject: str = Field(min_length=1, description="Subject line.")
    template: str = Field("{message}", min_length=1, description="The body text; {message} is the input.",
                          json_schema_extra={"format": "textarea"})
    timeout_s: float = Field(30, gt=0, le=600, description="Seconds to wait for the server.")

    @field_validator("sender")
    @classmethod
    def _sender(cls, value: str) -> str:
        return _address(value)

    @field_validator("to")
    @classmethod
    def _recipients(cls, value: list[str]) -> list[str]:
        return [_address(v) for v in value]

    @field_validator("subject")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if "\r" in value or "\n" in value:
            raise ValueError("subject must be one line")
        return value

    @field_validator("template")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        return _check_template(value, {"message"})

    @model_validator(mode="after")
    def _login(self) -> EmailParams:
        if (self.username is None) != (self.password_secret is None):
            raise ValueError("give both username and password_secret to log in, or neither")
        return self


def _attach(msg: Any, path: str) -> str:
    import mimetypes

    file = storage.resolve(path, must_exist=True)
    if not file.is_file():
        raise ValueError(f"attachment '{path}' is a folder, not a file")
    kind, encoding = mimetypes.guess_type(file.name)
    if kind is None or encoding is not None:  # e.g. .csv.gz: send the bytes as they are
        kind = "application/octet-stream"
    maintype, _, subtype = kind.partition("/")
    msg.add_attachment(file.read_bytes(), maintype=maintype, subtype=subtype, filename=file.name)
    return file.name


def _is_local(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@node("output.email", category="output", title="Email", outputs={"sent": "boolean"},
      port_types={"attachments": "file"}, icon="email")
def email(message: Any, params: EmailParams, ctx: Context, attachments: Many[str] = None,  # type: ignore[assignment]
          when: bool | None = None) -> bool:
    """Send an email through an SMTP server, with files from storage attached (e.g. a report).

    With `when` connected and false, nothing is sent."""
    import smtplib
    import ssl
    from email.message import EmailMessage

    if _skip(when, ctx, "the email"):
        return False
    if params.username and params.security == "none" and not _is_local(params.host):
        raise ValueError(f"security is none, which would send the password to {params.host} in clear text: "
                         "set security to starttls or ssl")
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = params.sender, ", ".join(params.to), params.subject
    msg.set_content(_fill(params.template, message))
    paths: list[str] = []
    for item in attachments or []:  # one path per connection, or a list of paths
        paths.extend(item if isinstance(item, list) else [item])
    names = []
    for path in paths:
        if not isinstance(path, str):
            raise TypeError(f"attachments must be storage paths (text), got {type(path).__name__}")
        names.append(_attach(msg, path))
    password = ctx.secret(params.password_secret) if params.password_secret else None
    where = f"{params.host}:{params.port}"
    context = ssl.create_default_context()
    try:
        server = (smtplib.SMTP_SSL(params.host, params.port, timeout=params.timeout_s, context=context)
                  if params.security == "ssl" else smtplib.SMTP(params.host, params.port, timeout=params.timeout_s))
        with server:
            if params.security == "starttls":
                server.starttls(context=context)
            if params.username and password is not None:
                server.login(params.username, password)
            refused = server.send_message(msg)
    except smtplib.SMTPAuthenticationError as exc:
        raise RuntimeError(f"SMTP server {where} refused the login of '{params.username}': "
                           f"{exc.smtp_code} {exc.smtp_error.decode(errors='replace')}") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise RuntimeError(f"SMTP server {where} refused every recipient: {', '.join(exc.recipients)}") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise RuntimeError(f"could not send the email through {where}: {type(exc).__name__}: {exc}") from None
    if refused:
        ctx.log(f"WARNING: the server refused recipient(s) {', '.join(refused)}")
    ctx.log(f"sent '{params.subject}' to {len(params.to) - len(refused)} recipient(s) via {where}"
            + (f" with {', '.join(names)} attached" if names else ""))
    return True


# --- output.alert ---------------------------------------------------------------------------

Op = Literal["<", "<=", ">", ">=", "==", "!=", "is_true", "is_false"]
_COMPARE = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
            ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b}


class AlertParams(BaseModel):
    key: OptionalText = Field(None, description="Read this key of an object value, e.g. accuracy of the "
                              "metrics; empty: the value itself.")
    op: Op = Field("<", description="The rule: the alert triggers when `value op threshold` holds "
                   "(is_true / is_false need no threshold).")
    threshold: Number | bool | str | None = Field(None, description="What the value is compared with.")
    action: Literal["fail", "warn"] = Field("fail", description="fail: stop the run with an error; "
                                            "warn: log a warning and carry on.")
    message: OptionalText = Field(None, description="Text to put in front of the alert, e.g. 'Model too weak'.")

    @model_validator(mode="after")
    def _needs_threshold(self) -> AlertParams:
        if self.op in _COMPARE and self.threshold is None:
            raise ValueError(f"op '{self.op}' needs a threshold")
        if self.op in ("<", "<=", ">", ">=") and not _is_number(self.threshold):
            raise ValueError(f"op '{self.op}' needs a number as threshold, got {self.threshold!r}")
        return self


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and type(value).__name__ != "bool_"


@node("output.alert", category="output", title="Alert", outputs={"triggered": "boolean", "value": "any"},
      icon="alert")
def alert(value: Any, params: AlertParams, ctx: Context) -> dict:
    """Check a value against a rule, e.g. accuracy < 0.9, and fail the run or log a warning when it holds.

    The value passes through unchanged, so the alert can sit in the middle of a pipeline."""
    checked, name = value, "value"
    if params.key is not None:
        if not isinstance(value, dict):
            raise TypeError(f"key '{params.key}' needs an object value, got {type(value).__name__}")
        if params.key not in value:
            raise ValueError(f"the value has no key '{params.key}' (keys: {', '.join(map(str, value)) or 'none'})")
        checked, name = value[params.key], params.key
    if params.op in ("is_true", "is_false"):
        if type(checked).__name__ not in ("bool", "bool_"):
            raise TypeError(f"op '{params.op}' needs a boolean {name}, got {type(checked).__name__} {checked!r}")
        triggered = bool(checked) is (params.op == "is_true")
        rule = f"{name} {params.op.replace('_', ' ')}"
    else:
        if params.op not in ("==", "!=") and not _is_number(checked):
            raise TypeError(f"op '{params.op}' needs a number {name}, got {type(checked).__name__} {checked!r}")
        triggered = bool(_COMPARE[params.op](checked, params.threshold))
        rule = f"{name} {params.op} {params.threshold!r}"
    shown = checked if _is_number(checked) or isinstance(checked, (bool, str)) else _as_text(checked)[:200]
    if not triggered:
        ctx.log(f"alert rule '{rule}' does not hold ({name} = {shown})")
        return {"triggered": False, "value": value}
    text = f"{params.message + ': ' if params.message else ''}alert rule '{rule}' holds ({name} = {shown})"
    if params.action == "fail":
        raise RuntimeError(text)
    ctx.log(f"WARNING: {text}")
    return {"triggered": True, "value": value}


# --- output.metric --------------------------------------------------------------------------

class MetricParams(BaseModel):
    name: OptionalText = Field(None, description="Metric name for a single number; empty: the node id.")
    prefix: str = Field("", description="Put in front of every metric name, e.g. 'test_'.")


@node("output.metric", category="output", title="Log metric", outputs={"value": "any"}, icon="metric")
def metric(value: Any, params: MetricParams, ctx: Context) -> Any:
    """Log a number, or an object of numbers (e.g. evaluation metrics), to the run's MLflow run.

    The value passes through unchanged."""
    if isinstance(value, dict):
        wrong = [str(k) for k, v in value.items() if not _is_number(v)]
        if wrong:
            raise TypeError(f"metrics must be numbers; not numbers: {', '.join(wrong)}")
        if not value:
            raise ValueError("the value is an empty object: no metrics to log")
        scores = {f"{params.prefix}{k}": float(v) for k, v in value.items()}
    elif _is_number(value):
        scores = {f"{params.prefix}{params.name or ctx.node_id}": float(value)}
    else:
        raise TypeError(f"expected a number or an object of numbers, got {type(value).__name__}")
    with tracking.mlflow_run(ctx.run_id) as active:
        import mlflow

        mlflow.log_metrics(scores)
    ctx.log(f"logged to MLflow run {active.info.run_id}: "
            + ", ".join(f"{k} {v:.4g}" for k, v in scores.items()))
    return value
