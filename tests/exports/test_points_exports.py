"""履职积分统计表 and 委员履职档案 read back: what a clerk checks."""

import sys
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from app.errors import NotFoundError
from app.exports.archive_docx import export_all_archives, export_archive_docx
from app.exports.official_docx import OfficialFonts
from app.exports.points_xlsx import export_points_xlsx
from app.exports.xlsx_common import display_width
from app.models import Room, RoomMember
from app.services.documents.meeting_papers import font_settings
from app.services.points import engine, ranking
from app.services.points.archive import load_archive, load_year_archives
from app.services.points.rules import load_default
from app.services.points.statistics import load_points_table
from tests.exports.docx_facts import all_xml
from tests.services.points_builders import activity, members, submission

Y = 2024


@pytest.fixture
def scored(db):
    ids = members(db, "王丽华", "李建国", "张敏", "=HYPERLINK(1)")
    a, b, c, d = ids
    load_default(db, "tongcheng_2019", Y)
    activity(
        db,
        date(Y, 1, 8),
        {a: "出席", b: "出席", c: "请假", d: "缺席"},
        kind="其他",
        title="县政协全体会议",
    )
    activity(db, date(Y, 3, 1), {a: "出席", b: "出席", c: "出席"}, kind="政策宣讲")
    submission(db, "提案", date(Y, 3, 2), [a, c], is_filed=True)
    submission(db, "社情民意", date(Y, 4, 2), [b], adopted_level="市")
    engine.recalculate(db, Y)
    engine.add_manual_entry(
        db,
        year=Y,
        member_id=c,
        points=-2,
        category="活动",
        reason="迟到未说明",
        evidence="签到表",
        entered_by="小周",
    )
    return ids


def test_statistics_sheet_agrees_with_ranking(db, tmp_path, scored):
    path = export_points_xlsx(load_points_table(db, Y), tmp_path / "统计表.xlsx")
    wb = load_workbook(path)
    ws = wb["履职积分统计表"]
    assert ws["A1"].value == "2024年度委员履职积分统计表"
    top, header = [c.value for c in ws[2]], [c.value for c in ws[3]]
    assert top[:4] == ["序号", "姓名", "界别", "所属联络室"]  # merged over both header rows
    assert header[4:8] == ["会议", "提案", "活动", "社情民意"]
    assert top[8:11] == ["总分", "排名", "等次"]
    assert header[11:] == ["宣讲", "提案", "信息", "协商", "实事"]
    assert ws["L2"].value == "五个一" and ws["E2"].value == "分项得分"
    r = ranking.get_ranking(db, Y)
    for i, row in enumerate(r.rows):
        cells = [c.value for c in ws[4 + i]]
        assert cells[0] == i + 1 and cells[1] == row.name and cells[2] == row.sector
        assert cells[8] == row.total and cells[9] == row.rank and cells[10] == row.grade
        assert sum(cells[4:8]) == pytest.approx(row.total)
        assert cells[11:] == ["✓" if ch.met else "✗" for ch in row.checks]
    formula_name = [ws.cell(4 + i, 2) for i in range(len(r.rows))]
    assert any(c.value == "=HYPERLINK(1)" and c.data_type == "s" for c in formula_name)
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == "$1:$3" and ws.freeze_panes == "A4"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage

    detail = wb["积分明细"]
    assert [c.value for c in detail[2]][:6] == ["序号", "姓名", "类别", "分值", "计分说明", "来源"]
    lines = [[c.value for c in row] for row in detail.iter_rows(min_row=3)]
    by_name: dict[str, float] = {}
    for line in lines:
        by_name[line[1]] = by_name.get(line[1], 0) + line[3]
    assert by_name == {row.name: pytest.approx(row.total) for row in r.rows}
    manual = [line for line in lines if line[4] == "手工扣分：迟到未说明"][0]
    assert manual[5] == "手工录入（录入人：小周）" and manual[6] == "签到表"
    assert any(str(line[5]) == "出席记录" for line in lines)  # no internal ids ("出席记录 #2")
    assert not any("#" in str(line[5]) for line in lines)


