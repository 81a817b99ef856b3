"""The 公文 page on screen and on paper: blocks → QTextDocument → printed pages, and back.

The minutes preview is a QTextDocument laid out like the .docx (A4, the same margins, fonts,
sizes and the exact 28.95 pt line pitch). Each paragraph remembers its kind (title, label, …) in a
block property, so an edited preview turns back into blocks for printing and for 保存为 Word.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)
from PySide6.QtPrintSupport import QPrinter

from app.exports import official_geometry as geo
from app.exports.official_docx import Block, OfficialFonts, TableBlock
from app.ui.documents.pagination import tables_paged

KIND = QTextFormat.Property.UserProperty + 1
LABEL = QTextFormat.Property.UserProperty + 2
RED = QTextFormat.Property.UserProperty + 3
TABLE_SHAPE = QTextFormat.Property.UserProperty + 4  # align_left / section_rows / min_row_mm
MM_PER_INCH = 25.4
QT_DEFAULT_DPI = 96


class PageMetrics:
    """Sizes of the 公文 page in the pixels of one paint device (screen or printer)."""

    def __init__(self, dpi: float, *, laid_out_on_device: bool = False) -> None:
        self.dpi = dpi
        # A QTextDocument laid out on a paint device multiplies some lengths of its formats (fixed
        # line heights, cell paddings, a table's fixed width) by the device's dpi / 96: give those
        # in 96-dpi pixels (format_*). Margins, indents and the page size stay in device pixels.
        self._format_ratio = QT_DEFAULT_DPI / dpi if laid_out_on_device else 1.0
        self.page_w = self.mm(geo.PAGE_MM[0])
        self.page_h = self.mm(geo.PAGE_MM[1])
        self.left = self.mm(geo.MARGINS_MM["left"])
        self.right = self.mm(geo.MARGINS_MM["right"])
        self.top = self.mm(geo.MARGINS_MM["top"])
        self.bottom = self.mm(geo.MARGINS_MM["bottom"])
        self.body_w = self.page_w - self.left - self.right
        self.body_h = self.page_h - self.top - self.bottom

    def mm(self, value: float) -> float:
        return value / MM_PER_INCH * self.dpi

    def pt(self, value: float) -> float:
        return value / 72 * self.dpi

    def format_px(self, value: float) -> float:
        """``value`` device pixels as a length in a text format (see __init__)."""
        return value * self._format_ratio

    def format_pt(self, value: float) -> float:
        return self.format_px(self.pt(value))

    def format_mm(self, value: float) -> float:
        return self.format_px(self.mm(value))


def _char_format(
    family: str, size_pt: float, m: PageMetrics, *, color: str | None = None
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    font = QFont(family)
    font.setPointSizeF(size_pt)
    # Condensed like the .docx so that a line holds 28 characters (spacing is in pixels).
    spacing = m.format_pt(geo.CHAR_SPACING_TWENTIETHS / 20)  # scaled like the format lengths
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
    fmt.setFont(font, QTextCharFormat.FontPropertiesInheritanceBehavior.FontPropertiesAll)
    if color:
        fmt.setForeground(QBrush(QColor(f"#{color}")))
    return fmt


def _block_format(
    kind: str, label: str, m: PageMetrics, *, line_pt: float, red: bool = False
) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setProperty(KIND, kind)
    fmt.setProperty(LABEL, label)
    fmt.setProperty(RED, red)
    fmt.setLineHeight(m.format_pt(line_pt), QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    fmt.setTopMargin(0)
    fmt.setBottomMargin(0)
    if kind == "title":
        fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    else:
        fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
    if kind == "namelist":  # GB/T 9704 §10.3: wrapped lines start under the first name
        pitch = geo.BODY_PT + geo.CHAR_SPACING_TWENTIETHS / 20  # one condensed character
        hang = len(label) + 1  # the label and its colon
        fmt.setLeftMargin(m.pt(pitch * (2 + hang)))  # margins and indents: device units
        fmt.setTextIndent(-m.pt(pitch * hang))
    elif kind not in ("title", "plain", "blank"):
        fmt.setTextIndent(m.pt(geo.BODY_PT * 2))  # two characters
    return fmt


def build_document(
    blocks: Sequence[Block | TableBlock],
    fonts: OfficialFonts,
    dpi: float,
    *,
    paginate: bool,
    min_row_mm: float | None = None,
    device: QPaintDevice | None = None,
) -> QTextDocument:
    """The blocks as a QTextDocument at ``dpi``; ``paginate`` cuts it into type-area pages.
    With a ``device`` (of that dpi) its fonts resolve there instead of on the screen."""
    m = PageMetrics(dpi, laid_out_on_device=device is not None)
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(_char_format(fonts.body, geo.BODY_PT, m).font())
    if paginate:
        doc.setPageSize(QSizeF(m.body_w, m.body_h))
    else:
        doc.setTextWidth(m.body_w)
    cursor = QTextCursor(doc)
    body = _char_format(fonts.body, geo.BODY_PT, m)
    first = True
    for block in blocks:
        if isinstance(block, TableBlock):
            _insert_table(cursor, block, fonts, m, min_row_mm)
            first = False
            continue
        kinds = [(block.kind, block.text)]
        if block.kind == "title":
            kinds.append(("blank", ""))
        for kind, text in kinds:
            fmt = _block_format(kind, block.label, m, line_pt=geo.LINE_PT, red=block.red)
            if first:
                cursor.setBlockFormat(fmt)
                first = False
            else:
                cursor.insertBlock(fmt)
            if kind == "title":
                color = geo.TITLE_RED if block.red else None
                # A line break inside the one title paragraph (\n would start a new one).
                title = text.replace("\n", "\u2028")
                cursor.insertText(title, _char_format(fonts.title, geo.TITLE_PT, m, color=color))
            elif kind in ("label", "namelist", "speech"):
                font = fonts.heading2 if kind == "speech" else fonts.heading1
                cursor.insertText(f"{block.label}：", _char_format(font, geo.BODY_PT, m))
                cursor.insertText(text, body)
            elif kind in ("heading1", "heading2"):
                font = fonts.heading1 if kind == "heading1" else fonts.heading2
                cursor.insertText(text, _char_format(font, geo.BODY_PT, m))
            else:
                cursor.insertText(text, body)
    if device is not None:  # last: on a device every insertion would lay out again (n²)
        doc.documentLayout().setPaintDevice(device)
        doc.markContentsDirty(0, doc.characterCount())  # lay out once, on the device
    return doc


def _insert_table(
    cursor: QTextCursor,
    table: TableBlock,
    fonts: OfficialFonts,
    m: PageMetrics,
    min_row_mm: float | None,
) -> None:
    fmt = QTextTableFormat()
    fmt.setProperty(
        TABLE_SHAPE,
        json.dumps([table.align_left, table.section_rows, table.min_row_mm]),
    )
    min_row_mm = table.min_row_mm or min_row_mm
    fmt.setHeaderRowCount(1)
    if table.break_before:
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    fmt.setBorder(1)
    fmt.setBorderCollapse(True)
    fmt.setCellSpacing(0)
    fmt.setCellPadding(m.format_mm(1.2))
    fmt.setWidth(QTextLength(QTextLength.Type.FixedLength, m.format_px(m.body_w)))
    total = sum(table.widths_mm) or 1
    fmt.setColumnWidthConstraints(
        [QTextLength(QTextLength.Type.PercentageLength, w * 100 / total) for w in table.widths_mm]
    )
    line_pt = table.line_pt
    rows = [table.headers, *table.rows]
    qt_table = cursor.insertTable(len(rows), len(table.headers), fmt)
    pad = 0.0
    if min_row_mm:
        pad = max(0.0, (m.format_mm(min_row_mm) - m.format_pt(line_pt)) / 2)
    for r in table.section_rows:
        qt_table.mergeCells(r + 1, 0, 1, len(table.headers))
    for r, values in enumerate(rows):
        section = r - 1 in table.section_rows
        font = fonts.heading1 if r == 0 or section else fonts.body
        if section:
            values = values[:1]
        for c, value in enumerate(values):
            cell = qt_table.cellAt(r, c)
            # Each cell rules itself in black (.docx): Qt 6.8.0 draws no collapsed border else.
            cell_fmt = QTextTableCellFormat()
            cell_fmt.setBorder(1)
            cell_fmt.setBorderBrush(QBrush(QColor("black")))
            cell_fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            if pad:
                cell_fmt.setTopPadding(pad)
                cell_fmt.setBottomPadding(pad)
            cell.setFormat(cell_fmt)
            cell_cursor = cell.firstCursorPosition()
            block_fmt = QTextBlockFormat()
            block_fmt.setProperty(KIND, "cell")
            block_fmt.setLineHeight(
                m.format_pt(line_pt), QTextBlockFormat.LineHeightTypes.FixedHeight.value
            )
            left = section or (r > 0 and c in table.align_left)
            block_fmt.setAlignment(
                Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignHCenter
            )
            cell_cursor.setBlockFormat(block_fmt)
            cell_cursor.insertText(str(value), _char_format(font, table.size_pt, m))
    cursor.movePosition(QTextCursor.MoveOperation.End)


def _property(fmt: QTextFormat, key: int, default: object) -> object:
    """``fmt.property(key)``, or ``default`` when the property was never set."""
    return fmt.property(key) if fmt.hasProperty(key) else default


def _table_at(tables: list[QTextTable], position: int) -> QTextTable | None:
    for table in tables:
        if table.firstPosition() <= position <= table.lastPosition():
            return table
    return None


def blocks_from_document(doc: QTextDocument) -> list[Block | TableBlock]:
    """Read an (edited) preview back into blocks: kinds from block properties, tables by cell."""
    blocks: list[Block | TableBlock] = []
    tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    seen_tables: set[int] = set()
    block = doc.begin()
    pending_title_blank = False
    while block.isValid():
        table = _table_at(tables, block.position())
        if table is not None:
            key = table.firstPosition()
            if key not in seen_tables:
                seen_tables.add(key)
                blocks.append(_table_block(table))
            block = block.next()
            continue
        fmt = block.blockFormat()
        kind = _property(fmt, KIND, "body") or "body"
        text = block.text()
        if kind == "blank" and pending_title_blank:
            pending_title_blank = False  # the blank line the title brings with it
        elif kind in ("label", "namelist", "speech"):
            label, sep, rest = text.partition("：")
            blocks.append(Block(kind, rest, label) if sep else Block("body", text))
        elif kind == "title":
            blocks.append(Block("title", text, red=bool(_property(fmt, RED, False))))
            pending_title_blank = True
        else:
            blocks.append(Block(kind if text.strip() or kind == "blank" else "blank", text))
        block = block.next()
    return blocks


def _table_block(table) -> TableBlock:  # QTextTable
    fmt = table.format()
    body_mm = geo.PAGE_MM[0] - geo.MARGINS_MM["left"] - geo.MARGINS_MM["right"]
    widths = [c.rawValue() * body_mm / 100 for c in fmt.columnWidthConstraints()]
    cells = [[_cell_text(table, r, c) for c in range(table.columns())] for r in range(table.rows())]
    align_left, section_rows, min_row_mm = json.loads(
        str(_property(fmt, TABLE_SHAPE, "") or "[[], [], null]")
    )
    return TableBlock(cells[0], cells[1:], widths, align_left, section_rows, min_row_mm)


def _cell_text(table, row: int, column: int) -> str:  # QTextTable
    """A cell's text; a merged cell reads only in its first column."""
    cell = table.cellAt(row, column)
    if cell.column() != column:
        return ""
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\n")


