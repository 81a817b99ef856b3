"""年度工作统计 and 季度汇总: every count equals an independent count of the stored rows (plain
SQL on the file), for the township demo and for one hand-made year; and equals what the pages'
own services and ``list`` show for the same year."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.errors import ValidationError
from app.models import Activity, Attendance, FollowUp, Reception, Room, Topic
from app.services import listing
from app.services.activities.activity_list import (
    CONSULTATION_FILTER as CONSULTATIONS,
)
from app.services.activities.activity_list import (
    HELD_FILTER as HELD,
)
from app.services.activities.activity_list import (
    ActivityFilter,
    count_activities,
)
from app.services.demo import generate as demo
from app.services.follow_ups.board import BoardFilter, board
from app.services.points import engine
from app.services.points.ranking import get_ranking
from app.services.points.rooms import room_ranking
from app.services.rooms.registry import list_rooms
from app.services.statistics.report import quarter_report, year_report
from app.services.topics.topic_list import TopicFilter, count_topics
from tests.services import points_builders as pb
from tests.services.statistics.oracle import Oracle

TODAY = date(2026, 6, 30)


def assert_period_matches(stats, oracle: Oracle, today: date) -> None:
    by_type = oracle.activities_by_type()
    assert {t: n for t, n in stats.activities_by_type if n} == by_type
    by_month = oracle.activities_by_month()
    assert {m: n for m, n in stats.activities_by_month if n} == by_month
    assert stats.planned == oracle.planned()
    rooms = oracle.rooms()
    assert {r.name for r in stats.rooms} == set(rooms)
    for r in stats.rooms:
        consultations, days, rate = rooms[r.name]
        assert (r.consultations, r.reception_days) == (consultations, days), r.name
        assert (
            r.attendance_rate == pytest.approx(rate)
            if rate is not None
            else r.attendance_rate is None
        )
    assert stats.receptions == oracle.receptions()
    assert {s: n for s, n in stats.topics_by_source if n} == oracle.topics("source")
    assert {s: n for s, n in stats.topics_by_status if n} == oracle.topics("status")
    f, expected = stats.follow_ups, oracle.follow_up_counts(today)
    assert f.total == expected["total"]
    assert {s: n for s, n in f.by_status if n} == dict(expected["status"])
    assert (f.assigned, f.closed, f.adopted, f.overdue) == (
        expected["assigned"],
        expected["closed"],
        expected["adopted"],
        expected["overdue"],
    )
    assert {e: n for e, n in f.evaluations if n} == dict(expected["evaluation"])
    subs = oracle.submissions()
    assert {line.kind for line in stats.submissions if line.count} == set(subs)
    for line in stats.submissions:
        if line.count:
            count, filed, levels, instructions = subs[line.kind]
            assert (line.count, line.filed, line.instructions) == (count, filed, instructions)
            assert {lv: n for lv, n in line.levels if n} == levels


def assert_members_match(report, oracle: Oracle) -> None:
    m = report.members
    assert m.ranked == len(oracle.totals(report.year))
    assert {g: n for g, n in m.grades if n} == dict(oracle.grade_counts())
    per_item, all_met = oracle.requirement_counts()
    assert {r.item: r.met for r in m.requirements} == per_item
    assert m.all_met == all_met
    names = dict(oracle.rows("SELECT id, name FROM member"))
    assert sorted(m.below_pass_two_years) == sorted(names[i] for i in oracle.below_two_years())


def assert_period_members_match(members, oracle: Oracle) -> None:
    """A quarter's 委员履职: the year's ranked members on the records of the period's dates."""
    ranked = oracle.totals(oracle.year)
    counts = oracle.source_counts()
    assert members.ranked == len(ranked)
    assert members.active == sum(1 for mid in ranked if sum(counts[mid].values()))
    assert members.attended == sum(counts[mid]["活动"] for mid in ranked)
    per_item, all_met = oracle.requirement_counts()
    assert {item: met for _r, item, met in members.requirements} == per_item
    assert members.all_met == all_met


