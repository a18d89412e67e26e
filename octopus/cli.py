"""`octopus`: validate, compile, run, serve and list nodes, without the browser."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from octopus import storage
from octopus.ir import Issue, ParamError, Pipeline, PipelineLoadError, load
from octopus.ir.params import parse_cli_value, resolve_run_params

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Draw an ML pipeline once; run it locally or on Prefect, Kubeflow, Airflow, MLflow.")
out = Console()
err = Console(stderr=True)

EXIT_INVALID = 2  # the pipeline or its parameters are wrong: nothing ran
EXIT_FAILED = 1  # it ran and a node (or the orchestrator) failed

FileArg = Annotated[Path, typer.Argument(help="Pipeline file (YAML or JSON).", show_default=False)]


def _print_issues(issues: list[Issue], source: str) -> None:
    err.print(f"[bold red]✗ {source}[/]: {len(issues)} problem{'s' if len(issues) != 1 else ''}", highlight=False)
    for issue in issues:
        err.print(f"  • {issue}", highlight=False, markup=False)


def _load(path: Path) -> Pipeline:
    try:
        return load(path)
    except PipelineLoadError as exc:
        _print_issues(exc.issues, str(path))
        raise typer.Exit(EXIT_INVALID) from None


@app.command()
def validate(file: FileArg) -> None:
    """Check a pipeline and print every problem found (exit code 2 if any)."""
    from octopus.compiler import validate as check

    pipeline = _load(file)
    issues = check(pipeline)
    if issues:
        _print_issues(issues, str(file))
        raise typer.Exit(EXIT_INVALID)
    out.print(f"[green]✓[/] {file}: {pipeline.name!r} is valid ({len(pipeline.nodes)} nodes)", highlight=False)


@app.command()
def compile(
    file: FileArg,
    target: Annotated[str, typer.Option("--target", "-t", help="prefect, kfp, airflow or mlflow.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write the files into.")] = Path("out"),
) -> None:
    """Generate the files that run the pipeline on an orchestrator."""
    from octopus.compiler import PipelineInvalid, plan
    from octopus.targets import TARGETS, get_target

    if target not in TARGETS:
        err.print(f"[red]unknown target {target!r}[/] (targets: {', '.join(TARGETS)})", highlight=False)
        raise typer.Exit(EXIT_INVALID)
    try:
        the_plan = plan(_load(file))
    except PipelineInvalid as exc:
        _print_issues(exc.issues, str(file))
        raise typer.Exit(EXIT_INVALID) from None
    compiler = get_target(target)
    bundle = compiler.render(the_plan)
    for warning in compiler.warnings(the_plan):
        err.print(f"[yellow]! {warning}[/]", highlight=False)
    bundle.write(output)
    for rel in sorted(bundle.files):
        out.print(f"  wrote {output / rel}", highlight=False)
    out.print(f"[green]✓[/] {TARGETS[target]} bundle in {output} (start with {bundle.entry})", highlight=False)


@app.command()
def run(
    file: FileArg,
    engine: Annotated[str, typer.Option("--engine", "-e", help="local, prefect, kfp, airflow or mlflow.")] = "local",
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="name=value (JSON unless the "
                                                        "parameter is a string); repeatable.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")] = False,
) -> None:
    """Run a pipeline and show each node's progress."""
    from octopus.compiler import PipelineInvalid
    from octopus.runtime.engines import ENGINES
    from octopus.nodes import tracking
    from octopus.runtime.run import run_pipeline

    pipeline = _load(file)
    storage.seed_examples()  # the examples read their data files from storage
    if engine not in ENGINES:
        err.print(f"[red]unknown engine {engine!r}[/] (engines: {', '.join(ENGINES)})", highlight=False)
        raise typer.Exit(EXIT_INVALID)
    try:
        values = _parse_params(pipeline, param or [])
        progress = _Progress(err if as_json else out)
        result = run_pipeline(pipeline, engine=engine, params=values, emit=progress)
    except ParamError as exc:
        err.print(f"[red]✗ parameters[/]: {exc}", highlight=False, markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    except PipelineInvalid as exc:
        _print_issues(exc.issues, str(file))
        raise typer.Exit(EXIT_INVALID) from None
    if as_json:
        sys.stdout.write(json.dumps(result.to_json()) + "\n")
        sys.stdout.flush()
    if result.status != "succeeded" and not as_json:
        where = f"node '{result.failed_node}'" if result.failed_node else result.engine
        err.print(f"[bold red]✗ run {result.status}[/] at {where}: {result.error}", highlight=False)
    # After the result is shown: the record in MLflow is not part of the run.
    tracking.record_run(result.run_id, pipeline=pipeline.name, engine=engine,
                        params=resolve_run_params(pipeline.params, values),
                        status=result.status, duration_s=result.duration_s, error=result.error,
                        failed_node=result.failed_node)
    if result.status != "succeeded":
        raise typer.Exit(EXIT_FAILED)


def _parse_params(pipeline: Pipeline, pairs: list[str]) -> dict[str, Any]:
    values = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep:
            raise ParamError(f"-p {pair!r}: write name=value")
        values[name] = parse_cli_value(pipeline.params.get(name), text)
    return values


class _Progress:
    """Prints one line per event as it arrives: start, logs, finish with duration and preview."""

    def __init__(self, console: Console) -> None:
        self.c = console

    def __call__(self, event: Any) -> None:
        kind = event.type
        if kind == "run_started":
            self.c.print(f"[bold]▶ {event.pipeline}[/] on {event.engine} (run {event.run_id})", highlight=False)
        elif kind == "node_started":
            retry = f" (attempt {event.attempt})" if event.attempt > 1 else ""
            self.c.print(f"  [cyan]…[/] {event.node_id}{retry}", highlight=False)
        elif kind == "node_log":
            style = "red" if event.stream == "stderr" else "dim"
            for line in event.message.splitlines() or [""]:
                self.c.print(f"    {event.node_id} │ {line}", style=style, highlight=False, markup=False)
        elif kind == "node_finished":
            if event.status == "succeeded":
                shown = ", ".join(f"{k}={v}" for k, v in (event.preview or {}).items())
                self.c.print(f"  [green]✓[/] {event.node_id} [dim]{event.duration_s:.2f}s[/] {shown}",
                             highlight=False)
            elif event.status == "failed":
                self.c.print(f"  [red]✗ {event.node_id}[/] {event.error}", highlight=False)
            else:
                self.c.print(f"  [yellow]-[/] {event.node_id} {event.status}", highlight=False)
        elif kind == "run_finished":
            colour = "green" if event.status == "succeeded" else "red"
            self.c.print(f"[bold {colour}]■ {event.status}[/] in {event.duration_s:.1f}s", highlight=False)


@app.command()
def nodes(as_json: Annotated[bool, typer.Option("--json", help="Print the catalog as JSON.")] = False) -> None:
    """List the node types, by category."""
    from octopus.nodes import catalog

    specs = list(catalog())
    if as_json:
        sys.stdout.write(json.dumps([s.to_json() for s in specs], indent=2) + "\n")
        return
    table = Table("type", "title", "inputs", "outputs", "description", box=None, pad_edge=False)
    category = None
    for s in specs:
        if s.category != category:
            category = s.category
            table.add_row(f"[bold]{category}[/]", "", "", "", "")
        ins = ", ".join(f"{p.name}:{p.type}{'*' if p.many else ''}" for p in s.inputs) + (" **any" if s.any_inputs else "")
        outs = ", ".join(f"{p.name}:{p.type}" for p in s.outputs)
        table.add_row(f"  {s.type}", s.title, ins, outs, s.description)
    out.print(table)


@app.command()
def schema(events: Annotated[bool, typer.Option("--events", help="The run events' schema instead.")] = False) -> None:
    """Print the JSON Schema of the pipeline format (or of run events)."""
    if events:
        from octopus.runtime.events import events_json_schema

        data = events_json_schema()
    else:
        data = Pipeline.model_json_schema()
    sys.stdout.write(json.dumps(data, indent=2) + "\n")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Start the web app and its API."""
    from octopus.server import serve as start

    start(host=host, port=port)


if __name__ == "__main__":
    app()
