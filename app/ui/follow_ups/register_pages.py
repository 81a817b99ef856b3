"""Where the printed 督办台账 turns the page: a row is never split between two pages.

QTextDocument.print_ lays an unpaginated document out on the printer with 2 cm margins and moves
to the next page only the lines of a cell that do not fit, so a three-line row printed its first
line at the foot of one page and the rest on the next (80 rows: 12 of 14 page breaks split a row).
Here the document is laid out as print_ lays it out; the rows are packed into pages by their
heights, the table is cut before the first row of each page (a new table with its own header row,
on a new page), and the cut document is checked the same way until no row crosses a page's foot.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument, QTextTable
from PySide6.QtPrintSupport import QPrinter

PRINT_MARGIN = int(2 / 2.54 * 96)  # print_'s 2 cm, in the 96-dpi units the layout scales
ENDLESS = 1e9  # a page height no document reaches: nothing is paginated
SLACK = 2.0  # device pixels kept free at a page's foot (the rule under the last row)
MAX_CHECKS = 20


def print_layout(doc: QTextDocument, printer: QPrinter, page_height: float) -> QTextDocument:
    """A copy of ``doc`` laid out on ``printer`` as QTextDocument.print_ lays it out; ``doc``
    owns it (keep ``doc`` while using it)."""
    clone = doc.clone(doc)
    clone.documentLayout().setPaintDevice(printer)
    fmt = clone.rootFrame().frameFormat()
    fmt.setLeftMargin(PRINT_MARGIN)
    fmt.setRightMargin(PRINT_MARGIN)
    fmt.setTopMargin(PRINT_MARGIN)
    fmt.setBottomMargin(PRINT_MARGIN)
    clone.rootFrame().setFrameFormat(fmt)
    clone.setPageSize(QSizeF(printer.width(), page_height))
    return clone


def _tables(doc: QTextDocument) -> list[QTextTable]:
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def _row_tops_and_bottoms(doc: QTextDocument) -> list[tuple[float, float]]:
    """(top, bottom) of every body row, in order across the tables (header rows left out)."""
    layout: QAbstractTextDocumentLayout = doc.documentLayout()
    spans = []
    for table in _tables(doc):
        for r in range(1, table.rows()):
            cells = [table.cellAt(r, c) for c in range(table.columns())]
            tops = [layout.blockBoundingRect(c.firstCursorPosition().block()).top() for c in cells]
            bottoms = [
                layout.blockBoundingRect(c.lastCursorPosition().block()).bottom() for c in cells
            ]
            spans.append((min(tops), max(bottoms)))
    return spans


def _first_split(spans: list[tuple[float, float]], page_height: float) -> int | None:
    for index, (top, bottom) in enumerate(spans):
        if int(top // page_height) != int((bottom - 1) // page_height):
            return index
    return None


def _row_heights(doc: QTextDocument) -> tuple[float, list[float], float]:
    """Of the endless layout ``doc``: where the first body row's text starts on page 1, every
    body row's height (text top to the next row's text top), and the table's top rule and
    header row above a row's text."""
    tables = _tables(doc)
    if not tables or tables[0].rows() < 2:
        return 0.0, [], 0.0
    layout = doc.documentLayout()
    table = tables[0]
    tops = [
        layout.blockBoundingRect(table.cellAt(r, 0).firstCursorPosition().block()).top()
        for r in range(table.rows())
    ]
    bounds = [*tops[1:], layout.frameBoundingRect(table).bottom()]
    heights = [b - a for a, b in itertools.pairwise(bounds)]
    return tops[1], heights, tops[1] - layout.frameBoundingRect(table).top()


def _pack(heights: list[float], used: float, top: float, foot: float, first: int) -> list[int]:
    """The rows from ``first`` on that start a page: row ``first`` starts at ``used``, a row
    that starts a page at ``top``; a row starts a page when it would end below ``foot``."""
    starts = []
    for index in range(first, len(heights)):
        if used + heights[index] > foot and used > top:
            starts.append(index)
            used = top
        used += heights[index]
    return starts


def page_starts(build: Callable[[Collection[int]], QTextDocument], printer: QPrinter) -> list[int]:
    """The rows before which the table is cut; ``build(starts)`` makes the document cut before
    those rows."""
    page_height = float(printer.height())
    margin = PRINT_MARGIN * printer.logicalDpiY() / 96
    foot = page_height - margin - SLACK
    source = build([])
    used, heights, lead = _row_heights(print_layout(source, printer, ENDLESS))
    top = margin + lead  # a guess until a cut document shows it
    starts = _pack(heights, used, top, foot, 0)
    for _ in range(MAX_CHECKS):
        source = build(starts)
        doc = print_layout(source, printer, page_height)
        spans = _row_tops_and_bottoms(doc)
        if starts:  # where a row that starts a page really starts
            top = spans[starts[0]][0] % page_height
        split = _first_split(spans, page_height)
        if split is None or split in starts:  # a row taller than a page stays split
            break
        # cut there and pack the rows after it again
        kept = [s for s in starts if s < split]
        starts = [*kept, split, *_pack(heights, top, top, foot, split)]
    return starts
