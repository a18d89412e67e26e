"""Wall time of each engine on an example (sum_numbers by default), side by side.

    .venv/bin/python bench/engines.py [--repeat 3] [--example iris_classifier]

Prefect runs against one server started for the benchmark (as under `octopus serve`); the
first run of each engine is reported apart, since it pays one-off costs (imports, databases).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OCTOPUS_HOME", tempfile.mkdtemp(prefix="octopus-bench-"))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from octopus.ir import load  # noqa: E402
from octopus.runtime.engines import ENGINES, TITLES  # noqa: E402
from octopus.runtime.engines.prefect import PrefectServer  # noqa: E402
from octopus.runtime.run import run_pipeline  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per engine after the first")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--example", default="sum_numbers", help="a file name in examples/, without .yaml")
    args = parser.parse_args()
    pipeline = load(ROOT / "examples" / f"{args.example}.yaml")
    table = Table("engine", "first run (s)", f"median of {args.repeat} (s)", "min (s)", "result",
                  title=f"examples/{args.example}.yaml, wall time per run")
    with PrefectServer():
        for engine in args.engines.split(","):
            times, total = [], None
            for _ in range(args.repeat + 1):
                started = time.perf_counter()
                result = run_pipeline(pipeline, engine=engine)
                times.append(time.perf_counter() - started)
                # The sum example shows its total; others their status.
                total = result.outputs.get("total", {}).get("result", result.status) \
                    if result.status == "succeeded" else f"{result.status}: {result.error}"
            table.add_row(TITLES[engine], f"{times[0]:.2f}", f"{statistics.median(times[1:]):.2f}",
                          f"{min(times[1:]):.2f}", str(total))
    Console().print(table)


if __name__ == "__main__":
    main()
