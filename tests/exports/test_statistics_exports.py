"""年度工作统计 (.xlsx/.docx), 季度汇总 and 督办台账 written through the command line and read back:
the numbers a clerk would check, against plain SQL on the stored rows, and the print setup."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import load_workbook

from app.cli import main
from app.services.demo import generate as demo
from app.services.statistics.report import year_report
from tests.services.statistics.oracle import Oracle

A4 = 9


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    from app.storage import open_database

    path = tmp_path_factory.mktemp("stats") / "demo.db"
    db = open_database(path)
    demo.load_demo(db, "township", seed=1, today=date(2026, 6, 30))
    db.dispose()
    return path


def run(db_path, *argv: str) -> int:
    return main(["--db", str(db_path), "export", *argv])


def assert_printable(ws, header_row: int, landscape: bool | None = None) -> None:
    assert ws.page_setup.paperSize == A4
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    assert "第 &P 页" in ws.oddFooter.center.text
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    if landscape is not None:
        assert (ws.page_setup.orientation == "landscape") is landscape


def column(ws, col: int, first: int = 3) -> list:
    return [ws.cell(row=r, column=col).value for r in range(first, ws.max_row + 1)]


def test_yearly_xlsx_equals_the_stored_rows(demo_file, tmp_path, capsys):
    out = tmp_path / "年度.xlsx"
    assert run(demo_file, "yearly", "--year", "2025", "--out", str(out)) == 0
    assert "已导出年度工作统计" in capsys.readouterr().out
    oracle = Oracle(demo_file, 2025)
    book = load_workbook(out)
    assert book.sheetnames[:3] == ["总览", "活动按类型", "活动按月份"]
    for ws in book.worksheets:
        assert_printable(ws, 2)
        assert "2025年度工作统计" in ws["A1"].value
    rooms = book["联络室"]
    assert rooms.page_setup.orientation == "landscape"
    by_type = dict(zip(column(book["活动按类型"], 1), column(book["活动按类型"], 2), strict=True))
    assert {k: v for k, v in by_type.items() if v and k != "合计"} == oracle.activities_by_type()
    assert by_type["合计"] == sum(oracle.activities_by_type().values())
    months = book["活动按月份"]
    assert months["B2"].value == "2025年" and months["C2"].value == "2024年"
    counted = dict(zip(column(months, 1)[:12], column(months, 2)[:12], strict=True))
    assert {int(k[:-1]): v for k, v in counted.items() if v} == oracle.activities_by_month()
    expected_rooms = oracle.rooms()
    shown = [(r[1], r[2]) for r in rooms.iter_rows(min_row=3, values_only=True) if r[1]]
    assert {name for name, _held in shown} == set(expected_rooms)
    for name, held in shown:
        assert held == expected_rooms[name][0]
    sources = dict(zip(column(book["议题按来源"], 1), column(book["议题按来源"], 2), strict=True))
    assert {k: v for k, v in sources.items() if v and k != "合计"} == oracle.topics("source")
    follow = dict(
        zip(column(book["协商成果办理"], 1), column(book["协商成果办理"], 2), strict=True)
    )
    expected = oracle.follow_up_counts(date.today())
    assert follow["协商成果（建议）"] == expected["total"]
    assert follow["其中已采纳"] == expected["adopted"]
    assert follow["逾期未办结"] == expected["overdue"]
    assert follow["群众评议：满意"] == expected["evaluation"]["满意"]
    members = dict(zip(column(book["委员履职"], 1), column(book["委员履职"], 2), strict=True))
    assert members["等次：优秀"] == oracle.grade_counts()["优秀"]
    per_item, all_met = oracle.requirement_counts()
    assert members["五个一·提案"] == per_item["提案"] and members["五个一全部完成"] == all_met
    subs = book["履职成果"]
    kinds = {row[0]: row for row in subs.iter_rows(min_row=3, values_only=True) if row[0]}
    assert kinds["社情民意"][1] == oracle.submissions()["社情民意"][0]
    assert kinds["社情民意"][4] == oracle.submissions()["社情民意"][2]["市"]
    # the Excel chart: a bar chart of the months sheet, two grey series that print in black/white
    with zipfile.ZipFile(out) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        xml = archive.read(charts[0]).decode()
    assert "<barChart>" in xml and "'活动按月份'!$B$3:$B$14" in xml
    assert 'val="404040"' in xml and 'val="BFBFBF"' in xml


def test_quarterly_xlsx_has_the_quarter_and_the_year_to_date(demo_file, tmp_path):
    out = tmp_path / "季度.xlsx"
    assert run(demo_file, "quarterly", "--year", "2025", "--quarter", "3", "--out", str(out)) == 0
    book = load_workbook(out)
    overview = book["总览"]
    assert overview["B2"].value == "本季度" and overview["C2"].value == "2025年1—9月"
    assert "2025年第三季度工作汇总" in overview["A1"].value
    rows = {r[0]: r[1:] for r in overview.iter_rows(min_row=3, values_only=True)}
    quarter, to_date = Oracle(demo_file, 2025, 7, 9), Oracle(demo_file, 2025, 1, 9)
    assert rows["履职活动（次）"] == (
        sum(quarter.activities_by_type().values()),
        sum(to_date.activities_by_type().values()),
    )
    assert rows["接待来访（人次）"] == (quarter.receptions(), to_date.receptions())
    months = book["活动按月份"]
    assert column(months, 1)[:-2] == [f"{m}月" for m in range(1, 10)]  # then 合计, the note
    assert months["B3"].value is None and months["C3"].value == to_date.activities_by_month()[1]
    members = book["委员履职"]  # the quarter's 委员履职, as the yearly has it for the year
    assert (members["B2"].value, members["C2"].value) == ("本季度", "2025年1—9月")
    lines = {r[0]: r[1:] for r in members.iter_rows(min_row=3, values_only=True) if r[0]}
    assert (
        lines["参加积分排名的委员"][0]
        == lines["参加积分排名的委员"][1]
        == len(quarter.totals(2025))
    )
    attended = [
        sum(o.source_counts()[mid]["活动"] for mid in o.totals(2025)) for o in (quarter, to_date)
    ]
    assert lines["出席活动（人次）"] == tuple(attended) and 0 < attended[0] < attended[1]
    per_item, _all = quarter.requirement_counts()
    for name, met in per_item.items():
        assert next(v for k, v in lines.items() if k.endswith(f"·{name}"))[0] == met
    assert any("等次" in (k or "") for k in lines)  # the note: 等次 is yearly
    follow_notes = [r[0] for r in book["协商成果办理"].iter_rows(values_only=True) if r[0]]
    assert "只计已召开、已归档活动的成果" in follow_notes[-1]
    for ws in book.worksheets:
        assert_printable(ws, 2)


def test_yearly_docx_reads_like_the_minutes_with_tables_and_a_chart(demo_file, tmp_path):
    out = tmp_path / "年度.docx"
    assert run(demo_file, "yearly", "--year", "2025", "--out", str(out)) == 0
    doc = Document(str(out))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.top_margin - Mm(37)) < Mm(0.1) and abs(section.left_margin - Mm(28)) < Mm(
        0.1
    )
    oracle = Oracle(demo_file, 2025)
    total = sum(oracle.activities_by_type().values())
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[0].endswith("2025年度工作统计")
    assert f"共开展履职活动{total}次" in texts[1]
    headings = [t for t in texts if t[1:2] == "、"]
    assert headings == [
        "一、履职活动",
        "二、联络室工作",
        "三、议题",
        "四、协商成果办理",
        "五、委员履职",
        "六、履职成果",
    ]
    types = doc.tables[0]
    assert types.rows[0].cells[0].text == "活动类型"
    assert types.rows[-1].cells[1].text == str(total)
    assert types.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    chart = doc.tables[1]
    months = oracle.activities_by_month()
    bars = chart.rows[::2]  # a thin spacer row between bars
    assert [r.cells[0].text for r in bars] == [f"{m}月" for m in range(1, 13)]
    most = max(months.values())
    for month, row in enumerate(bars, start=1):
        count = months.get(month, 0)
        assert row.cells[-2].text == str(count)
        shaded = row._tr.findall(f".//{qn('w:shd')}")
        span = shaded[0].getparent().find(qn("w:gridSpan")) if shaded else None
        width = int(span.get(qn("w:val"))) if span is not None else len(shaded)
        assert width == round(count / most * 30)
        assert all(s.get(qn("w:fill")) == "000000" for s in shaded)  # black: prints as shown
    rooms = doc.tables[2]
    expected = oracle.rooms()
    for row in rooms.rows[1:]:
        name = row.cells[1].text
        assert row.cells[2].text.split("/")[0] == str(expected[name][0])


def test_followups_register_overdue_first_with_days(demo_file, tmp_path):
    out = tmp_path / "督办.xlsx"
    assert run(demo_file, "followups", "--out", str(out)) == 0
    ws = load_workbook(out).active
    assert_printable(ws, 3, landscape=True)
    assert ws["A3"].value == "序号" and ws["I3"].value == "逾期天数"
    today = date.today()
    open_rows = [
        (s, d)
        for s, d, _e in Oracle(demo_file, 2000, 1, 12).rows(
            "SELECT status, due_on, evaluation FROM follow_up"
        )
    ]
    overdue = sum(s in ("待交办", "办理中") and d and d < today.isoformat() for s, d in open_rows)
    body = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(body) == len(open_rows)
    days = [row[8] for row in body]
    assert all(isinstance(d, int) and d > 0 for d in days[:overdue])
    assert all(d is None for d in days[overdue:])
    first_due = body[0][6].date()
    assert days[0] == (today - first_due).days
    assert ws.cell(row=4, column=1).fill.fgColor.rgb.endswith("D9D9D9")

    only = tmp_path / "逾期.xlsx"
    assert run(demo_file, "followups", "--overdue", "--year", "2025", "--out", str(only)) == 0
    rows = list(load_workbook(only).active.iter_rows(min_row=4, values_only=True))
    assert rows and all(r[8] for r in rows) and all(r[2].year == 2025 for r in rows)
    adopted = tmp_path / "采纳.xlsx"
    assert run(demo_file, "followups", "--status", "已采纳", "--out", str(adopted)) == 0
    rows = list(load_workbook(adopted).active.iter_rows(min_row=4, values_only=True))
    assert {r[7] for r in rows} == {"已采纳"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["yearly", "--year", "2025", "--out", "x.pdf"], "扩展名"),
        (["quarterly", "--year", "2025", "--quarter", "2", "--out", "x.docx"], "扩展名"),
        (["followups", "--status", "已完成", "--out", "x.xlsx"], "办理状态"),
        (["yearly", "--year", "99999", "--out", "x.xlsx"], "年度"),
    ],
)
def test_wrong_arguments_exit_2_with_one_chinese_line(tmp_path, capsys, argv, message):
    out = [str(tmp_path / a) if a.startswith("x.") else a for a in argv]
    assert run(tmp_path / "d.db", *out) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.glob("x.*"))


def test_report_and_file_agree_for_an_empty_year(db, db_path, tmp_path):
    report = year_report(db, 2030)
    assert report.stats.activities == 0 and not report.members.has_rules
    out = tmp_path / "空.xlsx"
    assert run(db_path, "yearly", "--year", "2030", "--out", str(out)) == 0
    assert load_workbook(out)["委员履职"]["A3"].value == "本年度尚无积分规则"


@pytest.mark.slow
def test_followups_register_prints_its_heading_and_whole_dates(demo_file, tmp_path):
    """LibreOffice's PDF of the 督办台账: the 乡镇 (本单位) heads it, and its dates print as dates
    (the 11-wide date columns printed ###)."""
    import shutil

    from tests.exports.office_pdf import libreoffice_pdf, pdftotext

    db_file = shutil.copy(demo_file, tmp_path / "demo.db")  # the module's file stays unnamed
    assert (
        main(["--db", str(db_file), "identity", "set", "--name", "双河镇", "--level", "township"])
        == 0
    )
    out = tmp_path / "督办.xlsx"
    assert run(db_file, "followups", "--year", "2025", "--out", str(out)) == 0
    text = pdftotext(libreoffice_pdf(out, tmp_path), "-layout")
    assert "双河镇2025年协商成果督办台账" in text
    assert "###" not in text
    first = load_workbook(out).active["C4"].value
    assert f"{first:%Y-%m-%d}" in text
