"""Run a few nodes as a pipeline on the local engine, the way any run would."""

from __future__ import annotations

import json

from octopus.ir import loads
from octopus.runtime.run import run_pipeline


def run(*nodes):
    """(result, events) of a pipeline made of `nodes` (node dicts as in YAML)."""
    events = []
    result = run_pipeline(loads(json.dumps({"name": "test", "nodes": list(nodes)})), engine="local",
                          emit=events.append)
    return result, events
