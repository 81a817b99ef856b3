"""积分 page: choose a year, see the ranking, click a member → ledger; the buttons' work."""

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)
from sqlalchemy import select

from app.models import PointEntry, PointRuleSet
from app.services.points import engine, ranking
from app.services.points.rules import get_rule_set, load_default
from app.ui.points.points_models import FAIL_COLOR
from app.ui.points.points_page import PointsPage
from app.ui.points.rules_dialog import PointRulesDialog
from tests.services.points_builders import activity, members, submission

Y = 2024


@pytest.fixture
def data(db):
    a, b, c = members(db, "王丽华", "李建国", "张敏")
    load_default(db, "tongcheng_2019", Y)
    activity(
        db, date(Y, 1, 8), {a: "出席", b: "出席", c: "缺席"}, kind="其他", title="县政协全体会议"
    )
    activity(db, date(Y, 3, 1), {a: "出席", b: "出席"}, kind="微协商")
    submission(db, "提案", date(Y, 3, 2), [a], is_filed=True)
    return a, b, c


def make_page(qtbot, ui_ctx) -> PointsPage:
    page = PointsPage(ui_ctx)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.select_year(Y)
    return page


def cell(page: PointsPage, row: int, header: str) -> str:
    model = page.ranking_table.proxy
    col = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    return model.index(row, col.index(header)).data()


