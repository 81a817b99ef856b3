from datetime import date, datetime

import pytest

from app.errors import UserError, ValidationError
from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.services.receptions import log as receptions
from app.services.receptions.log import ReceptionDraft
from app.services.topics import pool as topics
from app.services.topics.pool import TopicDraft
from tests.services.activity_fixtures import make_room


def test_status_changes_keep_their_dates_and_reason(db):
    topic_id = topics.save_topic(
        db, TopicDraft("老旧小区加装电梯", source="委员荐题"), today=date(2025, 1, 2)
    )
    topics.change_status(db, topic_id, "报党委审核", on=date(2025, 1, 10))
    with pytest.raises(ValidationError, match="理由"):
        topics.change_status(db, topic_id, "不予立项", on=date(2025, 1, 20))
    topics.change_status(db, topic_id, "不予立项", on=date(2025, 1, 20), note="超出镇级事权")
    trail = topics.topic_trail(db, topic_id)
    assert [(c.changed_on, c.from_status, c.to_status) for c in trail.changes] == [
        (date(2025, 1, 2), "", "待筛选"),
        (date(2025, 1, 10), "待筛选", "报党委审核"),
        (date(2025, 1, 20), "报党委审核", "不予立项"),
    ]
    assert trail.rejection_reason == "超出镇级事权"
    assert topics.list_topics(db, status="不予立项")[0].id == topic_id


def test_four_step_trail(db):
    room_id, (member_id,) = make_room(db, "甲室", ["张明"])
    reception_id = receptions.save_reception(
        db,
        ReceptionDraft(
            "小区门口积水严重，雨天无法出行",
            date(2025, 4, 1),
            room_id,
            "刘大爷",
            receiver_ids=[member_id],
        ),
    )
    topic_id = receptions.make_topic(db, reception_id, today=date(2025, 4, 2))
    draft = topics.get_topic(db, topic_id)
    draft.taken_by_member_id = member_id
    topics.save_topic(db, draft)
    activities.save_activity(
        db,
        ActivityDraft(
            title="积水治理协商会",
            topic_id=topic_id,
            room_id=room_id,
            start_at=datetime(2025, 4, 20, 9),
            follow_ups=[
                FollowUpLine("疏通管网", "水务站", due_on=date(2025, 5, 1), status="办理中")
            ],
        ),
    )
    trail = topics.topic_trail(db, topic_id, today=date(2025, 6, 1))
    assert trail.raised == "群众出题：刘大爷，2025-04-01"
    assert "小区门口积水" in trail.reception_summary
    assert trail.taken_by == "张明"
    assert [a.title for a in trail.activities] == ["积水治理协商会"]
    assert trail.follow_ups[0].overdue
    row = topics.list_topics(db)[0]
    assert (row.taken_by, row.activity_count, row.room_name) == ("张明", 1, "甲室")


def test_visit_becomes_topic_once(db):
    reception_id = receptions.save_reception(db, ReceptionDraft("路灯不亮", date(2025, 4, 1)))
    topic_id = receptions.make_topic(db, reception_id, today=date(2025, 4, 3))
    topic = topics.get_topic(db, topic_id)
    assert (topic.title, topic.source, topic.raised_by, topic.reception_id) == (
        "路灯不亮",
        "群众出题",
        "群众（匿名）",
        reception_id,
    )
    row = receptions.list_receptions(db)[0]
    assert (row.handling, row.topic_id, row.resident) == ("纳入议题库", topic_id, "（匿名）")
    with pytest.raises(UserError, match="已转为议题"):
        receptions.make_topic(db, reception_id)


def test_reception_receivers_round_trip(db):
    _room, (a, b) = make_room(db, "甲室", ["张明", "李华"])
    rid = receptions.save_reception(db, ReceptionDraft("诉求", receiver_ids=[a, b]))
    draft = receptions.get_reception(db, rid)
    draft.receiver_ids = [b]
    receptions.save_reception(db, draft)
    assert receptions.list_receptions(db)[0].receivers == "李华"
    with pytest.raises(ValidationError):
        receptions.save_reception(db, ReceptionDraft(""))


def test_holding_the_consultation_moves_its_topic_to_consulted(db):
    room_id, _ = make_room(db, "乙室", ["王芳"])
    topic_id = topics.save_topic(db, TopicDraft("村道硬化"), today=date(2025, 3, 1))
    topics.change_status(db, topic_id, "已立项", on=date(2025, 3, 5))
    draft = ActivityDraft(
        title="村道硬化协商会",
        topic_id=topic_id,
        room_id=room_id,
        start_at=datetime(2025, 3, 20, 9),
        status="筹备中",
    )
    activity_id = activities.save_activity(db, draft)
    assert topics.get_topic(db, topic_id).status == "已立项"  # planned, not held yet

    held = activities.get_activity(db, activity_id)
    held.status = "已召开"
    activities.save_activity(db, held)
    activities.save_activity(db, activities.get_activity(db, activity_id))  # saving again: no-op
    trail = topics.topic_trail(db, topic_id)
    assert [(c.changed_on, c.to_status) for c in trail.changes][-2:] == [
        (date(2025, 3, 5), "已立项"),
        (date(2025, 3, 20), "已协商"),
    ]
