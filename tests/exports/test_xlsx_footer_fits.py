"""Every .xlsx prints its 第 N 页，共 M 页 inside the bottom margin, clear of the last row.

With openpyxl's default footer distance (0.5 in) under a 0.6 in bottom margin, the footer's
text (about 0.15 in tall) crossed the margin line and printed cut in half.
"""

from openpyxl import load_workbook

from app.cli import main

FOOTER_TEXT_HEIGHT = 0.2  # inches: an 11 pt line with its leading


def test_every_sheet_of_every_exported_workbook_has_room_for_its_footer(tmp_path, capsys):
    base = ["--db", str(tmp_path / "d.db")]
    assert main([*base, "demo"]) == 0
    files = {
        "roster": ["export", "roster", "--out", str(tmp_path / "名册.xlsx")],
        "ledger": ["export", "ledger", "--year", "2025", "--out", str(tmp_path / "台账.xlsx")],
        "signin": ["export", "signin", "1", "--out", str(tmp_path / "签到.xlsx")],
    }
    for argv in files.values():
        assert main([*base, *argv]) == 0
    checked = 0
    for argv in files.values():
        for ws in load_workbook(argv[-1]).worksheets:
            margins = ws.page_margins
            assert "第 &P 页" in (ws.oddFooter.center.text or ""), ws.title
            assert margins.footer + FOOTER_TEXT_HEIGHT <= margins.bottom, ws.title
            checked += 1
    assert checked >= 3
