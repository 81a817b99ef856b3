"""签到表 (.docx/.xlsx): every expected member, 列席 rows, no phones, print-ready."""

import re

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn
from openpyxl import load_workbook

from app.exports.official_docx import OfficialFonts
from app.exports.signin import write_signin_docx, write_signin_xlsx
from app.services.documents import meeting_papers as documents
from tests.exports.docx_facts import all_xml, mm, open_docx
from tests.exports.meeting_records import NAMES, PHONES, make_meeting

PHONE_DIGITS = re.compile(r"1[3-9]\d{9}|\d{4}-\d{7}")


def _phones_absent(text: str) -> None:
    for phone in PHONES:
        assert phone not in text
    assert not PHONE_DIGITS.search(text)


def test_signin_docx_rows_and_table_properties(db, tmp_path):
    meeting = make_meeting(db)
    path = tmp_path / "签到表.docx"
    write_signin_docx(path, documents.load_signin(db, meeting.activity_id), OfficialFonts())
    _phones_absent(all_xml(path))
    d = open_docx(path)
    assert d.paragraphs[0].text == "和平村委员联络室协商议事会签到表"
    texts = [p.text for p in d.paragraphs]
    assert "会议：关于老旧小区加装电梯的协商议事会" in texts
    assert "地点：和平村党群服务中心二楼会议室" in texts
    table = d.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "姓名", "界别/单位", "签到", "备注"]
    assert [r[1] for r in rows[1:7]] == list(NAMES)
    assert rows[1][2] == "经济界／某某公司0部经理" and rows[1][3] == ""
    assert rows[3][4] == "请假（外出学习）"
    assert rows[7][0] == "列席人员"
    assert rows[8][1:3] == ["赵刚", "县住建局副局长"] and rows[9][1] == "孙梅"
    assert all(r[1] == "" for r in rows[10:13]) and len(rows) == 13  # blank 列席 rows
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    for row in table.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    for row in table.rows[1:]:
        # room to sign by hand, and 18 or more rows on an A4 page
        assert mm(row.height) >= 8.5 and row.height_rule == WD_ROW_HEIGHT_RULE.AT_LEAST
    assert mm(d.sections[0].page_width) == 210.0


def test_signin_falls_back_to_room_members(db, tmp_path):
    meeting = make_meeting(db)
    data = documents.load_signin(db, meeting.empty_activity_id)
    assert [p.name for p in data.members] == list(NAMES)
    path = tmp_path / "s.docx"
    write_signin_docx(path, data, OfficialFonts())
    rows = [[c.text for c in row.cells] for row in open_docx(path).tables[0].rows]
    assert rows[7][0] == "列席人员" and len(rows) == 1 + 6 + 1 + 3


def test_signin_xlsx_print_setup_and_text_cells(db, tmp_path):
    meeting = make_meeting(db)
    path = tmp_path / "签到表.xlsx"
    write_signin_xlsx(path, documents.load_signin(db, meeting.empty_activity_id))
    ws = load_workbook(path).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    _phones_absent(repr(values))
    assert ws["A1"].value == "和平村委员联络室微协商签到表"
    assert ws["A2"].value == "会议：@停车难问题微协商" and ws["A2"].data_type == "s"
    assert [c.value for c in ws[5]] == ["序号", "姓名", "界别/单位", "签到", "备注"]
    assert [ws.cell(row=r, column=2).value for r in range(6, 12)] == list(NAMES)
    assert ws.cell(row=12, column=1).value == "列席人员"
    assert ws.max_row == 15
    assert all(ws.row_dimensions[r].height >= 28.35 for r in range(6, 12))  # ≥ 1 cm
    assert ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$5:$5"
    assert ws.freeze_panes == "A6"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
