from datetime import date

from openpyxl import load_workbook

from app.exports.roster import HEADER, export_roster
from app.imports.roster import NEW, SAME, import_roster
from app.services import settings
from app.services.members.registry import MemberInput, create_member, list_members
from app.services.members.roster import load_roster
from app.storage import open_database
from tests.imports.roster_books import messy_roster


def _fill(db, tmp_path):
    import_roster(db, messy_roster(tmp_path / "messy.xlsx"))
    create_member(
        db,
        MemberInput(
            name="欧阳明",
            sector="特邀",
            work_unit='=HYPERLINK("x")',
            status="离任",
            left_on=date(2025, 6, 30),
            is_standing=True,
            note="已调离",
        ),
    )


def test_roster_layout_order_text_phones_and_print_setup(db, tmp_path):
    _fill(db, tmp_path)
    settings.put(db, "org.name", "青石镇政协工作联络组")
    out = tmp_path / "名册.xlsx"
    assert export_roster(load_roster(db), out) == 7
    ws = load_workbook(out).active
    assert ws["A1"].value == "青石镇政协工作联络组委员名册"
    assert "A1:Q1" in {str(r) for r in ws.merged_cells.ranges}
    assert tuple(c.value for c in ws[2]) == HEADER
    names = [ws.cell(row=r, column=2).value for r in range(3, ws.max_row + 1)]
    # 姓氏笔画: 王4 刘6, then 7 strokes by shapes 李(横…) 张(折横折…) 陈(折竖…), 欧8 赵9
    assert names == ["王丽华", "刘洋", "李建国", "张伟", "陈静", "欧阳明", "赵敏"]
    assert [ws.cell(row=r, column=1).value for r in range(3, 10)] == [1, 2, 3, 4, 5, 6, 7]
    phone = ws.cell(row=3, column=12)
    assert phone.value == "13800001001" and phone.data_type == "s"
    formula_like = ws.cell(row=8, column=11)
    assert formula_like.value == '=HYPERLINK("x")' and formula_like.data_type == "s"
    assert ws.cell(row=3, column=5).value == "1975.03"
    left = ws.cell(row=8, column=HEADER.index("离任日期") + 1)
    assert left.value.date() == date(2025, 6, 30) and left.number_format == "yyyy-mm-dd"
    assert ws.cell(row=3, column=HEADER.index("离任日期") + 1).value is None
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows.replace("$", "") == "2:2"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1


def test_masked_phones(db, tmp_path):
    _fill(db, tmp_path)
    out = tmp_path / "公示.xlsx"
    export_roster(load_roster(db), out, mask_phones=True)
    ws = load_workbook(out).active
    phones = {ws.cell(row=r, column=2).value: ws.cell(row=r, column=12).value for r in range(3, 10)}
    assert phones["王丽华"] == "138****1001"
    assert phones["刘洋"] == "0551-****3210"
    assert "13800001001" not in str(phones)


def test_export_then_import_gives_the_same_members(db, tmp_path):
    _fill(db, tmp_path)
    out = tmp_path / "名册.xlsx"
    export_roster(load_roster(db), out)
    # into the same database: nothing changes
    plan = import_roster(db, out)
    assert plan.count(SAME) == 7 and not plan.has_errors, plan.report_lines()
    # into a fresh database: the same members come back
    fresh = open_database(tmp_path / "fresh.db")
    try:
        plan = import_roster(fresh, out)
        assert plan.count(NEW) == 7 and plan.written

        def facts(rows):
            keep = (
                "name",
                "gender",
                "birth_month",
                "sector",
                "level",
                "is_standing",
                "term",
                "work_unit",
                "phone",
                "expertise",
                "status",
                "left_on",
                "note",
                "room_names",
            )
            return sorted(tuple(getattr(r, k) for k in keep) for r in rows)

        assert facts(list_members(fresh)) == facts(list_members(db))
    finally:
        fresh.dispose()


def test_rows_are_tall_enough_for_wrapped_text(db, tmp_path):
    from app.exports.xlsx_common import display_width

    create_member(
        db,
        MemberInput(
            name="王丽华",
            sector="中共",
            expertise="农业技术推广、基层治理、乡村规划、法律服务",
        ),
    )
    create_member(db, MemberInput(name="李建国", sector="中共", expertise="法律服务"))
    out = tmp_path / "名册.xlsx"
    export_roster(load_roster(db), out)
    ws = load_workbook(out).active
    rows = {ws.cell(r, 2).value: r for r in (3, 4)}
    assert ws.row_dimensions[rows["李建国"]].height is None  # one line: the default height
    width = 14 - 1  # 专长 column
    lines = -(-display_width("农业技术推广、基层治理、乡村规划、法律服务") // width)
    assert lines == 4 and ws.row_dimensions[rows["王丽华"]].height == lines * 14.5 + 4
    assert display_width("“有事好商量”") == 14