def a4_printer_layout(printer: QPrinter) -> None:
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(
            geo.MARGINS_MM["left"],
            geo.MARGINS_MM["top"],
            geo.MARGINS_MM["right"],
            geo.MARGINS_MM["bottom"],
        ),
        QPageLayout.Unit.Millimeter,
    )
    printer.setPageLayout(layout)
    printer.setFullPage(True)  # after setPageLayout, which resets it: we place the margins


def paint_pages(
    printer: QPrinter,
    blocks: Sequence[Block | TableBlock],
    fonts: OfficialFonts,
    *,
    min_row_mm: float | None = None,
) -> int:
    """Print the blocks on A4 with "— n —" at the foot (odd right, even left, one char in)."""
    a4_printer_layout(printer)
    # Lay out on a 288-dpi device, where 3号 16 pt is 64 whole pixels (at the screen's 96 dpi Qt
    # rounds it to 21 px: 15.75 pt), and scale the painter to the printer, as
    # QTextDocument.print does for a paginated document.
    device = layout_device()
    dpi = float(device.logicalDpiY())
    m = PageMetrics(dpi, laid_out_on_device=True)
    doc = build_document(blocks, fonts, dpi, paginate=True, min_row_mm=min_row_mm, device=device)
    paged = tables_paged(blocks, doc, m.body_h)
    if paged is not None:
        doc = build_document(paged, fonts, dpi, paginate=True, min_row_mm=min_row_mm, device=device)
    pages = max(1, doc.pageCount())
    scale = printer.resolution() / dpi
    painter = QPainter(printer)
    try:
        painter.scale(scale, scale)
        number_font = QFont(fonts.page_number)
        # A painter's font resolves at the printer's dpi; undo the painter's scale.
        number_font.setPointSizeF(geo.PAGE_NUMBER_PT / scale)
        for page in range(pages):
            if page:
                printer.newPage()
            painter.save()
            painter.translate(m.left, m.top - page * m.body_h)
            # A table's outer rules lie half outside the type area: do not clip them in half.
            rule = m.pt(1)
            clip = QRectF(-rule, page * m.body_h, m.body_w + 2 * rule, m.body_h + rule)
            painter.setClipRect(clip)
            doc.drawContents(painter, clip)
            painter.restore()
            _paint_page_number(painter, page + 1, m, number_font, printer)
    finally:
        painter.end()
    return pages


