"""What travels in a data package (数据包), kind by kind, and how references are written.

A row travels by its UUID, with its owner (``origin``) and its own columns; a reference to
another row is written as that row's UUID, or as its natural key for the lists every database
starts with (界别 by name, 检查项 by code, 积分规则表 by year), whose UUIDs differ per database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import Column, Table

from app.models import (
    Activity,
    Attachment,
    Attendance,
    ChecklistItem,
    FollowUp,
    GuestAttendee,
    Member,
    Opinion,
    Owned,
    PointRule,
    PointRuleSet,
    Reception,
    ReceptionMember,
    Room,
    RoomChecklistTick,
    RoomMember,
    Sector,
    Speech,
    Submission,
    SubmissionAuthor,
    Topic,
    TopicStatusChange,
)

UP = "up"  # 上报: township → county
DOWN = "down"  # 下发: county → township
DIRECTIONS = {UP: "上报", DOWN: "下发"}
_SKIPPED = {"id", "uuid", "created_at", "updated_at", "origin_id"}


@dataclass(frozen=True)
class Kind:
    name: str  # the table name, also the package part data/<name>.json
    label: str  # shown in the preview
    model: type[Owned]
    refs: dict[str, str] = field(default_factory=dict)  # column → kind it points at
    natural_key: str | None = None  # matched on this column instead of the UUID
    title: str = "name"  # the column that names a row in the preview
    parent: str | None = None  # the column pointing at the row this one belongs to

    @property
    def table(self) -> Table:
        return self.model.__table__

    @cached_property
    def columns(self) -> list[Column]:
        return [c for c in self.table.columns if c.name not in _SKIPPED]


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("sector", "界别", Sector, natural_key="name"),
        Kind("checklist_item", "检查项", ChecklistItem, natural_key="code"),
        Kind("member", "委员", Member, {"sector_id": "sector"}),
        Kind("point_rule_set", "积分规则表", PointRuleSet, natural_key="year"),
        Kind(
            "point_rule", "积分规则", PointRule, {"rule_set_id": "point_rule_set"},
            parent="rule_set_id",
        ),
        Kind(
            "room", "联络室", Room,
            {"first_convenor_member_id": "member", "second_convenor_member_id": "member"},
        ),
        Kind(
            "room_member", "驻室委员", RoomMember, {"room_id": "room", "member_id": "member"},
            title="member_id", parent="room_id",
        ),
        Kind(
            "room_checklist_tick", "联络室检查项", RoomChecklistTick,
            {"room_id": "room", "item_id": "checklist_item"}, title="item_id", parent="room_id",
        ),
        Kind(
            "reception", "接待来访", Reception, {"room_id": "room"}, title="request",
        ),
        Kind(
            "reception_member", "接待委员", ReceptionMember,
            {"reception_id": "reception", "member_id": "member"}, title="member_id",
            parent="reception_id",
        ),
        Kind(
            "topic", "议题", Topic,
            {
                "raised_by_member_id": "member",
                "taken_by_member_id": "member",
                "room_id": "room",
                "reception_id": "reception",
            },
            title="title",
        ),
        Kind(
            "topic_status_change", "议题状态记录", TopicStatusChange, {"topic_id": "topic"},
            title="to_status", parent="topic_id",
        ),
        Kind("activity", "履职活动", Activity, {"room_id": "room", "topic_id": "topic"}, title="title"),
        Kind(
            "attendance", "出席记录", Attendance, {"activity_id": "activity", "member_id": "member"},
            title="member_id", parent="activity_id",
        ),
        Kind(
            "guest_attendee", "列席人员", GuestAttendee, {"activity_id": "activity"},
            parent="activity_id",
        ),
        Kind(
            "speech", "发言记录", Speech, {"activity_id": "activity", "member_id": "member"},
            title="speaker", parent="activity_id",
        ),
        Kind(
            "opinion", "协商意见", Opinion, {"activity_id": "activity"}, title="content",
            parent="activity_id",
        ),
        Kind(
            "follow_up", "成果办理", FollowUp, {"activity_id": "activity", "opinion_id": "opinion"},
            title="content", parent="activity_id",
        ),
        Kind(
            "attachment", "附件", Attachment, {"activity_id": "activity"},
            title="original_name", parent="activity_id",
        ),
        Kind(
            "submission", "履职成果", Submission,
            {"activity_id": "activity", "converted_from_id": "submission"}, title="title",
        ),
        Kind(
            "submission_author", "成果作者", SubmissionAuthor,
            {"submission_id": "submission", "member_id": "member"}, title="member_id",
            parent="submission_id",
        ),
    )
}  # fmt: skip

# In dependency order: what a row points at comes before it.
UP_KINDS = (
    "sector",
    "checklist_item",
    "member",
    "room",
    "room_member",
    "room_checklist_tick",
    "reception",
    "reception_member",
    "topic",
    "topic_status_change",
    "activity",
    "attendance",
    "guest_attendee",
    "speech",
    "opinion",
    "follow_up",
    "attachment",
    "submission",
    "submission_author",
)
DOWN_KINDS = ("sector", "member", "point_rule_set", "point_rule")


def kinds_for(direction: str) -> tuple[str, ...]:
    return UP_KINDS if direction == UP else DOWN_KINDS


def sent_whole(kind: str, direction: str) -> bool:
    """Kinds sent whoever owns the rows: the shared lists, and a township's roster as it keeps
    it (county members included, so that its records can name them). Else: own rows only."""
    return kind in ("sector", "checklist_item") or (kind == "member" and direction == UP)
