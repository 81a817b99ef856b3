"""委员: the registry the whole app hangs on. Plain dataclasses in and out; one write per action."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.models import (
    Activity,
    Attendance,
    Entity,
    Member,
    PointEntry,
    ReceptionMember,
    Room,
    RoomMember,
    Sector,
    Speech,
    Submission,
    SubmissionAuthor,
)
from app.models.vocab import MEMBER_LEVELS, MEMBER_STATUSES
from app.services.activities.held import attendance_shown
from app.services.changes import Changes
from app.services.conflicts import check_version
from app.services.exchange.history import origin_label, sender_names
from app.services.members import fields as mf
from app.services.members.stroke_order import name_sort_key, pinyin_keys

_T = TypeVar("_T")


@dataclass
class MemberInput:
    """What the edit dialog and the roster import hand in; ``sector`` is the 界别 name."""

    name: str
    sector: str | None = None
    gender: str | None = None
    ethnicity: str | None = None
    birth_month: str | None = None  # "YYYY-MM"
    political_status: str | None = None
    level: str = "县"
    is_standing: bool = False
    term: str | None = None
    work_unit: str | None = None
    phone: str | None = None
    expertise: str | None = None
    status: str = "在任"
    left_on: date | None = None
    note: str | None = None


STORED_FIELDS = tuple(f.name for f in fields(MemberInput) if f.name != "sector")


@dataclass
class MemberRow(MemberInput):
    id: int = 0
    room_names: tuple[str, ...] = ()
    room_ids: tuple[int, ...] = ()
    initials: str = ""
    full_pinyin: str = ""
    stroke_rank: int = 0  # position in 姓氏笔画 order
    origin: str = ""  # 来自桃园镇 / 来自县政协: another unit's member, read-only here
    version: int = 0  # as read (migration 0005): update_member refuses a stale save


class MemberHasRecordsError(ValidationError):
    """Deleting a member with records is refused; the UI offers 离任 instead."""


@dataclass(frozen=True)
class MemberDetail:
    member: MemberRow
    rooms: list[str]
    activities: list[tuple[str, str, str, str]]  # (date, type, title, attendance status)
    submissions: list[tuple[str, str, str, str]]  # (date, kind, title, role)
    year: int
    points_this_year: float
    point_lines: int = 0
    convenor_of: list[str] = field(default_factory=list)


def validate(data: MemberInput) -> MemberInput:
    """Chinese messages for what a clerk typed; returns the cleaned values."""

    def check(field_name: str, label: str, parse: Callable[[object], _T], value: object) -> _T:
        try:
            return parse(value)
        except ValueError as exc:
            raise ValidationError(f"{label}：{exc}。", field=field_name) from None

    name = check("name", "姓名", mf.parse_name, data.name)
    sector = mf.clean_text(data.sector)
    if not sector:
        raise ValidationError("请选择界别。", field="sector")
    level = check("level", "委员层级", mf.parse_level, data.level) or "县"
    status = check("status", "状态", mf.parse_status, data.status) or "在任"
    cleaned = MemberInput(
        name=name,
        sector=sector,
        gender=check("gender", "性别", mf.parse_gender, data.gender),
        ethnicity=mf.clean_text(data.ethnicity),
        birth_month=check("birth_month", "出生年月", mf.parse_birth_month, data.birth_month),
        political_status=mf.clean_text(data.political_status),
        level=level,
        is_standing=bool(data.is_standing),
        term=mf.clean_text(data.term),
        work_unit=mf.clean_text(data.work_unit),
        phone=check("phone", "联系电话", mf.parse_phone, data.phone),
        expertise=mf.clean_text(data.expertise),
        status=status,
        left_on=data.left_on if status == "离任" else None,
        note=mf.clean_text(data.note),
    )
    if cleaned.level not in MEMBER_LEVELS or cleaned.status not in MEMBER_STATUSES:
        raise ValidationError("委员层级或状态不正确。")
    if cleaned.left_on and cleaned.left_on > date.today():
        raise ValidationError("离任日期不能晚于今天。", field="left_on")
    return cleaned


def sector_by_name(session: Session, name: str) -> Sector | None:
    return session.scalar(select(Sector).where(Sector.name == name))


def apply_to(session: Session, member: Member, data: MemberInput) -> None:
    """Copy validated ``data`` onto ``member`` (the 界别 must exist)."""
    sector = sector_by_name(session, data.sector or "")
    if sector is None:
        raise ValidationError(f"未知界别“{data.sector}”，请先在“设置 → 界别”中添加。", "sector")
    member.sector_id = sector.id
    for name in STORED_FIELDS:
        setattr(member, name, getattr(data, name))


def find_same(session: Session, name: str, phone: str | None) -> Member | None:
    """The member with this name and phone (how the roster import recognises people)."""
    stmt = select(Member).where(Member.name == name)
    stmt = stmt.where(Member.phone.is_(None) if not phone else Member.phone == phone)
    return session.scalars(stmt.order_by(Member.id)).first()


def find_by_birth(
    session: Session, name: str, birth_month: str | None, gender: str | None
) -> list[Member]:
    """Members of this 姓名 + 出生年月 + 性别 (a roster row without a phone; the data packages
    recognise people the same way); none when the birth month or gender is unknown."""
    if not birth_month or not gender:
        return []
    stmt = select(Member).where(
        Member.name == name, Member.birth_month == birth_month, Member.gender == gender
    )
    return list(session.scalars(stmt.order_by(Member.id)))


def _refuse_same(session: Session, data: MemberInput, except_id: int | None) -> None:
    other = find_same(session, data.name, data.phone)
    if other is not None and other.id != except_id:
        raise ValidationError(
            f"已有姓名和联系电话都相同的委员“{data.name}”，请勿重复添加。", field="name"
        )


def create_member(db: Database, data: MemberInput) -> int:
    data = validate(data)
    with db.write() as session:
        _refuse_same(session, data, None)
        member = Member(name=data.name)
        apply_to(session, member, data)
        session.add(member)
        session.flush()
        return member.id


def update_member(
    db: Database, member_id: int, data: MemberInput, expected_version: int | None = None
) -> Changes:
    """``expected_version``: the version the form was filled from; another clerk's save since
    then refuses this one (StaleRecordError)."""
    data = validate(data)
    with db.write() as session:
        member = _get(session, member_id)
        check_version(session, member, expected_version)
        _refuse_same(session, data, member_id)
        apply_to(session, member, data)
    return Changes(members=True)


def _get(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise NotFoundError("该委员已不存在，请刷新后重试。")
    return member


def set_left(db: Database, member_id: int, left_on: date | None = None) -> Changes:
    """离任: the member stays in the records but leaves the active lists."""
    with db.write() as session:
        member = _get(session, member_id)
        member.status = "离任"
        member.left_on = left_on or date.today()
    return Changes(members=True)


def record_counts(session: Session, member_id: int) -> dict[str, int]:
    def count(model: type[Entity], column: InstrumentedAttribute[Any]) -> int:
        stmt = select(func.count()).select_from(model).where(column == member_id)
        return session.execute(stmt).scalar_one()

    return {
        "出席记录": count(Attendance, Attendance.member_id),
        "履职成果": count(SubmissionAuthor, SubmissionAuthor.member_id),
        "接待来访": count(ReceptionMember, ReceptionMember.member_id),
        "积分记录": count(PointEntry, PointEntry.member_id),
        "发言记录": count(Speech, Speech.member_id),
    }


def delete_member(db: Database, member_id: int) -> Changes:
    """Only a member with no records can go; room seats go with them."""
    with db.write() as session:
        member = _get(session, member_id)
        counts = {k: n for k, n in record_counts(session, member_id).items() if n}
        if counts:
            what = "、".join(f"{k} {n} 条" for k, n in counts.items())
            raise MemberHasRecordsError(
                f"委员“{member.name}”已有{what}，不能删除。可将其设为“离任”，记录仍会保留。"
            )
        for seat in session.scalars(select(RoomMember).where(RoomMember.member_id == member_id)):
            session.delete(seat)
        session.flush()
        session.delete(member)
    return Changes(members=True, rooms=True)


def _rows(session: Session, stmt: Select) -> list[MemberRow]:
    seats: dict[int, list[tuple[int, str]]] = {}
    for member_id, room_id, room_name in session.execute(
        select(RoomMember.member_id, Room.id, Room.name)
        .join(Room, Room.id == RoomMember.room_id)
        .order_by(Room.sort_order, Room.id)
    ):
        seats.setdefault(member_id, []).append((room_id, room_name))
    rows = []
    units = sender_names(session)
    for member, sector in session.execute(stmt):
        initials, full = pinyin_keys(member.name)
        rooms = seats.get(member.id, [])
        values = {name: getattr(member, name) for name in STORED_FIELDS}
        rows.append(
            MemberRow(
                **values,
                sector=sector,
                id=member.id,
                room_names=tuple(n for _i, n in rooms),
                room_ids=tuple(i for i, _n in rooms),
                initials=initials,
                full_pinyin=full,
                origin=origin_label(units, member.origin_id),
                version=member.version,
            )
        )
    rows.sort(key=lambda r: (name_sort_key(r.name), r.id))
    for rank, row in enumerate(rows):
        row.stroke_rank = rank
    return rows


def _base_stmt() -> Select:
    return select(Member, Sector.name).outerjoin(Sector, Sector.id == Member.sector_id)


def list_members(db: Database, *, active_only: bool = False) -> list[MemberRow]:
    """Every member in 姓氏笔画 order, with 界别 and 联络室 names."""
    with db.read() as session:
        stmt = _base_stmt()
        if active_only:
            stmt = stmt.where(Member.status == "在任")
        return _rows(session, stmt)


def get_member(db: Database, member_id: int) -> MemberRow:
    with db.read() as session:
        rows = _rows(session, _base_stmt().where(Member.id == member_id))
    if not rows:
        raise NotFoundError("该委员已不存在，请刷新后重试。")
    return rows[0]


def member_detail(db: Database, member_id: int, year: int | None = None) -> MemberDetail:
    """Rooms, activities attended, submissions and this year's points of one member."""
    year = year or date.today().year
    row = get_member(db, member_id)
    with db.read() as session:
        activities = [
            (
                a.start_at.strftime("%Y-%m-%d"),
                a.activity_type,
                a.title,
                attendance_shown(a.status, status),
            )
            for a, status in session.execute(
                select(Activity, Attendance.status)
                .join(Attendance, Attendance.activity_id == Activity.id)
                .where(Attendance.member_id == member_id)
                .order_by(Activity.start_at.desc())
            )
        ]
        submissions = [
            (s.submitted_on.isoformat(), s.kind, s.title, role)
            for s, role in session.execute(
                select(Submission, SubmissionAuthor.role)
                .join(SubmissionAuthor, SubmissionAuthor.submission_id == Submission.id)
                .where(SubmissionAuthor.member_id == member_id)
                .order_by(Submission.submitted_on.desc())
            )
        ]
        points, lines = session.execute(
            select(func.coalesce(func.sum(PointEntry.points), 0), func.count()).where(
                PointEntry.member_id == member_id, PointEntry.year == year
            )
        ).one()
        convenor_of = list(
            session.scalars(
                select(Room.name).where(
                    (Room.first_convenor_member_id == member_id)
                    | (Room.second_convenor_member_id == member_id)
                )
            )
        )
    return MemberDetail(
        member=row,
        rooms=list(row.room_names),
        activities=activities,
        submissions=submissions,
        year=year,
        points_this_year=float(points),
        point_lines=int(lines),
        convenor_of=convenor_of,
    )
