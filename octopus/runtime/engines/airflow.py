"""Airflow, locally: `airflow dags test` on the generated DAG, in Octopus's own Airflow
environment (Airflow cannot share the main venv; see the design notes). The environment is
created on first use; each run gets a copy of a migrated SQLite metadata database."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

from octopus import __version__
from octopus.compiler import Plan
from octopus.runtime.engines.base import BundleEngine, EngineError
from octopus.settings import octopus_home

AIRFLOW_REQUIREMENT = "apache-airflow==3.3.*"


def airflow_venv() -> Path:
    return Path(os.environ.get("OCTOPUS_AIRFLOW_VENV") or octopus_home() / "airflow" / "venv")


def _template_home() -> Path:
    return octopus_home() / "airflow" / "home"


def _base_env(home: Path) -> dict[str, str]:
    return {"AIRFLOW_HOME": str(home), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}"}


def ensure_airflow(say: Any = print) -> Path:
    """Create the Airflow venv with Octopus in it, and a migrated metadata DB, if missing."""
    env_dir = airflow_venv()
    airflow = env_dir / "bin" / "airflow"
    if not airflow.exists():
        say(f"Setting up Airflow in {env_dir} (once; takes a minute or two)...")
        venv.create(env_dir, with_pip=True)
        _pip(env_dir, AIRFLOW_REQUIREMENT)
    if subprocess.run([str(env_dir / "bin" / "python"), "-c", "import octopus, sklearn, mlflow"], capture_output=True).returncode:
        _pip(env_dir, *_octopus_requirement())
    home = _template_home()
    if not (home / "airflow.db").exists():
        home.mkdir(parents=True, exist_ok=True)
        say("Creating the Airflow metadata database...")
        done = subprocess.run([str(airflow), "db", "migrate"], env=os.environ | _base_env(home),
                              capture_output=True, text=True)
        if done.returncode:
            (home / "airflow.db").unlink(missing_ok=True)
            raise EngineError("airflow db migrate failed:\n" + done.stdout[-2000:] + done.stderr[-2000:])
    return airflow


def _octopus_requirement() -> list[str]:
    """This checkout, editable, when running from source; else the released package."""
    root = Path(__file__).resolve().parents[3]
    if (root / "pyproject.toml").exists():
        return ["-e", f"{root}[ml]"]
    return [f"octopus-ml[ml]=={__version__}"]


def _pip(env_dir: Path, *args: str) -> None:
    done = subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", *args],
                          capture_output=True, text=True)
    if done.returncode:
        raise EngineError(f"pip install {' '.join(args)} failed in {env_dir}:\n{done.stderr[-3000:]}")


class AirflowEngine(BundleEngine):
    name = "airflow"
    title = "Airflow (local)"
    target = "airflow"

    def command(self, bundle_dir: Path, plan: Plan, params: dict[str, Any]) -> list[str]:
        airflow = ensure_airflow(lambda msg: print(msg, file=sys.stderr))
        return [str(airflow), "dags", "test", plan.ident, "-c", json.dumps(params),
                "-f", str(bundle_dir / f"{plan.ident}.py")]

    def environment(self, workdir: Path) -> dict[str, str]:
        home = workdir / "airflow_home"
        home.mkdir(parents=True, exist_ok=True)
        ensure_airflow(lambda msg: print(msg, file=sys.stderr))
        shutil.copy2(_template_home() / "airflow.db", home / "airflow.db")
        return _base_env(home) | {"AIRFLOW__CORE__DAGS_FOLDER": str(workdir / self.target)}
