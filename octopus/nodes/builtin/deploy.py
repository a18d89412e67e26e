"""Serving registered models over HTTP with MLflow's own model server, scoring tables
through such an endpoint, and watching for data drift.

A server outlives the run that started it: it runs in its own process group, and
OCTOPUS_HOME/serving/<name>.json records it (pid, url, model, log), so `deploy.stop` works
from any later run or process."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from octopus.nodes import node
from octopus.nodes.builtin.registry import NAME_PATTERN, ModelRef, resolve
from octopus.settings import octopus_home, tracking_uri

# Servers started by this process, kept so they are reaped when stopped here (no zombies)
# and Python does not warn about a child still running when the Popen object goes away.
_children: dict[int, subprocess.Popen] = {}


def serving_dir() -> Path:
    folder = octopus_home() / "serving"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _record_path(name: str) -> Path:
    return serving_dir() / f"{name}.json"


def _free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _answers(url: str, timeout: float = 2.0) -> bool:
    import httpx

    for path in ("/ping", "/health"):
        try:
            if httpx.get(url + path, timeout=timeout).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
    return False


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _ours(record: dict[str, Any]) -> bool:
    """Is the recorded pid still the server we started, not a later program given its pid?"""
    cmdline = Path(f"/proc/{record['pid']}/cmdline")
    if not Path("/proc/self").exists():  # no /proc (macOS): trust the record
        return True
    try:
        args = cmdline.read_bytes().split(b"\0")
    except OSError:
        return False
    return b"serve" in args and str(record["port"]).encode() in args


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def _stop(record: dict[str, Any], wait: float = 15.0) -> bool:
    """Stop a recorded server's process group (the mlflow CLI and its uvicorn worker).
    True if it was still running."""
    pid, url = record["pid"], record["url"]
    child = _children.pop(pid, None)
    if child is not None:
        child.poll()  # reaps it if it has exited, so its pid no longer reads as alive
    if _alive(pid) and not _ours(record):
        return False  # the pid belongs to another program now: our server is long gone
    was_running = _alive(pid) or _answers(url, timeout=0.5)
    for sig, patience in ((signal.SIGTERM, wait), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, sig)  # the group outlives its leader: uvicorn may still hold the port
        except ProcessLookupError:
            break
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline and _answers(url, timeout=0.5):
            time.sleep(0.2)
        if not _answers(url, timeout=0.5):
            break
    if child is not None:
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
    return was_running


def _read_record(name: str) -> dict[str, Any] | None:
    path = _record_path(name)
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError:
        return None


def running() -> list[dict[str, Any]]:
    """Records of the servers started from this OCTOPUS_HOME."""
    return [r for p in sorted(serving_dir().glob("*.json")) if (r := _read_record(p.stem))]


# --- deploy.serve ------------------------------------------------------------------------

class ServeParams(ModelRef):
    port: int = Field(0, ge=0, le=65535, description="Port to listen on; 0 picks a free one.")
    host: str = Field("127.0.0.1", description="Address to listen on; 127.0.0.1 keeps it on this machine.")
    timeout: float = Field(120, gt=0, description="Seconds to wait for the server to answer.")


@node("deploy.serve", category="deploy", title="Serve model", outputs={"endpoint": "string"}, icon="serve")
def serve(params: ServeParams) -> str:
    """Serve a registered model over HTTP (MLflow's model server: POST /invocations).

    The server keeps running after the pipeline; serving the same name again replaces it,
    and `deploy.stop` stops it. The output is the server's base URL."""
    mv = resolve(params)  # fails here, with what exists, rather than in the server's log
    uri = f"models:/{mv.name}@{params.alias}" if params.alias else f"models:/{mv.name}/{mv.version}"
    previous = _read_record(mv.name)
    if previous:
        print(f"stopping the previous server of {mv.name} ({previous['url']})")
        _stop(previous)
    port = params.port or _free_port(params.host)
    url = f"http://{'127.0.0.1' if params.host in ('0.0.0.0', '') else params.host}:{port}"
    if _answers(url, timeout=0.5):
        raise RuntimeError(f"something already answers at {url}; choose another port (or 0)")
    log = serving_dir() / f"{mv.name}.log"
    env = dict(os.environ, MLFLOW_TRACKING_URI=tracking_uri(), MLFLOW_REGISTRY_URI=tracking_uri(),
               # `mlflow models serve` runs `uvicorn` by name: it must be found next to this Python.
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    command = [sys.executable, "-m", "mlflow", "models", "serve", "-m", uri, "-h", params.host,
               "-p", str(port), "--env-manager", "local"]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    _children[process.pid] = process
    record = {"name": mv.name, "pid": process.pid, "port": port, "url": url, "model": uri,
              "version": int(mv.version), "log": str(log), "started": time.time()}
    _record_path(mv.name).write_text(json.dumps(record, indent=2))
    started = time.monotonic()
    while not _answers(url, timeout=1.0):
        if process.poll() is not None:
            _stop(record, wait=2)
            _record_path(mv.name).unlink(missing_ok=True)
            raise RuntimeError(f"the model server for {uri} exited with code {process.returncode}; "
                               f"its log ({log}) ends:\n{_tail(log)}")
        if time.monotonic() - started > params.timeout:
            _stop(record, wait=5)
            _record_path(mv.name).unlink(missing_ok=True)
            raise TimeoutError(f"the model server for {uri} did not answer within {params.timeout:g} s; "
                               f"its log ({log}) ends:\n{_tail(log)}")
        time.sleep(0.3)
    print(f"serving {uri} (version {mv.version}) at {url} after {time.monotonic() - started:.1f} s; log: {log}")
    return url


# --- deploy.stop -------------------------------------------------------------------------

class StopParams(BaseModel):
    name: str | None = Field(None, description="Registered model name whose server to stop "
                             "(or wire the endpoint instead).", pattern=NAME_PATTERN)


@node("deploy.stop", category="deploy", title="Stop serving", outputs={"result": "object"}, icon="stop")
def stop(params: StopParams, endpoint: str | None = None) -> dict:
    """Stop a model server started by deploy.serve, by model name or by its endpoint."""
    if params.name:
        record = _read_record(params.name)
    elif endpoint:
        record = next((r for r in running() if r["url"] == endpoint.rstrip("/")), None)
    else:
        raise ValueError("give the model name, or wire the endpoint of deploy.serve")
    if record is None:
        known = ", ".join(f"{r['name']} ({r['url']})" for r in running()) or "none"
        print(f"no server recorded for {params.name or endpoint} (running: {known})")
        return {"stopped": False, "name": params.name}
    stopped = _stop(record)
    _record_path(record["name"]).unlink(missing_ok=True)
    print(f"stopped {record['name']} at {record['url']}" if stopped
          else f"{record['name']} at {record['url']} was no longer running")
    return {"stopped": stopped, "name": record["name"]}


# --- deploy.score ------------------------------------------------------------------------

class ScoreParams(BaseModel):
    output_column: str = Field("prediction", min_length=1, description="Name of the new prediction column.")
    timeout: float = Field(60, gt=0, description="Seconds to wait for the answer.")


@node("deploy.score", category="deploy", title="Score via endpoint", outputs={"table": "table"},
      port_types={"table": "table"}, icon="score")
def score(endpoint: str, table: Any, params: ScoreParams) -> Any:
    """Send a table to a model server (POST <endpoint>/invocations) and add its predictions."""
    import httpx

    # Through JSON text: pandas writes NaN as null and timestamps as ISO strings.
    split = json.loads(table.to_json(orient="split", index=False, date_format="iso"))
    url = endpoint.rstrip("/") + "/invocations"
    try:
        response = httpx.post(url, json={"dataframe_split": split}, timeout=params.timeout)
    except httpx.HTTPError as exc:
        raise RuntimeError(f"could not reach {url}: {exc}") from None
    if not response.is_success:
        raise RuntimeError(f"{url} answered {response.status_code}: {_complaint(response)}")
    predictions = response.json().get("predictions") if response.headers.get(
        "content-type", "").startswith("application/json") else None
    if not isinstance(predictions, list) or len(predictions) != len(table):
        raise RuntimeError(f"{url} did not answer one prediction per row ({len(table)} rows): "
                           f"{response.text[:300]}")
    out = table.copy()
    out[params.output_column] = predictions
    return out


def _complaint(response: Any) -> str:
    """The server's error message, without the copy of the whole input MLflow puts first."""
    try:
        message = str(response.json()["message"])
    except (ValueError, KeyError, TypeError):
        return response.text[:500]
    # MLflow wraps the reason as "Failed to ... data '<the table>' ... Error: <reason>", nested.
    _, found, reason = message.rpartition("Error: ")
    return (reason if found else message).strip()[:500]


# --- monitor.drift -----------------------------------------------------------------------

class DriftParams(BaseModel):
    columns: list[str] | None = Field(None, description="Columns to compare; empty: the numeric columns "
                                      "both tables have.")
    method: Literal["ks", "psi"] = Field("ks", description="ks: Kolmogorov-Smirnov statistic; "
                                         "psi: population stability index (10 quantile bins).")
    threshold: float = Field(0.2, gt=0, description="A column drifts when its statistic exceeds this.")


@node("monitor.drift", category="deploy", title="Data drift",
      outputs={"report": "table", "drifted": "boolean", "summary": "string"},
      port_types={"reference": "table", "current": "table"}, icon="drift")
def drift(reference: Any, current: Any, params: DriftParams) -> dict:
    """Compare the distribution of each column in new data against reference data (e.g. the
    training set) and flag the columns that moved."""
    import numpy as np
    import pandas as pd
    from scipy.stats import ks_2samp

    if params.columns:
        for label, frame in (("reference", reference), ("current", current)):
            missing = [c for c in params.columns if c not in frame.columns]
            if missing:
                raise ValueError(f"column(s) {', '.join(missing)} not in the {label} table "
                                 f"(columns: {', '.join(map(str, frame.columns))})")
        columns = params.columns
    else:
        columns = [c for c in reference.columns if c in current.columns
                   and reference[c].dtype.kind in "biuf" and current[c].dtype.kind in "biuf"]
        if not columns:
            raise ValueError("the two tables have no numeric column in common")
    rows = []
    for column in columns:
        ref, cur = (pd.to_numeric(f[column], errors="coerce").dropna().to_numpy(float)
                    for f in (reference, current))
        if len(ref) == 0 or len(cur) == 0:
            raise ValueError(f"column '{column}' has no numeric values in the "
                             f"{'reference' if len(ref) == 0 else 'current'} table")
        if params.method == "ks":
            result = ks_2samp(ref, cur)
            statistic, p_value = float(result.statistic), float(result.pvalue)
        else:
            statistic, p_value = _psi(ref, cur, np), float("nan")
        rows.append({"column": str(column), "statistic": statistic, "p_value": p_value,
                     "drifted": statistic > params.threshold})
    report = pd.DataFrame(rows, columns=["column", "statistic", "p_value", "drifted"])
    moved = report[report["drifted"]].sort_values("statistic", ascending=False)
    if moved.empty:
        summary = f"no drift in {len(report)} features"
    else:
        summary = (f"drift in {len(moved)} of {len(report)} features: "
                   + ", ".join(f"{r.column} ({r.statistic:.2f})" for r in moved.itertuples()))
    print(summary)
    return {"report": report, "drifted": bool(len(moved)), "summary": summary}


def _psi(ref: Any, cur: Any, np: Any, bins: int = 10) -> float:
    """Population stability index over the reference's deciles."""
    inner = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1]))
    edges = np.concatenate(([-np.inf], inner, [np.inf]))
    expected = np.histogram(ref, edges)[0] / len(ref)
    actual = np.histogram(cur, edges)[0] / len(cur)
    # An empty bin would make the log infinite; a small floor is the usual remedy.
    expected, actual = np.clip(expected, 1e-4, None), np.clip(actual, 1e-4, None)
    return float(np.sum((actual - expected) * np.log(actual / expected)))
