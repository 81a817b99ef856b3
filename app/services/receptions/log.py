"""接待来访: the reception log, and turning a visit into a topic in one step."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from app.db import Database
from app.errors import NotFoundError, UserError, ValidationError
from app.models import Reception, ReceptionMember, Topic
from app.models.vocab import RECEPTION_CATEGORIES, RECEPTION_HANDLINGS
from app.services.changes import Changes
from app.services.conflicts import check_version
from app.services.exchange.history import origin_label, sender_names
from app.services.receptions import reception_list
from app.services.receptions.reception_list import ReceptionRow
from app.services.topics import pool as topics
from app.services.topics.pool import TopicDraft

TO_TOPIC = "纳入议题库"
TITLE_LENGTH = 30


@dataclass
class ReceptionDraft:
    request: str = ""
    visit_on: date = field(default_factory=date.today)
    room_id: int | None = None
    resident_name: str = ""  # empty: anonymous
    resident_contact: str = ""
    category: str = ""
    handling: str = ""
    result: str = ""
    receiver_ids: list[int] = field(default_factory=list)
    id: int | None = None
    origin: str = ""  # 来自桃园镇: another unit's record, read-only here
    version: int | None = None  # as read (migration 0005)


def list_receptions(
    db: Database, year: int | None = None, room_id: int | None = None
) -> list[ReceptionRow]:
    """The whole 接待来访 log, newest first (the window reads it a page at a time)."""
    flt = reception_list.ReceptionFilter(year=year, room_id=room_id)
    total = reception_list.count_receptions(db, flt)
    return reception_list.page_receptions(db, flt, limit=max(total, 1))


def get_reception(db: Database, reception_id: int) -> ReceptionDraft:
    with db.read() as session:
        r = session.get(Reception, reception_id)
        if r is None:
            raise NotFoundError(f"找不到编号为 {reception_id} 的接待记录。")
        draft = ReceptionDraft(
            r.request,
            r.visit_on,
            r.room_id,
            r.resident_name or "",
            r.resident_contact or "",
            r.category or "",
            r.handling or "",
            r.result or "",
            [m.member_id for m in sorted(r.receivers, key=lambda m: m.id)],
            r.id,
            origin_label(sender_names(session), r.origin_id),
        )
        draft.version = r.version  # as read: a stale save is refused
        return draft


def _validate(draft: ReceptionDraft) -> None:
    if not draft.request.strip():
        raise ValidationError("请填写来访诉求。", "request")
    if draft.category and draft.category not in RECEPTION_CATEGORIES:
        raise ValidationError(f"类别“{draft.category}”不在可选范围内。", "category")
    if draft.handling and draft.handling not in RECEPTION_HANDLINGS:
        raise ValidationError(f"处理方式“{draft.handling}”不在可选范围内。", "handling")


def save_reception(db: Database, draft: ReceptionDraft) -> int:
    _validate(draft)
    with db.write() as session:
        r: Reception | None
        if draft.id is None:
            r = Reception(request="", visit_on=draft.visit_on)
            session.add(r)
        else:
            r = session.get(Reception, draft.id)
            if r is None:
                raise NotFoundError("该接待记录已被删除，无法保存。")
            check_version(session, r, draft.version)
        r.visit_on = draft.visit_on
        r.room_id = draft.room_id
        r.resident_name = draft.resident_name.strip() or None
        r.resident_contact = draft.resident_contact.strip() or None
        r.request = draft.request.strip()
        r.category = draft.category or None
        r.handling = draft.handling or None
        r.result = draft.result.strip() or None
        wanted = list(dict.fromkeys(draft.receiver_ids))
        for link in list(r.receivers):
            if link.member_id not in wanted:
                r.receivers.remove(link)
        have = {link.member_id for link in r.receivers}
        for member_id in wanted:
            if member_id not in have:
                r.receivers.append(ReceptionMember(member_id=member_id))
        session.flush()
        return r.id


def delete_reception(db: Database, reception_id: int) -> Changes:
    with db.write() as session:
        r = session.get(Reception, reception_id)
        if r is None:
            raise NotFoundError(f"找不到编号为 {reception_id} 的接待记录。")
        session.delete(r)
    return Changes(receptions=True)


_SENTENCE_END = re.compile(r"[。！？!?；;]")
_PHRASE_END = re.compile(r"[，,、：:]")
_TRAILING = "，,、：:。！？!?；; "
SHORTEST_PHRASE = 6  # a shorter first phrase (“关于”, “反映：”) is no title


def topic_title_from(request: str) -> str:
    """The title a 诉求 suggests: its first sentence, or when that is longer than
    TITLE_LENGTH, its first phrases up to a comma within it; cut mid-phrase only when no
    phrase is short enough. No “…”: the clerk sees and edits it before it is stored."""
    text = " ".join(request.split())
    first = next((s for s in _SENTENCE_END.split(text) if s.strip(_TRAILING)), text)
    first = first.strip(_TRAILING)
    if len(first) <= TITLE_LENGTH:
        return first
    head = first[: TITLE_LENGTH + 1]
    cuts = [m.start() for m in _PHRASE_END.finditer(head) if m.start() >= SHORTEST_PHRASE]
    return (head[: cuts[-1]] if cuts else first[:TITLE_LENGTH]).strip(_TRAILING)


def make_topic(db: Database, reception_id: int, title: str = "", today: date | None = None) -> int:
    """Turn a visit into a 议题 (群众出题, 待筛选) linked to it, and mark the visit 纳入议题库 —
    one transaction. Returns the new topic id."""
    today = today or date.today()
    with db.write() as session:
        r = session.get(Reception, reception_id)
        if r is None:
            raise NotFoundError(f"找不到编号为 {reception_id} 的接待记录。")
        existing = session.scalar(select(Topic.id).where(Topic.reception_id == r.id))
        if existing is not None:
            raise UserError(f"这条来访已转为议题（编号 {existing}），不必重复转入。")
        draft = TopicDraft(
            title=title.strip() or topic_title_from(r.request),
            description=r.request,
            source="群众出题",
            raised_by=r.resident_name or "群众（匿名）",
            raised_on=r.visit_on,
            room_id=r.room_id,
            reception_id=r.id,
        )
        topic_id = topics.write_topic(session, draft, today)
        r.handling = TO_TOPIC
        return topic_id
