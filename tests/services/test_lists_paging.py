"""议题库 and 接待来访 read a page at a time: each sort order equals a stable sort of the whole
list by what the page shows, text filters match any shown column, positions find unfetched rows."""

from datetime import date, datetime

import pytest

from app.models.vocab import TOPIC_STATUSES
from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft
from app.services.paging import ListOrder, like_pattern
from app.services.receptions import log as receptions
from app.services.receptions import reception_list
from app.services.receptions.log import ReceptionDraft
from app.services.topics import pool as topics
from app.services.topics import topic_list
from app.services.topics.pool import TopicDraft
from tests.services.activity_fixtures import make_room


@pytest.fixture
def records(db):
    room_a, (zhang, li) = make_room(db, "甲村委员联络室", ["张明", "李华"])
    room_b, (wang,) = make_room(db, "乙社区委员联络室", ["王芳"])
    sources = ("群众出题", "委员荐题", "网格征题")
    for i in range(24):
        draft = TopicDraft(
            f"议题{i % 7}号",
            source=sources[i % 3],
            raised_by="" if i % 4 == 0 else f"居民{i % 5}",
            raised_on=date(2020 + i % 5, 1 + i % 3, 1),  # many ties on the date
            taken_by_member_id=(None, zhang, li, wang)[i % 4],
            room_id=(room_a, room_b, None)[i % 3],
        )
        topic_id = topics.save_topic(db, draft)
        if i % 5 == 1:
            topics.change_status(db, topic_id, "报党委审核")
        if i % 5 == 2:
            topics.change_status(db, topic_id, "不予立项", note="用地不足_50%")
        for n in range(i % 3):
            activities.save_activity(
                db,
                ActivityDraft(
                    title=f"协商{i}-{n}", topic_id=topic_id, start_at=datetime(2025, 3, 1)
                ),
            )
    for i in range(21):
        rid = receptions.save_reception(
            db,
            ReceptionDraft(
                f"诉求{i % 6}",
                date(2021 + i % 4, 5, 1 + i % 2),
                (room_a, room_b, None)[i % 3],
                "" if i % 3 == 0 else f"群众{i % 4}",
                category=("城乡建设", "", "交通出行")[i % 3],
                result="" if i % 2 else "已答复",
                receiver_ids=([], [zhang], [li, wang], [wang, zhang])[i % 4],
            ),
        )
        if i % 4 == 1:
            receptions.make_topic(db, rid)
    return room_a


def _topic_shown(row):
    return (row.raised_on.isoformat(), row.title, row.source, row.raised_by, row.taken_by,
            row.room_name, str(row.activity_count), row.status,
            row.origin.removeprefix("来自"))  # fmt: skip


def _reception_shown(row):
    return (row.visit_on.isoformat(), row.room_name, row.receivers, row.resident, row.request,
            row.category, row.handling, row.result, "已转议题" if row.topic_id else "",
            row.origin.removeprefix("来自"))  # fmt: skip


def _topic_key(row, column):
    if column == 6:
        return row.activity_count
    if column == 7:
        return TOPIC_STATUSES.index(row.status)  # workflow order
    return _topic_shown(row)[column]


@pytest.mark.parametrize("descending", [False, True])
def test_topic_pages_in_every_column_order(db, records, descending):
    everything = topics.list_topics(db)
    assert topic_list.count_topics(db) == len(everything) == 29  # 24 + 5 from visits
    for column, key in enumerate(topic_list.SORT_KEYS):
        order = ListOrder(key, descending)
        expected = sorted(everything, key=lambda r: _topic_key(r, column), reverse=descending)
        pages = [
            topic_list.page_topics(db, order=order, offset=o, limit=5) for o in range(0, 30, 5)
        ]
        assert [r for page in pages for r in page] == expected, key
        last = expected[-1]
        assert topic_list.topic_position(db, topic_list.TopicFilter(), order, last.id) == 28


@pytest.mark.parametrize("descending", [False, True])
def test_reception_pages_in_every_column_order(db, records, descending):
    everything = receptions.list_receptions(db)
    assert reception_list.count_receptions(db) == len(everything) == 21
    for column, key in enumerate(reception_list.SORT_KEYS):
        order = ListOrder(key, descending)
        expected = sorted(everything, key=lambda r: _reception_shown(r)[column], reverse=descending)
        got = reception_list.page_receptions(db, order=order, offset=0, limit=8)
        got += reception_list.page_receptions(db, order=order, offset=8, limit=100)
        assert got == expected, key
        flt = reception_list.ReceptionFilter()
        assert reception_list.reception_position(db, flt, order, expected[13].id) == 13


