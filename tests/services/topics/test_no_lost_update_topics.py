"""议题 and 接待来访: a save made from what was read before another clerk's save is refused,
naming what changed; the other clerk's change stays (as for 履职活动)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.errors import StaleRecordError
from app.models import Reception, Topic
from app.services.receptions import log as receptions
from app.services.topics import pool as topics


def test_a_stale_topic_save_is_refused(db):
    topic_id = topics.save_topic(
        db, topics.TopicDraft(title="村道路灯不亮"), today=date(2025, 3, 1)
    )
    first, second = topics.get_topic(db, topic_id), topics.get_topic(db, topic_id)
    topics.save_topic(db, replace(first, title="村道路灯长期不亮"))
    with pytest.raises(StaleRecordError, match="这条议题在您打开之后已被.*修改.*改动了：名称"):
        topics.save_topic(db, replace(second, description="已有三个月"))
    with db.read() as session:
        stored = session.get(Topic, topic_id)
        assert (stored.title, stored.description, stored.version) == ("村道路灯长期不亮", None, 2)


def test_a_stale_reception_save_is_refused(db):
    draft = receptions.ReceptionDraft(request="孩子上学路远", visit_on=date(2025, 4, 2))
    reception_id = receptions.save_reception(db, draft)
    first = receptions.get_reception(db, reception_id)
    second = receptions.get_reception(db, reception_id)
    receptions.save_reception(db, replace(first, request="孩子上学路远，希望开通校车"))
    with pytest.raises(StaleRecordError, match="这条接待来访记录在您打开之后已被.*修改.*诉求"):
        receptions.save_reception(db, replace(second, result="已转交教育局"))
    with db.read() as session:
        stored = session.get(Reception, reception_id)
        assert (stored.request, stored.result) == ("孩子上学路远，希望开通校车", None)
