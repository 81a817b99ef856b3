"""Ranking: ties share a rank, grades, minimum requirements, two years below the pass line."""

from datetime import date

from app.services.points import engine, ranking
from app.services.points.rules import RuleData
from tests.services.points_builders import activity, att_rule, members, rule_set, submission

Y = 2024
FIVE = {
    "name": "五个一",
    "items": [
        {"name": "宣讲", "min": 1, "sources": ["宣讲", "活动:政策宣讲"]},
        {"name": "提案", "min": 1, "sources": ["提案"]},
        {"name": "信息", "min": 1, "sources": ["社情民意"]},
        {"name": "协商", "min": 1, "sources": ["活动:协商议事会", "活动:微协商"]},
        {"name": "实事", "min": 1, "sources": ["办实事", "活动:为民办实事"]},
    ],
}


def test_assign_ranks_competition_style():
    assert ranking.assign_ranks([100, 90, 90, 80]) == [1, 2, 2, 4]
    assert ranking.assign_ranks([5, 5, 5]) == [1, 1, 1]
    assert ranking.assign_ranks([]) == []


def test_ranking_ties_grades_and_pass_line(db):
    ids = members(db, "甲", "乙", "丙", "丁")
    rule_set(db, Y, [RuleData("M", "手工", "其他", 1, "per_item", None, "manual", {})])
    engine.recalculate(db, Y)
    for mid, points in zip(ids, (95, 85, 85, 50), strict=True):
        engine.add_manual_entry(
            db,
            year=Y,
            member_id=mid,
            points=points,
            category="其他",
            reason="测试",
            entered_by="周",
        )
    r = ranking.get_ranking(db, Y)
    assert [(row.name, row.rank, row.grade, row.passed) for row in r.rows] == [
        ("甲", 1, "优秀", True),
        ("乙", 2, "良好", True),  # equal totals: 姓氏笔画 (乙 1 stroke, 丙 5)
        ("丙", 2, "良好", True),
        ("丁", 4, "不合格", False),
    ]
    assert r.pass_line == 60 and r.calculated and r.grades[-1] == "不合格"


def test_three_tier_grades_with_edited_names(db):
    (a,) = members(db, "甲")
    grades = [
        {"name": "先进", "min": 85},
        {"name": "称职", "min": 60},
        {"name": "待改进", "min": None, "passing": False},
    ]
    rule_set(db, Y, [att_rule("A", 70)], grades=grades)
    activity(db, date(Y, 1, 1), {a: "出席"})
    engine.recalculate(db, Y)
    assert ranking.get_ranking(db, Y).rows[0].grade == "称职"


def test_five_ones_per_item_and_activity_minimum(db):
    a, b = members(db, "王丽华", "李建国")
    three = {"name": "活动次数", "items": [{"name": "活动≥3次", "min": 3, "sources": ["活动"]}]}
    rule_set(db, Y, [att_rule("A", 1)], requirements=[FIVE, three])
    activity(db, date(Y, 1, 1), {a: "出席", b: "出席"}, kind="政策宣讲")
    activity(db, date(Y, 2, 1), {a: "出席", b: "请假"}, kind="微协商")
    activity(db, date(Y, 3, 1), {a: "出席"}, kind="为民办实事")
    submission(db, "提案", date(Y, 4, 1), [a])
    submission(db, "社情民意", date(Y, 5, 1), [b, a])
    engine.recalculate(db, Y)
    r = ranking.get_ranking(db, Y)
    assert r.requirement_columns[:5] == [
        ("五个一", n) for n in ("宣讲", "提案", "信息", "协商", "实事")
    ]
    rows = {row.name: row for row in r.rows}
    assert rows["王丽华"].requirements_met and rows["王丽华"].missing == []
    assert [c.met for c in rows["李建国"].checks] == [True, False, True, False, False, False]
    assert rows["李建国"].missing == [
        "五个一·提案",
        "五个一·协商",
        "五个一·实事",
        "活动次数·活动≥3次",
    ]


def test_converted_info_does_not_count_twice_for_five_ones(db):
    (a,) = members(db, "王丽华")
    rule_set(db, Y, [att_rule("A", 1)], requirements=[FIVE])
    proposal = submission(db, "提案", date(Y, 1, 1), [a])
    from app.models import Submission, SubmissionAuthor

    with db.write() as s:
        info = Submission(
            kind="社情民意", title="转", submitted_on=date(Y, 2, 1), converted_from_id=proposal
        )
        info.authors.append(SubmissionAuthor(member_id=a))
        s.add(info)
    engine.recalculate(db, Y)
    checks = {c.item: c.met for c in ranking.get_ranking(db, Y).rows[0].checks}
    assert checks["提案"] and not checks["信息"]


def test_below_pass_line_two_years_running(db):
    a, b = members(db, "王丽华", "李建国")
    for year in (Y - 1, Y):
        rule_set(db, year, [att_rule("A", 70)])
        activity(db, date(year, 3, 1), {a: "出席", b: "缺席"})
        engine.recalculate(db, year)
    rows = {row.name: row for row in ranking.get_ranking(db, Y).rows}
    assert rows["李建国"].below_pass_two_years and not rows["李建国"].passed
    assert not rows["王丽华"].below_pass_two_years


def test_no_rule_set_gives_no_ranking(db):
    assert ranking.get_ranking(db, 2030) is None
