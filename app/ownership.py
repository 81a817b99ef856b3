"""Rows another unit owns are read-only here: a township's records at the county (来自桃园镇),
the county's roster and rules at a township. Only a newer package from the owner changes them.

``before_flush`` (every session of app.db.Database runs it): an edit or deletion of a row with a
foreign ``origin_id``, or a new part (attendance, 发言, 驻室委员 …) added to such a row, is
refused whole with the owner's name. Package imports write with Core statements, which this ORM
check does not see.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.models import (
    Activity,
    Attachment,
    Attendance,
    FollowUp,
    GuestAttendee,
    Opinion,
    Owned,
    PackageImport,
    PointRuleSet,
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

# part → (the column naming its owner row, the owner's model); app.record_history uses it too
PARTS: dict[type, tuple[str, type]] = {
    Attendance: ("activity_id", Activity),
    GuestAttendee: ("activity_id", Activity),
    Speech: ("activity_id", Activity),
    Opinion: ("activity_id", Activity),
    FollowUp: ("activity_id", Activity),
    Attachment: ("activity_id", Activity),
    RoomMember: ("room_id", Room),
    RoomChecklistTick: ("room_id", Room),
    TopicStatusChange: ("topic_id", Topic),
    ReceptionMember: ("reception_id", Reception),
    SubmissionAuthor: ("submission_id", Submission),
}
# 年度考核定稿 of a year whose rules came from the county is the township's own step.
_LOCAL_FIELDS: dict[type, set[str]] = {PointRuleSet: {"locked", "locked_at", "updated_at", "rules"}}


class ForeignRowError(UserError):
    def __init__(self, unit: str) -> None:
        super().__init__(f"这条记录来自{unit}，只能由{unit}修改，本单位只能查看。")
        self.unit = unit


def unit_name(session: Session, origin_id: str) -> str:
    with session.no_autoflush:
        name = session.scalar(
            select(PackageImport.sender_name)
            .where(PackageImport.sender_id == origin_id)
            .order_by(PackageImport.id.desc())
            .limit(1)
        )
    return name or "其他单位"


def _stored_origin(obj: Owned) -> str | None:
    history = inspect(obj).attrs["origin_id"].history
    values = [*history.unchanged, *history.deleted] or [obj.origin_id]
    return next((v for v in values if v is not None), None)


def _owner_origin(session: Session, obj: Any) -> str | None:
    column, model = PARTS[type(obj)]
    parent = getattr(obj, column.removesuffix("_id"), None)
    if parent is None:
        parent_id = getattr(obj, column)
        parent = session.get(model, parent_id) if parent_id is not None else None
    return parent.origin_id if parent is not None else None


def before_flush(session: Session, _context: object, _instances: object) -> None:
    with session.no_autoflush:
        for obj in (*session.dirty, *session.deleted):
            if not isinstance(obj, Owned):
                continue
            origin = _stored_origin(obj)
            if origin is None:
                continue
            if obj in session.dirty:
                state = inspect(obj)
                changed = {a.key for a in state.attrs if a.history.has_changes()}
                local = _LOCAL_FIELDS.get(type(obj), {"updated_at"})
                if not session.is_modified(obj, include_collections=False) or changed <= local:
                    continue
            raise ForeignRowError(unit_name(session, origin))
        for obj in session.new:
            if type(obj) in PARTS and getattr(obj, "origin_id", None) is None:
                origin = _owner_origin(session, obj)
                if origin is not None:
                    raise ForeignRowError(unit_name(session, origin))
