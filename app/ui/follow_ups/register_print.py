"""打印 and 导出 of the 督办台账 from the 督办 page: the rows the board shows, overdue first.

The print is a QTextDocument table on A4 landscape, cut into one table a page so that no row is
split between pages (register_pages), each with the header row. Overdue lines are shaded grey
with 逾期天数 in bold, which a black-and-white printer keeps; the page number is printed at the
foot of each page.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from app.exports.follow_up_register import export_register
from app.services.follow_ups.register import HEADERS, FollowUpRegister
from app.ui.common.actions import FAILED, run_action
from app.ui.common.file_dialogs import ask_save_path
from app.ui.common.print_preview import OwnPrinterPreviewDialog
from app.ui.follow_ups.register_pages import page_starts
from app.ui.shell.context import UiContext

# Column shares of the page width, in HEADERS order (the .xlsx widths, in percent).
COLUMN_PERCENT = (3, 10, 8.5, 16, 9, 8.5, 8.5, 5, 4.5, 14, 8.5, 4.5)
PRINT_PT = 8.0
NO_WRAP = {0, 2, 5, 6, 8, 10}  # 序号, the dates, 逾期天数
MARGINS_MM = QMarginsF(12, 12, 12, 14)
OVERDUE_BACKGROUND = "#d9d9d9"


def _cell(value: object) -> str:
    if isinstance(value, date):  # dots: Qt breaks a line after a hyphen, even in nowrap cells
        return f"{value:%Y.%m.%d}"
    return escape(str(value)).replace("\n", "<br>")


def register_html(register: FollowUpRegister, breaks: Collection[int] = ()) -> str:
    """The title, the scope line and the rows' table; before each row index in ``breaks`` the
    table ends and a new one, with its own header row, starts on a new page."""
    heads = "".join(
        f"<th width='{w}%'>{escape(h)}</th>" for h, w in zip(HEADERS, COLUMN_PERCENT, strict=True)
    )
    lines = []
    for i, row in enumerate(register.rows, start=1):
        cells = register.cells(i, row)
        shade = f" bgcolor='{OVERDUE_BACKGROUND}'" if row.overdue else ""
        tds = "".join(
            f"<td{' nowrap' if c in NO_WRAP else ''}>"
            + (f"<b>{_cell(v)}</b>" if c == 8 and v else _cell(v))
            + "</td>"
            for c, v in enumerate(cells)
        )
        lines.append(f"<tr{shade}>{tds}</tr>")
    if not register.rows:
        lines.append(f"<tr><td colspan='{len(HEADERS)}'>没有符合条件的办理事项</td></tr>")
    cuts = [0, *sorted(b for b in breaks if 0 < b < len(lines)), len(lines)]
    tables = "".join(
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'"
        + (" style='page-break-before: always'" if start else "")
        + f"><thead><tr bgcolor='#eeeeee'>{heads}</tr></thead>{''.join(lines[start:end])}</table>"
        for start, end in itertools.pairwise(cuts)
    )
    return (
        "<html><body>"
        f"<h2 align='center' style='font-family:黑体'>{escape(register.title)}</h2>"
        f"<p>{escape(register.scope)}</p>"
        f"{tables}</body></html>"
    )


def landscape_a4(printer: QPrinter) -> None:
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )


class RegisterPreviewDialog(OwnPrinterPreviewDialog):
    """The print preview of the 督办台账 the board shows."""

    def __init__(self, register: FollowUpRegister, parent: QWidget | None) -> None:
        super().__init__(parent, f"打印预览 — {register.title}")
        self.setObjectName("register_preview_dialog")
        self.register = register
        landscape_a4(self.printer)
        self.paintRequested.connect(self.paint)

    def document(self, starts: Collection[int] = ()) -> QTextDocument:
        """Laid out by ``print_`` on the printer's page, which also numbers the pages; the
        table is cut before the rows ``starts`` (each starts a page)."""
        doc = QTextDocument()  # owned by Python: each paint makes a few, freed after use
        font = QFont("宋体")
        font.setPointSizeF(PRINT_PT)
        doc.setDefaultFont(font)
        doc.setHtml(register_html(self.register, starts))
        return doc

    def paint(self, printer: QPrinter) -> None:
        """Every row whole on one page (register_pages)."""
        self.document(page_starts(self.document, printer)).print_(printer)


def default_name(register: FollowUpRegister) -> str:
    return f"督办台账（{register.today:%Y%m%d}）.xlsx"


def export_register_file(
    parent: QWidget, ctx: UiContext, register: FollowUpRegister, path: Path | None = None
) -> Path | None:
    """导出: ask where (unless ``path``), write the .xlsx; None when cancelled or it failed."""
    if path is None:
        path = ask_save_path(
            parent, ctx.settings, "导出督办台账", default_name(register), "Excel 文件 (*.xlsx)"
        )
        if path is None:
            return None
    path = path.with_suffix(".xlsx")
    written = run_action(parent, ctx, lambda: export_register(register, path))
    return None if written is FAILED else path
