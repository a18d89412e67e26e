"""Shared by every test: a private OCTOPUS_HOME for the session, and the example files."""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from aiosmtpd.controller import Controller

from tests.peers import Mailbox, free_port

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# The development machines' PostgreSQL (trust auth): each test that uses it gets its own schema.
POSTGRES = "postgres@127.0.0.1:5432/test"
PG_URL = f"postgresql+psycopg://{POSTGRES}"

# Set before any test imports Octopus code that reads it: runs, artifacts, MLflow tracking and
# the Airflow metadata template then live in a throwaway folder, never in ~/.octopus.
os.environ.setdefault("OCTOPUS_HOME", tempfile.mkdtemp(prefix="octopus-test-home-"))


@pytest.fixture
def smtp():
    """Start an SMTP server on loopback: smtp(authenticator=None) -> (mailbox, port)."""
    def start(authenticator=None):
        mailbox = Mailbox()
        kwargs = {"authenticator": authenticator, "auth_require_tls": False} if authenticator else {}
        controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), **kwargs)
        controller.start()
        started.append(controller)
        return mailbox, controller.port

    started = []
    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def pg_schema():
    """A fresh schema in PostgreSQL's `test` database, dropped with its tables afterwards."""
    name = f"octopus_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"postgresql://{POSTGRES}", autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
        try:
            yield name
        finally:
            conn.execute(f"DROP SCHEMA {name} CASCADE")
