"""run_step: the one function that executes a node, whichever engine or orchestrator runs it.

Generated code for every target calls it with the step (a literal), the outputs of the
upstream steps and the pipeline parameters, and passes on the JSON dict it returns.
"""

from __future__ import annotations

import io
import os
import sys
import threading
import time
import traceback
from typing import Any

from pydantic import ValidationError

from octopus.ir import resolve
from octopus.nodes import NodeSpec, catalog
from octopus.nodes.context import Context
from octopus.nodes.secrets import redact
from octopus.runtime import values
from octopus.runtime.events import Emit, NodeFinished, NodeLog, NodeStarted, sink_from_env


class StepFailed(RuntimeError):
    """A node raised. The message names the node; the original error is chained."""

    def __init__(self, node_id: str, error: str) -> None:
        self.node_id = node_id
        self.error = error
        super().__init__(f"node '{node_id}' failed: {error}")


def run_step(step: dict[str, Any], upstream: dict[str, dict[str, Any]], params: dict[str, Any], *,
             run_id: str | None = None, emit: Emit | None = None, attempt: int = 1) -> dict[str, Any]:
    """Run one node; return its outputs as JSON-able values or artifact references."""
    run_id = run_id or os.environ.get("OCTOPUS_RUN_ID", "adhoc")
    node_id = step["id"]
    # With no explicit sink we run inside an orchestrator: keep its own log output too.
    passthrough = emit is None
    emit = emit or sink_from_env()
    emit(NodeStarted(run_id=run_id, node_id=node_id, attempt=attempt))
    started = time.monotonic()
    try:
        with capture_output(lambda line, stream: emit(NodeLog(run_id=run_id, node_id=node_id,
                                                               message=line, stream=stream)), passthrough):
            outputs = _execute(step, upstream, params, Context(run_id=run_id, node_id=node_id))
        encoded = {port: values.encode(v, run_id, node_id, port) for port, v in outputs.items()}
    except Exception as exc:
        error = redact(_describe(exc))
        detail = redact("".join(traceback.format_exception(exc)[-6:]).rstrip())
        emit(NodeLog(run_id=run_id, node_id=node_id, message=detail, stream="stderr"))
        emit(NodeFinished(run_id=run_id, node_id=node_id, status="failed",
                          duration_s=time.monotonic() - started, error=error))
        raise StepFailed(node_id, error) from exc
    emit(NodeFinished(run_id=run_id, node_id=node_id, status="succeeded", duration_s=time.monotonic() - started,
                      outputs=encoded, preview={p: values.preview(v) for p, v in encoded.items()}))
    return encoded


def _execute(step: dict[str, Any], upstream: dict[str, dict[str, Any]], params: dict[str, Any],
             ctx: Context) -> dict[str, Any]:
    spec = catalog()[step["type"]]
    kwargs: dict[str, Any] = {}
    for port_name, refs in step.get("inputs", {}).items():
        port = spec.input(port_name)
        gathered = [_upstream_value(upstream, ref) for ref in (refs if isinstance(refs, list) else [refs])]
        kwargs[port_name] = gathered if port and port.many else gathered[0]
    if spec.takes_params:
        try:
            kwargs["params"] = spec.params_model.model_validate(resolve(step.get("params", {}), params))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ValueError(f"parameter {where}: {first['msg']}") from None
    if spec.wants_context:
        kwargs["ctx"] = ctx
    result = spec.func(**kwargs)
    return _outputs(spec, result)


def _upstream_value(upstream: dict[str, dict[str, Any]], ref: str) -> Any:
    node_id, _, port = ref.partition(".")
    try:
        return values.decode(upstream[node_id][port])
    except KeyError:
        raise RuntimeError(f"input {ref} was not passed to this step (upstream: {', '.join(upstream)})") from None


def _outputs(spec: NodeSpec, result: Any) -> dict[str, Any]:
    """A single-output node returns its value; a multi-output node returns a dict by port."""
    names = [p.name for p in spec.outputs]
    if len(names) == 1:
        return {names[0]: result}
    if not names:
        return {}
    if not isinstance(result, dict) or set(result) != set(names):
        got = sorted(result) if isinstance(result, dict) else type(result).__name__
        raise TypeError(f"'{spec.type}' must return a dict with keys {names}, got {got}")
    return result


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


# --- stdout/stderr capture, per thread: nodes run in parallel threads in one process ---

class _Router(io.TextIOBase):
    """Stands in for sys.stdout/stderr and sends each thread's writes to that thread's node."""

    local = threading.local()

    def __init__(self, original: Any, stream: str) -> None:
        self.original = original
        self.stream = stream

    def write(self, text: str) -> int:
        target = getattr(self.local, "target", None)
        if target is None:
            return self.original.write(text)
        on_line, passthrough, buffers = target
        text = redact(text)  # a secret split across two writes is missed; nodes print whole lines
        if passthrough:
            self.original.write(text)
        buffers[self.stream] += text
        *lines, buffers[self.stream] = buffers[self.stream].split("\n")
        self.local.target = None  # whatever the event sink prints must not loop back here
        try:
            for line in lines:
                on_line(line, self.stream)
        finally:
            self.local.target = target
        return len(text)

    def flush(self) -> None:
        self.original.flush()

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.original, "encoding", "utf-8")


class capture_output:
    def __init__(self, on_line: Any, passthrough: bool) -> None:
        self.target = (on_line, passthrough, {"stdout": "", "stderr": ""})

    def __enter__(self) -> None:
        for name in ("stdout", "stderr"):
            if not isinstance(getattr(sys, name), _Router):
                setattr(sys, name, _Router(getattr(sys, name), name))
        _Router.local.target = self.target

    def __exit__(self, *exc: Any) -> None:
        _Router.local.target = None
        on_line, _, buffers = self.target
        for stream, rest in buffers.items():
            if rest:
                on_line(rest, stream)
