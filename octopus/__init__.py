"""Octopus: one ML pipeline graph, compiled to Prefect, Kubeflow, Airflow and MLflow."""

__version__ = "0.1.0"
