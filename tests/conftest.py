"""Shared by every test: a private OCTOPUS_HOME for the session, and the example files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# Set before any test imports Octopus code that reads it: runs, artifacts, MLflow tracking and
# the Airflow metadata template then live in a throwaway folder, never in ~/.octopus.
os.environ.setdefault("OCTOPUS_HOME", tempfile.mkdtemp(prefix="octopus-test-home-"))
