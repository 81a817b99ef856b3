"""议题库: topics, their dated status trail, and the 四单 loop each topic goes through.

四单: 群众点单 (who raised it, from which visit) → 委员接单 (the member who took it) → 协商解单
(the activities held on it) → 跟进督单 (the follow-ups of those activities).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.models import Activity, FollowUp, Member, Reception, Room, Topic, TopicStatusChange
from app.models.vocab import TOPIC_SOURCES, TOPIC_STATUSES
from app.services.changes import Changes
from app.services.conflicts import check_version
from app.services.exchange.history import origin_label, sender_names
from app.services.follow_ups.board import is_overdue

REJECTED = "不予立项"


@dataclass
class TopicDraft:
    title: str = ""
    description: str = ""
    source: str = "群众出题"
    raised_by: str = ""
    raised_by_member_id: int | None = None
    raised_on: date = field(default_factory=date.today)
    taken_by_member_id: int | None = None
    room_id: int | None = None
    reception_id: int | None = None
    id: int | None = None
    status: str = "待筛选"  # read-only here: change it with change_status
    origin: str = ""  # 来自桃园镇: another unit's topic, read-only here
    version: int | None = None  # as read (migration 0005)


@dataclass(frozen=True)
class TopicRow:
    id: int
    raised_on: date
    title: str
    source: str
    raised_by: str
    status: str
    taken_by: str
    room_name: str
    activity_count: int
    origin: str = ""  # 来自桃园镇: another unit's topic (read-only here), empty for our own


@dataclass(frozen=True)
class StatusChangeRow:
    changed_on: date
    from_status: str
    to_status: str
    note: str


@dataclass(frozen=True)
class TrailActivity:
    id: int
    start_at: datetime
    title: str
    activity_type: str
    status: str


@dataclass(frozen=True)
class TrailFollowUp:
    content: str
    handling_unit: str
    due_on: date | None
    status: str
    overdue: bool


@dataclass(frozen=True)
class TopicTrail:
    """The 四单 loop of one topic, plus its status history."""

    title: str
    status: str
    rejection_reason: str
    raised: str  # 群众点单: source, who, when
    reception_summary: str
    taken_by: str  # 委员接单, empty when nobody took it yet
    activities: list[TrailActivity]
    follow_ups: list[TrailFollowUp]
    changes: list[StatusChangeRow]


def list_topics(
    db: Database, status: str | None = None, source: str | None = None, text: str = ""
) -> list[TopicRow]:
    counts = (
        select(Activity.topic_id, func.count(Activity.id).label("n"))
        .group_by(Activity.topic_id)
        .subquery()
    )
    stmt = (
        select(Topic, Member.name, Room.name, counts.c.n)
        .outerjoin(Member, Member.id == Topic.taken_by_member_id)
        .outerjoin(Room, Room.id == Topic.room_id)
        .outerjoin(counts, counts.c.topic_id == Topic.id)
        .order_by(Topic.raised_on.desc(), Topic.id.desc())
    )
    if status:
        stmt = stmt.where(Topic.status == status)
    if source:
        stmt = stmt.where(Topic.source == source)
    if text.strip():
        like = f"%{text.strip()}%"
        stmt = stmt.where(or_(Topic.title.like(like), Topic.description.like(like)))
    with db.read() as session:
        return [
            TopicRow(
                t.id,
                t.raised_on,
                t.title,
                t.source,
                t.raised_by or "",
                t.status,
                taken or "",
                room or "",
                n or 0,
            )
            for t, taken, room, n in session.execute(stmt)
        ]


def get_topic(db: Database, topic_id: int) -> TopicDraft:
    with db.read() as session:
        t = session.get(Topic, topic_id)
        if t is None:
            raise NotFoundError(f"找不到编号为 {topic_id} 的议题。")
        draft = TopicDraft(
            t.title,
            t.description or "",
            t.source,
            t.raised_by or "",
            t.raised_by_member_id,
            t.raised_on,
            t.taken_by_member_id,
            t.room_id,
            t.reception_id,
            t.id,
            t.status,
            origin_label(sender_names(session), t.origin_id),
        )
        draft.version = t.version  # as read: a stale save is refused
        return draft


def _validate(draft: TopicDraft) -> None:
    if not draft.title.strip():
        raise ValidationError("请填写议题名称。", "title")
    if draft.source not in TOPIC_SOURCES:
        raise ValidationError(f"来源“{draft.source}”不在可选范围内。", "source")


def save_topic(db: Database, draft: TopicDraft, today: date | None = None) -> int:
    """Create or update a topic. A new topic starts 待筛选, recorded in its trail."""
    with db.write() as session:
        return write_topic(session, draft, today or date.today())


def write_topic(session: Session, draft: TopicDraft, today: date) -> int:
    """Save ``draft`` inside the caller's transaction (see receptions.make_topic)."""
    _validate(draft)
    topic: Topic | None
    if draft.id is None:
        topic = Topic(status="待筛选")
        topic.status_changes.append(
            TopicStatusChange(
                from_status=None, to_status="待筛选", changed_on=today, note="录入议题库"
            )
        )
        session.add(topic)
    else:
        topic = session.get(Topic, draft.id)
        if topic is None:
            raise NotFoundError("该议题已被删除，无法保存。")
        check_version(session, topic, draft.version)
    topic.title = draft.title.strip()
    topic.description = draft.description.strip() or None
    topic.source = draft.source
    topic.raised_by = draft.raised_by.strip() or None
    topic.raised_by_member_id = draft.raised_by_member_id
    topic.raised_on = draft.raised_on
    topic.taken_by_member_id = draft.taken_by_member_id
    topic.room_id = draft.room_id
    topic.reception_id = draft.reception_id
    session.flush()
    return topic.id


