"""The pipeline graph: pydantic models, YAML/JSON load and dump, structural checks.

This package imports nothing else of Octopus: it is the contract every other part speaks.
"""

from octopus.ir.io import PipelineLoadError, dump, dump_json, dump_yaml, load, loads
from octopus.ir.models import Issue, Node, NodeUI, ParamSpec, Pipeline, PortRef, parse_ref
from octopus.ir.params import ParamError, param_refs, resolve, resolve_run_params

__all__ = [
    "Issue", "Node", "NodeUI", "ParamSpec", "Pipeline", "PortRef", "parse_ref",
    "PipelineLoadError", "load", "loads", "dump", "dump_json", "dump_yaml",
    "ParamError", "param_refs", "resolve", "resolve_run_params",
]
