"""IR -> Plan: validation against the node catalog, run order, safe names."""

from octopus.compiler.plan import Plan, PipelineInvalid, Step, identifier, plan
from octopus.compiler.validate import validate

__all__ = ["Plan", "PipelineInvalid", "Step", "identifier", "plan", "validate"]
