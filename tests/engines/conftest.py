"""Real orchestrators for the engine tests: one Prefect server for the session, and Octopus's
Airflow environment (made by `make test`, or created here on first use)."""

import pytest

from octopus.runtime.engines.airflow import ensure_airflow
from octopus.runtime.engines.prefect import PrefectServer


@pytest.fixture(scope="session", autouse=True)
def prefect_server():
    # Without it every Prefect run would start (and migrate) a temporary server of its own.
    with PrefectServer() as server:
        yield server


@pytest.fixture(scope="session", autouse=True)
def airflow_ready():
    ensure_airflow()
