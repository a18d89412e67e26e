"""Secrets: found in the environment or OCTOPUS_HOME/secrets.yaml, never shown in logs or errors."""

from __future__ import annotations

import pytest

from octopus.ir import loads
from octopus.nodes import secrets
from octopus.runtime.run import run_pipeline

LEAKY = """
name: leaky
nodes:
  - id: leak
    type: process.python
    params:
      code: |
        import os
        from octopus.nodes.secrets import secret
        def run():
            value = secret("DB_PASSWORD")
            print("connecting with", value)
            raise RuntimeError("login refused for password " + value)
"""


def test_a_secret_comes_from_the_environment_first_then_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("OCTOPUS_HOME", str(tmp_path))
    (tmp_path / "secrets.yaml").write_text("API_TOKEN: from-file\nOTHER: two\n")
    assert secrets.secret("API_TOKEN") == "from-file"
    monkeypatch.setenv("API_TOKEN", "from-env")
    assert secrets.secret("API_TOKEN") == "from-env"
    assert secrets.names() == ["API_TOKEN", "OTHER"]


def test_a_missing_secret_says_where_to_put_it(tmp_path, monkeypatch):
    monkeypatch.setenv("OCTOPUS_HOME", str(tmp_path))
    monkeypatch.delenv("NOPE_SECRET", raising=False)
    with pytest.raises(secrets.MissingSecret, match=r"NOPE_SECRET.*environment variable.*secrets.yaml"):
        secrets.secret("NOPE_SECRET")


def test_logs_and_errors_never_show_a_secret(monkeypatch):
    monkeypatch.setenv("DB_PASSWORD", "hunter2-xyz")
    events = []
    result = run_pipeline(loads(LEAKY), engine="local", emit=events.append)
    assert result.status == "failed"
    text = "\n".join(e.model_dump_json() for e in events) + str(result.error)
    assert "hunter2-xyz" not in text
    logs = [e.message for e in events if e.type == "node_log"]
    assert "connecting with ***" in logs  # the line is still there, with the value blanked
    assert "login refused for password ***" in result.error
