"""积分 明细: a click on 来源 groups a member's lines by where they came from (出席记录, 履职成果,
手工 …); a manual line chosen in that order is the one deleted."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from app.services.points import engine, ranking
from tests.ui.window_at_size import click_page, demo_window


def test_ledger_sorts_on_its_source_column_and_deletes_the_chosen_line(qtbot, ui_ctx, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window = demo_window(qtbot, ui_ctx, 1366)
    page = click_page(qtbot, window, "积分")
    page.select_year(2026)
    first = page.ranking_model.row_at(0)
    engine.add_manual_entry(
        ui_ctx.db,
        year=2026,
        member_id=first.member_id,
        points=2,
        category="其他",
        reason="参加县政协书画展",
        entered_by="联络员",
    )
    page.refresh()
    view = page.ranking_table.view
    row = next(
        r for r in range(view.model().rowCount()) if view.model().index(r, 1).data() == first.name
    )
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(view.model().index(row, 1)).center(),
    )
    ledger = page.ledger_table
    shown = ledger.model()
    sources = [shown.index(r, 2).data() for r in range(shown.rowCount())]
    assert len(set(sources)) >= 2

    bar = ledger.horizontalHeader()
    middle = bar.sectionViewportPosition(2) + bar.sectionSize(2) // 2
    qtbot.mouseClick(bar.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))
    assert [shown.index(r, 2).data() for r in range(shown.rowCount())] == sorted(sources)
    qtbot.mouseClick(bar.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))
    assert [shown.index(r, 2).data() for r in range(shown.rowCount())] == sorted(
        sources, reverse=True
    )

    manual = next(r for r in range(shown.rowCount()) if "书画展" in shown.index(r, 3).data())
    ledger.selectRow(manual)
    qtbot.mouseClick(page.delete_manual_button, Qt.MouseButton.LeftButton)
    lines = ranking.get_ledger(ui_ctx.db, 2026, first.member_id)
    assert not [ln for ln in lines if "书画展" in ln.description]
    assert len(lines) == len(sources) - 1
