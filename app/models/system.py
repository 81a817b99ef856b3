"""Settings kept in the database, and the audit log of who changed what."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Entity


class Setting(Entity):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), unique=True)
    value: Mapped[Any] = mapped_column(JSON)


class AuditLog(Entity):
    """create / update / delete / export of a record: what, when, which record, who saved it
    (migration 0006). No personal data of members."""

    __tablename__ = "audit_log"

    action: Mapped[str] = mapped_column(String(20))
    table_name: Mapped[str] = mapped_column(String(40), index=True)
    record_id: Mapped[int | None] = mapped_column(Integer)
    record_uuid: Mapped[str | None] = mapped_column(String(36))
    summary: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(String(120))  # who saved: 张三（县政协-王芳的电脑）
