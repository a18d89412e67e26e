"""Kubeflow Pipelines v2: lightweight Python components, one per node, plus the pipeline YAML
produced by kfp's own compiler (what a KFP server accepts)."""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from octopus import __version__
from octopus.compiler import Plan
from octopus.ir import ParamSpec
from octopus.targets.base import Bundle, Target, header, py_literal, render_template

USAGE = """Compile it to pipeline.yaml (included beside this file) and upload that to KFP:
    python pipeline.py
Numbers, arrays and objects travel as JSON text (e.g. '[1, 2, 3]'): KFP's protobuf values
would turn integers into floats."""

# Parameter types passed through KFP as JSON text; the others map to KFP's own types.
JSON_TYPES = ("number", "array", "object")
KFP_TYPES = {"string": "str", "integer": "int", "boolean": "bool"}


class KfpTarget(Target):
    name = "kfp"
    title = "Kubeflow Pipelines"
    capabilities = {"parameters": True, "retries": True, "parallel": True}

    def __init__(self, image: str = "python:3.11", packages: list[str] | None = None, compile_yaml: bool = True):
        self.image = image
        # The node library (pandas, scikit-learn, mlflow) comes with the `ml` extra.
        self.packages = [f"octopus-ml[ml]=={__version__}"] if packages is None else packages
        self.compile_yaml = compile_yaml

    def render(self, plan: Plan) -> Bundle:
        idents = {s.id: s.ident for s in plan.steps}
        args, calls = {}, {}
        for s in plan.steps:
            args[s.id] = ", ".join([f"{idents[u]}: str" for u in s.upstream]
                                   + [f"{p}: {_kfp_type(plan.params[p])}" for p in s.uses_params])
            calls[s.id] = ", ".join([f"{idents[u]}=tasks[{u!r}].output" for u in s.upstream]
                                    + [f"{p}={p}" for p in s.uses_params])
        source = render_template(
            "kfp_pipeline.py.j2", plan=plan, idents=idents, component_args=args, call_args=calls,
            json_types=JSON_TYPES, signature=_signature(plan), image=self.image, packages=self.packages,
            header=header(plan, "Kubeflow Pipelines (v2) pipeline", USAGE))
        files = {"pipeline.py": source}
        if self.compile_yaml:
            files["pipeline.yaml"] = compile_with_kfp(source, plan.ident)
        return Bundle(self.name, files, entry="pipeline.py")


def _kfp_type(spec: ParamSpec) -> str:
    return KFP_TYPES.get(spec.type, "str")


def _signature(plan: Plan) -> str:
    def arg(name: str, spec: ParamSpec) -> str:
        if spec.required:
            return f"{name}: {_kfp_type(spec)}"
        default = kfp_arguments(plan, {name: spec.default})[name]
        return f"{name}: {_kfp_type(spec)} = {py_literal(default)}"

    params = sorted(plan.params.items(), key=lambda kv: not kv[1].required)
    return ", ".join(arg(n, p) for n, p in params)


def kfp_arguments(plan: Plan, values: dict[str, Any]) -> dict[str, Any]:
    """Run-time parameter values in the form the generated pipeline function takes."""
    return {k: json.dumps(v) if plan.params[k].type in JSON_TYPES else v for k, v in values.items()}


def compile_with_kfp(source: str, function: str) -> str:
    """Import the generated module from a real file (kfp reads component source with inspect)
    and run kfp's compiler on its pipeline function."""
    from kfp import compiler

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pipeline.py"
        path.write_text(source, encoding="utf-8")
        name = f"octopus_kfp_{abs(hash(source))}"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
            out = Path(tmp) / "pipeline.yaml"
            compiler.Compiler().compile(getattr(module, function), str(out))
            return out.read_text(encoding="utf-8")
        finally:
            sys.modules.pop(name, None)


TARGET_CLASS = KfpTarget
