"""SQLAlchemy models. No Qt here."""

from app.models.activities import (
    Activity,
    Attachment,
    Attendance,
    FollowUp,
    GuestAttendee,
    Opinion,
    Speech,
)
from app.models.base import Base, Entity, Owned
from app.models.exchange import MemberLink, PackageImport
from app.models.people import Member, Sector
from app.models.points import PointEntry, PointRule, PointRuleSet, PointSummary, PointSummaryYear
from app.models.receptions import Reception, ReceptionMember
from app.models.rooms import ChecklistItem, Room, RoomChecklistTick, RoomMember
from app.models.submissions import Submission, SubmissionAuthor
from app.models.system import AuditLog, Setting
from app.models.topics import Topic, TopicStatusChange

__all__ = [
    "Activity",
    "Attachment",
    "Attendance",
    "AuditLog",
    "Base",
    "ChecklistItem",
    "Entity",
    "FollowUp",
    "GuestAttendee",
    "Member",
    "MemberLink",
    "Opinion",
    "Owned",
    "PackageImport",
    "PointEntry",
    "PointRule",
    "PointRuleSet",
    "PointSummary",
    "PointSummaryYear",
    "Reception",
    "ReceptionMember",
    "Room",
    "RoomChecklistTick",
    "RoomMember",
    "Sector",
    "Setting",
    "Speech",
    "Submission",
    "SubmissionAuthor",
    "Topic",
    "TopicStatusChange",
]
