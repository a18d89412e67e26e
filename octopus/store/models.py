"""The tables. Pipeline graphs, parameters, outputs and events are stored as JSON documents:
the IR's pydantic models, not these tables, define their shape."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text, TypeDecorator, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Always an aware UTC datetime: SQLite keeps no time zone, so naive values read back as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, datetime: UTCDateTime}


class PipelineRecord(Base):
    """A saved pipeline; its graph lives in PipelineVersion, one row per save."""

    __tablename__ = "pipelines"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int]  # the current version: the optimistic-concurrency token
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class PipelineVersion(Base):
    __tablename__ = "pipeline_versions"
    __table_args__ = (UniqueConstraint("pipeline_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    pipeline_id: Mapped[str] = mapped_column(ForeignKey("pipelines.id", ondelete="CASCADE"))
    version: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    pipeline: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class RunRecord(Base):
    """One run. It keeps a snapshot of the pipeline it ran, so it outlives edits and deletes."""

    __tablename__ = "runs"
    __table_args__ = (Index("ix_runs_pipeline_created", "pipeline_id", "created_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    pipeline_id: Mapped[str | None] = mapped_column(String(32))  # no foreign key: runs survive a delete
    pipeline_version: Mapped[int | None]
    pipeline_name: Mapped[str] = mapped_column(String(200))
    pipeline: Mapped[dict[str, Any]]
    engine: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(20), index=True)
    error: Mapped[str | None] = mapped_column(Text)
    failed_node: Mapped[str | None] = mapped_column(String(64))
    outputs: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(index=True)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    duration_s: Mapped[float | None]


class RunEvent(Base):
    __tablename__ = "run_events"
    __table_args__ = (UniqueConstraint("run_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    seq: Mapped[int]  # 1, 2, 3... per run: the SSE event id that clients resume from
    type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]]
