"""Every class of validation error, each located by node and field, all collected at once."""

import pytest
from typer.testing import CliRunner

from octopus.cli import app
from octopus.compiler import PipelineInvalid, plan, validate
from octopus.ir import loads


def issues_of(yaml_text: str) -> list:
    return validate(loads(yaml_text))


def one(yaml_text: str):
    issues = issues_of(yaml_text)
    assert len(issues) == 1, issues
    return issues[0]


HEAD = "name: t\nparams: {n: {type: array, default: [1, 2]}}\nnodes:\n"


def test_valid_examples_have_no_issues(tmp_path):
    from tests.conftest import EXAMPLES

    for path in EXAMPLES.glob("*.yaml"):
        assert validate(loads(path.read_text())) == [], path


def test_unknown_node_type_suggests_the_closest():
    issue = one(HEAD + "  - {id: a, type: process.summ}\n")
    assert (issue.node, issue.field) == ("a", "type")
    assert "unknown node type 'process.summ'" in issue.message and "process.sum" in issue.message


def test_unknown_input_port_lists_the_real_ones():
    issue = one(HEAD + "  - {id: a, type: input.numbers, params: {values: [1]}}\n"
                       "  - {id: b, type: process.sum, inputs: {values: a.values, vals: a.values}}\n")
    assert (issue.node, issue.field) == ("b", "inputs.vals")
    assert "no input port 'vals'" in issue.message and "values" in issue.message


def test_unknown_output_port():
    issue = one(HEAD + "  - {id: a, type: input.numbers, params: {values: [1]}}\n"
                       "  - {id: b, type: process.sum, inputs: {values: a.nums}}\n")
    assert (issue.node, issue.field) == ("b", "inputs.values")
    assert "node 'a' has no output port 'nums'" in issue.message


def test_incompatible_port_types():
    issue = one(HEAD + "  - {id: a, type: input.text, params: {text: hi}}\n"
                       "  - {id: b, type: process.sum, inputs: {values: a.text}}\n")
    assert (issue.node, issue.field) == ("b", "inputs.values")
    assert "incompatible types: a.text is string, input 'values' takes array" in issue.message


def test_a_many_port_takes_several_numbers_but_a_single_port_refuses_a_list():
    assert issues_of(HEAD + "  - {id: a, type: input.numbers, params: {values: [1]}}\n"
                            "  - {id: s, type: process.sum, inputs: {values: a.values}}\n"
                            "  - {id: m, type: process.mean, inputs: {values: a.values}}\n"
                            "  - {id: both, type: process.sum, inputs: {values: [s.result, m.result]}}\n") == []
    issue = one(HEAD + "  - {id: a, type: input.text, params: {text: x}}\n"
                       "  - {id: b, type: output.log, inputs: {value: [a.text, a.text]}}\n")
    assert (issue.node, issue.field) == ("b", "inputs.value") and "takes one connection" in issue.message


def test_missing_required_parameter_and_input():
    issues = issues_of(HEAD + "  - {id: a, type: input.numbers}\n  - {id: b, type: process.sum}\n")
    located = {(i.node, i.field): i.message for i in issues}
    assert located[("a", "params.values")] == "Field required"
    assert located[("b", "inputs.values")] == "required input is not connected"


def test_wrong_parameter_type():
    issue = one(HEAD + "  - {id: a, type: input.numbers, params: {values: [1, two]}}\n")
    assert issue.node == "a" and issue.field.startswith("params.values.1")


def test_parameter_type_is_checked_through_a_reference_with_default():
    issue = one("name: t\nparams: {word: {type: string, default: hi}}\nnodes:\n"
                "  - {id: a, type: input.numbers, params: {values: '${params.word}'}}\n")
    assert (issue.node, issue.field) == ("a", "params.values")


def test_a_reference_to_a_parameter_without_default_is_checked_at_run_time():
    text = "name: t\nparams: {n: {type: array}}\nnodes:\n  - {id: a, type: input.numbers, params: {values: '${params.n}'}}\n"
    assert issues_of(text) == []
    from octopus.runtime.run import prepare

    with pytest.raises(PipelineInvalid) as exc:
        prepare(loads(text), {"n": ["x"]})
    assert exc.value.issues[0].node == "a"


def test_duplicate_id():
    issues = issues_of(HEAD + "  - {id: a, type: input.text, params: {text: x}}\n"
                              "  - {id: a, type: input.text, params: {text: y}}\n")
    assert any(i.field == "id" and "duplicate node id 'a'" in i.message for i in issues)


def test_reference_to_missing_node():
    issue = one(HEAD + "  - {id: b, type: output.log, inputs: {value: ghost.text}}\n")
    assert (issue.node, issue.field) == ("b", "inputs.value") and "missing node 'ghost'" in issue.message


def test_cycle_names_the_nodes_on_it():
    issues = issues_of(HEAD + "  - {id: a, type: output.log, inputs: {value: c.value}}\n"
                              "  - {id: b, type: output.log, inputs: {value: a.value}}\n"
                              "  - {id: c, type: output.log, inputs: {value: b.value}}\n")
    (cycle,) = [i for i in issues if "cycle" in i.message]
    assert all(n in cycle.message for n in ("a", "b", "c"))
    assert cycle.message.count("->") == 3


def test_unknown_pipeline_parameter():
    issue = one(HEAD + "  - {id: a, type: input.text, params: {text: 'hi ${params.nope}'}}\n")
    assert (issue.node, issue.field) == ("a", "params") and "${params.nope}" in issue.message


def test_every_issue_is_collected_and_plan_refuses():
    text = HEAD + ("  - {id: a, type: nope}\n  - {id: a, type: input.text}\n"
                   "  - {id: c, type: output.log, inputs: {value: zz.text}}\n")
    assert len(issues_of(text)) >= 3
    with pytest.raises(PipelineInvalid):
        plan(loads(text))


def test_cli_validate_prints_every_problem_and_exits_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD + "  - {id: a, type: nope}\n  - {id: b, type: output.log, inputs: {value: zz.text}}\n")
    result = CliRunner().invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "node 'a' type: unknown node type 'nope'" in result.output
    assert "node 'b' inputs.value: refers to missing node 'zz'" in result.output


def test_cli_validate_malformed_yaml_exits_2_with_position(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nnodes: [\n")
    result = CliRunner().invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2 and "line 3, column 1" in result.output