def test_statistics_needs_rules(db, tmp_path):
    with pytest.raises(NotFoundError):
        load_points_table(db, 2031)


def test_archive_layout_and_content(db, tmp_path, scored):
    a = scored[0]
    fonts = OfficialFonts.from_settings(font_settings(db))
    path = export_archive_docx(load_archive(db, a, Y), fonts, tmp_path / "档案.docx")
    doc = Document(path)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    title = doc.paragraphs[0]
    assert title.text == "2024年度委员履职档案"
    run = title.runs[0]
    assert run.font.size.pt == 22
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert 'w:eastAsia="zh-CN"' in all_xml(path)  # the template's styles carry the language
    texts = [p.text for p in doc.paragraphs]
    assert "一、基本情况" in texts and "四、履职积分" in texts
    body = [p for p in doc.paragraphs if p.text.startswith("本年度应参加活动")][0]
    assert body.runs[0].font.size.pt == 16
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    details, acts, subs, ledger = doc.tables
    assert details.cell(0, 0).text == "项目" and details.cell(1, 1).text == "王丽华"
    assert [acts.cell(i, 3).text for i in (1, 2)] == ["县政协全体会议", "协商会"] or len(
        acts.rows
    ) == 3
    assert subs.cell(1, 2).text == "提案" and subs.cell(1, 5).text == "立案"
    row = {r.name: r for r in ranking.get_ranking(db, Y).rows}["王丽华"]
    assert ledger.cell(len(ledger.rows) - 1, 1).text == "合计"
    assert float(ledger.cell(len(ledger.rows) - 1, 2).text) == row.total
    assert any(f"排名第 {row.rank} 名" in t and row.grade in t for t in texts)
    footer = section.footer.paragraphs[0]
    assert "PAGE" in footer._p.xml and footer.alignment == 2  # right on odd pages
    assert doc.settings.odd_and_even_pages_header_footer


def test_all_archives_into_a_folder(db, tmp_path, scored):
    folder = tmp_path / "档案"
    folder.mkdir()
    fonts = OfficialFonts.from_settings(font_settings(db))
    written = export_all_archives(load_year_archives(db, Y), fonts, folder)
    assert len(written) == 4 and all(p.exists() for p in written)
    assert any("王丽华" in p.name for p in written)
    assert not any("/" in p.name or ":" in p.name for p in written)