def assert_pages_agree(db, report) -> None:
    """The same year on the pages' own services and ``list``."""
    year, stats = report.year, report.stats
    held = count_activities(db, ActivityFilter(year=year, status="已召开")) + count_activities(
        db, ActivityFilter(year=year, status="已归档")
    )
    assert stats.activities == held == count_activities(db, ActivityFilter(year=year, status=HELD))
    for month, n in stats.activities_by_month:  # what 首页's month bars open
        assert count_activities(db, ActivityFilter(year=year, month=month, status=HELD)) == n
    for room in stats.rooms:  # what 首页's room bars open
        only = ActivityFilter(
            room_id=room.room_id, activity_type=CONSULTATIONS, year=year, status=HELD
        )
        assert count_activities(db, only) == room.consultations
    assert len(listing.list_activities(db, year).rows) == stats.activities + stats.planned
    assert (
        len(listing.list_topics(db, year).rows)
        == stats.topics
        == count_topics(db, TopicFilter(year=year))
    )
    assert len(listing.list_receptions(db, year).rows) == stats.receptions
    assert stats.rooms == room_ranking(db, year)  # the 积分 page's 年评比
    on_rooms_page = {r.id: r for r in list_rooms(db, year)}  # the 联络室 page
    for room in stats.rooms:
        shown = on_rooms_page[room.room_id]
        assert (shown.consultations_this_year, shown.activities_this_year) == (
            room.consultations,
            room.activities,
        )
    assert stats.follow_ups.total == len(
        board(db, TODAY, flt=BoardFilter(True, year, held_only=True))
    )
    assert stats.follow_ups.overdue == len(
        board(db, TODAY, flt=BoardFilter(True, year, overdue_only=True, held_only=True))
    )
    ranking = get_ranking(db, year)
    assert report.members.ranked == len(ranking.rows)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from app.storage import open_database

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(path)
    demo.load_demo(db, "township", seed=1, today=TODAY)
    yield db, path
    db.dispose()


@pytest.mark.parametrize("year", [2025, 2026])
def test_demo_year_equals_the_stored_rows(demo_db, year):
    db, path = demo_db
    report = year_report(db, year, TODAY)
    oracle = Oracle(path, year)
    assert report.stats.activities > 0 and report.stats.follow_ups.total > 0
    assert_period_matches(report.stats, oracle, TODAY)
    assert_members_match(report, oracle)
    assert_pages_agree(db, report)


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_demo_quarter_and_year_to_date_equal_the_stored_rows(demo_db, number):
    db, path = demo_db
    report = quarter_report(db, 2025, number, TODAY)
    first = 3 * number - 2
    assert_period_matches(report.quarter, Oracle(path, 2025, first, first + 2), TODAY)
    assert_period_matches(report.to_date, Oracle(path, 2025, 1, first + 2), TODAY)
    assert_period_members_match(report.members, Oracle(path, 2025, first, first + 2))
    assert_period_members_match(report.members_to_date, Oracle(path, 2025, 1, first + 2))
    assert report.members.attended > 0 and report.members.requirements
    assert report.quarter.period.label == f"2025年{'一二三四'[number - 1]}季度".replace(
        "年", "年第"
    )
    assert sum(n for _m, n in report.quarter.activities_by_month) == report.quarter.activities


def test_quarters_add_up_to_the_year(demo_db):
    db, _path = demo_db
    year = year_report(db, 2025, TODAY).stats
    quarters = [quarter_report(db, 2025, q, TODAY).quarter for q in (1, 2, 3, 4)]
    assert sum(q.activities for q in quarters) == year.activities
    assert sum(q.topics for q in quarters) == year.topics
    assert sum(q.follow_ups.total for q in quarters) == year.follow_ups.total
    assert sum(q.receptions for q in quarters) == year.receptions
    by_room = {r.name: r.consultations for r in year.rooms}
    for name, held in by_room.items():
        assert (
            sum(next(r.consultations for r in q.rooms if r.name == name) for q in quarters) == held
        )


