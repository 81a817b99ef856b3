"""联络室, 驻室委员 and the configurable checklist (六有 / 四有 / 八有)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Owned, Versioned
from app.models.people import Member


class Room(Versioned, Owned):
    __tablename__ = "room"

    name: Mapped[str] = mapped_column(String(80), unique=True)
    room_type: Mapped[str] = mapped_column(String(10), default="村(社区)级")
    address: Mapped[str | None] = mapped_column(String(200))
    host_unit: Mapped[str | None] = mapped_column(String(120))  # 依托单位
    # 第一召集人 is often the village Party secretary, not necessarily a member.
    first_convenor_name: Mapped[str | None] = mapped_column(String(40))
    first_convenor_title: Mapped[str | None] = mapped_column(String(80))
    first_convenor_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), index=True
    )
    second_convenor_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), index=True
    )
    established_on: Mapped[date | None] = mapped_column(Date)
    door_plate: Mapped[str | None] = mapped_column(String(120))  # 门牌 text
    wall_rules: Mapped[str | None] = mapped_column(Text)  # 上墙制度
    target_consultations_per_year: Mapped[int] = mapped_column(Integer, default=3)
    target_receptions_per_month: Mapped[int] = mapped_column(Integer, default=2)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)

    first_convenor_member: Mapped[Member | None] = relationship(
        foreign_keys=[first_convenor_member_id]
    )
    second_convenor_member: Mapped[Member | None] = relationship(
        foreign_keys=[second_convenor_member_id]
    )
    memberships: Mapped[list[RoomMember]] = relationship(
        back_populates="room", cascade="all, delete-orphan"
    )


class RoomMember(Owned):
    """驻室委员: a member may sit in several rooms."""

    __tablename__ = "room_member"
    __table_args__ = (UniqueConstraint("room_id", "member_id", name="uq_room_member_pair"),)

    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"), index=True)
    joined_on: Mapped[date | None] = mapped_column(Date)

    room: Mapped[Room] = relationship(back_populates="memberships")
    member: Mapped[Member] = relationship()


class ChecklistItem(Owned):
    """One item of the room checklist. ``computed`` is set for items the data proves
    ("convenor", "members", "activity_records"); the rest are ticked by hand."""

    __tablename__ = "checklist_item"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    computed: Mapped[str | None] = mapped_column(String(40))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class RoomChecklistTick(Owned):
    __tablename__ = "room_checklist_tick"
    __table_args__ = (UniqueConstraint("room_id", "item_id", name="uq_room_checklist_tick_pair"),)

    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_item.id", ondelete="CASCADE"), index=True
    )
    checked: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(String(200))