PRINT_LAYOUT_DPI = 288  # 3 × 96: 2号 22 pt, 3号 16 pt, 4号 14 pt and 小四 12 pt are whole pixels


def layout_device() -> QImage:
    """A paint device of PRINT_LAYOUT_DPI for the printed document's text layout."""
    device = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(PRINT_LAYOUT_DPI / MM_PER_INCH * 1000)
    device.setDotsPerMeterX(dots_per_metre)
    device.setDotsPerMeterY(dots_per_metre)
    return device


def _paint_page_number(
    painter: QPainter, number: int, m: PageMetrics, font: QFont, printer: QPrinter
) -> None:
    painter.save()
    painter.setFont(font)
    metrics = QFontMetricsF(font, printer)
    text = f"— {number} —"
    one_char = m.pt(geo.PAGE_NUMBER_PT)
    # GB/T 9704 §7.5: the 一字线 itself lies 7 mm below the type area. A CJK font centres it in
    # the em box, whose middle is (ascent - descent) / 2 above the baseline; putting the text's
    # top at 7 mm left the dash 10.3 mm down, as the .docx had it.
    dash_middle = (metrics.ascent() - metrics.descent()) / 2
    y = m.top + m.body_h + m.mm(7) + dash_middle
    if number % 2:
        x = m.left + m.body_w - one_char - metrics.horizontalAdvance(text)
    else:
        x = m.left + one_char
    painter.drawText(QPointF(x, y), text)
    painter.restore()
