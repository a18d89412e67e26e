"""What the node tests share: a private OCTOPUS_HOME (storage, artifacts, MLflow, secrets.yaml),
per test or per module."""

from __future__ import annotations

import pytest


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("OCTOPUS_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="module")
def module_home(tmp_path_factory):
    """One home for a module whose tests build on each other (a registered model, a server)."""
    with pytest.MonkeyPatch.context() as mp:
        path = tmp_path_factory.mktemp("home")
        mp.setenv("OCTOPUS_HOME", str(path))
        mp.delenv("MLFLOW_TRACKING_URI", raising=False)
        mp.delenv("OCTOPUS_STORAGE", raising=False)
        yield path
