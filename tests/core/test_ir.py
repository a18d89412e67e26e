"""The pipeline format: load, dump, round trip, schema, parameter references."""

import json

import pytest

from octopus.ir import Pipeline, PipelineLoadError, dump_json, dump_yaml, loads, resolve
from octopus.ir.params import ParamError, parse_cli_value, resolve_run_params
from tests.conftest import EXAMPLES


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_round_trip_through_yaml_and_json(path):
    pipeline = loads(path.read_text())
    assert loads(dump_yaml(pipeline)) == pipeline
    assert loads(dump_json(pipeline)) == pipeline
    assert dump_yaml(loads(dump_yaml(pipeline))) == dump_yaml(pipeline)


def test_ui_positions_are_kept_beside_the_meaning():
    pipeline = loads((EXAMPLES / "sum_numbers.yaml").read_text())
    assert pipeline.node("show").ui.x == 520
    data = json.loads(dump_json(pipeline))
    assert data["nodes"][2]["ui"] == {"x": 520, "y": 0}


def test_malformed_yaml_names_line_and_column():
    with pytest.raises(PipelineLoadError) as exc:
        loads("name: x\nnodes:\n  - id: a\n    type: [unclosed\n")
    (issue,) = exc.value.issues
    assert issue.field.startswith("line ") and "column" in issue.field
    assert "malformed YAML" in issue.message


def test_shape_errors_name_the_node_and_field():
    with pytest.raises(PipelineLoadError) as exc:
        loads("name: x\nnodes:\n  - {id: ok, type: input.text}\n  - {id: bad, type: process.sum, inputs: {values: nodot}}\n"
              "  - {id: 9lives, type: input.text}\n")
    located = {(i.node, i.field) for i in exc.value.issues}
    assert ("bad", "inputs") in located
    assert ("9lives", "id") in located
    assert all(i.node != "ok" for i in exc.value.issues)


def test_a_document_that_is_not_a_mapping_is_refused():
    with pytest.raises(PipelineLoadError, match="mapping"):
        loads("- just\n- a list\n")


def test_reserved_or_malformed_parameter_names_are_refused():
    with pytest.raises(PipelineLoadError, match="reserved"):
        loads("name: x\nparams: {class: {type: string, default: a}}\n")
    with pytest.raises(PipelineLoadError, match="letters, digits"):
        loads("name: x\nparams: {'two words': {type: string, default: a}}\n")


def test_whole_reference_keeps_type_and_partial_reference_interpolates():
    params = {"numbers": [1, 2], "name": "Ada"}
    assert resolve("${params.numbers}", params) == [1, 2]
    assert resolve("n=${params.numbers} by ${params.name}", params) == "n=[1, 2] by Ada"
    assert resolve({"a": ["${params.name}"]}, params) == {"a": ["Ada"]}
    assert resolve("literal $${params.name} and ${ not a ref }", params) == "literal ${params.name} and ${ not a ref }"


def test_run_parameters_are_checked_all_at_once():
    specs = Pipeline.model_validate({"name": "p", "params": {
        "n": {"type": "integer", "default": 1}, "s": {"type": "string"}}}).params
    assert resolve_run_params(specs, {"s": "x"}) == {"n": 1, "s": "x"}
    with pytest.raises(ParamError) as exc:
        resolve_run_params(specs, {"n": "one", "zzz": 1})
    text = str(exc.value)
    assert "unknown parameter 'zzz'" in text and "'s' is required" in text and "'n' must be of type integer" in text
    with pytest.raises(ParamError):
        resolve_run_params(specs, {"n": True, "s": "x"})  # a bool is not an integer here


def test_cli_values_are_json_except_for_strings():
    specs = Pipeline.model_validate({"name": "p", "params": {
        "a": {"type": "array", "default": []}, "s": {"type": "string", "default": ""}}}).params
    assert parse_cli_value(specs["a"], "[10, 20]") == [10, 20]
    assert parse_cli_value(specs["s"], "[10, 20]") == "[10, 20]"
    with pytest.raises(ParamError, match="not valid JSON"):
        parse_cli_value(specs["a"], "[10,")


def test_json_schema_documents_the_format():
    schema = Pipeline.model_json_schema()
    node = schema["$defs"]["Node"]["properties"]
    assert {"id", "type", "params", "inputs", "ui", "retries", "label"} <= set(node)
    assert "${params.name}" in node["params"]["description"]