def hand_made_year(db) -> dict[str, int]:
    """2024: two rooms, three members, known records; 2023 gives one member a failing year."""
    ids = pb.members(db, "张三", "李四", "王五")
    pb.rule_set(db, 2023, [pb.att_rule("A", 30)])
    pb.rule_set(db, 2024, [pb.att_rule("A", 30), pb.sub_rule("T", 40, "提案")])
    pb.activity(db, date(2023, 5, 1), {ids[0]: "出席", ids[1]: "出席", ids[2]: "缺席"})
    with db.write() as s:
        room = s.query(Room).filter_by(name="青石村委员联络室").one()
        room.target_consultations_per_year = 2
        other = Room(name="镇委员联络室", target_consultations_per_year=4)
        s.add(other)
        s.flush()
        plan = [
            (room.id, "协商议事会", datetime(2024, 3, 5, 9), "已召开"),
            (room.id, "微协商", datetime(2024, 3, 20, 9), "已归档"),
            (other.id, "调研视察", datetime(2024, 7, 2, 9), "已召开"),
            (other.id, "协商议事会", datetime(2024, 12, 30, 9), "筹备中"),
        ]
        for room_id, kind, start, status in plan:
            a = Activity(
                activity_type=kind, title=kind, room_id=room_id, start_at=start, status=status
            )
            a.attendances += [
                Attendance(member_id=ids[0], status="出席"),
                Attendance(member_id=ids[1], status="请假"),
                Attendance(member_id=ids[2], status="缺席"),
            ]
            s.add(a)
            s.flush()
            if kind == "协商议事会" and status != "筹备中":
                a.follow_ups += [
                    FollowUp(content="甲", status="已采纳", evaluation="满意"),
                    FollowUp(content="乙", status="办理中", due_on=date(2024, 4, 1)),
                    FollowUp(content="丙", status="待交办", due_on=date(2027, 1, 1)),
                ]
        for day in (date(2024, 2, 1), date(2024, 2, 1), date(2024, 8, 9)):
            s.add(Reception(visit_on=day, room_id=room.id, request="路灯"))
        s.add(Reception(visit_on=date(2023, 12, 31), room_id=room.id, request="去年"))
        for source, status, day in (
            ("群众出题", "待筛选", date(2024, 1, 9)),
            ("群众出题", "已办结", date(2024, 6, 9)),
            ("上级交办", "不予立项", date(2024, 11, 9)),
            ("委员荐题", "已立项", date(2023, 11, 9)),
        ):
            s.add(Topic(title="议题", source=source, status=status, raised_on=day))
    pb.submission(db, "提案", date(2024, 4, 1), [ids[0], ids[1]], is_filed=True)
    pb.submission(db, "社情民意", date(2024, 5, 1), [ids[1]], adopted_level="市")
    pb.submission(db, "社情民意", date(2024, 9, 1), [ids[1]], has_instruction=True)
    engine.recalculate(db, 2023)
    engine.recalculate(db, 2024)
    return {"张三": ids[0], "李四": ids[1], "王五": ids[2]}


@pytest.mark.sqlite_only
def test_hand_made_year(db, db_path):
    hand_made_year(db)
    report = year_report(db, 2024, TODAY)
    stats = report.stats
    assert_period_matches(stats, Oracle(db_path, 2024), TODAY)
    assert_members_match(report, Oracle(db_path, 2024))
    # and the numbers a clerk counted by hand
    assert dict(stats.activities_by_type)["协商议事会"] == 1
    assert dict(stats.activities_by_type)["微协商"] == 1
    assert dict(stats.activities_by_month) == {m: {3: 2, 7: 1}.get(m, 0) for m in range(1, 13)}
    assert stats.planned == 1
    rooms = {r.name: r for r in stats.rooms}
    assert (
        rooms["青石村委员联络室"].consultations,
        rooms["青石村委员联络室"].consultation_target,
    ) == (
        2,
        2,
    )
    assert rooms["青石村委员联络室"].reception_days == 2
    assert rooms["青石村委员联络室"].attendance_rate == pytest.approx(1 / 3)
    assert rooms["镇委员联络室"].consultations == 0
    assert stats.receptions == 3
    assert dict(stats.topics_by_source)["群众出题"] == 2
    assert dict(stats.topics_by_status)["不予立项"] == 1
    f = stats.follow_ups
    assert (f.total, f.assigned, f.closed, f.adopted, f.overdue) == (3, 2, 1, 1, 1)
    assert dict(f.evaluations) == {"满意": 1, "基本满意": 0, "不满意": 0, "未评议": 2}
    subs = {line.kind: line for line in stats.submissions}
    assert (subs["提案"].count, subs["提案"].filed) == (1, 1)
    assert dict(subs["社情民意"].levels)["市"] == 1 and subs["社情民意"].instructions == 1
    m = report.members
    # 张三 3 × 30 (出席; the planned meeting earns nothing) + 40 (提案) = 130; 李四 40; 王五 0.
    # In 2023 (pass line 60) 张三 and 李四 had 30, 王五 0.
    assert m.ranked == 3
    assert dict(m.grades) == {"优秀": 1, "良好": 0, "合格": 0, "不合格": 2}
    assert sorted(m.below_pass_two_years) == ["李四", "王五"]


