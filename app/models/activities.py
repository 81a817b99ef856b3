"""履职活动 with attendance, 列席人员, 发言记录, 协商意见, 成果办理 and attachments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Owned, Versioned


class Activity(Versioned, Owned):
    __tablename__ = "activity"
    __table_args__ = (
        Index("ix_activity_start_at", "start_at"),
        Index("ix_activity_room_start", "room_id", "start_at"),
    )

    activity_type: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("room.id", ondelete="RESTRICT"), index=True
    )
    topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("topic.id", ondelete="SET NULL"), index=True
    )
    start_at: Mapped[datetime] = mapped_column(DateTime)
    end_at: Mapped[datetime | None] = mapped_column(DateTime)
    place: Mapped[str | None] = mapped_column(String(200))
    form: Mapped[str] = mapped_column(String(10), default="线下")  # 线下 / 线上 / 线上+线下
    venue_kind: Mapped[str] = mapped_column(String(4), default="会场")  # 会场 / 现场
    host: Mapped[str | None] = mapped_column(String(40))  # 主持人
    recorder: Mapped[str | None] = mapped_column(String(40))  # 记录人
    status: Mapped[str] = mapped_column(String(6), default="筹备中")
    plan: Mapped[str | None] = mapped_column(Text)  # 工作方案
    research: Mapped[str | None] = mapped_column(Text)  # 调研情况
    summary: Mapped[str | None] = mapped_column(Text)  # 活动情况 / 成效
    results_reported_on: Mapped[date | None] = mapped_column(Date)  # 协商成果报送日期

    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )
    guests: Mapped[list[GuestAttendee]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="GuestAttendee.seq"
    )
    speeches: Mapped[list[Speech]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="Speech.seq"
    )
    opinions: Mapped[list[Opinion]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="Opinion.seq"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="FollowUp.id"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", order_by="Attachment.id"
    )


class Attendance(Owned):
    """出席 / 请假 (with 事由) / 缺席 of one member at one activity."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("activity_id", "member_id", name="uq_attendance_pair"),
        Index("ix_attendance_member_status", "member_id", "status"),
    )

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(4), default="出席")
    leave_reason: Mapped[str | None] = mapped_column(String(200))
    arrived_late: Mapped[bool] = mapped_column(Boolean, default=False)
    left_early: Mapped[bool] = mapped_column(Boolean, default=False)

    activity: Mapped[Activity] = relationship(back_populates="attendances")


class GuestAttendee(Owned):
    """列席人员: department heads, residents' representatives (name + unit)."""

    __tablename__ = "guest_attendee"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str | None] = mapped_column(String(120))

    activity: Mapped[Activity] = relationship(back_populates="guests")


class Speech(Owned):
    """发言记录, kept in speaking order."""

    __tablename__ = "speech"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer, default=0)
    speaker: Mapped[str] = mapped_column(String(80))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    summary: Mapped[str] = mapped_column(Text, default="")

    activity: Mapped[Activity] = relationship(back_populates="speeches")


class Opinion(Owned):
    """协商意见 / 共识, numbered 一、二、三… by ``seq``."""

    __tablename__ = "opinion"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[str] = mapped_column(Text)

    activity: Mapped[Activity] = relationship(back_populates="opinions")


class FollowUp(Versioned, Owned):
    """协商成果办理: one suggestion chased until the department answers."""

    __tablename__ = "follow_up"
    __table_args__ = (Index("ix_follow_up_status_due", "status", "due_on"),)

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    opinion_id: Mapped[int | None] = mapped_column(
        ForeignKey("opinion.id", ondelete="SET NULL"), index=True
    )
    content: Mapped[str] = mapped_column(Text)
    handling_unit: Mapped[str | None] = mapped_column(String(120))  # 承办单位
    assigned_on: Mapped[date | None] = mapped_column(Date)  # 交办日期
    due_on: Mapped[date | None] = mapped_column(Date)  # 办理时限
    status: Mapped[str] = mapped_column(String(4), default="待交办")
    result: Mapped[str | None] = mapped_column(Text)  # 办理结果
    feedback_on: Mapped[date | None] = mapped_column(Date)  # 反馈日期
    evaluation: Mapped[str | None] = mapped_column(String(6))  # 群众评议

    activity: Mapped[Activity] = relationship(back_populates="follow_ups")


class Attachment(Owned):
    """A photo or scan copied into the app data folder; ``stored_name`` is relative to it."""

    __tablename__ = "attachment"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    original_name: Mapped[str] = mapped_column(String(260))
    stored_name: Mapped[str] = mapped_column(String(260))
    kind: Mapped[str] = mapped_column(String(10), default="照片")  # 照片 / 扫描件 / 其他
    caption: Mapped[str | None] = mapped_column(String(200))
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)

    activity: Mapped[Activity] = relationship(back_populates="attachments")
