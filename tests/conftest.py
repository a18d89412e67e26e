"""Shared by every test: a private OCTOPUS_HOME for the session, and the example files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.peers import Mailbox, free_port

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

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
