"""Each rule pattern of domain.md, computed from records a clerk can check by hand."""

from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.errors import NotFoundError, ValidationError
from app.models import PointEntry
from app.services.points import engine, ranking
from app.services.points.rules import RuleData
from tests.services.points_builders import (
    activity,
    att_rule,
    members,
    reception,
    rule_set,
    sub_rule,
    submission,
)

Y = 2024


def totals(db, year=Y):
    r = ranking.get_ranking(db, year)
    return {row.name: row.total for row in r.rows}


def entries(db, member_id, year=Y):
    with db.read() as s:
        rows = s.scalars(
            select(PointEntry)
            .where(PointEntry.year == year, PointEntry.member_id == member_id)
            .order_by(PointEntry.id)
        )
        return [SimpleNamespace(**{c.key: getattr(e, c.key) for c in e.__table__.c}) for e in rows]


def test_attendance_statuses_flags_and_rule_cap(db):
    a, b = members(db, "王丽华", "李建国")
    rule_set(
        db,
        Y,
        [
            att_rule("A1", 2, cap=5),
            att_rule("A2", -1, "请假", cat="扣分"),
            att_rule("A3", -3, "缺席", cat="扣分"),
            att_rule("A4", -0.5, flag="迟到或早退", cat="扣分"),
        ],
    )
    for month in (1, 2, 3):
        activity(db, date(Y, month, 5), {a: "出席", b: "缺席"})
    activity(db, date(Y, 4, 5), {a: ("出席", True, False), b: "请假"})
    activity(db, date(Y, 5, 5), {a: "出席"}, status="筹备中")  # not held yet: nothing
    engine.recalculate(db, Y)
    # a: 2+2+1 (cap 5) + 0 (capped) − 0.5 late; b: −3×3 −1
    assert totals(db) == {"王丽华": 4.5, "李建国": -10.0}
    lines = entries(db, a)
    assert [e.points for e in lines] == [2, 2, 1, 0, -0.5]
    assert "本项年度上限 5 分，计 1 分" in lines[2].description
    assert "已达本项年度上限" in lines[3].description
    assert all(e.source_kind == "attendance" and e.source_id for e in lines)


def test_activity_type_and_title_filters(db):
    (a,) = members(db, "王丽华")
    rule_set(
        db,
        Y,
        [
            att_rule("C1", 3, types=["协商议事会", "微协商"], cat="协商"),
            att_rule("H1", 50, title="全体会议", cat="会议"),
        ],
    )
    activity(db, date(Y, 1, 1), {a: "出席"}, kind="微协商")
    activity(db, date(Y, 1, 2), {a: "出席"}, kind="调研视察")
    activity(db, date(Y, 1, 3), {a: "出席"}, kind="其他", title="县政协十五届三次全体会议")
    activity(db, date(Y + 1, 1, 3), {a: "出席"}, kind="微协商")  # another year
    engine.recalculate(db, Y)
    assert totals(db) == {"王丽华": 53.0}


def test_tongcheng_share_first_proposer_half_and_category_cap(db):
    a, b, c = members(db, "王丽华", "李建国", "张敏")
    rule_set(
        db,
        Y,
        [
            sub_rule("T1", 10, share="主笔减半联名均分"),
            sub_rule("T2", 15, stage="立案", share="主笔减半联名均分"),
        ],
        category_caps={"提案": 25},
    )
    submission(db, "提案", date(Y, 3, 1), [a, b, c], is_filed=True)
    submission(db, "提案", date(Y, 4, 1), [a], is_filed=True)
    engine.recalculate(db, Y)
    # a: 5 + 7.5 + 10 + 15 = 37.5 → cap 25; b, c: 2.5 + 3.75 = 6.25 each
    assert totals(db) == {"王丽华": 25.0, "李建国": 6.25, "张敏": 6.25}
    cap_line = [e for e in entries(db, a) if e.source_kind == "cap"][0]
    assert cap_line.points == -12.5 and "「提案」类年度上限 25 分" in cap_line.description
    assert "主笔，计一半" in entries(db, a)[0].description
    assert "2人均分另一半" in entries(db, b)[0].description


