from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from app.imports.roster import preview_roster
from app.services import audit
from app.services.members import sectors
from app.services.members.registry import MemberInput, create_member, list_members
from app.services.rooms import checklist
from app.ui.documents.exports_page import ExportsPage
from app.ui.members.members_page import MembersPage
from app.ui.members.roster_dialogs import RosterExportPanel
from app.ui.members.roster_preview import REMARKS_COLUMN, ImportOutcomeModel
from app.ui.shell.settings_page import SettingsPage
from tests.imports.roster_books import bad_roster, messy_roster


def _page(qtbot, ui_ctx):
    page = MembersPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def _wait_plan(qtbot, dialog):
    """The preview button is disabled while the background task runs."""
    assert not dialog.preview_button.isEnabled()
    qtbot.waitUntil(dialog.preview_button.isEnabled)


def test_outcome_model_passes_qtmodeltester(qtmodeltester, db, tmp_path):
    model = ImportOutcomeModel()
    model.set_outcomes(preview_roster(db, bad_roster(tmp_path / "b.xlsx")).outcomes)
    qtmodeltester.check(model)


def test_import_wizard_preview_then_import(qtbot, ui_ctx, db, tmp_path):
    page = _page(qtbot, ui_ctx)
    dialog = page.open_import()
    dialog.file_edit.setText(str(messy_roster(tmp_path / "messy.xlsx")))
    dialog.preview_button.click()
    _wait_plan(qtbot, dialog)
    model = dialog.outcome_model
    assert model.rowCount() == 7
    assert [model.index(r, 1).data() for r in range(7)] == ["新增"] * 6 + ["重复"]
    assert model.index(6, REMARKS_COLUMN).data() == "与工作表“2026年名册”第8行完全相同，只导入一次"
    assert "新增 6 行" in dialog.summary_label.text()
    assert list_members(db) == []  # the preview wrote nothing
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(ui_ctx.bus.data_changed):
        dialog.import_button.click()
        _wait_plan(qtbot, dialog)
    assert "已导入 6 名委员" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()
    dialog.close_button.click()
    assert len(page.visible_names()) == 6 and page.visible_names()[0] == "王丽华"
    assert page.room_filter.findText("镇委员联络室") > 0


def test_import_wizard_bad_rows_block_import(qtbot, ui_ctx, db, tmp_path):
    page = _page(qtbot, ui_ctx)
    dialog = page.open_import()
    dialog.file_edit.setText(str(bad_roster(tmp_path / "bad.xlsx")))
    dialog.preview_button.click()
    _wait_plan(qtbot, dialog)
    assert not dialog.import_button.isEnabled()
    assert "错误 4 行" in dialog.summary_label.text()
    errors = [dialog.outcome_model.index(r, REMARKS_COLUMN).data() for r in range(6)]
    assert any(e.startswith("「界别」列：未知界别“火星界”") for e in errors)
    # choosing to add unknown 界别 makes row 5 fine; the other errors remain
    dialog.add_sectors_check.setChecked(True)
    dialog.preview_button.click()
    _wait_plan(qtbot, dialog)
    assert "错误 3 行" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()


def test_import_wizard_non_workbook_message(qtbot, ui_ctx, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    page = _page(qtbot, ui_ctx)
    dialog = page.open_import()
    path = tmp_path / "名册.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    dialog.file_edit.setText(str(path))
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: bool(shown))
    assert "Excel 97-2003 格式（.xls）" in shown[0]
    assert dialog.summary_label.text() == shown[0]
    assert not dialog.import_button.isEnabled()


def test_export_panel_writes_masked_roster(qtbot, ui_ctx, db, tmp_path, monkeypatch):
    create_member(db, MemberInput(name="王丽华", sector="民盟", phone="13800001001"))
    out = tmp_path / "公示.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text: told.append(text))
    page = ExportsPage(ui_ctx)
    qtbot.addWidget(page)
    panel = next(p for p in page.panels if isinstance(p, RosterExportPanel))
    panel.mask_phone_check.setChecked(True)
    panel.export_button.click()
    assert "已导出 1 名委员" in told[0]
    ws = load_workbook(out).active
    assert ws.cell(row=3, column=12).value == "138****1001"
    assert not [r for r in audit.list_entries(db) if r.action == "导出"]


def test_export_panel_full_phones_leave_an_audit_row(qtbot, ui_ctx, db, tmp_path, monkeypatch):
    create_member(db, MemberInput(name="王丽华", sector="民盟", phone="13800001001"))
    out = tmp_path / "名册.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda p, t, text: told.append(text))
    page = ExportsPage(ui_ctx)
    qtbot.addWidget(page)
    panel = next(p for p in page.panels if isinstance(p, RosterExportPanel))
    panel.export_button.click()
    assert "已导出 1 名委员" in told[0]
    assert load_workbook(out).active.cell(row=3, column=12).value == "13800001001"
    exports = [r for r in audit.list_entries(db) if r.action == "导出"]
    assert len(exports) == 1 and "名册.xlsx" in exports[0].summary and "1 条" in exports[0].summary


def test_sector_settings_tab(qtbot, ui_ctx, db, monkeypatch):
    create_member(db, MemberInput(name="王丽华", sector="民盟"))
    page = SettingsPage(ui_ctx)
    qtbot.addWidget(page)
    tab = page.tabs.widget([page.tabs.tabText(i) for i in range(page.tabs.count())].index("界别"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("港澳界", True))
    tab.add_button.click()
    assert tab.model.row_values(tab.model.rowCount() - 1)[1] == "港澳界"
    tab.table.selectRow(tab.model.rowCount() - 1)
    tab.up_button.click()
    assert tab.model.row_values(tab.model.rowCount() - 2)[1] == "港澳界"
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda p, t, text: warnings.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    tab.table.selectRow(2)  # 民盟, one member
    tab.delete_button.click()
    assert "还有 1 名委员，不能删除" in warnings[0]
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("港澳界", True))
    tab.merge_button.click()
    assert "民盟" not in sectors.sector_names(db)
    assert list_members(db)[0].sector == "港澳界"


def test_checklist_settings_tab(qtbot, ui_ctx, db, monkeypatch):
    page = SettingsPage(ui_ctx)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    tab = page.tabs.widget(titles.index("联络室检查项"))
    assert [tab.model.row_values(r)[1] for r in range(6)] == [
        "有场地",
        "有门牌",
        "有制度",
        "有召集人",
        "有委员",
        "有活动记录",
    ]
    assert tab.model.row_values(3)[2] == "按召集人自动判断"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("有经费", True))
    tab.add_button.click()
    assert [i.name for i in checklist.list_items(db)][-1] == "有经费"
    tab.table.selectRow(1)  # 有门牌
    tab.toggle_button.click()
    assert "有门牌" not in [i.name for i in checklist.list_items(db, active_only=True)]
