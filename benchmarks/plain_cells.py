"""The baseline of the spreadsheet exports: plain openpyxl writing given cells, one sheet each,
no styles, no print setup. Imports nothing of the app, so that as a command

    python benchmarks/plain_cells.py cells.pickle [out.xlsx]

it costs the interpreter, openpyxl and the writing only (without out.xlsx: reading the cells only).
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path


def plain_cells(path: Path, sheets: dict[str, list[tuple]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)


if __name__ == "__main__":
    cells = pickle.loads(Path(sys.argv[1]).read_bytes())
    if len(sys.argv) > 2:
        plain_cells(Path(sys.argv[2]), cells)
