"""界别 and 委员."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Owned, Versioned


class Sector(Owned):
    """界别: a county-editable list, ordered by ``sort_order``."""

    __tablename__ = "sector"

    name: Mapped[str] = mapped_column(String(40), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    members: Mapped[list[Member]] = relationship(back_populates="sector")


class Member(Versioned, Owned):
    """委员. No 身份证号: only what the work needs."""

    __tablename__ = "member"
    __table_args__ = (
        Index("ix_member_name_phone", "name", "phone"),
        Index("ix_member_status", "status"),
    )

    name: Mapped[str] = mapped_column(String(40))
    gender: Mapped[str | None] = mapped_column(String(2))
    ethnicity: Mapped[str | None] = mapped_column(String(20))
    birth_month: Mapped[str | None] = mapped_column(String(7))  # "YYYY-MM"
    political_status: Mapped[str | None] = mapped_column(String(20))
    sector_id: Mapped[int | None] = mapped_column(
        ForeignKey("sector.id", ondelete="RESTRICT"), index=True
    )
    level: Mapped[str] = mapped_column(String(4), default="县")  # 委员层级
    is_standing: Mapped[bool] = mapped_column(Boolean, default=False)  # 是否常委
    term: Mapped[str | None] = mapped_column(String(20))  # 届次, e.g. 十五届
    work_unit: Mapped[str | None] = mapped_column(String(120))  # 工作单位及职务
    phone: Mapped[str | None] = mapped_column(String(30))
    expertise: Mapped[str | None] = mapped_column(String(200))  # 专长
    status: Mapped[str] = mapped_column(String(4), default="在任")  # 在任 / 离任
    left_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    sector: Mapped[Sector | None] = relationship(back_populates="members")