def test_select_year_see_ranking_and_click_member_for_ledger(qtbot, ui_ctx, data, qtmodeltester):
    engine.recalculate(ui_ctx.db, Y)
    page = make_page(qtbot, ui_ctx)
    qtmodeltester.check(page.ranking_model)
    assert page.year_combo.currentText() == "2024年度"
    assert [cell(page, r, "姓名") for r in range(3)] == ["王丽华", "李建国", "张敏"]
    assert [cell(page, r, "排名") for r in range(3)] == ["1", "2", "3"]
    assert cell(page, 0, "总分") == "77" and cell(page, 0, "提案") == "25"
    assert cell(page, 0, "等次") == "合格" and cell(page, 2, "等次") == "不合格"
    assert cell(page, 0, "协商") == "✓" and cell(page, 2, "协商") == "✗"
    assert "未达合格线 60 分" in cell(page, 2, "提示")
    proxy = page.ranking_table.proxy
    assert proxy.index(2, 1).data(Qt.ItemDataRole.BackgroundRole) == FAIL_COLOR
    assert "未达合格线 2 人" in page.status_label.text()
    assert page.chart_view.chart().series()[0].barSets()[0].at(0) == 77

    view = page.ranking_table.view
    rect = view.visualRect(proxy.index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "王丽华" in page.ledger_label.text() and "总分 77 分" in page.ledger_label.text()
    ledger = page.ledger_model
    lines = [ledger.row_values(r) for r in range(ledger.rowCount())]
    assert sum(float(line[1]) for line in lines) == 77
    assert any(line[2] == "出席记录" and "全体会议" in line[3] for line in lines)
    assert any(line[2] == "履职成果" and "立案" in line[3] for line in lines)


def test_no_rules_for_year_says_what_to_do(qtbot, ui_ctx):
    page = make_page(qtbot, ui_ctx)
    page.select_year(2031)
    assert "还没有积分规则" in page.status_label.text()
    assert not page.recalc_button.isEnabled() and page.ranking_model.rowCount() == 0


def test_recalculate_button_runs_in_background(qtbot, ui_ctx, data):
    page = make_page(qtbot, ui_ctx)
    assert page.stale_banner.isVisible() and "尚未计算" in page.stale_banner.text_label.text()
    qtbot.mouseClick(page.recalc_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "重新计算完成" in page.status_label.text(), timeout=5000)
    assert page.ranking_model.rowCount() == 3 and page.ranking.calculated


def test_manual_entry_dialog_stores_and_shows(qtbot, ui_ctx, data):
    a = data[0]
    engine.recalculate(ui_ctx.db, Y)
    page = make_page(qtbot, ui_ctx)
    dialog = page.manual_dialog()
    qtbot.addWidget(dialog)
    dialog.member_combo.setCurrentIndex(dialog.member_combo.findData(data[1]))
    dialog.deduct_radio.setChecked(True)
    dialog.points_spin.setValue(5)
    dialog.category_combo.setCurrentText("活动")
    # QTest cannot type Chinese characters: set the text as an input method would
    dialog.reason_edit.setText("无故缺席协商会")
    dialog.evidence_edit.setPlainText("签到表")
    dialog.entered_by_edit.setText("联络员小周")
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    with ui_ctx.db.read() as s:
        entry = s.scalar(select(PointEntry).where(PointEntry.is_manual))
        assert (entry.member_id, entry.points, entry.entered_by) == (data[1], -5, "联络员小周")
    page.refresh()
    names = [cell(page, r, "姓名") for r in range(3)]
    assert names.index("李建国") == 1 and cell(page, 1, "总分") == "47"
    assert a


def test_rules_dialog_loads_default_edits_and_validates(qtbot, ui_ctx, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    dialog = PointRulesDialog(ui_ctx, 2026)
    qtbot.addWidget(dialog)
    assert "还没有积分规则" in dialog.status_label.text()
    dialog.default_combo.setCurrentIndex(dialog.default_combo.findData("minhang"))
    qtbot.mouseClick(dialog.load_default_button, Qt.MouseButton.LeftButton)
    assert dialog.rules_table.rowCount() == 4
    dialog.rules_table.setItem(0, 3, QTableWidgetItem("五分"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert warnings == ["“积分规则”表第1行「分值」应为数字，现在是“五分”。"]
    assert get_rule_set(ui_ctx.db, 2026) is None
    dialog.rules_table.setItem(0, 3, QTableWidgetItem("6"))
    dialog.base_check.setChecked(True)
    dialog.base_spin.setValue(60)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = get_rule_set(ui_ctx.db, 2026)
    assert stored.rules[0].points == 6 and stored.base_score == 60
    assert stored.rules[1].params["co_points"] == 3


def test_rules_dialog_copies_previous_year(qtbot, ui_ctx, data):
    dialog = PointRulesDialog(ui_ctx, Y + 1)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.copy_previous_button, Qt.MouseButton.LeftButton)
    assert dialog.rules_table.item(0, 0).text() == "H01"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(get_rule_set(ui_ctx.db, Y + 1).rules) == 8


def test_lock_export_and_archives(qtbot, ui_ctx, data, tmp_path, monkeypatch):
    engine.recalculate(ui_ctx.db, Y)
    page = make_page(qtbot, ui_ctx)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.lock_button, Qt.MouseButton.LeftButton)
    with ui_ctx.db.read() as s:
        assert s.scalar(select(PointRuleSet.locked).where(PointRuleSet.year == Y))
    assert not page.recalc_button.isEnabled() and "已定稿" in page.status_label.text()
    dialog = PointRulesDialog(ui_ctx, Y)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()

    out = tmp_path / "统计表.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出统计表" in page.status_label.text(), timeout=10000)
    ws = load_workbook(out)["履职积分统计表"]
    for r in range(3):
        assert ws.cell(4 + r, 2).value == cell(page, r, "姓名")
        assert f"{ws.cell(4 + r, 9).value:g}" == cell(page, r, "总分")
        assert str(ws.cell(4 + r, 10).value) == cell(page, r, "排名")

    folder = tmp_path / "档案"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    rankings = []  # the batch ranks the year once, not once per member
    load_ranking = ranking.load_ranking
    monkeypatch.setattr(
        ranking, "load_ranking", lambda *a, **k: rankings.append(a) or load_ranking(*a, **k)
    )
    qtbot.mouseClick(page.archives_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出 3 份" in page.status_label.text(), timeout=10000)
    assert len(list(folder.glob("*.docx"))) == 3
    assert len(rankings) == 1


def test_batch_archive_export_can_be_cancelled(qtbot, ui_ctx, data, tmp_path, monkeypatch):
    from app.ui.common.tasks import BackgroundTask

    engine.recalculate(ui_ctx.db, Y)
    page = make_page(qtbot, ui_ctx)
    folder = tmp_path / "档案"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    original = BackgroundTask.start

    def cancel_then_start(task):  # the user presses 取消 before the first file
        task.dialog.canceled.emit()
        original(task)

    monkeypatch.setattr(BackgroundTask, "start", cancel_then_start)
    qtbot.mouseClick(page.archives_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已取消批量导出" in page.status_label.text(), timeout=10000)
    assert list(folder.glob("*.docx")) == []


def test_exports_page_panel_writes_the_same_table(qtbot, ui_ctx, data, tmp_path, monkeypatch):
    from app.ui.documents.exports_page import ExportsPage

    engine.recalculate(ui_ctx.db, Y)
    page = ExportsPage(ui_ctx)
    qtbot.addWidget(page)
    panel = page.findChild(QWidget, "points_export_panel")
    panel.year_spin.setValue(Y)
    out = tmp_path / "导出页统计表.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(panel.table_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已导出统计表" in panel.status_label.text(), timeout=10000)
    ws = load_workbook(out)["履职积分统计表"]
    assert [ws.cell(4 + r, 2).value for r in range(3)] == ["王丽华", "李建国", "张敏"]
