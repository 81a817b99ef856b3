"""接待来访: the reception log. A visit can become a topic."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Owned, Versioned


class Reception(Versioned, Owned):
    __tablename__ = "reception"

    visit_on: Mapped[date] = mapped_column(Date, index=True)
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("room.id", ondelete="SET NULL"), index=True
    )
    resident_name: Mapped[str | None] = mapped_column(String(40))  # empty: anonymous
    resident_contact: Mapped[str | None] = mapped_column(String(60))
    request: Mapped[str] = mapped_column(Text)  # 诉求
    category: Mapped[str | None] = mapped_column(String(20))
    handling: Mapped[str | None] = mapped_column(String(10))
    result: Mapped[str | None] = mapped_column(Text)

    receivers: Mapped[list[ReceptionMember]] = relationship(
        back_populates="reception", cascade="all, delete-orphan"
    )


class ReceptionMember(Owned):
    __tablename__ = "reception_member"
    __table_args__ = (UniqueConstraint("reception_id", "member_id", name="uq_reception_member"),)

    reception_id: Mapped[int] = mapped_column(
        ForeignKey("reception.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="RESTRICT"), index=True)

    reception: Mapped[Reception] = relationship(back_populates="receivers")