def _count_calls(monkeypatch, func) -> list[int]:
    """Wrap ``func`` wherever an app module holds it (``from … import`` copies the name)."""
    calls: list[int] = []

    def counting(*args, **kwargs):
        calls.append(args[1] if len(args) > 1 else kwargs.get("year"))
        return func(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("app.") and getattr(module, func.__name__, None) is func:
            monkeypatch.setattr(module, func.__name__, counting)
    return calls


def test_batch_archives_rank_the_year_once(db, tmp_path, scored, monkeypatch):
    """The ranking (every member's totals, ranks, grades) is computed once for the whole batch
    and each member's 档案 gets its slice; it used to be computed again for every member."""
    fonts = OfficialFonts.from_settings(font_settings(db))
    one_by_one = {mid: load_archive(db, mid, Y) for mid in scored}
    calls = _count_calls(monkeypatch, ranking.load_ranking)
    for mid in scored:  # the counter sees the per-member path: once per member
        load_archive(db, mid, Y)
    assert calls == [Y] * len(scored)
    calls.clear()
    folder = tmp_path / "档案"
    folder.mkdir()
    archives = load_year_archives(db, Y)
    written = export_all_archives(archives, fonts, folder)
    assert calls == [Y] and len(written) == len(scored) == 4
    # the same 档案, slice for slice, as reading each member on their own
    assert {a.member_id: a for a in archives} == one_by_one
    assert [a.rank for a in archives] == [r.rank for r in ranking.get_ranking(db, Y).rows]
    assert {a.members_ranked for a in archives} == {4}


def test_batch_archives_without_rules_are_none(db, tmp_path):
    assert load_year_archives(db, 2031) == []


def test_statistics_layout_and_print_setup(db, tmp_path, scored):
    """What the clerk sees on paper: merged titles and two-row header, fills, widths, heights."""
    wb = load_workbook(export_points_xlsx(load_points_table(db, Y), tmp_path / "统计表.xlsx"))
    ws = wb["履职积分统计表"]
    assert {str(r) for r in ws.merged_cells.ranges} == {
        "A1:P1",  # title
        *(f"{c}2:{c}3" for c in "ABCDIJK"),  # 序号…所属联络室, 总分 排名 等次
        "E2:H2",  # 分项得分
        "L2:P2",  # 五个一
        "A9:P9",  # the note under the table
    }
    assert ws["A9"].value.startswith("说明：规则") and ws["A8"].value is None
    assert ws["A1"].font.name == "黑体" and ws["A1"].font.sz == 16 and ws["A1"].font.b
    assert ws.row_dimensions[1].height == 32 and ws.row_dimensions[2].height == 24
    for cell in (ws["A2"], ws["E3"], ws["P3"]):
        assert cell.fill.fgColor.rgb == "00D9E1F2" and cell.font.b and cell.border.left.style
    assert ws.column_dimensions["A"].width == 6 and ws.column_dimensions["D"].width == 20
    rows = {ws.cell(r, 2).value: r for r in range(4, 8)}
    expected = {"李建国": "00FFF2CC", "王丽华": "00FFF2CC", "张敏": "00F8CBAD"}
    expected["=HYPERLINK(1)"] = "00F8CBAD"  # below the pass line beats missing 五个一
    for name, colour in expected.items():
        cells = ws[rows[name]]
        assert {c.fill.fgColor.rgb for c in cells} == {colour}
        assert all(c.border.bottom.style == "thin" for c in cells)
    assert ws.cell(4, 1).alignment.horizontal == "center" and ws.cell(4, 4).alignment.wrap_text
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"

    detail = wb["积分明细"]
    assert {str(r) for r in detail.merged_cells.ranges} == {"A1:H1"}
    assert detail["A1"].value == "2024年度委员履职积分明细"
    assert detail.print_title_rows == "$1:$2" and detail.freeze_panes == "A3"
    assert detail.page_setup.orientation == "landscape" and int(detail.page_setup.paperSize) == 9
    assert detail.sheet_properties.pageSetUpPr.fitToPage and detail.page_setup.fitToWidth == 1
    assert [detail.column_dimensions[c].width for c in "ABCDEFGH"] == [6, 10, 10, 8, 60, 20, 18, 10]
    assert detail["H2"].fill.fgColor.rgb == "00D9E1F2"
    for row in detail.iter_rows(min_row=3):
        text, evidence = row[4].value or "", row[6].value or ""
        lines = max(-(-len(text) // 28), -(-len(evidence) // 8), 1)
        assert detail.row_dimensions[row[0].row].height == 15 * lines + 3
        assert row[0].alignment.horizontal == "center" and row[4].alignment.wrap_text
        assert row[7].border.right.style == "thin"
    named = [r[1] for r in detail.iter_rows(min_row=3) if r[1].value == "=HYPERLINK(1)"]
    assert named and all(c.data_type == "s" for c in named)


def test_statistics_rows_grow_for_wrapped_room_lists(db, tmp_path, scored):
    """A member of several rooms: two names and the count, and the row is tall enough to show
    every line it wraps to (rows do not overlap the next one when printed)."""
    with db.write() as s:
        for n in range(3):
            room = Room(name=f"第{n + 1}个很长名字的社区委员联络室")
            s.add(room)
            s.flush()
            s.add(RoomMember(room_id=room.id, member_id=scored[0]))
    path = export_points_xlsx(load_points_table(db, Y), tmp_path / "统计表.xlsx")
    ws = load_workbook(path)["履职积分统计表"]
    rows = {ws.cell(r, 2).value: r for r in range(4, 8)}
    many = ws.cell(rows["王丽华"], 4).value
    assert many.count("、") == 1 and many.endswith("等4个")
    lines = -(-display_width(many) // 19)
    assert lines >= 2 and ws.row_dimensions[rows["王丽华"]].height == lines * 14.5 + 4
    assert ws.row_dimensions[rows["李建国"]].height is None  # one line keeps the default