def change_status(
    db: Database, topic_id: int, new_status: str, on: date | None = None, note: str = ""
) -> Changes:
    """Move a topic to ``new_status`` on date ``on``; 不予立项 needs the reason in ``note``."""
    if new_status not in TOPIC_STATUSES:
        raise ValidationError(f"状态“{new_status}”不在可选范围内。", "status")
    note = note.strip()
    if new_status == REJECTED and not note:
        raise ValidationError("不予立项须填写理由。", "note")
    with db.write() as session:
        topic = session.get(Topic, topic_id)
        if topic is None:
            raise NotFoundError(f"找不到编号为 {topic_id} 的议题。")
        if topic.status == new_status:
            raise ValidationError(f"议题已是“{new_status}”状态。", "status")
        apply_status(topic, new_status, on or date.today(), note)
    return Changes(topics=True)


def apply_status(topic: Topic, new_status: str, on: date, note: str = "") -> None:
    """Record the move in the topic's dated trail (inside the caller's transaction)."""
    topic.status_changes.append(
        TopicStatusChange(
            from_status=topic.status, to_status=new_status, changed_on=on, note=note or None
        )
    )
    topic.status = new_status
    topic.rejection_reason = note if new_status == REJECTED else None


# Before a consultation is held a topic can be in any of these; holding it moves it on.
NOT_YET_CONSULTED = ("待筛选", "报党委审核", "已立项")


def mark_consulted(topic: Topic, on: date, activity_title: str) -> bool:
    """协商解单: a consultation held on the topic moves it to 已协商 (dated); True if moved."""
    if topic.status not in NOT_YET_CONSULTED:
        return False
    apply_status(topic, "已协商", on, f"召开“{activity_title}”")
    return True


def delete_topic(db: Database, topic_id: int) -> Changes:
    """Delete a topic; activities on it keep their record and lose the link."""
    with db.write() as session:
        topic = session.get(Topic, topic_id)
        if topic is None:
            raise NotFoundError(f"找不到编号为 {topic_id} 的议题。")
        session.delete(topic)
    return Changes(topics=True, activities=True, receptions=True)


def topic_trail(db: Database, topic_id: int, today: date | None = None) -> TopicTrail:
    today = today or date.today()
    with db.read() as session:
        t = session.get(Topic, topic_id)
        if t is None:
            raise NotFoundError(f"找不到编号为 {topic_id} 的议题。")
        raiser = t.raised_by or ""
        if t.raised_by_member_id:
            raiser = raiser or (session.get_one(Member, t.raised_by_member_id).name + "（委员）")
        raised = f"{t.source}：{raiser or '（未记录提出人）'}，{t.raised_on:%Y-%m-%d}"
        reception = ""
        if t.reception_id:
            r = session.get(Reception, t.reception_id)
            if r is not None:
                reception = f"{r.visit_on:%Y-%m-%d} 接待来访：{r.request}"
        taker = session.get(Member, t.taken_by_member_id) if t.taken_by_member_id else None
        activities = session.scalars(
            select(Activity).where(Activity.topic_id == t.id).order_by(Activity.start_at)
        ).all()
        items = session.scalars(
            select(FollowUp)
            .where(FollowUp.activity_id.in_([a.id for a in activities]))
            .order_by(FollowUp.id)
        ).all()
        return TopicTrail(
            title=t.title,
            status=t.status,
            rejection_reason=t.rejection_reason or "",
            raised=raised,
            reception_summary=reception,
            taken_by=taker.name if taker else "",
            activities=[
                TrailActivity(a.id, a.start_at, a.title, a.activity_type, a.status)
                for a in activities
            ],
            follow_ups=[
                TrailFollowUp(
                    f.content,
                    f.handling_unit or "",
                    f.due_on,
                    f.status,
                    is_overdue(f.due_on, f.status, today),
                )
                for f in items
            ],
            changes=[
                StatusChangeRow(c.changed_on, c.from_status or "", c.to_status, c.note or "")
                for c in t.status_changes
            ],
        )
