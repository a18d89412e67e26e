"""Persistence: pipelines with every saved version, runs and their events.

SQLite under OCTOPUS_HOME by default; any SQLAlchemy URL through OCTOPUS_DATABASE_URL.
"""

from octopus.store.models import PipelineRecord, PipelineVersion, RunEvent, RunRecord
from octopus.store.store import Conflict, NotFound, Store, database_url

__all__ = ["Conflict", "NotFound", "PipelineRecord", "PipelineVersion", "RunEvent", "RunRecord", "Store",
           "database_url"]
