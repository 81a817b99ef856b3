"""The printed 督办台账 keeps every row whole on one page: before, QTextDocument.print_ moved only
the lines of a cell that did not fit, so 12 of 14 page breaks cut a row in two (80 suggestions of
three to six lines each). Each page starts a new table with the header row."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.ui.follow_ups.follow_up_page import FollowUpPage
from tests.services.activity_fixtures import make_room

ROWS = 80
FILLER = "群众反映道路破损需要尽快修缮并加装路灯"


def code(i: int) -> str:
    """A row's mark in letters (001 → KKL): Qt 6.8.0's PDF maps no digits back to text."""
    return "".join("KLMNOPQRST"[int(d)] for d in f"{i:03d}")


@pytest.fixture
def long_rows(db):
    room_id, _ = make_room(db, "青石村委员联络室", [])
    due = date.today() + timedelta(days=30)
    lines = [
        FollowUpLine(
            f"R{code(i)}A{FILLER * (1 + i % 4)}R{code(i)}Z",
            "住建局",
            due_on=due,
            status="办理中",
            result=f"F{code(i)}A{'已经安排施工队' * (i % 3)}F{code(i)}Z",
        )
        for i in range(1, ROWS + 1)
    ]
    activities.save_activity(
        db,
        ActivityDraft(
            title="协商", room_id=room_id, start_at=datetime(2025, 3, 1, 9), follow_ups=lines
        ),
    )


def test_no_printed_row_is_split_between_pages(qtbot, ui_ctx, long_rows, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    page = FollowUpPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.proxy.rowCount() == ROWS
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    preview = page.findChild(QWidget, "register_preview_dialog")
    assert preview is not None and preview.isVisible()
    printer = preview.printer  # the preview's own, set up as it prints
    pdf = tmp_path / "督办.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    preview.paint(printer)  # what the preview draws, into a file
    preview.close()
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) > 10
    found: dict[str, dict[str, int]] = {}
    for number, content in enumerate(pages, start=1):
        for mark, end in re.findall(r"([RF][K-T]{3})([AZ])", content):
            found.setdefault(mark, {})[end] = number
    assert len(found) == 2 * ROWS  # every row's 成果 and 结果, start and end
    split = {mark: ends for mark, ends in found.items() if ends.get("A") != ends.get("Z")}
    assert split == {}
    for number, content in enumerate(pages, start=1):
        assert "R" in content and "逾期天数" in content.replace("\n", ""), number
    # every page is used: the next page's first row would not have fitted
    per_page = [len(re.findall(r"R[K-T]{3}A", p)) for p in pages]
    assert sum(per_page) == ROWS and min(per_page[:-1]) >= 4
