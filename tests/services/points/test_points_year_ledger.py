"""All ledgers of a year in one query: the same lines, in the same order, as one member at a time."""

from datetime import date

from app.services.points import engine, ranking
from app.services.points.rules import load_default
from app.services.points.year_ledger import year_ledgers
from tests.services.points_builders import activity, members, submission

Y = 2024


def test_year_ledgers_equal_per_member_ledgers(db):
    a, b, c = members(db, "王丽华", "李建国", "张敏")
    load_default(db, "tongcheng_2019", Y)
    activity(db, date(Y, 1, 8), {a: "出席", b: "请假", c: "缺席"}, kind="其他", title="全会")
    activity(db, date(Y, 3, 1), {a: "出席", b: "出席"}, kind="政策宣讲")
    activity(db, date(Y - 1, 3, 1), {a: "出席"}, kind="政策宣讲")  # another year
    submission(db, "提案", date(Y, 3, 2), [a, c], is_filed=True)
    engine.recalculate(db, Y)
    engine.add_manual_entry(
        db,
        year=Y,
        member_id=b,
        points=3,
        category="活动",
        reason="补录",
        evidence="照片",
        entered_by="小周",
    )
    ledgers = year_ledgers(db, Y)
    assert ledgers == {mid: ranking.get_ledger(db, Y, mid) for mid in (a, b, c)}
    assert set(ledgers) == {a, b, c}
    manual = [ln for ln in ledgers[b] if ln.is_manual]
    assert [(ln.evidence, ln.entered_by) for ln in manual] == [("照片", "小周")]
    assert year_ledgers(db, Y + 5) == {}
