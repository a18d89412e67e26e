"""Generated files: valid Python, user text only inside literals, same bytes every time,
and the KFP pipeline YAML produced by kfp's own compiler."""

import ast

import pytest
import yaml

from octopus.compiler import plan
from octopus.ir import load
from octopus.targets import TARGETS, get_target
from octopus.targets.base import py_literal
from tests.adversarial import ADVERSARIAL, adversarial_pipeline
from tests.conftest import EXAMPLES

PIPELINES = {p.stem: (lambda p=p: load(p)) for p in sorted(EXAMPLES.glob("*.yaml"))} | {
    "adversarial": adversarial_pipeline}


def calls(tree: ast.AST) -> set[str]:
    return {ast.unparse(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", PIPELINES)
def test_generated_python_parses_and_is_deterministic(target, name):
    the_plan = plan(PIPELINES[name]())
    first = get_target(target).render(the_plan)
    second = get_target(target).render(plan(PIPELINES[name]()))
    assert first.files == second.files
    assert first.zip_bytes() == second.zip_bytes()
    assert first.entry in first.files
    py_files = [f for f in first.files if f.endswith(".py")]
    assert py_files
    for rel in py_files:
        ast.parse(first.files[rel], filename=rel)


@pytest.mark.parametrize("target", TARGETS)
def test_user_text_enters_only_as_literals(target):
    """The adversarial text must come out of the AST as whole string constants, and the
    generated code must call exactly what it calls for a harmless pipeline."""
    benign = adversarial_pipeline().model_copy(deep=True)
    benign.description = "plain"
    benign.params["text"].default = benign.params["text"].description = "plain"
    benign.nodes[0].params["text"] = benign.nodes[0].label = "plain"
    evil_files = get_target(target).render(plan(adversarial_pipeline())).files
    plain_files = get_target(target).render(plan(benign)).files
    assert evil_files.keys() == plain_files.keys()
    for rel, text in evil_files.items():
        if not rel.endswith(".py"):
            continue
        tree = ast.parse(text)
        constants = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        assert any(ADVERSARIAL in c for c in constants), f"{rel}: the text did not survive as a literal"
        assert calls(tree) == calls(ast.parse(plain_files[rel])), f"{rel}: user text changed the code"


def test_kfp_yaml_comes_from_kfp_compiler_and_loads_back():
    from kfp import components

    the_plan = plan(load(EXAMPLES / "stats_report.yaml"))
    bundle = get_target("kfp").render(the_plan)
    text = bundle.files["pipeline.yaml"]
    spec = yaml.safe_load(text)
    assert text.startswith("# PIPELINE DEFINITION")
    assert set(spec["root"]["dag"]["tasks"]) == {s.ident.replace("_", "-") for s in the_plan.steps}
    assert spec["root"]["inputDefinitions"]["parameters"]["numbers"]["defaultValue"] == "[2, 4, 6, 8]"
    loaded = components.load_component_from_text(text)
    assert loaded.name == "stats-report"


def test_mlflow_project_declares_an_entry_point_per_node_and_main():
    the_plan = plan(load(EXAMPLES / "stats_report.yaml"))
    project = yaml.safe_load(get_target("mlflow").render(the_plan).files["MLproject"])
    assert set(project["entry_points"]) == {"main"} | {s.ident for s in the_plan.steps}
    assert project["entry_points"]["main"]["parameters"]["numbers"] == {"type": "string", "default": "[2, 4, 6, 8]"}
    assert "--upstream total=" in project["entry_points"]["scaled"]["command"]


def test_airflow_dag_imports_only_the_sdk_at_top_level():
    text = get_target("airflow").render(plan(load(EXAMPLES / "sum_numbers.yaml"))).files["sum_numbers.py"]
    top = [n for n in ast.parse(text).body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert {ast.unparse(n) for n in top} <= {"from airflow.sdk import Param, dag, task",
                                              "from datetime import timedelta"}


def test_names_become_safe_identifiers():
    from octopus.compiler import identifier

    assert identifier("my pipeline-2!") == "my_pipeline_2"
    assert identifier("class") == "n_class"
    assert identifier("3d") == "n_3d"
    taken = {"a"}
    assert identifier("a", taken) == "a_2" and "a_2" in taken


def test_literals_refuse_what_is_not_data():
    assert eval(py_literal({"a": [1, "x\n'\"", None, True, 1.5]})) == {"a": [1, "x\n'\"", None, True, 1.5]}
    with pytest.raises(TypeError):
        py_literal({"a": object()})


def test_a_target_without_parallel_branches_says_so():
    the_plan = plan(load(EXAMPLES / "stats_report.yaml"))
    (warning,) = get_target("mlflow").warnings(the_plan)
    assert "one after another" in warning and "numbers, total" in warning
    assert get_target("airflow").warnings(the_plan) == []
    assert get_target("mlflow").warnings(plan(load(EXAMPLES / "sum_numbers.yaml"))) == []
