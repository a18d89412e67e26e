"""Airflow 3: a TaskFlow DAG file that imports only airflow.sdk at top level."""

from octopus.compiler import Plan
from octopus.targets.base import Bundle, Target, header, render_template

USAGE = """Put this file in your Airflow DAGs folder (or bundle), with octopus-ml[ml] installed where
tasks run. Try it locally:
    airflow dags test {dag_id} -c '{{"param": value, ...}}'"""


class AirflowTarget(Target):
    name = "airflow"
    title = "Airflow"
    capabilities = {"parameters": True, "retries": True, "parallel": True}

    def render(self, plan: Plan) -> Bundle:
        path = f"{plan.ident}.py"
        dag = render_template("airflow_dag.py.j2", plan=plan,
                              header=header(plan, "Airflow DAG", USAGE.format(dag_id=plan.ident)))
        return Bundle(self.name, {path: dag}, entry=path)


TARGET_CLASS = AirflowTarget