def test_minhang_by_role_once_a_year(db):
    a, b = members(db, "王丽华", "李建国")
    rule_set(
        db,
        Y,
        [
            sub_rule(
                "T1", 15, stage="立案", share="主笔联名分别计分", co=3, counting="once_a_year"
            ),
            sub_rule("T2", 10, stage="优秀", share="主笔联名分别计分", co=2),
        ],
    )
    submission(db, "提案", date(Y, 2, 1), [b, a], is_filed=True)  # a co-proposer: 3
    submission(db, "提案", date(Y, 3, 1), [a, b], is_filed=True, is_excellent=True)
    submission(db, "提案", date(Y, 4, 1), [a], is_filed=True)
    engine.recalculate(db, Y)
    # a: 立案 once a year, the best = 15 as 主笔; 优秀 10. b: 立案 15 (主笔 of the first); 优秀 2
    assert totals(db) == {"王丽华": 25.0, "李建国": 17.0}
    assert "每年计一次" in entries(db, a)[0].description


def test_yanbian_adoption_levels_instruction_and_no_double_counting(db):
    a, b = members(db, "王丽华", "李建国")
    rule_set(
        db,
        Y,
        [
            sub_rule("T1", 10, counting="once_a_year"),
            sub_rule("S1", 5, "社情民意", "报送", counting="once_a_year"),
            sub_rule("S2", 10, "社情民意", "采用"),
            sub_rule("S3", 10, "社情民意", "采用或批示", levels=["省", "全国"]),
        ],
    )
    proposal = submission(db, "提案", date(Y, 1, 10), [a])
    with db.write() as s:
        from app.models import Submission, SubmissionAuthor

        info = Submission(
            kind="社情民意",
            title="转为社情民意",
            submitted_on=date(Y, 2, 1),
            converted_from_id=proposal,
            adopted_level="县",
        )
        info.authors.append(SubmissionAuthor(member_id=a, role="主笔"))
        s.add(info)
    submission(db, "社情民意", date(Y, 3, 1), [b], adopted_level="省")
    submission(db, "社情民意", date(Y, 4, 1), [b], has_instruction=True)
    engine.recalculate(db, Y)
    # a: 提案 10; converted info: 报送 0 (not twice), 县级采用 10. b: 报送 5, 采用 10, 省级 10, 批示 10
    assert totals(db) == {"王丽华": 20.0, "李建国": 35.0}
    texts = [e.description for e in entries(db, a)]
    assert any("由提案转化" in t for t in texts)
    row = {r.name: r for r in ranking.get_ranking(db, Y).rows}["王丽华"]
    assert row.subtotals == {"提案": 10.0, "社情民意": 10.0}


def test_base_score_deductions_bonus_cap_and_max_score(db):
    a, b = members(db, "王丽华", "李建国")
    rule_set(
        db,
        Y,
        [
            att_rule("D1", -30, "缺席", title="全会", cat="扣分"),
            att_rule("D2", -10, "请假", title="全会", cat="扣分"),
            att_rule("B1", 2, types=["为民办实事"], cap=10, cat="奖励分"),
            RuleData("M1", "获省级表彰", "奖励分", 8, "per_item", None, "manual", {}),
        ],
        base_score=70,
        max_score=100,
        category_caps={"奖励分": 50},
        grades=[
            {"name": "优秀", "min": 85},
            {"name": "称职", "min": 60},
            {"name": "不称职", "min": None, "passing": False},
        ],
    )
    activity(db, date(Y, 1, 5), {a: "出席", b: "缺席"}, kind="其他", title="县政协全会")
    for day in range(1, 8):
        activity(db, date(Y, 6, day), {a: "出席"}, kind="为民办实事", title=f"义诊{day}")
    engine.recalculate(db, Y)
    engine.add_manual_entry(
        db,
        year=Y,
        member_id=a,
        points=48,
        category="奖励分",
        reason="获全国表彰",
        evidence="证书复印件",
        entered_by="联络员小周",
        rule_code="M1",
    )
    r = {row.name: row for row in ranking.get_ranking(db, Y).rows}
    # a: 70 + 10 (capped) + 48 manual = 128; 奖励分 cap 50 → −8; max 100 → −20
    assert r["王丽华"].total == 100.0
    assert r["王丽华"].subtotals["奖励分"] == 50.0 and r["王丽华"].grade == "优秀"
    assert r["李建国"].total == 40.0 and r["李建国"].grade == "不称职"
    assert not r["李建国"].passed
    manual = [e for e in entries(db, a) if e.is_manual][0]
    assert manual.entered_by == "联络员小周" and manual.evidence == "证书复印件"
    assert manual.description == "手工加分：获全国表彰" and manual.rule_code == "M1"
    ledger = ranking.get_ledger(db, Y, a)
    assert ledger[0].source_label == "基础分"
    assert sum(line.points for line in ledger) == 100.0
    # recalculation keeps the manual entry
    engine.recalculate(db, Y)
    assert totals(db)["王丽华"] == 100.0


