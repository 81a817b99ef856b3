"""The child of the crash harness: writes numbered actions until it is killed.

Each action is one ``Database.write()``, as a user action is: a new member, their seat in a
room, and an activity with that member's attendance (plus the audit rows the listener adds).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from app.db import Database
from app.models import Activity, Attendance, Member, Room, RoomMember

PREFIX = "崩溃测试-"


def write_forever(db_path: str, mark: Callable[[bytes], object]) -> None:
    """``mark(b"r")`` once ready, then ``mark(b"b")`` as each action begins and ``mark(b"c")``
    once it has committed: the parent can tell whether its kill fell inside an action."""
    db = Database(Path(db_path))
    with db.read() as session:
        room_id = session.scalar(select(Room.id))
        n = session.scalar(
            select(func.count()).select_from(Member).where(Member.name.like(f"{PREFIX}%"))
        )
    mark(b"r")
    while True:
        mark(b"b")
        with db.write() as session:
            member = Member(name=f"{PREFIX}{n}")
            session.add(member)
            session.flush()
            session.add(RoomMember(room_id=room_id, member_id=member.id))
            activity = Activity(
                activity_type="协商议事会",
                title=f"{PREFIX}{n}",
                room_id=room_id,
                start_at=datetime(2026, 1, 1, 9, 0),
            )
            activity.attendances.append(Attendance(member_id=member.id, status="出席"))
            session.add(activity)
        mark(b"c")
        n += 1