@pytest.mark.sqlite_only
def test_hand_made_quarter(db, db_path):
    hand_made_year(db)
    report = quarter_report(db, 2024, 1, TODAY)
    assert report.quarter.activities == 2 and report.to_date.activities == 2
    q3 = quarter_report(db, 2024, 3, TODAY)
    assert q3.quarter.activities == 1 and q3.to_date.activities == 3
    assert_period_matches(q3.quarter, Oracle(db_path, 2024, 7, 9), TODAY)
    assert_period_matches(q3.to_date, Oracle(db_path, 2024, 1, 9), TODAY)
    room = next(r for r in q3.quarter.rooms if r.name == "青石村委员联络室")
    assert room.reception_days == 1 and room.reception_target == 2 * 3
    assert_period_members_match(q3.members, Oracle(db_path, 2024, 7, 9))
    assert_period_members_match(q3.members_to_date, Oracle(db_path, 2024, 1, 9))
    # 张三 出席 once in the quarter (July), three times to date; the planned December meeting
    # is in neither. 李四's 社情民意 of 1 September is the quarter's one 履职成果.
    assert (q3.members.ranked, q3.members.active, q3.members.attended) == (3, 2, 1)
    assert q3.members_to_date.attended == 3
    q4 = quarter_report(db, 2024, 4, TODAY)
    assert (q4.members.active, q4.members.attended) == (0, 0)


@pytest.mark.sqlite_only
def test_a_planned_meetings_suggestions_are_on_the_board_but_not_counted(db, db_path):
    """A meeting still 筹备中 has produced nothing yet: what a clerk drafted ahead of it stays on
    the 督办 board (nothing is hidden) but is counted in no year or quarter."""
    hand_made_year(db)
    with db.write() as s:
        planned = s.query(Activity).filter_by(status="筹备中").one()
        planned.follow_ups += [
            FollowUp(content="预拟一", status="办理中", due_on=date(2024, 4, 1)),
            FollowUp(content="预拟二", status="已采纳", evaluation="不满意"),
        ]
    report = year_report(db, 2024, TODAY)
    f = report.stats.follow_ups
    assert (f.total, f.assigned, f.closed, f.adopted, f.overdue) == (3, 2, 1, 1, 1)
    assert dict(f.evaluations)["不满意"] == 0
    assert_period_matches(report.stats, Oracle(db_path, 2024), TODAY)
    q4 = quarter_report(db, 2024, 4, TODAY)
    assert q4.quarter.follow_ups.total == 0 and q4.to_date.follow_ups.total == 3
    assert_period_matches(q4.quarter, Oracle(db_path, 2024, 10, 12), TODAY)
    on_board = [r.content for r in board(db, TODAY, flt=BoardFilter(True, 2024))]
    assert len(on_board) == 5 and {"预拟一", "预拟二"} <= set(on_board)


def test_wrong_quarter_or_year_is_a_user_error(db):
    with pytest.raises(ValidationError, match="季度"):
        quarter_report(db, 2024, 5)
    with pytest.raises(ValidationError, match="年度"):
        year_report(db, 20240)
