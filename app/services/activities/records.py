"""The plain-data shape of one 履职活动 as the editor edits it (no database code here).

The editor holds a whole ``ActivityDraft`` and hands it back on 保存: the service writes it in one
transaction, so a failed save leaves every typed line in the dialog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta


def next_morning() -> datetime:
    """A new activity is planned for tomorrow 09:00 until the clerk picks the real time."""
    tomorrow = date.today() + timedelta(days=1)
    return datetime(tomorrow.year, tomorrow.month, tomorrow.day, 9, 0)


@dataclass
class AttendanceLine:
    """出席 / 请假 (事由 required) / 缺席 of one member."""

    member_id: int
    member_name: str = ""
    sector: str = ""
    status: str = "出席"
    leave_reason: str = ""


@dataclass
class GuestLine:
    """列席人员: name and unit."""

    name: str
    unit: str = ""
    id: int | None = None


@dataclass
class SpeechLine:
    speaker: str
    summary: str = ""
    member_id: int | None = None
    id: int | None = None


@dataclass
class OpinionLine:
    content: str
    id: int | None = None


@dataclass
class FollowUpLine:
    """协商成果办理: one suggestion and how the department handled it."""

    content: str
    handling_unit: str = ""
    assigned_on: date | None = None
    due_on: date | None = None
    status: str = "待交办"
    result: str = ""
    feedback_on: date | None = None
    evaluation: str = ""
    id: int | None = None


@dataclass
class AttachmentLine:
    """A stored attachment, or (``source_path`` set, ``id`` None) a file still to be copied in."""

    original_name: str
    stored_name: str = ""
    kind: str = "照片"
    caption: str = ""
    size_bytes: int = 0
    source_path: str | None = None
    id: int | None = None


@dataclass
class ActivityDraft:
    activity_type: str = "协商议事会"
    title: str = ""
    start_at: datetime = field(default_factory=lambda: next_morning())
    end_at: datetime | None = None
    room_id: int | None = None
    topic_id: int | None = None
    place: str = ""
    form: str = "线下"
    venue_kind: str = "会场"
    host: str = ""
    recorder: str = ""
    status: str = "筹备中"
    plan: str = ""
    research: str = ""
    summary: str = ""
    results_reported_on: date | None = None
    attendances: list[AttendanceLine] = field(default_factory=list)
    guests: list[GuestLine] = field(default_factory=list)
    speeches: list[SpeechLine] = field(default_factory=list)
    opinions: list[OpinionLine] = field(default_factory=list)
    follow_ups: list[FollowUpLine] = field(default_factory=list)
    attachments: list[AttachmentLine] = field(default_factory=list)
    id: int | None = None
    version: int | None = None  # as read: a save after another clerk's is refused (0005)
    # the 成果办理 items' versions as read: the 督办 board edits them apart from the activity
    follow_up_versions: dict[int, int] = field(default_factory=dict)
    # The service adds the room's 驻室委员 when the room changes; the editor fills them in
    # visibly itself (and may remove some), so it turns this off.
    fill_room_members: bool = True
    origin: str = ""  # 来自桃园镇: another unit's record, shown read-only; empty for our own
