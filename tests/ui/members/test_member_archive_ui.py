"""导出履职档案… on the 委员 page: the selected member's .docx for a chosen year, the same file
the command line writes with ``export archive MEMBER_ID --year Y``."""

from datetime import date

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.cli import main
from app.models import Member
from app.services.points import rules
from app.ui.members.members_page import MembersPage
from tests.services.points_builders import activity, members, submission


def _texts(path):
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return [p.text for p in doc.paragraphs if p.text], cells


def test_one_members_archive_from_the_window_matches_the_command_line(
    qtbot, ui_ctx, db, db_path, tmp_path, monkeypatch
):
    wang, li = members(db, "王丽华", "李建国")
    with db.write() as s:
        s.get(Member, wang).birth_month = "1975-03"
    activity(db, date(2024, 1, 8), {wang: "出席", li: "请假"}, kind="其他", title="全体会议")
    submission(db, "提案", date(2024, 2, 1), [wang, li], is_filed=True)
    rules.load_default(db, "tongcheng_2019", 2024)
    out = tmp_path / "窗口.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text: told.append(text))

    page = MembersPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    page.select_member(wang)
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.objectName() == "member_archive_dialog" and dialog.isVisible()
    dialog.year_spin.selectAll()
    qtbot.keyClicks(dialog.year_spin, "2024")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert told and str(out) in told[0]

    paragraphs, cells = _texts(out)
    assert paragraphs[0] == "2024年度委员履职档案"
    assert "王丽华" in cells and "全体会议" in cells
    assert "1975.03" in cells  # 出生年月 as rosters print it, not the stored 1975-03
    cli_out = tmp_path / "命令行.docx"
    args = ["--db", str(db_path), "export", "archive", str(wang), "--year", "2024"]
    assert main([*args, "--out", str(cli_out)]) == 0
    assert _texts(cli_out) == (paragraphs, cells)


def test_archive_button_without_a_selection_says_what_to_do(qtbot, ui_ctx, db, monkeypatch):
    members(db, "王丽华")
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text: told.append(text))
    page = MembersPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    page.member_table.clearSelection()
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert told == ["请先在表格中选择一名委员。"]
