"""活动台账 data: every activity of a year, grouped by room, read with column queries.

No ORM objects: a county year (4,000 activities, 45,000 attendance rows) loads in a fraction of a
second instead of building and expiring 60,000 mapped instances."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.models import Activity, Attendance, FollowUp, GuestAttendee, Member, Opinion, Room, Topic
from app.models.vocab import FOLLOW_UP_OPEN_STATUSES

NO_ROOM = "未指定联络室"


@dataclass(frozen=True)
class LedgerActivity:
    start_at: datetime
    end_at: datetime | None
    activity_type: str
    title: str
    topic_title: str
    place: str
    host: str
    expected: int
    present: list[str]
    on_leave: list[str]
    absent: list[str]
    guests: list[str]
    outcome: str
    follow_up_status: str


@dataclass(frozen=True)
class LedgerRoom:
    room_id: int | None
    room_name: str
    activities: list[LedgerActivity] = field(default_factory=list)


@dataclass(frozen=True)
class LedgerData:
    year: int
    rooms: list[LedgerRoom]


def follow_up_status_text(statuses: list[tuple[str, date | None]], today: date) -> str:
    """ "共3项：已办结1项、办理中2项（逾期1项）" or "" when there is nothing to follow up."""
    if not statuses:
        return ""
    counts: dict[str, int] = defaultdict(int)
    overdue = 0
    for status, due in statuses:
        counts[status] += 1
        if status in FOLLOW_UP_OPEN_STATUSES and due is not None and due < today:
            overdue += 1
    parts = "、".join(f"{s}{n}项" for s, n in counts.items())
    tail = f"（逾期{overdue}项）" if overdue else ""
    return f"共{len(statuses)}项：{parts}{tail}"


def load_ledger(
    db: Database, year: int, room_id: int | None = None, today: date | None = None
) -> LedgerData:
    """Every activity of ``year``, grouped by room. Column queries, no ORM objects: a county year
    (4,000 activities, 45,000 attendance rows) loads in a fraction of a second."""
    if not 1900 < year < 3000:
        raise ValidationError(f"年度“{year}”不正确。", field="year")
    today = today or date.today()
    with db.read() as session:
        room_stmt = select(Room.id, Room.name).order_by(Room.sort_order, Room.id)
        if room_id is not None:
            room_stmt = room_stmt.where(Room.id == room_id)
        else:
            room_stmt = room_stmt.where(Room.is_active.is_(True))
        rooms = {rid: LedgerRoom(rid, name) for rid, name in session.execute(room_stmt)}
        if room_id is not None and not rooms:
            raise NotFoundError(f"找不到编号为 {room_id} 的联络室。")
        where = [
            Activity.start_at >= datetime(year, 1, 1),
            Activity.start_at < datetime(year + 1, 1, 1),
        ]
        if room_id is not None:
            where.append(Activity.room_id == room_id)
        activities = session.execute(
            select(
                Activity.id,
                Activity.room_id,
                Activity.topic_id,
                Activity.start_at,
                Activity.end_at,
                Activity.activity_type,
                Activity.title,
                Activity.place,
                Activity.host,
                Activity.summary,
            )
            .where(*where)
            .order_by(Activity.start_at, Activity.id)
        ).all()
        ids = select(Activity.id).where(*where).scalar_subquery()
        children = _ledger_children(session, ids)
        topics = dict(
            session.execute(
                select(Topic.id, Topic.title).where(
                    Topic.id.in_({a.topic_id for a in activities if a.topic_id})
                )
            ).all()
        )
        names = _member_names(session, children)
        for a in activities:
            if a.room_id not in rooms:  # an inactive room, or none
                rooms[a.room_id] = LedgerRoom(a.room_id, _room_name(session, a.room_id))
            rooms[a.room_id].activities.append(_ledger_row(a, children, topics, names, today))
    return LedgerData(year, list(rooms.values()))


@dataclass
class _LedgerChildren:
    """Per activity id: attendance (member, status, 事由), 列席 texts, 意见 count, 成果 states."""

    attendance: dict[int, list[tuple[int, str, str | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    guests: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    opinions: dict[int, int] = field(default_factory=dict)
    follow_ups: dict[int, list[tuple[str, date | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )


def _ledger_children(session: Session, ids: Any) -> _LedgerChildren:
    children = _LedgerChildren()
    for aid, mid, status, reason in session.execute(
        select(
            Attendance.activity_id, Attendance.member_id, Attendance.status, Attendance.leave_reason
        )
        .where(Attendance.activity_id.in_(ids))
        .order_by(Attendance.id)
    ):
        children.attendance[aid].append((mid, status, reason))
    for aid, name, unit in session.execute(
        select(GuestAttendee.activity_id, GuestAttendee.name, GuestAttendee.unit)
        .where(GuestAttendee.activity_id.in_(ids))
        .order_by(GuestAttendee.seq, GuestAttendee.id)
    ):
        children.guests[aid].append(f"{name}（{unit}）" if unit else name)
    children.opinions = dict(
        session.execute(
            select(Opinion.activity_id, func.count())
            .where(Opinion.activity_id.in_(ids))
            .group_by(Opinion.activity_id)
        ).all()
    )
    for aid, status, due in session.execute(
        select(FollowUp.activity_id, FollowUp.status, FollowUp.due_on)
        .where(FollowUp.activity_id.in_(ids))
        .order_by(FollowUp.id)
    ):
        children.follow_ups[aid].append((status, due))
    return children


def _ledger_row(
    a: Any, children: _LedgerChildren, topics: dict[int, str], names: dict[int, str], today: date
) -> LedgerActivity:
    rows = children.attendance.get(a.id, [])

    def with_status(status: str) -> list[str]:
        return [names.get(mid, "") for mid, st, _r in rows if st == status]

    leave = [
        f"{names.get(mid, '')}（{reason}）" if reason else names.get(mid, "")
        for mid, st, reason in rows
        if st == "请假"
    ]
    outcome_parts = []
    if children.opinions.get(a.id):
        outcome_parts.append(f"形成协商意见{children.opinions[a.id]}条")
    if a.summary:
        outcome_parts.append(a.summary.strip())
    return LedgerActivity(
        start_at=a.start_at,
        end_at=a.end_at,
        activity_type=a.activity_type,
        title=a.title,
        topic_title=topics.get(a.topic_id, "") if a.topic_id else "",
        place=a.place or "",
        host=a.host or "",
        expected=len(rows),
        present=with_status("出席"),
        on_leave=leave,
        absent=with_status("缺席"),
        guests=children.guests.get(a.id, []),
        outcome="；".join(outcome_parts),
        follow_up_status=follow_up_status_text(children.follow_ups.get(a.id, []), today),
    )


def _member_names(session: Session, children: _LedgerChildren) -> dict[int, str]:
    ids = {mid for rows in children.attendance.values() for mid, _s, _r in rows}
    if not ids:
        return {}
    return dict(session.execute(select(Member.id, Member.name).where(Member.id.in_(ids))).all())


def _room_name(session: Session, room_id: int | None) -> str:
    room = session.get(Room, room_id) if room_id is not None else None
    return room.name if room else NO_ROOM
