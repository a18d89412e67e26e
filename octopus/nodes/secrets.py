"""Credentials for nodes. A pipeline names a secret (say `SMTP_PASSWORD`); its value comes
from the environment variable of that name, else from OCTOPUS_HOME/secrets.yaml (a mapping
of name to value). Values never enter a pipeline file or a compiled bundle, and the step
runtime blanks every value read here out of the run's logs and errors."""

from __future__ import annotations

import os
import re
import threading
from typing import Annotated

import yaml
from pydantic import Field

from octopus.nodes.spec import BlankIsNone
from octopus.settings import secrets_file

SecretName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", json_schema_extra={"format": "secret"},
                                  description="The name of a secret (an environment variable or an entry of "
                                              "secrets.yaml), never the value itself.")]
OptionalSecret = Annotated[SecretName | None, BlankIsNone]

MASK = "***"
_revealed: set[str] = set()
_lock = threading.Lock()


class MissingSecret(LookupError):
    def __init__(self, name: str) -> None:
        super().__init__(f"secret '{name}' is not set: set the environment variable {name} "
                         f"or add '{name}: <value>' to {secrets_file()}")


def secret(name: str) -> str:
    """The value of secret `name`; remembered so that logs and errors never show it."""
    value = os.environ.get(name)
    if value is None:
        value = _from_file().get(name)
    if value is None or value == "":
        raise MissingSecret(name)
    value = str(value)
    with _lock:
        _revealed.add(value)
    return value


def names() -> list[str]:
    """Names available from the secrets file (environment variables are not listed)."""
    return sorted(_from_file())


def redact(text: str) -> str:
    with _lock:
        values = sorted(_revealed, key=len, reverse=True)
    if not values:
        return text
    return re.sub("|".join(re.escape(v) for v in values), MASK, text)


def _from_file() -> dict[str, object]:
    path = secrets_file()
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text()) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path} must be a mapping of secret name to value")
    return {str(k): v for k, v in data.items()}
