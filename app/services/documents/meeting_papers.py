"""What the filed documents (会议纪要, 签到表, 活动台账) need, read into plain dataclasses.

No Qt and no open session leaves this module: the exports and the preview window get data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.models import Activity, Member, Room, RoomMember, Sector, Topic
from app.services import settings
from app.services.changes import Changes

# The 活动台账 data lives in activity_ledger; the UI, command line and tests reach it from here.
from app.services.documents.ledger import NO_ROOM as NO_ROOM
from app.services.documents.ledger import LedgerActivity as LedgerActivity
from app.services.documents.ledger import LedgerData as LedgerData
from app.services.documents.ledger import LedgerRoom as LedgerRoom
from app.services.documents.ledger import follow_up_status_text as follow_up_status_text
from app.services.documents.ledger import load_ledger as load_ledger


@dataclass(frozen=True)
class Person:
    name: str
    detail: str = ""  # 请假事由 / 列席人员的单位 / 界别及单位


@dataclass(frozen=True)
class SpeechLine:
    speaker: str
    summary: str


@dataclass(frozen=True)
class FollowUpLine:
    content: str
    handling_unit: str
    due_on: date | None
    status: str


ATTENDANCE_KEY = "minutes.attendance"
# where the 会议纪要 lists 出席/请假/列席 → what the 设置 page calls it
ATTENDANCE_PLACES = {
    "after_body": "正文之后（GB/T 9704—2012 第10.3条）",
    "header": "时间、地点之后（会议要素中）",
}


@dataclass(frozen=True)
class MinutesData:
    activity_id: int
    title: str
    activity_type: str
    room_name: str
    place: str
    start_at: datetime
    end_at: datetime | None
    host: str
    recorder: str
    topic_title: str
    present: list[str]
    on_leave: list[Person]
    absent: list[str]
    guests: list[Person]
    speeches: list[SpeechLine]
    opinions: list[str]
    follow_ups: list[FollowUpLine]
    summary: str = ""
    # GB/T 9704 §10.3: 出席/请假/列席 after the body; False keeps them in the header block.
    attendance_after_body: bool = True


@dataclass(frozen=True)
class SignInData:
    activity_id: int
    title: str
    activity_type: str
    room_name: str
    place: str
    start_at: datetime
    end_at: datetime | None
    members: list[Person]  # detail = 界别/单位
    notes: list[str]  # 备注 per member (e.g. 请假（事由）)
    guests: list[Person]  # detail = 单位


def _get_activity(session: Session, activity_id: int) -> Activity:
    activity = session.get(
        Activity,
        activity_id,
        options=[
            selectinload(Activity.attendances),
            selectinload(Activity.guests),
            selectinload(Activity.speeches),
            selectinload(Activity.opinions),
            selectinload(Activity.follow_ups),
        ],
    )
    if activity is None:
        raise NotFoundError(f"找不到编号为 {activity_id} 的履职活动。")
    return activity


def _room_name(session: Session, room_id: int | None) -> str:
    if room_id is None:
        return NO_ROOM
    room = session.get(Room, room_id)
    return room.name if room else NO_ROOM


def _topic_title(session: Session, topic_id: int | None) -> str:
    topic = session.get(Topic, topic_id) if topic_id is not None else None
    return topic.title if topic else ""


def _members(session: Session, ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """id → (姓名, 界别, 工作单位及职务). Phone numbers are deliberately not read."""
    if not ids:
        return {}
    stmt = (
        select(Member.id, Member.name, Sector.name, Member.work_unit)
        .outerjoin(Sector, Sector.id == Member.sector_id)
        .where(Member.id.in_(set(ids)))
    )
    return {
        mid: (name, sector or "", unit or "") for mid, name, sector, unit in session.execute(stmt)
    }


def load_minutes(db: Database, activity_id: int) -> MinutesData:
    with db.read() as session:
        a = _get_activity(session, activity_id)
        people = _members(session, [x.member_id for x in a.attendances])
        rows = sorted(a.attendances, key=lambda x: x.id)
        return MinutesData(
            activity_id=a.id,
            title=a.title,
            activity_type=a.activity_type,
            room_name=_room_name(session, a.room_id),
            place=a.place or "",
            start_at=a.start_at,
            end_at=a.end_at,
            host=a.host or "",
            recorder=a.recorder or "",
            topic_title=_topic_title(session, a.topic_id),
            present=[people[x.member_id][0] for x in rows if x.status == "出席"],
            on_leave=[
                Person(people[x.member_id][0], x.leave_reason or "")
                for x in rows
                if x.status == "请假"
            ],
            absent=[people[x.member_id][0] for x in rows if x.status == "缺席"],
            guests=[Person(g.name, g.unit or "") for g in a.guests],
            speeches=[SpeechLine(s.speaker, s.summary or "") for s in a.speeches],
            opinions=[o.content for o in a.opinions if o.content.strip()],
            follow_ups=[
                FollowUpLine(f.content, f.handling_unit or "", f.due_on, f.status)
                for f in a.follow_ups
            ],
            summary=a.summary or "",
            attendance_after_body=settings.get_value(session, ATTENDANCE_KEY) != "header",
        )


def _sector_unit(sector: str, unit: str) -> str:
    return "／".join(part for part in (sector, unit) if part)


def load_signin(db: Database, activity_id: int) -> SignInData:
    """Every expected member: the attendance list, or the room's 驻室委员 if none is recorded."""
    with db.read() as session:
        a = _get_activity(session, activity_id)
        notes: list[str] = []
        if a.attendances:
            rows = sorted(a.attendances, key=lambda x: x.id)
            ids = [x.member_id for x in rows]
            for x in rows:
                note = ""
                if x.status == "请假":
                    note = f"请假（{x.leave_reason}）" if x.leave_reason else "请假"
                notes.append(note)
        else:
            ids = list(
                session.scalars(
                    select(RoomMember.member_id)
                    .join(Member, Member.id == RoomMember.member_id)
                    .where(RoomMember.room_id == a.room_id, Member.status == "在任")
                    .order_by(RoomMember.id)
                )
            )
            notes = [""] * len(ids)
        people = _members(session, ids)
        members = [Person(people[i][0], _sector_unit(people[i][1], people[i][2])) for i in ids]
        return SignInData(
            activity_id=a.id,
            title=a.title,
            activity_type=a.activity_type,
            room_name=_room_name(session, a.room_id),
            place=a.place or "",
            start_at=a.start_at,
            end_at=a.end_at,
            members=members,
            notes=notes,
            guests=[Person(g.name, g.unit or "") for g in a.guests],
        )


