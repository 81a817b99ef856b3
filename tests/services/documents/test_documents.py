"""Reading activities for the filed documents: plain data, Chinese errors for unknown ids."""

from datetime import date

import pytest

from app.errors import NotFoundError, ValidationError
from app.services.documents import meeting_papers as documents
from tests.exports.meeting_records import make_meeting


def test_minutes_data_is_plain_and_complete(db):
    meeting = make_meeting(db)
    data = documents.load_minutes(db, meeting.activity_id)
    assert data.room_name == "和平村委员联络室" and data.topic_title == "老旧小区加装电梯"
    assert data.present == ["张建国", "李秀英", "刘芳", "杨丽华"]
    assert data.on_leave == [documents.Person("王志强", "外出学习")]
    assert data.absent == ["陈明"]
    assert [g.name for g in data.guests] == ["赵刚", "孙梅"]
    assert [s.speaker for s in data.speeches] == ["张建国委员", "李秀英委员", "王志强委员"]
    assert len(data.opinions) == 3 and data.follow_ups[0].handling_unit == "县住建局"


def test_unknown_ids_are_reported_in_chinese(db):
    with pytest.raises(NotFoundError, match="找不到编号为 999 的履职活动"):
        documents.load_minutes(db, 999)
    with pytest.raises(NotFoundError, match="履职活动"):
        documents.load_signin(db, 999)
    with pytest.raises(NotFoundError, match="找不到编号为 77 的联络室"):
        documents.load_ledger(db, 2026, 77)
    with pytest.raises(ValidationError, match="年度"):
        documents.load_ledger(db, 26)


def test_follow_up_status_text_counts_overdue():
    text = documents.follow_up_status_text(
        [("办理中", date(2026, 1, 1)), ("已办结", date(2026, 1, 1)), ("办理中", None)],
        today=date(2026, 6, 1),
    )
    assert text == "共3项：办理中2项、已办结1项（逾期1项）"
    assert documents.follow_up_status_text([], today=date(2026, 6, 1)) == ""


def test_font_settings_saved_in_one_action(db):
    documents.save_font_settings(db, {"fonts.body": " 仿宋 ", "fonts.title": "宋体"})
    values = documents.font_settings(db)
    assert values["fonts.body"] == "仿宋" and values["fonts.title"] == "宋体"
    assert values["fonts.heading1"] == "黑体"  # default kept
    with pytest.raises(ValidationError, match="不能为空"):
        documents.save_font_settings(db, {"fonts.body": "  "})
    assert documents.font_settings(db)["fonts.body"] == "仿宋"


def test_pick_lists(db):
    meeting = make_meeting(db)
    assert documents.list_rooms(db) == [(meeting.room_id, "和平村委员联络室")]
    labels = documents.list_activities(db, 2026)
    assert [aid for aid, _ in labels] == [meeting.empty_activity_id, meeting.activity_id]
    assert labels[1][1] == "2026-03-05 协商议事会 关于老旧小区加装电梯的协商议事会"
    assert documents.list_activities(db, 2025) == []
