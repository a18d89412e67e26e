"""Prefect 3: a flow module, one task per node; independent tasks run concurrently."""

from octopus.compiler import Plan
from octopus.targets.base import Bundle, Target, header, param_signature, render_template

USAGE = """Run it (against the Prefect server in PREFECT_API_URL, or a temporary one):
    python flow.py '{"param": value, ...}'"""


class PrefectTarget(Target):
    name = "prefect"
    title = "Prefect"
    capabilities = {"parameters": True, "retries": True, "parallel": True}

    def render(self, plan: Plan) -> Bundle:
        flow = render_template("prefect_flow.py.j2", plan=plan, signature=param_signature(plan),
                               header=header(plan, "Prefect flow", USAGE))
        return Bundle(self.name, {"flow.py": flow}, entry="flow.py")


TARGET_CLASS = PrefectTarget
