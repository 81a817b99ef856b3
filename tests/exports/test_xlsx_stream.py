"""Write-only sheets: what a clerk sees is what xlsx_common gives a normal sheet."""

from datetime import date, datetime

from openpyxl import load_workbook
from openpyxl.styles import PatternFill

from app.exports.xlsx_stream import BODY, HEADER, Look, StreamBook, StreamSheet


def _sheet(book: StreamBook, title: str = "表") -> StreamSheet:
    return book.sheet(title, widths=[8, 30, 12], header_rows=(1, 3), landscape=True, freeze_below=3)


def test_title_two_row_header_print_setup_and_text_never_formula(tmp_path):
    book = StreamBook()
    sheet = _sheet(book)
    sheet.title("标题", 3)
    sheet.header(["序号", "内容", None])
    sheet.header([None, "甲", "乙"])
    sheet.merge(2, 1, 3, 1)
    sheet.merge(2, 2, 2, 3)
    styles = sheet.styles([BODY, BODY, BODY])
    risky = ["=1+1", "+86 138", "-3", "@人", "\t制表"]
    for n, text in enumerate(risky, start=1):
        sheet.append([n, text, date(2026, 3, 5)], styles, height=33)
    sheet.append([None, "时间", datetime(2026, 3, 5, 9, 30)], [None, *styles[1:]])
    path = tmp_path / "x.xlsx"
    book.save(path)

    ws = load_workbook(path)["表"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:C1", "A2:A3", "B2:C2"}
    assert ws["A1"].value == "标题" and ws["A1"].font.name == "黑体" and ws["A1"].font.b
    assert ws["A2"].value == "序号" and ws["B3"].value == "甲" and ws["C3"].value == "乙"
    assert ws["C3"].fill.fgColor.rgb == "00D9E1F2" and ws["C3"].border.top.style == "thin"
    assert ws.print_title_rows == "$1:$3" and ws.freeze_panes == "A4"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.print_options.horizontalCentered
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert [ws.column_dimensions[c].width for c in "ABC"] == [8, 30, 12]
    assert [ws.row_dimensions[r].height for r in (1, 2, 3, 4, 8)] == [32, 24, 24, 33, 33]
    assert ws.row_dimensions[9].height is None
    texts = [ws.cell(r, 2) for r in range(4, 9)]
    assert [c.value for c in texts] == risky and {c.data_type for c in texts} == {"s"}
    assert ws["C4"].value == datetime(2026, 3, 5) and ws["C4"].number_format == "yyyy-mm-dd"
    assert ws["C9"].number_format == "yyyy-mm-dd hh:mm" and ws["A9"].value is None
    assert not ws["A9"].has_style  # a column left out is not written at all
    assert ws["B4"].font.name == "宋体" and ws["B4"].alignment.wrap_text
    assert ws["B4"].border.left.style == "thin" and ws["B4"].alignment.vertical == "center"


def test_equal_looks_share_one_style_and_fills_stay_apart(tmp_path):
    book = StreamBook()
    sheet, other = _sheet(book), _sheet(book, "另一表")
    assert sheet.style(BODY.filled(None)) is other.style(Look())
    assert sheet.style(HEADER) is not sheet.style(BODY)
    fills = [PatternFill("solid", fgColor=c) for c in ("F8CBAD", "FFF2CC")]
    for _ in range(2):  # looks made and dropped again and again keep their own fills
        for fill in [*fills, None]:
            sheet.append(["x"], sheet.styles([BODY.filled(fill)]))
    other.append(["y"], other.styles([BODY.filled(fills[0])]))
    path = tmp_path / "x.xlsx"
    book.save(path)
    wb = load_workbook(path)
    ws = wb["表"]
    colours = [ws.cell(r, 1).fill.fgColor.rgb for r in range(1, 7)]
    assert colours[:2] == colours[3:5] == ["00F8CBAD", "00FFF2CC"]
    assert ws["A3"].fill.fill_type is None and ws["A6"].fill.fill_type is None
    assert wb["另一表"]["A1"].fill.fgColor.rgb == "00F8CBAD"
    assert wb.sheetnames == ["表", "另一表"]
