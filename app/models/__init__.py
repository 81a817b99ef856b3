"""SQLAlchemy models. No Qt here.

The model modules are loaded when first named (``from app.models import Room`` loads only
app.models.rooms and what it refers to), so that a command listing rooms does not build the
classes of every table (tests/cli/test_startup_imports.py). ``Base`` from this package is the
whole schema: asking for it loads every model, so its metadata and registry are complete.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from app.models.points import (
        PointEntry,
        PointRule,
        PointRuleSet,
        PointSummary,
        PointSummaryYear,
    )
    from app.models.receptions import Reception, ReceptionMember
    from app.models.rooms import ChecklistItem, Room, RoomChecklistTick, RoomMember
    from app.models.submissions import Submission, SubmissionAuthor
    from app.models.system import AuditLog, Setting
    from app.models.topics import Topic, TopicStatusChange

# name → the module that defines it
_MODULES = {
    "activities": (
        "Activity",
        "Attachment",
        "Attendance",
        "FollowUp",
        "GuestAttendee",
        "Opinion",
        "Speech",
    ),
    "base": ("Entity", "Owned"),
    "exchange": ("MemberLink", "PackageImport"),
    "people": ("Member", "Sector"),
    "points": ("PointEntry", "PointRule", "PointRuleSet", "PointSummary", "PointSummaryYear"),
    "receptions": ("Reception", "ReceptionMember"),
    "rooms": ("ChecklistItem", "Room", "RoomChecklistTick", "RoomMember"),
    "submissions": ("Submission", "SubmissionAuthor"),
    "system": ("AuditLog", "Setting"),
    "topics": ("Topic", "TopicStatusChange"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [  # the names above and Base (tests/models/test_lazy_models.py keeps them equal)
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


def load_all() -> None:
    """Load every model (Base's metadata then holds every table)."""
    for module in _MODULES:
        import_module(f"app.models.{module}")


def __getattr__(name: str) -> Any:
    if name == "Base":
        load_all()
        from app.models.base import Base

        globals()["Base"] = Base
        return Base
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"app.models.{module}"), name)
    globals()[name] = value
    return value
