"""Rule sets: validation, shipped tables, copying a year, the hand-fillable .xlsx sheet."""

from datetime import date

import pytest
from openpyxl import load_workbook

from app.errors import NotFoundError, ValidationError
from app.exports.rules_sheet import write_rule_workbook
from app.imports.rules_sheet import read_rule_workbook
from app.services.points import engine, ranking
from app.services.points.rules import (
    RuleData,
    default_rule_sets,
    get_rule_set,
    load_default,
    rule_set_years,
    save_rule_set,
)
from tests.services.points_builders import activity, members, submission

Y = 2024


def test_every_shipped_table_loads_and_validates(db):
    stems = [stem for stem, _name in default_rule_sets()]
    assert {"tongcheng_2019", "yanbian_2022", "minhang", "jinan_2015"} <= set(stems)
    for offset, stem in enumerate(stems):
        data = load_default(db, stem, 2010 + offset)
        stored = get_rule_set(db, 2010 + offset)
        assert stored.name == data.name and len(stored.rules) == len(data.rules)
    assert rule_set_years(db) == [2010 + i for i in range(len(stems))]
    with pytest.raises(NotFoundError, match="内置积分规则"):
        load_default(db, "nowhere", 2020)


def test_tongcheng_table_gives_hand_checkable_totals(db):
    a, b = members(db, "王丽华", "李建国")
    load_default(db, "tongcheng_2019", Y)
    activity(db, date(Y, 1, 10), {a: "出席", b: "请假"}, kind="其他", title="县政协全体会议")
    for month in range(2, 9):
        activity(db, date(Y, month, 3), {a: "出席"}, kind="微协商")
    submission(db, "提案", date(Y, 3, 1), [a, b], is_filed=True)
    submission(db, "社情民意", date(Y, 4, 1), [b], adopted_level="县")
    submission(db, "社情民意", date(Y, 5, 1), [b])
    engine.recalculate(db, Y)
    rows = {row.name: row for row in ranking.get_ranking(db, Y).rows}
    # a: 会议 50; 提案 (10+15)/2 = 12.5; 活动 7×2 = 14 → cap 10; total 72.5
    assert rows["王丽华"].subtotals == {"会议": 50, "提案": 12.5, "活动": 10}
    assert rows["王丽华"].total == 72.5 and rows["王丽华"].grade == "合格"
    # b: 请假 30; 提案 12.5; 社情民意 10+5+10 = 25 → cap 15
    assert rows["李建国"].total == 57.5 and not rows["李建国"].passed


def test_validation_names_the_problem(db):
    data = load_default(db, "minhang", Y)
    data.rules.append(
        RuleData("A01", "重复", "活动", 1, "per_event", None, "attendance", {"status": "出席"})
    )
    with pytest.raises(ValidationError, match="第5条规则「代码」“A01”与前面的规则重复"):
        save_rule_set(db, data)
    data.rules[-1] = RuleData(
        "X", "坏", "提案", 1, "per_item", None, "submission", {"kind": "提案", "stage": "采用"}
    )
    with pytest.raises(ValidationError, match="「成果环节」提案的环节应为"):
        save_rule_set(db, data)
    data.rules.pop()
    data.grades = [{"name": "合格", "min": 60}, {"name": "优秀", "min": 90}, {"name": "差"}]
    with pytest.raises(ValidationError, match="从高到低"):
        save_rule_set(db, data)


def test_sheet_round_trip_and_layout(db, tmp_path):
    original = load_default(db, "jinan_2015", Y)
    path = write_rule_workbook(original, tmp_path / "规则.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["积分规则", "总则", "类别上限", "等次", "最低要求"]
    ws = wb["积分规则"]
    assert ws["A1"].value == "2024年度委员履职积分规则"
    assert [c.value for c in ws[2]][:8] == [
        "序号",
        "代码",
        "名称",
        "类别",
        "分值",
        "计分方式",
        "年度上限",
        "触发记录",
    ]
    assert [c.value for c in ws[3]][1:8] == [
        "D01",
        "全会无故缺席",
        "扣分",
        -30,
        "每次",
        None,
        "活动出席",
    ]
    assert ws.print_title_rows == "$1:$2" and ws.page_setup.orientation == "landscape"
    back = read_rule_workbook(path, 2025)
    assert back.year == 2025
    assert back.to_dict() | {"year": Y} == original.to_dict()


def _sheet_with(tmp_path, db, edit):
    data = load_default(db, "tongcheng_2019", Y)
    path = write_rule_workbook(data, tmp_path / "in.xlsx")
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda wb: wb["积分规则"].cell(4, 5, "十"),
            "“积分规则”表第4行「分值」应为数字，现在是“十”",
        ),
        (lambda wb: wb["积分规则"].cell(6, 8, "开会"), "“积分规则”表第6行「触发记录」应为"),
        (lambda wb: wb["积分规则"].cell(3, 10, "迟到"), "“积分规则”表第3行「出席情况」应为"),
        (lambda wb: wb["积分规则"].cell(7, 15, "乡"), "“积分规则”表第7行「采用层级」"),
        (lambda wb: wb["积分规则"].cell(5, 2, "H01"), "“积分规则”表第5行「代码」“H01”与第3行重复"),
        (
            lambda wb: wb["最低要求"].cell(3, 4, "唱歌"),
            "“最低要求”表第3行「计入记录」无法识别“唱歌”",
        ),
        (lambda wb: wb.remove(wb["等次"]), "没有名为“等次”的工作表"),
    ],
)
def test_sheet_errors_name_row_and_column(db, tmp_path, edit, message):
    path = _sheet_with(tmp_path, db, edit)
    with pytest.raises(ValidationError, match=message):
        read_rule_workbook(path, Y)


def test_hand_made_sheet_with_full_width_spaces_and_text_numbers(db, tmp_path):
    def edit(wb):
        ws = wb["积分规则"]
        ws.cell(3, 3, "\u3000出席全体会议\u3000")
        ws.cell(3, 5, "50分")
        ws.cell(8, 9, "协商议事会，微协商")

    data = read_rule_workbook(_sheet_with(tmp_path, db, edit), Y)
    assert data.rules[0].name == "出席全体会议" and data.rules[0].points == 50
    assert data.rules[5].params["activity_types"] == ["协商议事会", "微协商"]


def test_not_an_xlsx(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_text("no", encoding="utf-8")
    with pytest.raises(ValidationError, match="不是有效的 .xlsx"):
        read_rule_workbook(bad, Y)
