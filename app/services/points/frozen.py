"""What a 定稿 year shows of its members, frozen at lock.

The locked year's entries and records cannot change (migration 0003's triggers), but the members
and rooms they name can: a roster import moves a member to another 界别, a room created after
the lock seats them, a room is renamed. The year's ranking, 统计表 and 档案 must still show what
was true when the year was locked, so ``lock_year`` stores it here, as one JSON setting per year
(``points.frozen.<year>``; settings travel with the data in backups): each member's 姓名, 界别,
所属联络室 and 档案 details, and the room of each of the year's activities.

A year locked before this existed has no snapshot: it shows today's facts, as it did before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Activity, Member, PointEntry, Room, RoomMember, Sector
from app.services.members.fields import format_birth_month
from app.services.points.facts import in_office_member_ids, year_bounds
from app.services.settings import get_value, set_value

MemberInfo = tuple[str, str, str]  # (姓名, 界别, 所属联络室)


def frozen_key(year: int) -> str:
    return f"points.frozen.{year}"


@dataclass(frozen=True)
class FrozenYear:
    members: dict[int, MemberInfo]
    details: dict[int, list[tuple[str, str]]]  # member id → the 档案's (label, value) lines
    activity_rooms: dict[int, str]  # activity id → its room's name ("" for none)


def member_details(member: Member, sector: str | None) -> list[tuple[str, str]]:
    """The 档案's table of one member, in its order."""
    return [
        ("姓名", member.name),
        ("性别", member.gender or ""),
        ("民族", member.ethnicity or ""),
        ("出生年月", format_birth_month(member.birth_month)),  # 1968.11, as rosters print it
        ("政治面貌", member.political_status or ""),
        ("界别", sector or ""),
        ("委员层级", member.level or ""),
        ("是否常委", "是" if member.is_standing else "否"),
        ("届次", member.term or ""),
        ("工作单位及职务", member.work_unit or ""),
        ("联系电话", member.phone or ""),
        ("专长", member.expertise or ""),
    ]


def member_info(session: Session, ids: Iterable[int]) -> dict[int, MemberInfo]:
    """Today's (姓名, 界别, 所属联络室) of each member in ``ids``; rooms in the rooms' list order.

    Reads every member and room seat and keeps the wanted ones: a few thousand plain rows are
    quicker to filter here than to join, sort and bind as hundreds of query parameters."""
    wanted = set(ids)
    conn = session.connection()
    rooms = {
        room_id: (position, name)
        for position, (room_id, name) in enumerate(
            conn.execute(select(Room.id, Room.name).order_by(Room.sort_order, Room.id)).all()
        )
    }
    seats: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for mid, room_id in conn.execute(select(RoomMember.member_id, RoomMember.room_id)).all():
        if mid in wanted:
            seats[mid].append(rooms[room_id])
    return {
        mid: (name, sector or "", "、".join(room for _pos, room in sorted(seats[mid])))
        for mid, name, sector in conn.execute(
            select(Member.id, Member.name, Sector.name).outerjoin(
                Sector, Sector.id == Member.sector_id
            )
        ).all()
        if mid in wanted
    }


def freeze(session: Session, year: int) -> None:
    """Store what the year shows of its members and activities today (call at lock)."""
    ids = set(session.scalars(select(PointEntry.member_id).where(PointEntry.year == year)))
    ids |= in_office_member_ids(session, year)
    info = member_info(session, ids)
    details = {
        member.id: member_details(member, sector)
        for member, sector in session.execute(
            select(Member, Sector.name)
            .outerjoin(Sector, Sector.id == Member.sector_id)
            .where(Member.id.in_(ids))
        )
    }
    start, end = year_bounds(year)
    rooms = session.execute(
        select(Activity.id, Room.name)
        .outerjoin(Room, Room.id == Activity.room_id)
        .where(Activity.start_at >= start, Activity.start_at < end)
    )
    set_value(
        session,
        frozen_key(year),
        {
            "members": {str(mid): list(value) for mid, value in info.items()},
            "details": {str(mid): [list(pair) for pair in pairs] for mid, pairs in details.items()},
            "activity_rooms": {str(aid): name or "" for aid, name in rooms},
        },
    )


def load_frozen(session: Session, year: int) -> FrozenYear | None:
    """The year's snapshot, or None when it was never locked (or locked before snapshots)."""
    return frozen_from_value(get_value(session, frozen_key(year)))


def frozen_from_value(value: object) -> FrozenYear | None:
    """The snapshot from its stored setting value (None: no snapshot)."""
    if not isinstance(value, dict):
        return None
    return FrozenYear(
        members={int(k): (v[0], v[1], v[2]) for k, v in value.get("members", {}).items()},
        details={
            int(k): [(label, text) for label, text in v]
            for k, v in value.get("details", {}).items()
        },
        activity_rooms={int(k): v for k, v in value.get("activity_rooms", {}).items()},
    )


def shown_member_info(
    session: Session, year: int, locked: bool, ids: Iterable[int]
) -> dict[int, MemberInfo]:
    """(姓名, 界别, 所属联络室) as the year shows them: frozen at lock for a 定稿 year (today's
    for a member the snapshot lacks), today's otherwise."""
    ids = list(ids)
    frozen = load_frozen(session, year) if locked else None
    return overlay_frozen(member_info(session, ids), frozen, ids)


def overlay_frozen(
    info: dict[int, MemberInfo], frozen: FrozenYear | None, ids: Iterable[int]
) -> dict[int, MemberInfo]:
    """``info`` with each of ``ids`` the snapshot knows shown as frozen (in place; returned)."""
    if frozen is not None:
        info.update({mid: frozen.members[mid] for mid in ids if mid in frozen.members})
    return info