def test_natural_order_is_newest_first(db, records):
    assert topic_list.page_topics(db, limit=100) == topics.list_topics(db)
    rows = reception_list.page_receptions(db, limit=100)
    assert len(rows) == reception_list.count_receptions(db) > 1
    assert [(r.visit_on, r.id) for r in rows] == sorted(
        ((r.visit_on, r.id) for r in rows), reverse=True
    )


@pytest.mark.parametrize(
    "text", ["张明", "2022-0", "乙社区", "匿名", "已转", "城乡", "已答复", "诉求3"]
)
def test_reception_text_filter_matches_any_shown_column(db, records, text):
    expected = [
        r for r in receptions.list_receptions(db) if any(text in v for v in _reception_shown(r))
    ]
    flt = reception_list.ReceptionFilter(text=text)
    assert expected and reception_list.page_receptions(db, flt, limit=100) == expected
    assert reception_list.count_receptions(db, flt) == len(expected)


@pytest.mark.parametrize(
    "text", ["李华", "2023-02", "乙社区", "网格", "居民3", "不予", "议题5", "2"]
)
def test_topic_text_filter_matches_any_shown_column(db, records, text):
    expected = [r for r in topics.list_topics(db) if any(text in v for v in _topic_shown(r))]
    flt = topic_list.TopicFilter(text=text)
    assert expected and topic_list.page_topics(db, flt, limit=100) == expected
    assert topic_list.count_topics(db, flt) == len(expected)


def test_filters_combine_and_hide_rows_from_positions(db, records):
    flt = topic_list.TopicFilter(status="不予立项", source="委员荐题", year=2022)
    rows = topic_list.page_topics(db, flt)
    assert rows and all(
        (r.status, r.source, r.raised_on.year) == ("不予立项", "委员荐题", 2022) for r in rows
    )
    other = next(r for r in topics.list_topics(db) if r.status != "不予立项")
    assert topic_list.topic_position(db, flt, ListOrder(), other.id) is None
    assert topic_list.topic_years(db) == [2024, 2023, 2022, 2021, 2020]

    log = reception_list.ReceptionFilter(year=2022, room_id=records)
    rows = reception_list.page_receptions(db, log)
    assert rows and all(r.visit_on.year == 2022 and r.room_name == "甲村委员联络室" for r in rows)
    assert reception_list.reception_years(db) == [2024, 2023, 2022, 2021]


def test_percent_and_underscore_are_matched_literally(db, records):
    assert like_pattern("50%_x\\") == "%50\\%\\_x\\\\%"
    # "用地不足_50%" is a rejection note, not shown in the list: nothing matches "_5" or "0%"
    assert topic_list.count_topics(db, topic_list.TopicFilter(text="0%")) == 0
    assert topic_list.count_topics(db, topic_list.TopicFilter(text="_")) == 0
    assert topic_list.count_topics(db, topic_list.TopicFilter(text="议题_号")) == 0


def _activity_key(row, key):
    return {
        "start_at": row.start_at,
        "type": row.activity_type,
        "title": row.title,
        "room": row.room_name,
        "place": row.place,
        "host": row.host,
        "present": row.present,
        "open_follow_ups": row.open_follow_ups,
        "status": row.status,
        "origin": row.origin.removeprefix("来自"),
    }[key]


@pytest.mark.parametrize("descending", [False, True])
def test_activity_pages_in_every_column_order(db, records, descending):
    """履职活动 sorts on every column too (it only listed newest first): 来源, 联络室, 出席 …"""
    from app.services.activities import activity_list
    from app.services.activities.records import AttendanceLine, FollowUpLine

    _room, (zhang, li) = make_room(db, "丙村委员联络室", ["赵强", "钱敏"])
    for i, (kind, place, host, status) in enumerate(
        [("调研视察", "村委会", "赵强", "已召开"), ("微协商", "", "钱敏", "筹备中")] * 3
    ):
        activities.save_activity(
            db,
            ActivityDraft(
                title=f"活动{i % 4}",
                activity_type=kind,
                start_at=datetime(2024, 1 + i, 1),
                room_id=(_room, None)[i % 2],
                place=place,
                host=host,
                status=status,
                attendances=[AttendanceLine(m) for m in (zhang, li)[: i % 3]],
                follow_ups=[FollowUpLine(f"建议{i}")] * (i % 2),
                fill_room_members=False,
            ),
        )
    everything = activity_list.page_activities(db, limit=1000)
    assert len(everything) == activity_list.count_activities(db) > 20
    for key in activity_list.SORT_KEYS:
        order = ListOrder(key, descending)
        expected = sorted(everything, key=lambda r: _activity_key(r, key), reverse=descending)
        got = activity_list.page_activities(db, offset=0, limit=7, order=order)
        got += activity_list.page_activities(db, offset=7, limit=1000, order=order)
        assert got == expected, key
