"""议题库 and the dated trail of each topic's status changes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Owned, Versioned


class Topic(Versioned, Owned):
    __tablename__ = "topic"
    __table_args__ = (Index("ix_topic_status_raised", "status", "raised_on"),)

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20), default="群众出题")  # 来源
    raised_by: Mapped[str | None] = mapped_column(String(80))  # 群众点单: who raised it
    raised_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), index=True
    )
    raised_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="待筛选")
    rejection_reason: Mapped[str | None] = mapped_column(Text)  # 不予立项 reason
    taken_by_member_id: Mapped[int | None] = mapped_column(  # 委员接单
        ForeignKey("member.id", ondelete="SET NULL"), index=True
    )
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("room.id", ondelete="SET NULL"), index=True
    )
    reception_id: Mapped[int | None] = mapped_column(
        ForeignKey("reception.id", ondelete="SET NULL"), index=True
    )

    status_changes: Mapped[list[TopicStatusChange]] = relationship(
        back_populates="topic", cascade="all, delete-orphan", order_by="TopicStatusChange.id"
    )


class TopicStatusChange(Owned):
    __tablename__ = "topic_status_change"

    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(10))
    to_status: Mapped[str] = mapped_column(String(10))
    changed_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    topic: Mapped[Topic] = relationship(back_populates="status_changes")
