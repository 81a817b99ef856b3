"""示例数据 → 正式使用: a database that was filled with demo data can be emptied again in one
step (backed up first), keeping the 界别 list, the checklist items and the settings."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import UserError
from app.models import (
    Activity,
    Attachment,
    Attendance,
    FollowUp,
    GuestAttendee,
    Member,
    Opinion,
    PointEntry,
    PointRule,
    PointRuleSet,
    PointSummary,
    PointSummaryYear,
    Reception,
    ReceptionMember,
    Room,
    RoomChecklistTick,
    RoomMember,
    Speech,
    Submission,
    SubmissionAuthor,
    Topic,
    TopicStatusChange,
)
from app.services import settings
from app.services.activities import attachments
from app.services.safety import backup

DEMO_FLAG = "demo.loaded"

# Children before parents, so every foreign key is satisfied at each step.
CLEAR_ORDER = (
    Attachment, FollowUp, Opinion, Speech, GuestAttendee, Attendance, Activity,
    TopicStatusChange, Topic, ReceptionMember, Reception, SubmissionAuthor, Submission,
    PointEntry, PointSummary, PointSummaryYear, PointRule, PointRuleSet, RoomChecklistTick,
    RoomMember, Room, Member,
)  # fmt: skip


def mark_loaded(session: Session) -> None:
    """Called inside the demo's own write transaction."""
    settings.set_value(session, DEMO_FLAG, True)


def has_demo_data(db: Database) -> bool:
    return settings.get(db, DEMO_FLAG) is True


def clear_demo(db: Database) -> int:
    """Delete every record of a demo database (after a backup); returns the members removed."""
    if not has_demo_data(db):
        raise UserError("当前数据库不是示例数据，不能清空。")
    backup.backup_before(db, "清空示例数据")
    with db.write() as session:
        stored = list(session.scalars(select(Attachment.stored_name)))
        members = session.scalar(select(func.count()).select_from(Member)) or 0
        for model in CLEAR_ORDER:
            session.execute(delete(model))
        settings.set_value(session, DEMO_FLAG, False)
    for name in stored:
        attachments.remove_stored(name)
    return members
