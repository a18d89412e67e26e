"""Built-in node types. Importing this package registers them.

inputs/process/outputs: small values (numbers, text); data/tables/write: tables in and out;
ml/registry/deploy: training, the MLflow model registry, serving and monitoring;
notify/charts/report: messages, pictures and reports at the end of a pipeline."""

from octopus.nodes.builtin import (  # noqa: F401
    charts,
    data,
    deploy,
    inputs,
    ml,
    notify,
    outputs,
    process,
    registry,
    report,
    tables,
    write,
)
