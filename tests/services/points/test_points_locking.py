"""年度考核定稿: a locked year never moves, and edits to its records are refused."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.models import Activity, Attendance, Reception, Submission, SubmissionAuthor
from app.services.points import engine, ranking
from app.services.points.rules import copy_rule_set, get_rule_set, save_rule_set
from app.services.points.year_ledger import year_ledgers
from app.year_lock import YearLockedError, ensure_year_unlocked
from tests.services.points_builders import activity, att_rule, members, rule_set, submission

LOCKED, OPEN = 2023, 2024


@pytest.fixture
def locked_year(db):
    a, b = members(db, "王丽华", "李建国")
    rule_set(db, LOCKED, [att_rule("A", 10), att_rule("B", -5, "缺席", cat="扣分")])
    act = activity(db, date(LOCKED, 5, 1), {a: "出席", b: "缺席"})
    sub = submission(db, "提案", date(LOCKED, 6, 1), [a])
    engine.lock_year(db, LOCKED)
    copy_rule_set(db, LOCKED, OPEN)
    return {"a": a, "b": b, "activity": act, "submission": sub}


def snapshot(db, year):
    r = ranking.get_ranking(db, year)
    ledgers = year_ledgers(db, year)
    return (
        [(row.name, row.total, row.rank, row.grade) for row in r.rows],
        {mid: [(ln.points, ln.description) for ln in lines] for mid, lines in ledgers.items()},
    )


def test_lock_sets_flag_and_copy_starts_unlocked(db, locked_year):
    locked = get_rule_set(db, LOCKED)
    assert locked.locked
    copied = get_rule_set(db, OPEN)
    assert not copied.locked and [r.code for r in copied.rules] == ["A", "B"]
    assert copied.name == "2024年度积分规则"


def test_other_years_edits_do_not_move_a_locked_year(db, locked_year):
    before = snapshot(db, LOCKED)
    data = get_rule_set(db, OPEN)
    data.rules[0].points = 99
    save_rule_set(db, data)
    activity(db, date(OPEN, 2, 1), {locked_year["a"]: "出席", locked_year["b"]: "出席"})
    members(db, "新委员")
    engine.recalculate(db, OPEN)
    assert snapshot(db, LOCKED) == before
    assert before[0][0] == ("王丽华", 10.0, 1, "不合格")


@pytest.mark.parametrize(
    "edit",
    [
        "new_activity",
        "change_attendance",
        "move_activity_out",
        "move_activity_in",
        "delete_activity",
        "add_author",
        "edit_submission",
        "new_reception",
    ],
)
def test_record_edits_in_a_locked_year_are_refused(db, locked_year, edit):
    before = snapshot(db, LOCKED)
    with pytest.raises(YearLockedError, match="2023年度履职考核已定稿"), db.write() as s:
        act = s.get(Activity, locked_year["activity"])
        if edit == "new_activity":
            s.add(Activity(activity_type="微协商", title="补录", start_at=datetime(LOCKED, 9, 1)))
        elif edit == "change_attendance":
            s.scalar(
                select(Attendance).where(Attendance.member_id == locked_year["b"])
            ).status = "请假"
        elif edit == "move_activity_out":
            act.start_at = datetime(OPEN, 1, 5)
        elif edit == "move_activity_in":
            other = Activity(activity_type="微协商", title="x", start_at=datetime(OPEN, 3, 1))
            s.add(other)
            s.flush()
            other.start_at = datetime(LOCKED, 3, 1)
        elif edit == "delete_activity":
            s.delete(act)
        elif edit == "add_author":
            s.add(
                SubmissionAuthor(
                    submission_id=locked_year["submission"],
                    member_id=locked_year["b"],
                    role="联名",
                    seq=1,
                )
            )
        elif edit == "new_reception":
            s.add(Reception(visit_on=date(LOCKED, 12, 30), request="补录来访"))
        elif edit == "edit_submission":
            s.get(Submission, locked_year["submission"]).is_filed = True
        s.flush()
    assert snapshot(db, LOCKED) == before


def test_recalc_rules_and_manual_entries_refused_in_locked_year(db, locked_year):
    with pytest.raises(YearLockedError):
        engine.recalculate(db, LOCKED)
    data = get_rule_set(db, LOCKED)
    data.rules[0].points = 1
    with pytest.raises(YearLockedError):
        save_rule_set(db, data)
    with pytest.raises(YearLockedError):
        copy_rule_set(db, OPEN, LOCKED)
    with pytest.raises(YearLockedError):
        engine.add_manual_entry(
            db,
            year=LOCKED,
            member_id=locked_year["a"],
            points=5,
            category="活动",
            reason="补",
            entered_by="周",
        )
    with db.read() as s:
        ensure_year_unlocked(s, OPEN)
        with pytest.raises(YearLockedError):
            ensure_year_unlocked(s, LOCKED)


def test_edits_in_open_years_still_work(db, locked_year):
    with db.write() as s:
        act = Activity(
            activity_type="微协商", title="新", start_at=datetime(OPEN, 3, 1), status="已召开"
        )
        act.attendances.append(Attendance(member_id=locked_year["a"], status="出席"))
        s.add(act)
    engine.recalculate(db, OPEN)
    assert ranking.get_ranking(db, OPEN).rows[0].total == 10.0


def test_follow_ups_of_a_locked_years_meeting_can_still_be_closed(db, locked_year):
    from app.models import FollowUp

    with db.write() as s:
        s.add(FollowUp(activity_id=locked_year["activity"], content="次年办结", status="已办结"))
    with db.read() as s:
        assert s.get(Activity, locked_year["activity"]).follow_ups[0].content == "次年办结"


# Bulk SQL, which the before_flush guard never sees (demo --force inserted into a locked year):
# the triggers of migration 0003 refuse it in the database itself.
def copy_activity_sql(uuid: str, start_at: str) -> str:
    """INSERT … SELECT of the one activity there is, with a new uuid and date (plain SQL)."""
    columns = [c.name for c in Activity.__table__.columns if c.name != "id"]
    values = [
        f"'{uuid}'" if c == "uuid" else f"'{start_at}'" if c == "start_at" else c for c in columns
    ]
    return (
        f"INSERT INTO activity ({', '.join(columns)}) "
        f"SELECT {', '.join(values)} FROM activity LIMIT 1"
    )


BULK_WRITES = {
    "insert an activity": copy_activity_sql("u-1", "2023-07-01 09:00:00.000000"),
    "move an activity into the year": "UPDATE activity SET start_at = '2023-08-01 09:00:00'",
    "change attendance": "UPDATE attendance SET status = '出席'",
    "delete attendance": "DELETE FROM attendance",
    "delete a 履职成果 author": "DELETE FROM submission_author",
    "change a point entry": "UPDATE point_entry SET points = points + 100",
    "insert a reception": (
        "INSERT INTO reception (uuid, visit_on, resident_name, request) "
        "VALUES ('u-2', '2023-03-03', '群众', '诉求')"
    ),
}


@pytest.mark.parametrize("statement", sorted(BULK_WRITES))
def test_bulk_sql_into_a_locked_year_is_refused_whole(db, locked_year, statement):
    from sqlalchemy import text

    from app.errors import UserError

    before = snapshot(db, LOCKED)
    with pytest.raises(UserError, match="已定稿"):
        with db.write() as session:
            session.execute(text(BULK_WRITES[statement]))
    assert snapshot(db, LOCKED) == before


def test_bulk_sql_in_an_open_year_still_works(db, locked_year):
    from sqlalchemy import func, text

    with db.write() as session:
        session.execute(text(copy_activity_sql("u-3", "2024-07-01 09:00:00.000000")))
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Activity)) == 2


def test_demo_force_adds_nothing_to_a_locked_year(tmp_path, capsys):
    from app.cli import main

    base = ["--db", str(tmp_path / "d.db")]
    assert main([*base, "demo"]) == 0
    assert main([*base, "points", "lock", "--year", "2025", "--yes"]) == 0
    capsys.readouterr()
    assert main([*base, "list", "activities", "--year", "2025"]) == 0
    listed = capsys.readouterr().out
    assert main([*base, "demo", "--force", "--seed", "7"]) == 2
    assert "已定稿" in capsys.readouterr().err
    assert main([*base, "list", "activities", "--year", "2025"]) == 0
    assert capsys.readouterr().out == listed
