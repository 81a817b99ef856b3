"""The stored ranking summary: 重新计算 writes it, triggers flag exactly the years whose inputs
change (whoever writes, ORM or plain SQL), and the ranking read from it equals the exact one."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import event, select

from app.models import Activity, Attendance, Member, PointEntry, PointSummary, Room, RoomMember
from app.services.points import engine, ranking
from app.services.points.rules import get_rule_set, save_rule_set
from tests.services.points_builders import (
    activity,
    att_rule,
    members,
    rule_set,
    sub_rule,
    submission,
)
from tests.services.summary_checks import assert_same_as_exact, exact_ranking, state

Y = 2024
FIVE = {
    "name": "五个一",
    "items": [
        {"name": "提案", "min": 1, "sources": ["提案"]},
        {"name": "协商", "min": 1, "sources": ["活动:协商议事会"]},
    ],
}


@pytest.fixture
def two_years(db):
    """甲 and 乙 with one meeting in each of Y-1 and Y, both years recalculated."""
    a, b = members(db, "甲", "乙")
    for year in (Y - 1, Y):
        rule_set(db, year, [att_rule("A", 5), sub_rule("P", 10)], requirements=[FIVE])
    meetings = {
        Y - 1: activity(db, date(Y - 1, 3, 1), {a: "出席"}),
        Y: activity(db, date(Y, 3, 1), {a: "出席", b: "缺席"}),
    }
    engine.recalculate(db, Y - 1)
    engine.recalculate(db, Y)
    return db, a, b, meetings


def total(db, year, mid):
    return next(r.total for r in ranking.get_ranking(db, year).rows if r.member_id == mid)


def test_recalculation_leaves_both_years_clean_and_read_from_the_summary(two_years):
    db, a, b, _ = two_years
    assert state(db, Y) is False and state(db, Y - 1) is False
    r = assert_same_as_exact(db, Y)
    assert not r.stale and r.calculated
    assert [(row.name, row.total, row.rank) for row in r.rows] == [("甲", 5, 1), ("乙", 0, 2)]
    with db.read() as s:
        assert s.scalar(select(PointSummary.total).where(PointSummary.member_id == a)) == 5


def test_editing_attendance_makes_that_year_stale_only(two_years):
    db, a, b, meetings = two_years
    with db.write() as s:
        row = s.scalar(
            select(Attendance).where(
                Attendance.activity_id == meetings[Y], Attendance.member_id == b
            )
        )
        row.status = "出席"
    assert state(db, Y) is True and state(db, Y - 1) is False
    r = assert_same_as_exact(db, Y)
    assert r.stale and total(db, Y, b) == 0  # shown as stored until 重新计算
    assert not assert_same_as_exact(db, Y - 1).stale
    engine.recalculate(db, Y)
    assert state(db, Y) is False
    assert not assert_same_as_exact(db, Y).stale and total(db, Y, b) == 5


def test_adding_a_submission_is_stale_and_counts_at_once(two_years):
    db, a, b, _ = two_years
    submission(db, "提案", date(Y, 5, 1), [b])
    assert state(db, Y) is True and state(db, Y - 1) is False
    r = assert_same_as_exact(db, Y)
    assert r.stale
    row = next(row for row in r.rows if row.member_id == b)
    assert [c.count for c in row.checks] == [1, 0]  # the 五个一 counts follow the records
    engine.recalculate(db, Y)
    assert not assert_same_as_exact(db, Y).stale and total(db, Y, b) == 10


def test_editing_a_rule_is_stale_but_editing_grades_is_not(two_years):
    db, a, b, _ = two_years
    data = get_rule_set(db, Y)
    grades = [dict(g) for g in data.grades]
    grades[0]["name"] = "先进"
    save_rule_set(db, replace(data, grades=grades, rules=list(data.rules)))
    # store_rule_set rewrites every rule, so the year is flagged; the entries did not change.
    assert state(db, Y) is True
    r = assert_same_as_exact(db, Y)
    assert not r.stale and r.grades[0] == "先进"
    # The exact path found the entries current, so the summary is current again: the next
    # ranking of the year is read from it without 重新计算.
    assert state(db, Y) is False
    assert assert_same_as_exact(db, Y) == r
    rules = [replace(data.rules[0], points=6), data.rules[1]]
    save_rule_set(db, replace(data, rules=rules))
    assert state(db, Y) is True and state(db, Y - 1) is False
    assert assert_same_as_exact(db, Y).stale
    assert state(db, Y) is True  # stale: stays flagged, shown as stored until 重新计算
    engine.recalculate(db, Y)
    assert total(db, Y, a) == 6 and state(db, Y) is False


@pytest.mark.sqlite_only
def test_bulk_sql_insert_is_caught(two_years, db_path):
    db, a, b, meetings = two_years
    with db.write() as s:
        m = Member(name="丙")
        s.add(m)
    assert state(db, Y) is True  # a new member serving in Y: the engine gives them a line
    engine.recalculate(db, Y)
    engine.recalculate(db, Y - 1)
    conn = sqlite3.connect(db_path)
    try:
        conn.execute(
            "INSERT INTO attendance (uuid, activity_id, member_id, status, arrived_late, "
            "left_early) VALUES (?, ?, ?, '出席', 0, 0)",
            (str(uuid.uuid4()), meetings[Y], m.id),
        )
        conn.commit()
    finally:
        conn.close()
    assert state(db, Y) is True and state(db, Y - 1) is False
    assert assert_same_as_exact(db, Y).stale


@pytest.mark.sqlite_only
def test_entries_written_behind_the_engines_back_drop_the_summary(two_years, db_path):
    db, a, b, _ = two_years
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("UPDATE point_entry SET points = 50 WHERE year = ? AND member_id = ?", (Y, a))
        conn.commit()
    finally:
        conn.close()
    assert state(db, Y) is None and state(db, Y - 1) is False
    r = assert_same_as_exact(db, Y)
    assert r.stale and total(db, Y, a) == 50


def test_manual_entries_keep_the_summary_current(two_years):
    db, a, b, _ = two_years
    entry = engine.add_manual_entry(
        db, year=Y, member_id=b, points=8, category="活动", reason="带队调研", entered_by="周"
    )
    assert state(db, Y) is False and total(db, Y, b) == 8
    assert_same_as_exact(db, Y)
    engine.delete_manual_entry(db, entry)
    assert state(db, Y) is False and total(db, Y, b) == 0
    assert_same_as_exact(db, Y)


def test_activity_held_or_moved_flags_the_years_it_touches(two_years):
    db, a, b, meetings = two_years
    planned = activity(db, date(Y, 9, 1), {b: "出席"}, status="筹备中")
    with db.write() as s:
        s.get(Activity, planned).title = "老旧小区加装电梯协商（筹备）"
    assert state(db, Y) is False  # still 筹备中: earns nothing, changes nothing
    assert not assert_same_as_exact(db, Y).stale
    with db.write() as s:
        s.get(Activity, planned).status = "已召开"
    assert state(db, Y) is True and assert_same_as_exact(db, Y).stale
    engine.recalculate(db, Y)
    with db.write() as s:
        s.get(Activity, planned).start_at = datetime(Y - 1, 9, 1, 9)
    assert state(db, Y) is True and state(db, Y - 1) is True
    assert assert_same_as_exact(db, Y).stale and assert_same_as_exact(db, Y - 1).stale


def test_member_leaving_flags_only_the_years_it_changes(two_years):
    db, a, b, _ = two_years
    (c,) = members(db, "丙", room=None)
    engine.recalculate(db, Y)
    engine.recalculate(db, Y - 1)
    with db.write() as s:
        m = s.get(Member, c)
        m.status, m.left_on = "离任", date(Y - 1, 6, 30)  # still served in Y-1
    assert state(db, Y) is True and state(db, Y - 1) is False
    assert assert_same_as_exact(db, Y).stale
    with db.write() as s:
        s.get(Member, c).note = "调往外地"
    engine.recalculate(db, Y)
    with db.write() as s:
        s.get(Member, c).note = "调往外地工作"  # not something the engine reads
    assert state(db, Y) is False


def test_a_locked_year_stays_on_the_summary(two_years):
    db, a, b, _ = two_years
    engine.lock_year(db, Y - 1)
    assert state(db, Y - 1) is False
    members(db, "丙")  # serves in every year, but Y-1 is 定稿
    assert state(db, Y - 1) is False and state(db, Y) is True
    r = assert_same_as_exact(db, Y - 1)
    assert r.locked and not r.stale


def test_last_years_pass_line_uses_last_years_summary(two_years):
    db, a, b, _ = two_years
    r = assert_same_as_exact(db, Y)
    assert {row.name: row.below_pass_two_years for row in r.rows} == {"甲": True, "乙": True}


def _selects_of_ranking(db, year):
    """The SELECT statements one ranking of ``year`` sends (each a round trip on a server)."""
    sent = []

    def count(_conn, _cursor, statement, *_rest):
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        r = ranking.get_ranking(db, year)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return r, len(sent)


def test_a_current_year_is_ranked_in_two_statements_a_locked_one_in_three(two_years):
    """On the county's server every statement is a network round trip: the ranking of a year
    whose summary is current reads its head (rules, state, last year's grades) and its members
    (with 界别, rooms, last year's totals) in two; a 定稿 year adds its snapshot."""
    db, a, b, _ = two_years
    with db.write() as s:
        s.add(Room(name="一号联络室", sort_order=2, memberships=[RoomMember(member_id=a)]))
        s.add(Room(name="二号联络室", sort_order=1, memberships=[RoomMember(member_id=a)]))
    engine.recalculate(db, Y)
    r, selects = _selects_of_ranking(db, Y)
    assert selects == 2 and r == exact_ranking(db, Y)
    rooms = {row.name: row.rooms.split("、") for row in r.rows}
    assert rooms["甲"][-2:] == ["二号联络室", "一号联络室"]  # the rooms' list order
    engine.lock_year(db, Y - 1)
    r, selects = _selects_of_ranking(db, Y - 1)
    assert selects == 3 and r.locked and r == exact_ranking(db, Y - 1)


def test_year_without_recalculation_is_exact_and_stale(db):
    (a,) = members(db, "甲")
    rule_set(db, Y, [att_rule("A", 5)])
    activity(db, date(Y, 3, 1), {a: "出席"})
    assert state(db, Y) is None
    r = ranking.get_ranking(db, Y)
    assert r == exact_ranking(db, Y) and r.stale and not r.calculated


def test_deleting_a_year_of_entries_by_sql(two_years, db_path):
    db, *_ = two_years
    with db.write() as s:
        s.execute(PointEntry.__table__.delete().where(PointEntry.year == Y))
    assert state(db, Y) is None
    r = assert_same_as_exact(db, Y)
    assert r.stale and not r.calculated and r.rows == []


@pytest.mark.sqlite_only
def test_database_check_reports_a_summary_that_disagrees_with_the_entries(two_years, db_path):
    from app.services.safety import integrity

    db, a, *_ = two_years
    assert integrity.run_checks(db) == []
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("UPDATE point_summary SET total = 99 WHERE year = ? AND member_id = ?", (Y, a))
        conn.commit()
    finally:
        conn.close()
    problems = integrity.run_checks(db)
    assert [p.area for p in problems] == ["积分汇总"]
    assert f"{Y} 年委员“甲”的积分汇总（99 分）与积分记录合计 5 分不一致" in problems[0].message
    engine.recalculate(db, Y)
    assert integrity.run_checks(db) == []
