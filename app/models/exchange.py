"""Data packages (数据包) received: which unit sent what, and how its members map onto ours."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Entity


class PackageImport(Entity):
    """One package imported: from whom (the sender's stable id and name), which sequence."""

    __tablename__ = "package_import"

    sender_id: Mapped[str] = mapped_column(String(36), index=True)
    sender_name: Mapped[str] = mapped_column(String(80))
    sender_level: Mapped[str] = mapped_column(String(10))
    sequence: Mapped[int] = mapped_column(Integer)
    package_created_at: Mapped[datetime] = mapped_column(DateTime)
    file_name: Mapped[str] = mapped_column(String(260))
    # {"活动": {"新增": 3, "修改": 1, "删除": 0, "不变": 140}, …}
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class MemberLink(Entity):
    """A member as a sender's package names it (``remote_uuid``) → our member.

    Members of the same person keep one row here: a township that typed the roster from Excel
    has its own UUIDs, matched once on 姓名 + 出生年月 + 性别 and remembered."""

    __tablename__ = "member_link"
    __table_args__ = (
        UniqueConstraint("origin_id", "remote_uuid", name="uq_member_link_origin_remote"),
    )

    origin_id: Mapped[str] = mapped_column(String(36))
    remote_uuid: Mapped[str] = mapped_column(String(36))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
