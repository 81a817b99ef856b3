"""GB/T 9704 §10.3: the 纪要's 出席/请假/列席 lines follow the body — after the 协商意见 and the
落实分工 table, one blank line below, wrapped names under the first name. A setting keeps the
header-block layout (among 时间/地点/主持人) that some offices use. Read back from the .docx.
"""

import re

import pytest
from docx.oxml.ns import qn

from app.exports.minutes import minutes_blocks, write_minutes
from app.exports.official_docx import OfficialFonts
from app.services import settings
from app.services.documents import meeting_papers as documents
from tests.exports.docx_facts import open_docx
from tests.exports.meeting_records import add_year_end_follow_up, make_meeting
from tests.exports.office_pdf import libreoffice_pdf, pdftotext

LIST = ["出席", "请假", "缺席", "列席"]


def _body_order(db, tmp_path) -> tuple[list[str], object]:
    """The document body in order: each paragraph's label (text before "：") or text, and
    "[表格]" for a table."""
    meeting = make_meeting(db)
    path = tmp_path / "纪要.docx"
    data = documents.load_minutes(db, meeting.activity_id)
    write_minutes(path, minutes_blocks(data), OfficialFonts())
    d = open_docx(path)
    order = []
    for child in d.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            order.append("[表格]")
        elif child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            order.append(text.partition("：")[0] if "：" in text[:4] else text)
    return order, d


def test_by_default_the_attendance_lines_follow_the_body(db, tmp_path):
    order, d = _body_order(db, tmp_path)
    assert order.index("记录人") + 1 == order.index("议题")  # nothing between them now
    table = order.index("[表格]")
    assert order.index("协商意见") < order.index("落实分工") < table
    assert order[table + 1] == ""  # one blank line below the body
    assert order[table + 2 : table + 6] == LIST
    assert all(order.count(label) == 1 for label in LIST)
    present = next(p for p in d.paragraphs if p.text.startswith("出席："))
    ind = present._p.pPr.find(qn("w:ind"))
    # two characters in; wrapped lines start under the first name, after 出席：
    assert (ind.get(qn("w:leftChars")), ind.get(qn("w:hangingChars"))) == ("500", "300")
    assert present.runs[1].text == "张建国、李秀英、刘芳、杨丽华"


def test_the_header_block_layout_is_kept_when_chosen(db, tmp_path):
    settings.put(db, "minutes.attendance", "header")
    order, d = _body_order(db, tmp_path)
    start = order.index("记录人") + 1
    assert order[start : start + 5] == [*LIST, "议题"]
    assert order.index("[表格]") == len(order) - 1  # the table ends the minutes
    present = next(p for p in d.paragraphs if p.text.startswith("出席："))
    assert present._p.pPr.find(qn("w:ind")) is None  # the body's own two-character indent


@pytest.mark.slow
def test_libreoffice_prints_the_date_on_one_line_and_the_names_after_the_table(db, tmp_path):
    meeting = make_meeting(db)
    add_year_end_follow_up(db, meeting.activity_id)
    path = tmp_path / "纪要.docx"
    data = documents.load_minutes(db, meeting.activity_id)
    write_minutes(path, minutes_blocks(data), OfficialFonts())
    pdf = libreoffice_pdf(path, tmp_path)
    text = pdftotext(pdf, "-layout")
    lines = text.splitlines()
    due = next(
        i for i, line in enumerate(lines) if re.search(r"2026\s*年\s*12\s*月\s*31\s*日", line)
    )
    present = next(i for i, line in enumerate(lines) if line.strip().startswith("出席"))
    assert due < present
