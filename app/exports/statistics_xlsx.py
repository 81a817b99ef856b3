"""年度工作统计 and 季度汇总 (.xlsx): one sheet per table, each with its title row, A4 print
setup, the header repeated on every printed page and the page footer; the months' sheet carries
an Excel bar chart in greys that print in black and white."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.drawing.line import LineProperties
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from app.exports.files import write_file
from app.exports.ledger import sheet_name
from app.exports.statistics_tables import StatTable, quarter_tables, year_tables
from app.exports.xlsx_common import (
    FONT_NAME,
    HEADER_HEIGHT,
    LINE_HEIGHT_PT,
    set_widths,
    setup_print,
    wrapped_lines,
    write_header,
    write_row,
    write_title,
)
from app.services.statistics.report import QuarterReport, YearReport

HEADER_ROW = 2
SERIES_FILLS = ("404040", "BFBFBF")  # dark and light grey: tell apart on a black-and-white print
CHART_ROWS = 16  # rows the chart takes below its table
LANDSCAPE_WIDTH = 100  # character units wider than this print across
MIN_WIDTH = 72  # character units: a portrait A4 page at 100 %
TITLE_LINES_HEIGHT = 44  # the title and the table's name, two lines of 14 pt
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _bar_chart(table: StatTable, ws: Worksheet, first: int, last: int) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.title = "履职活动按月份（次）"
    chart.y_axis.title = "次数"
    chart.y_axis.majorGridlines = None
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    chart.legend.position = "b"
    chart.height, chart.width = 7.5, 16
    columns = len(table.headers) - 1
    data = Reference(ws, min_col=2, max_col=1 + columns, min_row=HEADER_ROW, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    for series, fill in zip(chart.series, SERIES_FILLS, strict=False):
        series.graphicalProperties = GraphicalProperties(
            solidFill=fill, ln=LineProperties(solidFill="000000")
        )
    return chart


def _widths(table: StatTable) -> list[float]:
    """The table's widths, spread to at least a portrait page's width: the two-line title
    row is as wide as the table."""
    total = sum(table.widths)
    if total >= MIN_WIDTH:
        return table.widths
    return [round(w * MIN_WIDTH / total, 1) for w in table.widths]


def _write_table(ws: Worksheet, title: str, table: StatTable) -> None:
    width = len(table.headers)
    widths = _widths(table)
    set_widths(ws, widths)
    setup_print(
        ws,
        header_rows=(HEADER_ROW, HEADER_ROW),
        landscape=sum(widths) > LANDSCAPE_WIDTH,
        freeze_below=HEADER_ROW,
    )
    write_title(ws, title, width, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(
        horizontal="center", vertical="center", wrap_text=True
    )
    ws.row_dimensions[1].height = TITLE_LINES_HEIGHT
    write_header(ws, HEADER_ROW, table.headers)
    lines = max(wrapped_lines(table.headers, widths), *(h.count("\n") + 1 for h in table.headers))
    ws.row_dimensions[HEADER_ROW].height = max(HEADER_HEIGHT, lines * LINE_HEIGHT_PT + 6)
    row = HEADER_ROW
    for values in table.rows:
        row += 1
        write_row(ws, row, values)
        for col, value in enumerate(values, start=1):
            if not isinstance(value, str) or (col > 1 and col - 1 not in table.text_columns):
                ws.cell(row=row, column=col).alignment = CENTRED
        lines = wrapped_lines(values, widths)
        ws.row_dimensions[row].height = lines * LINE_HEIGHT_PT + 6
    if table.total_row and table.rows:
        for col in range(1, width + 1):
            ws.cell(row=row, column=col).font = Font(name=FONT_NAME, size=11, bold=True)
    if table.note:
        note = ws.cell(row=row + 1, column=1, value=table.note)
        note.font = Font(name=FONT_NAME, size=10)
        ws.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=width)
        ws.row_dimensions[row + 1].height = LINE_HEIGHT_PT * 2
        note.alignment = Alignment(wrap_text=True, vertical="top")
    if table.chart == "month":
        last = row - 1 if table.total_row else row  # the 合计 row is no month
        chart = _bar_chart(table, ws, HEADER_ROW + 1, last)
        ws.add_chart(chart, f"A{row + 3}")
        ws.print_area = f"A1:{ws.cell(row=row + 3 + CHART_ROWS, column=max(width, 6)).coordinate}"


def _write_book(path: Path, title: str, tables: list[StatTable]) -> None:
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in tables:
        ws = book.create_sheet(sheet_name(table.name, taken))
        _write_table(ws, f"{title}\n{table.name}", table)
    book.properties.title = title
    book.save(path)


def export_year_xlsx(report: YearReport, path: Path) -> Path:
    return write_file(path, lambda temp: _write_book(temp, report.title, year_tables(report)))


def export_quarter_xlsx(report: QuarterReport, path: Path) -> Path:
    return write_file(path, lambda temp: _write_book(temp, report.title, quarter_tables(report)))
