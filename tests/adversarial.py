"""A pipeline whose user text tries every way of breaking out of a literal in generated code."""

from octopus.ir import Pipeline

ADVERSARIAL = (
    'quote " apostrophe \' triple """ and \'\'\' back\\slash \\n not-a-newline\n'
    "real newline\r\ncrlf {{ jinja }} {% raw %} {# note #} ${ dollar } %(fmt)s {0} tab\t"
    "\"); __import__('os').system('echo pwned') # ünïcode 🐙 \\"
)


def adversarial_pipeline() -> Pipeline:
    return Pipeline.model_validate({
        "name": f"adv {ADVERSARIAL[:40]}",
        "description": ADVERSARIAL,
        "params": {"text": {"type": "string", "default": ADVERSARIAL, "description": ADVERSARIAL}},
        "nodes": [
            {"id": "direct", "type": "input.text", "label": ADVERSARIAL, "params": {"text": ADVERSARIAL}},
            {"id": "via-param", "type": "input.text", "params": {"text": "${params.text}"}},
            {"id": "same", "type": "process.python", "inputs": {"a": "direct.text", "b": "via-param.text"},
             "params": {"code": "def run(a, b):\n    return a == b\n"}},
            {"id": "show", "type": "output.log", "inputs": {"value": "via-param.text"}},
        ],
    })


EXPECTED = {"direct": {"text": ADVERSARIAL}, "via-param": {"text": ADVERSARIAL}, "same": {"result": True},
            "show": {"value": ADVERSARIAL}}
