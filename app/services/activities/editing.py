"""履职活动: read, save (one transaction for the whole record) and delete.

Attendance rule: when an activity gets a room (new, or its room changes), every 驻室委员 of that
room not yet listed is added as 出席; the clerk then marks 请假 (事由 required) or 缺席.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.models import (
    Activity,
    Attachment,
    Attendance,
    FollowUp,
    GuestAttendee,
    Member,
    Opinion,
    Room,
    RoomMember,
    Sector,
    Speech,
    Topic,
)
from app.models.vocab import (
    ACTIVITY_FORMS,
    ACTIVITY_STATUSES,
    ACTIVITY_TYPES,
    ATTENDANCE_STATUSES,
    CONSULTATION_TYPES,
    EVALUATIONS,
    FOLLOW_UP_STATUSES,
    VENUE_KINDS,
)
from app.services.activities import attachments as files
from app.services.activities.held import HELD_STATUSES
from app.services.activities.records import (
    ActivityDraft,
    AttachmentLine,
    AttendanceLine,
    FollowUpLine,
    GuestLine,
    OpinionLine,
    SpeechLine,
)
from app.services.changes import Changes
from app.services.conflicts import check_version, check_versions
from app.services.exchange.history import origin_label, sender_names
from app.services.follow_ups.progress import status_for
from app.services.topics import pool as topics

# What saving or deleting an activity writes: the record with its lines, its 督办 items, and the
# topic it advances to 已协商 (save_activity returns the new id, so callers state this).
SAVE_CHANGES = Changes(activities=True, follow_ups=True, topics=True)


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def room_roster(db: Database, room_id: int) -> list[AttendanceLine]:
    """The room's 驻室委员 as fresh 出席 lines (in-office members, by name order of joining)."""
    with db.read() as session:
        return _roster(session, room_id)


def _roster(session: Session, room_id: int) -> list[AttendanceLine]:
    stmt = (
        select(Member.id, Member.name, Sector.name)
        .join(RoomMember, RoomMember.member_id == Member.id)
        .outerjoin(Sector, Sector.id == Member.sector_id)
        .where(RoomMember.room_id == room_id, Member.status == "在任")
        .order_by(RoomMember.id)
    )
    return [AttendanceLine(mid, name, sector or "") for mid, name, sector in session.execute(stmt)]


def get_activity(db: Database, activity_id: int) -> ActivityDraft:
    with db.read() as session:
        activity = session.get(Activity, activity_id)
        if activity is None:
            raise NotFoundError(f"找不到编号为 {activity_id} 的履职活动。")
        members = {
            mid: (name, sector or "")
            for mid, name, sector in session.execute(
                select(Member.id, Member.name, Sector.name)
                .outerjoin(Sector, Sector.id == Member.sector_id)
                .join(Attendance, Attendance.member_id == Member.id)
                .where(Attendance.activity_id == activity_id)
            )
        }
        origin = origin_label(sender_names(session), activity.origin_id)
        return ActivityDraft(
            origin=origin,
            id=activity.id,
            version=activity.version,
            follow_up_versions={f.id: f.version for f in activity.follow_ups},
            activity_type=activity.activity_type,
            title=activity.title,
            start_at=activity.start_at,
            end_at=activity.end_at,
            room_id=activity.room_id,
            topic_id=activity.topic_id,
            place=activity.place or "",
            form=activity.form,
            venue_kind=activity.venue_kind,
            host=activity.host or "",
            recorder=activity.recorder or "",
            status=activity.status,
            plan=activity.plan or "",
            research=activity.research or "",
            summary=activity.summary or "",
            results_reported_on=activity.results_reported_on,
            attendances=[
                AttendanceLine(a.member_id, *members[a.member_id], a.status, a.leave_reason or "")
                for a in sorted(activity.attendances, key=lambda a: a.id)
            ],
            guests=[GuestLine(g.name, g.unit or "", g.id) for g in activity.guests],
            speeches=[
                SpeechLine(s.speaker, s.summary, s.member_id, s.id) for s in activity.speeches
            ],
            opinions=[OpinionLine(o.content, o.id) for o in activity.opinions],
            follow_ups=[
                FollowUpLine(
                    f.content,
                    f.handling_unit or "",
                    f.assigned_on,
                    f.due_on,
                    f.status,
                    f.result or "",
                    f.feedback_on,
                    f.evaluation or "",
                    f.id,
                )
                for f in activity.follow_ups
            ],
            attachments=[
                AttachmentLine(
                    a.original_name, a.stored_name, a.kind, a.caption or "", a.size_bytes, id=a.id
                )
                for a in activity.attachments
            ],
        )


