"""联络室: registry, 驻室委员, convenors, yearly targets and the checklist status per room."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.models import Activity, ChecklistItem, Member, Room, RoomChecklistTick, RoomMember
from app.models.vocab import CONSULTATION_TYPES, ROOM_TYPES
from app.services.activities.held import held
from app.services.changes import Changes
from app.services.conflicts import check_version
from app.services.exchange.history import origin_label, sender_names
from app.services.members.fields import clean_text
from app.services.rooms.room_types import infer_room_type


@dataclass
class RoomInput:
    name: str
    room_type: str = "村(社区)级"
    address: str | None = None
    host_unit: str | None = None
    first_convenor_name: str | None = None
    first_convenor_title: str | None = None
    first_convenor_member_id: int | None = None
    second_convenor_member_id: int | None = None
    established_on: date | None = None
    door_plate: str | None = None
    wall_rules: str | None = None
    target_consultations_per_year: int = 3
    target_receptions_per_month: int = 2
    note: str | None = None
    member_ids: tuple[int, ...] = ()


ROOM_FIELDS = tuple(f for f in RoomInput.__dataclass_fields__ if f != "member_ids")


@dataclass(frozen=True)
class ChecklistState:
    item_id: int
    name: str
    done: bool
    computed: bool  # proven by the data, not ticked by hand


@dataclass
class RoomRow(RoomInput):
    id: int = 0
    first_convenor: str = ""  # display text: the name (a member's, or the typed one)
    second_convenor: str = ""
    member_names: tuple[str, ...] = ()
    activities_this_year: int = 0
    consultations_this_year: int = 0
    checklist: tuple[ChecklistState, ...] = field(default_factory=tuple)
    origin: str = ""  # 来自桃园镇: another unit's room, read-only here
    version: int = 0  # as read (migration 0005): save_room refuses a stale save

    @property
    def member_count(self) -> int:
        return len(self.member_ids)

    @property
    def checklist_done(self) -> int:
        return sum(1 for item in self.checklist if item.done)


def validate(data: RoomInput) -> RoomInput:
    name = "".join((data.name or "").split())
    if not name:
        raise ValidationError("请填写联络室名称。", field="name")
    if data.room_type not in ROOM_TYPES:
        raise ValidationError(f"联络室类型只能是：{'、'.join(ROOM_TYPES)}。", field="room_type")
    if data.target_consultations_per_year < 0 or data.target_receptions_per_month < 0:
        raise ValidationError("年度目标不能是负数。", field="targets")
    if data.established_on and data.established_on > date.today():
        raise ValidationError("成立日期不能晚于今天。", field="established_on")
    values = {k: getattr(data, k) for k in ROOM_FIELDS}
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = clean_text(value)
    values["name"] = name
    return RoomInput(**values, member_ids=tuple(dict.fromkeys(data.member_ids)))


def _get(session: Session, room_id: int) -> Room:
    room = session.get(Room, room_id)
    if room is None:
        raise NotFoundError("该联络室已不存在，请刷新后重试。")
    return room


def find_or_create_room(
    session: Session, name: str, room_type: str | None = None
) -> tuple[Room, bool]:
    """The room of that name, or a new one of ``room_type`` (by default the type its name
    suggests: 镇 → 镇(街道)级, 学校 → 企事业单位 …), used by the roster import."""
    name = "".join(name.split())
    room = session.scalar(select(Room).where(Room.name == name))
    if room is not None:
        return room, False
    room_type = room_type or infer_room_type(name)
    if room_type not in ROOM_TYPES:
        raise ValidationError(f"联络室类型只能是：{'、'.join(ROOM_TYPES)}。", field="room_type")
    last = session.scalar(select(func.max(Room.sort_order))) or 0
    room = Room(name=name, room_type=room_type, sort_order=last + 1)
    session.add(room)
    session.flush()
    return room, True


def save_room(
    db: Database, room_id: int | None, data: RoomInput, expected_version: int | None = None
) -> int:
    """Create (``room_id`` None) or update a room with its 驻室委员 in one transaction.
    ``expected_version``: the version the form was filled from (a stale save is refused)."""
    data = validate(data)
    with db.write() as session:
        other = session.scalar(select(Room).where(Room.name == data.name))
        if other is not None and other.id != room_id:
            raise ValidationError(f"联络室“{data.name}”已存在。", field="name")
        ids = set(data.member_ids) | {
            i for i in (data.first_convenor_member_id, data.second_convenor_member_id) if i
        }
        found = set(session.scalars(select(Member.id).where(Member.id.in_(ids))))
        if ids - found:
            raise NotFoundError("所选委员中有人已被删除，请刷新后重试。")
        if room_id is None:
            last = session.scalar(select(func.max(Room.sort_order))) or 0
            room = Room(name=data.name, sort_order=last + 1)
            session.add(room)
        else:
            room = _get(session, room_id)
            check_version(session, room, expected_version)
        for key in ROOM_FIELDS:
            setattr(room, key, getattr(data, key))
        session.flush()
        current = {seat.member_id: seat for seat in room.memberships}
        wanted = set(data.member_ids)
        for member_id, seat in current.items():
            if member_id not in wanted:
                room.memberships.remove(seat)
        for member_id in data.member_ids:
            if member_id not in current:
                room.memberships.append(RoomMember(member_id=member_id, joined_on=date.today()))
        return room.id


def delete_room(db: Database, room_id: int) -> Changes:
    with db.write() as session:
        room = _get(session, room_id)
        used = session.scalar(
            select(func.count()).select_from(Activity).where(Activity.room_id == room_id)
        )
        if used:
            raise ValidationError(f"联络室“{room.name}”已有 {used} 次履职活动记录，不能删除。")
        session.delete(room)
    return Changes(rooms=True)


def set_tick(db: Database, room_id: int, item_id: int, checked: bool) -> Changes:
    """Tick (or untick) a hand-checked item such as 有场地 for one room."""
    with db.write() as session:
        _get(session, room_id)
        item = session.get(ChecklistItem, item_id)
        if item is None:
            raise NotFoundError("该检查项已不存在，请刷新后重试。")
        if item.computed:
            raise ValidationError(f"“{item.name}”由数据自动判断，不能手动勾选。")
        tick = session.scalar(
            select(RoomChecklistTick).where(
                RoomChecklistTick.room_id == room_id, RoomChecklistTick.item_id == item_id
            )
        )
        if tick is None:
            session.add(RoomChecklistTick(room_id=room_id, item_id=item_id, checked=checked))
        else:
            tick.checked = checked
    return Changes(rooms=True)


def _computed(kind: str, row: RoomRow) -> bool:
    if kind == "convenor":
        return bool(row.first_convenor or row.second_convenor)
    if kind == "members":
        return row.member_count > 0
    if kind == "activity_records":
        return row.activities_this_year > 0
    return False


def list_rooms(db: Database, year: int | None = None) -> list[RoomRow]:
    """Every room with convenors, 驻室委员, this year's activities and the checklist."""
    year = year or date.today().year
    start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    with db.read() as session:
        names: dict[int | None, str] = dict(session.execute(select(Member.id, Member.name)).all())
        seats: dict[int, list[int]] = {}
        for room_id, member_id in session.execute(
            select(RoomMember.room_id, RoomMember.member_id).order_by(RoomMember.id)
        ):
            seats.setdefault(room_id, []).append(member_id)
        counts: dict[int, tuple[int, int]] = {}
        for room_id, total, consultations in session.execute(
            select(
                Activity.room_id,
                func.count(),
                func.sum(case((Activity.activity_type.in_(CONSULTATION_TYPES), 1), else_=0)),
            )
            .where(Activity.start_at >= start, Activity.start_at < end, held())
            .group_by(Activity.room_id)
        ):
            counts[room_id] = (int(total), int(consultations or 0))
        items = list(
            session.scalars(
                select(ChecklistItem)
                .where(ChecklistItem.is_active.is_(True))
                .order_by(ChecklistItem.sort_order, ChecklistItem.id)
            )
        )
        ticks = {
            (t.room_id, t.item_id): t.checked for t in session.scalars(select(RoomChecklistTick))
        }
        rows = []
        units = sender_names(session)
        for room in session.scalars(select(Room).order_by(Room.sort_order, Room.id)):
            member_ids = tuple(seats.get(room.id, ()))
            total, consultations = counts.get(room.id, (0, 0))
            row = RoomRow(
                **{k: getattr(room, k) for k in ROOM_FIELDS},
                member_ids=member_ids,
                id=room.id,
                version=room.version,
                first_convenor=names.get(room.first_convenor_member_id)
                or room.first_convenor_name
                or "",
                second_convenor=names.get(room.second_convenor_member_id, ""),
                member_names=tuple(names[i] for i in member_ids),
                activities_this_year=total,
                consultations_this_year=consultations,
                origin=origin_label(units, room.origin_id),
            )
            row.checklist = tuple(
                ChecklistState(
                    item.id,
                    item.name,
                    _computed(item.computed, row)
                    if item.computed
                    else ticks.get((room.id, item.id), False),
                    bool(item.computed),
                )
                for item in items
            )
            rows.append(row)
    return rows


def get_room(db: Database, room_id: int, year: int | None = None) -> RoomRow:
    for row in list_rooms(db, year):
        if row.id == room_id:
            return row
    raise NotFoundError("该联络室已不存在，请刷新后重试。")
