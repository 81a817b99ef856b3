"""Small builders for activity tests: rooms with members, written the way services expect."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.db import Database
from app.models import Member, Room, RoomMember, Sector


def make_room(
    db: Database, name: str, members: list[str], target: int = 3
) -> tuple[int, list[int]]:
    with db.write() as session:
        sector = session.scalar(select(Sector).order_by(Sector.id))
        room = Room(name=name, target_consultations_per_year=target)
        session.add(room)
        ids = []
        for person in members:
            member = Member(name=person, sector=sector, status="在任")
            session.add(member)
            session.flush()
            session.add(RoomMember(room=room, member_id=member.id, joined_on=date(2024, 1, 1)))
            ids.append(member.id)
        session.flush()
        return room.id, ids