def validate(draft: ActivityDraft) -> None:
    """Raise ValidationError (Chinese, naming the field) for the first broken rule."""
    if not draft.title.strip():
        raise ValidationError("请填写活动名称。", "title")
    for value, allowed, label, name in (
        (draft.activity_type, ACTIVITY_TYPES, "活动类型", "activity_type"),
        (draft.status, ACTIVITY_STATUSES, "状态", "status"),
        (draft.form, ACTIVITY_FORMS, "形式", "form"),
        (draft.venue_kind, VENUE_KINDS, "会场/现场", "venue_kind"),
    ):
        if value not in allowed:
            raise ValidationError(f"{label}“{value}”不在可选范围内。", name)
    if draft.end_at is not None and draft.end_at < draft.start_at:
        raise ValidationError("结束时间不能早于开始时间。", "end_at")
    seen: set[int] = set()
    for line in draft.attendances:
        if line.member_id in seen:
            raise ValidationError(f"委员“{line.member_name}”在参加人员中重复出现。", "attendances")
        seen.add(line.member_id)
        if line.status not in ATTENDANCE_STATUSES:
            raise ValidationError(f"“{line.member_name}”的出席情况无效。", "attendances")
        if line.status == "请假" and not line.leave_reason.strip():
            raise ValidationError(f"“{line.member_name}”请假，请填写请假事由。", "attendances")
    for i, guest in enumerate(draft.guests, 1):
        if not guest.name.strip():
            raise ValidationError(f"第 {i} 位列席人员未填写姓名。", "guests")
    for i, speech in enumerate(draft.speeches, 1):
        if not speech.speaker.strip():
            raise ValidationError(f"第 {i} 条发言记录未填写发言人。", "speeches")
    for i, opinion in enumerate(draft.opinions, 1):
        if not opinion.content.strip():
            raise ValidationError(f"第 {i} 条协商意见内容为空。", "opinions")
    for i, item in enumerate(draft.follow_ups, 1):
        if not item.content.strip():
            raise ValidationError(f"第 {i} 条成果办理事项未填写建议内容。", "follow_ups")
        if item.status not in FOLLOW_UP_STATUSES:
            raise ValidationError(f"第 {i} 条成果办理事项的状态无效。", "follow_ups")
        if item.evaluation and item.evaluation not in EVALUATIONS:
            raise ValidationError(f"第 {i} 条成果办理事项的群众评议无效。", "follow_ups")
        if item.assigned_on and item.due_on and item.due_on < item.assigned_on:
            raise ValidationError(f"第 {i} 条成果办理事项的办理时限早于交办日期。", "follow_ups")


def _sync(
    session: Session,
    existing: Sequence[Any],
    lines: Sequence[Any],
    make: Callable[[Any], Any],
    fill: Callable[[Any, Any, int], None],
) -> list[Any]:
    """Update rows whose id is in ``lines``, add new ones, delete the rest; returns deleted."""
    by_id = {row.id: row for row in existing}
    kept: set[int] = set()
    for seq, line in enumerate(lines, 1):
        row = by_id.get(line.id) if line.id is not None else None
        if row is None:
            row = make(line)
            session.add(row)
        else:
            kept.add(row.id)
        fill(row, line, seq)
    removed = [row for row_id, row in by_id.items() if row_id not in kept]
    for row in removed:
        session.delete(row)
    return removed


def save_activity(db: Database, draft: ActivityDraft) -> int:
    """Write the whole record in one transaction; returns the activity id."""
    validate(draft)
    copied: list[str] = []
    dropped: list[str] = []
    try:
        with db.write() as session:
            activity_id = _write(session, draft, copied, dropped)
    except BaseException:
        for name in copied:
            files.remove_stored(name)
        raise
    for name in dropped:
        files.remove_stored(name)
    return activity_id


