from datetime import date, datetime

import pytest

from app.errors import ValidationError
from app.services.activities import activity_list, attachments
from app.services.activities import editing as activities
from app.services.activities.activity_list import ActivityFilter
from app.services.activities.records import (
    ActivityDraft,
    AttachmentLine,
    FollowUpLine,
    GuestLine,
    OpinionLine,
    SpeechLine,
)
from tests.services.activity_fixtures import make_room


def test_room_members_are_filled_in_and_marks_are_kept(db):
    room_id, (a, b, c) = make_room(db, "青石村委员联络室", ["张明", "李华", "王芳"])
    draft = ActivityDraft(title="停车难协商", room_id=room_id, start_at=datetime(2025, 3, 5, 9))
    activity_id = activities.save_activity(db, draft)
    stored = activities.get_activity(db, activity_id)
    assert [(x.member_name, x.status) for x in stored.attendances] == [
        ("张明", "出席"),
        ("李华", "出席"),
        ("王芳", "出席"),
    ]
    stored.attendances[1].status = "请假"
    stored.attendances[1].leave_reason = "外出开会"
    stored.attendances[2].status = "缺席"
    activities.save_activity(db, stored)
    again = activities.get_activity(db, activity_id)
    assert [(x.status, x.leave_reason) for x in again.attendances] == [
        ("出席", ""),
        ("请假", "外出开会"),
        ("缺席", ""),
    ]


def test_leave_needs_a_reason(db):
    room_id, _ = make_room(db, "一室", ["甲"])
    draft = ActivityDraft(title="会", room_id=room_id)
    activity_id = activities.save_activity(db, draft)
    stored = activities.get_activity(db, activity_id)
    stored.attendances[0].status = "请假"
    with pytest.raises(ValidationError, match="请假事由"):
        activities.save_activity(db, stored)


def test_children_keep_order_and_ids(db):
    draft = ActivityDraft(
        title="议事会",
        guests=[GuestLine("赵局长", "县住建局")],
        speeches=[SpeechLine("张明", "先说"), SpeechLine("李华", "后说")],
        opinions=[OpinionLine("一条"), OpinionLine("二条")],
        follow_ups=[FollowUpLine("修路", "交通局", date(2025, 3, 6), date(2025, 4, 6), "办理中")],
    )
    activity_id = activities.save_activity(db, draft)
    stored = activities.get_activity(db, activity_id)
    stored.speeches.reverse()
    follow_up_id = stored.follow_ups[0].id
    activities.save_activity(db, stored)
    again = activities.get_activity(db, activity_id)
    assert [s.speaker for s in again.speeches] == ["李华", "张明"]
    assert again.follow_ups[0].id == follow_up_id
    assert again.guests[0].unit == "县住建局"


def test_attachment_copied_with_safe_unique_name_and_removed(db, tmp_path):
    photo = tmp_path / "a:b?现场 照片.JPG".replace(":", "_").replace("?", "_")
    photo.write_bytes(b"\xff\xd8 fake jpeg")
    draft = ActivityDraft(
        title="调研",
        attachments=[AttachmentLine(photo.name, kind="照片", source_path=str(photo))],
        start_at=datetime(2025, 5, 1, 9),
    )
    activity_id = activities.save_activity(db, draft)
    stored = activities.get_activity(db, activity_id)
    line = stored.attachments[0]
    assert line.original_name == photo.name
    assert line.stored_name.endswith(".jpg") and " " not in line.stored_name
    assert attachments.stored_path(line.stored_name).read_bytes() == photo.read_bytes()
    second = activities.save_activity(
        db,
        ActivityDraft(
            title="再来", attachments=[AttachmentLine(photo.name, source_path=str(photo))]
        ),
    )
    other = activities.get_activity(db, second).attachments[0]
    assert other.stored_name != line.stored_name
    stored.attachments = []
    activities.save_activity(db, stored)
    assert not attachments.stored_path(line.stored_name).exists()


def test_failed_save_leaves_no_copied_file(db, tmp_path, app_home):
    photo = tmp_path / "p.png"
    photo.write_bytes(b"png")
    draft = ActivityDraft(
        title="会",
        room_id=9999,
        attachments=[AttachmentLine("p.png", source_path=str(photo))],
    )
    with pytest.raises(ValidationError):
        activities.save_activity(db, draft)
    assert list(attachments.stored_path("x").parent.iterdir()) == []


def test_list_filters_count_and_pages(db):
    room_a, _ = make_room(db, "甲室", [])
    room_b, _ = make_room(db, "乙室", [])
    for i in range(25):
        activities.save_activity(
            db,
            ActivityDraft(
                title=f"活动{i}",
                activity_type="协商议事会" if i % 2 else "调研视察",
                room_id=room_a if i < 20 else room_b,
                start_at=datetime(2025, 1 + i % 12, 3, 9),
                status="已召开",
            ),
        )
    assert activity_list.count_activities(db) == 25
    assert activity_list.count_activities(db, ActivityFilter(room_id=room_b)) == 5
    flt = ActivityFilter(activity_type="协商议事会", year=2025, month=2)
    rows = activity_list.page_activities(db, flt)
    assert {r.title for r in rows} == {"活动1", "活动13"}
    first = activity_list.page_activities(db, offset=0, limit=10)
    second = activity_list.page_activities(db, offset=10, limit=10)
    third = activity_list.page_activities(db, offset=20, limit=10)
    ids = [r.id for r in first + second + third]
    assert len(ids) == len(set(ids)) == 25
    dates = [r.start_at for r in first + second + third]
    assert dates == sorted(dates, reverse=True)
    assert activity_list.count_activities(db, ActivityFilter(text="活动2")) == 6
    assert activity_list.activity_years(db) == [2025]


def test_changing_the_room_adds_its_members_and_keeps_marks(db):
    room_a, (a1, a2) = make_room(db, "甲室", ["张明", "李华"])
    room_b, (b1,) = make_room(db, "乙室", ["王芳"])
    activity_id = activities.save_activity(db, ActivityDraft(title="会", room_id=room_a))
    stored = activities.get_activity(db, activity_id)
    stored.attendances[0].status = "缺席"
    stored.room_id = room_b
    activities.save_activity(db, stored)
    again = activities.get_activity(db, activity_id)
    assert [(x.member_name, x.status) for x in again.attendances] == [
        ("张明", "缺席"),
        ("李华", "出席"),
        ("王芳", "出席"),
    ]
    again.attendances = again.attendances[2:]  # the clerk removes the first room's members
    activities.save_activity(db, again)
    assert [x.member_id for x in activities.get_activity(db, activity_id).attendances] == [b1]
