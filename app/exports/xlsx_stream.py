"""Write-only (streaming) sheets for exports of thousands of rows, looking exactly like the sheets
xlsx_common builds: rows go to the file as they are added, and every cell copies a style computed
once per workbook instead of carrying its own Font/Alignment/Border objects.

Why not openpyxl's plain ``WriteOnlyWorksheet.append``: handed ready styled cells it first tries
each one as a value, formats the ValueError that fails, and makes a spare cell — about 1 s per
300,000 cells, as much as writing them. ``_StyledRowSheet`` takes the cells as they are. That
leans on three openpyxl 3.1 internals (``_values_to_row``, ``Workbook._add_sheet``, a cell's
``_style``); tests/exports read every exported file back, so a change there shows at once.
What write-only sheets support (openpyxl 3.1): column widths, freeze panes and sheet properties
(fit to page) only before the first row; row heights from ``row_dimensions`` as each row is
written; merged ranges, page setup, margins, footer and print titles at any time before saving.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.dimensions import RowDimension

from app.exports.xlsx_common import (
    BODY_FONT,
    BORDER,
    DATE_FORMAT,
    DATETIME_FORMAT,
    HEADER_FILL,
    HEADER_FONT,
    HEADER_HEIGHT,
    TITLE_FONT_NAME,
    TITLE_HEIGHT,
    cell_text,
    set_unit_font,
    set_widths,
    setup_print,
)
from app.text import xml_safe


@dataclass(frozen=True)
class Look:
    """How a cell looks; equal looks share one style."""

    font: Font = BODY_FONT
    alignment: Alignment = Alignment(vertical="center", wrap_text=True)
    border: Border | None = BORDER
    fill: PatternFill | None = None

    def filled(self, fill: PatternFill | None) -> Look:
        return Look(self.font, self.alignment, self.border, fill)


BODY = Look()  # what xlsx_common.write_row gives a cell
CENTRED = Look(alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
HEADER = Look(
    HEADER_FONT,
    Alignment(horizontal="center", vertical="center", wrap_text=True),
    BORDER,
    HEADER_FILL,
)


class _StreamCell(Cell):
    """A cell that knows its style's number in the workbook: openpyxl would otherwise look it up
    (hash the style, search the list) for every cell it writes, ~0.2 s per 300,000 cells."""

    __slots__ = ("style_id",)  # shadows StyleableObject.style_id, the look-up


class _StyledRowSheet(WriteOnlyWorksheet):
    """A write-only sheet whose rows are lists of ready cells (or None for an empty column)."""

    def _values_to_row(self, values: Sequence[Cell | None], row_idx: int) -> Iterator[Cell]:
        for col_idx, cell in enumerate(values, 1):
            if cell is not None:
                cell.column = col_idx
                cell.row = row_idx
                yield cell


class StreamBook:
    """A write-only workbook whose styles are computed once for all its sheets."""

    def __init__(self) -> None:
        self.workbook = Workbook(write_only=True)
        set_unit_font(self.workbook)
        self._styles: dict[tuple[Look, str], StyleArray] = {}
        self._kept: set[int] = set()  # id() of the styles in _styles: alive as long as the book
        self._style_ids: dict[int, int] = {}  # id(kept style) → its number in the workbook
        # id → (look, style): keeping the look alive keeps its id from being reused
        self._by_id: dict[tuple[int, str], tuple[Look, StyleArray]] = {}

    def sheet(
        self,
        title: str,
        *,
        widths: Sequence[float],
        header_rows: tuple[int, int],
        landscape: bool = False,
        freeze_below: int | None = None,
    ) -> StreamSheet:
        """A new sheet; widths, print setup and frozen header are fixed now (a write-only sheet
        writes them before its first row)."""
        ws = _StyledRowSheet(parent=self.workbook, title=xml_safe(title))
        self.workbook._add_sheet(ws)  # what create_sheet does, with our sheet class
        set_widths(ws, widths)
        setup_print(ws, header_rows=header_rows, landscape=landscape, freeze_below=freeze_below)
        return StreamSheet(self, ws)

    def style(self, ws: WriteOnlyWorksheet, look: Look, number_format: str) -> StyleArray:
        known = self._by_id.get((id(look), number_format))
        if known is not None and known[0] is look:
            return known[1]
        style = self._styles.get((look, number_format))
        if style is None:
            probe = Cell(ws)
            probe.font = look.font
            probe.alignment = look.alignment
            if look.border is not None:
                probe.border = look.border
            if look.fill is not None:
                probe.fill = look.fill
            probe.number_format = number_format
            style = self._styles[(look, number_format)] = probe._style
            self._kept.add(id(style))
        self._by_id[(id(look), number_format)] = (look, style)
        return style

    def style_id(self, style: StyleArray) -> int:
        """The style's number in the workbook, given when a cell first uses it (as openpyxl
        does); remembered for the styles of ``_styles`` (a date cell's own copy is not)."""
        known = self._style_ids.get(id(style))
        if known is None:
            known = self.workbook._cell_styles.add(style)
            if id(style) in self._kept:
                self._style_ids[id(style)] = known
        return known

    def save(self, path: Path) -> None:
        self.workbook.save(path)


class StreamSheet:
    """One write-only sheet of a StreamBook: title, header and body rows, written as added."""

    def __init__(self, book: StreamBook, ws: _StyledRowSheet) -> None:
        self.ws = ws
        self.row = 0  # the last row written
        self._book = book
        self._heights: dict[float, RowDimension] = {}

    def style(self, look: Look, number_format: str = "General") -> StyleArray:
        return self._book.style(self.ws, look, number_format)

    def styles(self, looks: Sequence[Look]) -> list[StyleArray]:
        """The style of each column of a kind of row: compute once, pass to ``append``."""
        return [self.style(look) for look in looks]

    def cell(self, value: Any, style: StyleArray) -> Cell:
        """A styled cell; like xlsx_common.set_value, a string is text and never a formula, and
        a date takes DATE_FORMAT unless its style has a format of its own."""
        if isinstance(value, str):
            value = cell_text(value)
        cell = _StreamCell(self.ws, value=value)
        cell._style = style  # shared, not copied: changed below only after a copy
        if cell.data_type == "f":
            cell.data_type = "s"
        elif cell.data_type == "d" and style.numFmtId == 0:  # the style gives no format
            cell._style = StyleArray(style)
            cell.number_format = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
            style = cell._style
        cell.style_id = self._book.style_id(style)
        return cell

    def append(
        self,
        values: Sequence[Any],
        styles: Sequence[StyleArray | None],
        height: float | None = None,
    ) -> int:
        """Write the next row; a column whose style is None is left out. Returns its number."""
        self.row += 1
        if height is not None:
            dimension = self._heights.get(height)
            if dimension is None:
                dimension = self._heights[height] = RowDimension(self.ws, ht=height)
            self.ws.row_dimensions[self.row] = dimension  # rows of one height share it
        self.ws.append(
            [
                None if style is None else self.cell(value, style)
                for value, style in zip(values, styles, strict=True)
            ]
        )
        return self.row

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        self.ws.merged_cells.add(
            CellRange(min_row=first_row, min_col=first_col, max_row=last_row, max_col=last_col)
        )

    def title(self, text: str, width: int, size: int = 16) -> None:
        """The merged, centred title row (xlsx_common.write_title)."""
        look = Look(
            Font(name=TITLE_FONT_NAME, size=size, bold=True),
            Alignment(horizontal="center", vertical="center"),
            None,
        )
        self.append([text], [self.style(look)], height=TITLE_HEIGHT)
        if width > 1:
            self.merge(self.row, 1, self.row, width)

    def header(self, headers: Sequence[str | None], height: float = HEADER_HEIGHT) -> None:
        """A header row (xlsx_common.write_header); None leaves a styled cell under a merge."""
        self.append(headers, [self.style(HEADER)] * len(headers), height=height)
