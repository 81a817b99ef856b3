"""Where Qt's print breaks a table: every page's rows in a table of their own.

Qt's text layout breaks a table across pages by stretching the page's last row down to the
foot of the page and drawing no rule under it, and it has no "keep with next" for rows. So
Qt's print lays the document out once, notes on which page each row starts, and lays it out
again with one table per page (each after the first starting a new page under the header):
every page's table ends ruled, and a table's ``keep_tail`` rows (the 签到表's blank 列席 rows)
never open the last page by themselves — the row before them goes along.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QTextDocument, QTextTable

from app.exports.official_docx import Block, TableBlock, split_table


def row_page(doc: QTextDocument, table: QTextTable, row: int, page_height: float) -> int:
    """The page (from 0) on which body row ``row`` of ``table`` starts."""
    block = doc.findBlock(table.cellAt(row + 1, 0).firstPosition())
    return int(doc.documentLayout().blockBoundingRect(block).y() // page_height)


def page_cuts(pages: Sequence[int], keep_tail: int) -> list[int]:
    """The rows that start a page, given each row's page; the last cut moves up to the row
    before the tail when only tail rows would follow it."""
    cuts = [r for r in range(1, len(pages)) if pages[r] != pages[r - 1]]
    last_content = len(pages) - keep_tail - 1
    if keep_tail and cuts and cuts[-1] > last_content:
        cuts[-1] = last_content
        if cuts[-1] <= (cuts[-2] if len(cuts) > 1 else 0):
            cuts.pop()  # nothing would be left before it: let Qt break as it can
    return cuts


def tables_paged(
    blocks: Sequence[Block | TableBlock], doc: QTextDocument, page_height: float
) -> list[Block | TableBlock] | None:
    """The blocks with every table that crosses a page split into one table per page; None
    when no table crosses a page."""
    tables = iter(f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable))
    result: list[Block | TableBlock] = []
    changed = False
    for block in blocks:
        if not isinstance(block, TableBlock):
            result.append(block)
            continue
        table = next(tables)
        pages = [row_page(doc, table, r, page_height) for r in range(len(block.rows))]
        cuts = page_cuts(pages, block.keep_tail)
        if cuts:
            result += split_table(block, cuts)
            changed = True
        else:
            result.append(block)
    return result if changed else None