def font_settings(db: Database) -> dict[str, str]:
    return {k: str(v or "") for k, v in settings.get_many(db, "fonts.").items()}


def save_font_settings(db: Database, values: dict[str, str]) -> Changes:
    """One save of the 公文 font names and the 纪要 layout; an empty font name is refused (the
    fallback would be lost)."""
    for key, value in values.items():
        if key == ATTENDANCE_KEY:
            if value not in ATTENDANCE_PLACES:
                raise ValidationError(f"出席名单的位置“{value}”不正确。", field=key)
        elif not key.startswith("fonts."):
            raise ValidationError(f"未知的设置项“{key}”。")
        elif not value.strip():
            raise ValidationError("字体名称不能为空。", field=key)
    with db.write() as session:
        for key, value in values.items():
            settings.set_value(session, key, value.strip())
    return Changes(settings=True)


def attendance_place(db: Database) -> str:
    return str(settings.get(db, ATTENDANCE_KEY))


def list_rooms(db: Database) -> list[tuple[int, str]]:
    with db.read() as session:
        return [
            (rid, name)
            for rid, name in session.execute(
                select(Room.id, Room.name).order_by(Room.sort_order, Room.id)
            )
        ]


def list_activities(db: Database, year: int) -> list[tuple[int, str]]:
    """(id, "2026-03-05 协商议事会 关于…") for the activities of ``year``, newest first."""
    with db.read() as session:
        stmt = (
            select(Activity.id, Activity.start_at, Activity.activity_type, Activity.title)
            .where(
                Activity.start_at >= datetime(year, 1, 1),
                Activity.start_at < datetime(year + 1, 1, 1),
            )
            .order_by(Activity.start_at.desc(), Activity.id.desc())
        )
        return [
            (aid, f"{start:%Y-%m-%d} {kind} {title}")
            for aid, start, kind, title in session.execute(stmt)
        ]