def _write(session: Session, draft: ActivityDraft, copied: list[str], dropped: list[str]) -> int:
    activity: Activity | None
    if draft.id is None:
        activity = Activity(activity_type=draft.activity_type, title="", start_at=draft.start_at)
        session.add(activity)
        old_room = None
    else:
        activity = session.get(Activity, draft.id)
        if activity is None:
            raise NotFoundError("该履职活动已被删除，无法保存。")
        check_version(session, activity, draft.version)
        check_versions(session, activity.follow_ups, draft.follow_up_versions)
        old_room = activity.room_id
    if draft.room_id is not None and session.get(Room, draft.room_id) is None:
        raise ValidationError("所选联络室已不存在。", "room_id")
    if draft.topic_id is not None and session.get(Topic, draft.topic_id) is None:
        raise ValidationError("所选议题已不存在。", "topic_id")
    for name in ("activity_type", "start_at", "end_at", "room_id", "topic_id", "form"):
        setattr(activity, name, getattr(draft, name))
    activity.venue_kind = draft.venue_kind
    activity.status = draft.status
    activity.title = draft.title.strip()
    for name in ("place", "host", "recorder", "plan", "research", "summary"):
        setattr(activity, name, _text(getattr(draft, name)))
    activity.results_reported_on = draft.results_reported_on
    session.flush()

    lines = list(draft.attendances)
    if draft.fill_room_members and draft.room_id is not None and draft.room_id != old_room:
        listed = {line.member_id for line in lines}
        lines += [r for r in _roster(session, draft.room_id) if r.member_id not in listed]
    marks = {a.member_id: a for a in activity.attendances}
    for line in lines:
        row = marks.pop(line.member_id, None)
        if row is None:
            row = Attendance(member_id=line.member_id)
            activity.attendances.append(row)
        row.status = line.status
        row.leave_reason = _text(line.leave_reason) if line.status == "请假" else None
    for row in marks.values():
        activity.attendances.remove(row)

    def fill_guest(row: GuestAttendee, line: GuestLine, seq: int) -> None:
        row.seq, row.name, row.unit = seq, line.name.strip(), _text(line.unit)

    def fill_speech(row: Speech, line: SpeechLine, seq: int) -> None:
        row.seq, row.speaker, row.summary = seq, line.speaker.strip(), line.summary.strip()
        row.member_id = _speaker_id(session, row.speaker, line.member_id)

    def fill_opinion(row: Opinion, line: OpinionLine, seq: int) -> None:
        row.seq, row.content = seq, line.content.strip()

    def fill_follow_up(row: FollowUp, line: FollowUpLine, _seq: int) -> None:
        row.content = line.content.strip()
        row.handling_unit = _text(line.handling_unit)
        row.assigned_on, row.due_on, row.feedback_on = (
            line.assigned_on,
            line.due_on,
            line.feedback_on,
        )
        row.result = _text(line.result)
        row.status = status_for(
            line.status, row.handling_unit, row.assigned_on, row.result, row.feedback_on
        )
        row.evaluation = _text(line.evaluation)

    def fill_attachment(row: Attachment, line: AttachmentLine, _seq: int) -> None:
        if line.id is None and line.source_path:
            row.stored_name, row.size_bytes = files.copy_in(Path(line.source_path))
            copied.append(row.stored_name)
        row.original_name = line.original_name
        row.kind, row.caption = line.kind or "其他", _text(line.caption)

    def child(cls: type) -> Callable[[Any], Any]:
        return lambda _line: cls(activity_id=activity.id)

    _sync(session, activity.guests, draft.guests, child(GuestAttendee), fill_guest)
    _sync(session, activity.speeches, draft.speeches, child(Speech), fill_speech)
    _sync(session, activity.opinions, draft.opinions, child(Opinion), fill_opinion)
    _sync(session, activity.follow_ups, draft.follow_ups, child(FollowUp), fill_follow_up)
    removed = _sync(
        session, activity.attachments, draft.attachments, child(Attachment), fill_attachment
    )
    dropped.extend(row.stored_name for row in removed)
    session.flush()
    _link_opinions(session, activity.id)
    _advance_topic(session, activity)
    session.flush()
    return activity.id


def _speaker_id(session: Session, speaker: str, member_id: int | None) -> int | None:
    """The member who spoke: the one picked while the name still is theirs, else the one
    member with exactly this name (a guest or a name two members share stays text only)."""
    name = "".join(speaker.split())
    if (
        member_id is not None
        and session.scalar(select(Member.name).where(Member.id == member_id)) == name
    ):
        return member_id
    same = session.scalars(select(Member.id).where(Member.name == name).limit(2)).all()
    return same[0] if len(same) == 1 else None


def _link_opinions(session: Session, activity_id: int) -> None:
    """A follow-up made from a 协商意见 keeps its link: one with none yet is linked to the
    opinion with the same text (what 由协商意见生成办理事项 copies); a link once made stays
    when either text is edited later, and goes when the opinion is deleted."""
    opinions: dict[str, int] = {}
    for opinion in session.scalars(select(Opinion).where(Opinion.activity_id == activity_id)):
        opinions.setdefault(opinion.content.strip(), opinion.id)
    for item in session.scalars(
        select(FollowUp).where(FollowUp.activity_id == activity_id, FollowUp.opinion_id.is_(None))
    ):
        item.opinion_id = opinions.get(item.content.strip())


def _advance_topic(session: Session, activity: Activity) -> None:
    """A consultation that has been held moves its topic to 已协商 (the 四单 loop's 协商解单)."""
    if (
        activity.topic_id is None
        or activity.activity_type not in CONSULTATION_TYPES
        or activity.status not in HELD_STATUSES
    ):
        return
    topic = session.get(Topic, activity.topic_id)
    if topic is not None:
        topics.mark_consulted(topic, activity.start_at.date(), activity.title)


def delete_activity(db: Database, activity_id: int) -> Changes:
    with db.write() as session:
        activity = session.get(Activity, activity_id)
        if activity is None:
            raise NotFoundError(f"找不到编号为 {activity_id} 的履职活动。")
        stored = [a.stored_name for a in activity.attachments]
        session.delete(activity)
    for name in stored:
        files.remove_stored(name)
    return SAVE_CHANGES
