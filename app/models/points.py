"""履职积分: a rule set per year (rules are data) and the entries derived from records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Entity, Owned


class PointRuleSet(Owned):
    """The point table of one year. Once ``locked`` (年度考核定稿) nothing of that year moves."""

    __tablename__ = "point_rule_set"

    year: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(120))
    base_score: Mapped[float | None] = mapped_column(Float)  # None: start from zero
    max_score: Mapped[float | None] = mapped_column(Float)
    # [{"name": "优秀", "min": 90}, …] highest first
    grades: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # {"提案": 25, …}
    category_caps: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    # [{"code": "五个一", "items": [...]}, …] as the engine defines them
    requirements: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)

    rules: Mapped[list[PointRule]] = relationship(
        back_populates="rule_set", cascade="all, delete-orphan", order_by="PointRule.sort_order"
    )


class PointRule(Owned):
    __tablename__ = "point_rule"

    rule_set_id: Mapped[int] = mapped_column(
        ForeignKey("point_rule_set.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(40))
    points: Mapped[float] = mapped_column(Float)  # negative for deductions
    counting: Mapped[str] = mapped_column(String(12), default="per_event")
    cap: Mapped[float | None] = mapped_column(Float)  # yearly cap of this rule
    trigger: Mapped[str] = mapped_column(String(40))  # what record triggers it
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    rule_set: Mapped[PointRuleSet] = relationship(back_populates="rules")


class PointEntry(Entity):
    """One line of a member's yearly ledger, linked to the record that produced it."""

    __tablename__ = "point_entry"
    __table_args__ = (
        Index("ix_point_entry_year_member", "year", "member_id"),
        Index("ix_point_entry_source", "source_kind", "source_id"),
    )

    year: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"))
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("point_rule.id", ondelete="SET NULL"))
    rule_code: Mapped[str | None] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(40))
    points: Mapped[float] = mapped_column(Float)
    # attendance / submission / reception / activity / manual / base
    source_kind: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(300))
    is_manual: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[str | None] = mapped_column(Text)
    entered_by: Mapped[str | None] = mapped_column(String(40))


class PointSummary(Entity):
    """What the ranking shows of one member in one year, written by 重新计算 with the entries.

    ``subtotals``: the member's entries summed per category, in ledger order, and ``total`` their
    rounded sum; ``source_counts``: the member's records per requirement source (活动, 提案, …)
    behind the “五个一” checks; ``has_records``: whether the member appears in any of the year's
    records. The two maps are compact JSON text (read for every ranking: parsing speed matters).
    Valid only while the year's ``PointSummaryYear`` row exists (see that class).
    """

    __tablename__ = "point_summary"
    __table_args__ = (UniqueConstraint("year", "member_id", name="uq_point_summary_year_member"),)

    year: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    total: Mapped[float] = mapped_column(Float)
    subtotals: Mapped[str] = mapped_column(Text)
    source_counts: Mapped[str] = mapped_column(Text)
    has_records: Mapped[bool] = mapped_column(Boolean, default=False)


class PointSummaryYear(Entity):
    """One row per year whose ``PointSummary`` rows match its point entries.

    Database triggers (migration 0002) keep it honest whoever writes: any change to a year's point
    entries deletes the row (the summary no longer matches); any change to the records or rules
    the engine reads sets ``inputs_changed`` (a recalculation might now give other entries).
    重新计算 rewrites the summary and the row with ``inputs_changed`` false.
    """

    __tablename__ = "point_summary_year"

    year: Mapped[int] = mapped_column(Integer, unique=True)
    inputs_changed: Mapped[bool] = mapped_column(Boolean, default=False)
