"""The Store: every read and write the server makes, each in its own short transaction.

Methods return detached rows (plain attribute access, no lazy loading), safe to use in any thread.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Row, create_engine, delete, event, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from octopus.store.models import Base, PipelineRecord, PipelineVersion, RunEvent, RunRecord, utcnow

_Row = TypeVar("_Row", bound=Base)

UNFINISHED = ("queued", "running")


class NotFound(LookupError):
    """No pipeline, version or run with that id."""


class Conflict(Exception):
    """An update made from a version that is no longer the current one; nothing was written."""


def database_url(home: Path) -> str:
    return os.environ.get("OCTOPUS_DATABASE_URL") or f"sqlite:///{home / 'octopus.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (SSE streams, listings) go on while a run thread writes its events;
    # busy_timeout makes concurrent writers wait for the lock instead of failing.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Store:
    def __init__(self, url: str) -> None:
        sqlite = url.startswith("sqlite")
        # The server's worker and run threads share the pool, hence no same-thread check.
        self.engine = create_engine(url, connect_args={"check_same_thread": False} if sqlite else {})
        if sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    # --- pipelines ---

    def list_pipelines(self) -> list[PipelineRecord]:
        with self._session() as s:
            return list(s.scalars(select(PipelineRecord).order_by(PipelineRecord.updated_at.desc())))

    def get_pipeline(self, pipeline_id: str) -> PipelineRecord:
        with self._session() as s:
            return _found(s, PipelineRecord, pipeline_id, "pipeline")

    def create_pipeline(self, data: dict[str, Any], name: str, description: str) -> PipelineRecord:
        now = utcnow()
        row = PipelineRecord(id=uuid.uuid4().hex[:12], name=name, description=description, version=1,
                             created_at=now, updated_at=now)
        with self._session.begin() as s:
            s.add(row)
            s.flush()  # the version row refers to it
            s.add(PipelineVersion(pipeline_id=row.id, version=1, name=name, pipeline=data, created_at=now))
        return row

    def update_pipeline(self, pipeline_id: str, data: dict[str, Any], name: str, description: str,
                        expected_version: int) -> PipelineRecord:
        """Save a new version, if `expected_version` is still the current one; else raise Conflict."""
        now = utcnow()
        with self._session.begin() as s:
            # Compare-and-set in one statement: of two concurrent saves from the same version,
            # exactly one matches the row.
            matched = s.execute(
                update(PipelineRecord)
                .where(PipelineRecord.id == pipeline_id, PipelineRecord.version == expected_version)
                .values(version=expected_version + 1, name=name, description=description, updated_at=now)
            ).rowcount
            if not matched:
                current = _found(s, PipelineRecord, pipeline_id, "pipeline")
                raise Conflict(f"pipeline '{pipeline_id}' is at version {current.version}, not "
                               f"{expected_version}: someone saved it meanwhile; reload it and apply your edits")
            s.add(PipelineVersion(pipeline_id=pipeline_id, version=expected_version + 1, name=name,
                                  pipeline=data, created_at=now))
        return self.get_pipeline(pipeline_id)

    def delete_pipeline(self, pipeline_id: str) -> None:
        with self._session.begin() as s:
            s.execute(delete(PipelineVersion).where(PipelineVersion.pipeline_id == pipeline_id))
            if not s.execute(delete(PipelineRecord).where(PipelineRecord.id == pipeline_id)).rowcount:
                raise NotFound(f"no pipeline '{pipeline_id}'")

    def list_versions(self, pipeline_id: str) -> list[Row[tuple[int, datetime, str]]]:
        """Rows of (version, created_at, name), newest first: the graphs stay in the database."""
        self.get_pipeline(pipeline_id)
        with self._session() as s:
            return list(s.execute(select(PipelineVersion.version, PipelineVersion.created_at, PipelineVersion.name)
                                  .where(PipelineVersion.pipeline_id == pipeline_id)
                                  .order_by(PipelineVersion.version.desc())))

    def get_version(self, pipeline_id: str, version: int) -> PipelineVersion:
        with self._session() as s:
            row = s.scalar(select(PipelineVersion).where(PipelineVersion.pipeline_id == pipeline_id,
                                                         PipelineVersion.version == version))
        if row is None:
            raise NotFound(f"pipeline '{pipeline_id}' has no version {version}")
        return row

    # --- runs ---

    def create_run(self, run_id: str, *, pipeline: dict[str, Any], pipeline_name: str, engine: str,
                   params: dict[str, Any], pipeline_id: str | None = None,
                   pipeline_version: int | None = None) -> RunRecord:
        row = RunRecord(id=run_id, pipeline_id=pipeline_id, pipeline_version=pipeline_version,
                        pipeline_name=pipeline_name, pipeline=pipeline, engine=engine, params=params,
                        status="queued", outputs={}, created_at=utcnow())
        with self._session.begin() as s:
            s.add(row)
        return row

    def get_run(self, run_id: str) -> RunRecord:
        with self._session() as s:
            return _found(s, RunRecord, run_id, "run")

    def list_runs(self, pipeline_id: str | None = None, limit: int = 50) -> list[RunRecord]:
        query = select(RunRecord).order_by(RunRecord.created_at.desc(), RunRecord.id).limit(limit)
        if pipeline_id is not None:
            query = query.where(RunRecord.pipeline_id == pipeline_id)
        with self._session() as s:
            return list(s.scalars(query))

    def unfinished_runs(self) -> list[RunRecord]:
        with self._session() as s:
            return list(s.scalars(select(RunRecord).where(RunRecord.status.in_(UNFINISHED))))

    def mark_running(self, run_id: str) -> None:
        with self._session.begin() as s:
            s.execute(update(RunRecord).where(RunRecord.id == run_id)
                      .values(status="running", started_at=utcnow()))

    def finish_run(self, run_id: str, *, status: str, error: str | None = None, failed_node: str | None = None,
                   duration_s: float | None = None, outputs: dict[str, Any] | None = None) -> None:
        values: dict[str, Any] = {"status": status, "error": error, "failed_node": failed_node,
                                  "duration_s": duration_s, "finished_at": utcnow()}
        if outputs is not None:
            values["outputs"] = outputs
        with self._session.begin() as s:
            s.execute(update(RunRecord).where(RunRecord.id == run_id).values(**values))

    # --- events ---

    def append_event(self, run_id: str, seq: int, payload: dict[str, Any]) -> None:
        with self._session.begin() as s:
            s.add(RunEvent(run_id=run_id, seq=seq, type=payload["type"], payload=payload))

    def events(self, run_id: str, after: int = 0) -> list[tuple[int, dict[str, Any]]]:
        """(seq, event) in order, those after `after` only."""
        with self._session() as s:
            rows = s.execute(select(RunEvent.seq, RunEvent.payload)
                             .where(RunEvent.run_id == run_id, RunEvent.seq > after).order_by(RunEvent.seq))
            return [(seq, payload) for seq, payload in rows]

    def last_seq(self, run_id: str) -> int:
        with self._session() as s:
            return s.scalar(select(func.max(RunEvent.seq)).where(RunEvent.run_id == run_id)) or 0


def _found(session: Session, model: type[_Row], key: str, what: str) -> _Row:
    """The row with this primary key, or NotFound naming what was asked for."""
    row = session.get(model, key)
    if row is None:
        raise NotFound(f"no {what} '{key}'")
    return row