def test_reception_rule_and_member_with_nothing(db):
    a, b = members(db, "王丽华", "李建国")
    rule_set(db, Y, [RuleData("R1", "接待来访", "接待", 1, "per_event", None, "reception", {})])
    reception(db, date(Y, 5, 1), [a])
    engine.recalculate(db, Y)
    assert totals(db) == {"王丽华": 1.0, "李建国": 0.0}
    assert entries(db, b)[0].description == "本年度暂无计分记录"


def test_recalculation_is_idempotent(db):
    a, b = members(db, "王丽华", "李建国")
    rule_set(db, Y, [att_rule("A1", 2), sub_rule("T1", 10, share="主笔减半联名均分")])
    activity(db, date(Y, 1, 5), {a: "出席", b: "出席"})
    submission(db, "提案", date(Y, 3, 1), [a, b])
    first = engine.recalculate(db, Y)
    before = [(e.id, e.uuid, e.points, e.description) for e in entries(db, a) + entries(db, b)]
    second = engine.recalculate(db, Y)
    after = [(e.id, e.uuid, e.points, e.description) for e in entries(db, a) + entries(db, b)]
    assert first.changed and not second.changed
    assert before == after
    assert not ranking.get_ranking(db, Y).stale
    activity(db, date(Y, 2, 5), {a: "出席"})
    assert ranking.get_ranking(db, Y).stale


def test_manual_entry_validation_and_missing_rules(db):
    (a,) = members(db, "王丽华")
    with pytest.raises(NotFoundError, match="还没有积分规则"):
        engine.recalculate(db, Y)
    rule_set(db, Y, [att_rule("A1", 2)])
    with pytest.raises(ValidationError, match="事由"):
        engine.add_manual_entry(
            db, year=Y, member_id=a, points=5, category="活动", reason=" ", entered_by="周"
        )
    entry_id = engine.add_manual_entry(
        db, year=Y, member_id=a, points=-5, category="活动", reason="无故缺席", entered_by="周"
    )
    assert totals(db) == {"王丽华": -5.0}
    engine.delete_manual_entry(db, entry_id)
    assert totals(db) == {"王丽华": 0.0}


def test_role_specific_rule_for_standing_members(db, tmp_path):
    from app.exports.rules_sheet import write_rule_workbook
    from app.imports.rules_sheet import read_rule_workbook
    from app.models import Member
    from app.services.points.rules import get_rule_set

    a, b = members(db, "王丽华", "李建国")
    with db.write() as s:
        s.get(Member, a).is_standing = True
    standing = att_rule("C1", 3, cat="常委履职")
    standing.params["applies_to"] = "常委"
    rule_set(db, Y, [standing, att_rule("A1", 1)])
    activity(db, date(Y, 1, 5), {a: "出席", b: "出席"})
    engine.recalculate(db, Y)
    assert totals(db) == {"王丽华": 4.0, "李建国": 1.0}
    stored = get_rule_set(db, Y)
    assert "仅常委" in stored.rules[0].condition
    back = read_rule_workbook(write_rule_workbook(stored, tmp_path / "r.xlsx"), Y)
    assert back.rules[0].params["applies_to"] == "常委" and "applies_to" not in back.rules[1].params


def test_recalculation_is_one_audit_line_not_one_per_entry(db):
    from app.services import audit

    a, b = members(db, "王丽华", "李建国")
    rule_set(db, Y, [att_rule("A1", 2)])
    for month in (1, 2, 3):
        activity(db, date(Y, month, 5), {a: "出席", b: "出席"})
    engine.recalculate(db, Y)
    engine.recalculate(db, Y)  # nothing changed: nothing written, nothing logged
    rows = [r for r in audit.list_entries(db) if r.table == "积分记录"]
    assert [(r.action, r.summary) for r in rows] == [
        ("重新计算", f"{Y}年度：删除 0 条、写入 6 条计算所得的积分记录")
    ]
    with db.read() as s:
        uuids = s.scalars(select(PointEntry.uuid).where(PointEntry.year == Y)).all()
    assert len(set(uuids)) == 6 and all(uuids)  # the bulk insert still gives each its UUID


def test_ledger_sources_never_show_internal_record_ids():
    from app.services.points.ranking import LedgerLine

    line = LedgerLine(
        id=1,
        category="履职成果",
        points=5,
        description="提案：关于垃圾分类的提案",
        source_kind="submission",
        source_id=217,
        is_manual=False,
        evidence="",
        entered_by="",
        rule_code="T1",
    )
    assert "217" not in line.source_label and "#" not in line.source_label
