"""Where an installation keeps its things. Everything defaults to a folder under
OCTOPUS_HOME (~/.octopus); each location can be moved by its own environment variable."""

from __future__ import annotations

import os
from pathlib import Path


def octopus_home() -> Path:
    return Path(os.environ.get("OCTOPUS_HOME") or os.path.expanduser("~/.octopus"))


def artifact_root() -> str:
    """An fsspec URI: node outputs too big to travel inline (tables, models, images)."""
    return os.environ.get("OCTOPUS_ARTIFACTS") or str(octopus_home() / "artifacts")


def storage_root() -> Path:
    """The user's files: uploads, and what output nodes write for download."""
    return Path(os.environ.get("OCTOPUS_STORAGE") or octopus_home() / "storage")


def secrets_file() -> Path:
    return Path(os.environ.get("OCTOPUS_SECRETS_FILE") or octopus_home() / "secrets.yaml")


def tracking_uri() -> str:
    """MLflow tracking and model registry: SQLite under OCTOPUS_HOME unless a server is set."""
    return os.environ.get("MLFLOW_TRACKING_URI") or f"sqlite:///{octopus_home() / 'mlflow' / 'mlflow.db'}"


def mlflow_artifacts() -> str:
    return (octopus_home() / "mlflow" / "artifacts").as_uri()


def examples_dir() -> Path:
    """examples/ of the repository checkout this package runs from, unless OCTOPUS_EXAMPLES says."""
    return Path(os.environ.get("OCTOPUS_EXAMPLES") or Path(__file__).resolve().parent.parent / "examples")
