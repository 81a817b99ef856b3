"""Another program (a second clerk on the server, the command line on a file) adds a 履职活动:
the 履职活动 page on screen shows it without the clerk doing anything, the row the clerk had
selected stays selected. The window's own saves do not make it reload again. On SQLite and,
with LIAISON_DESK_TEST_DB_URL, on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.activities.editing import save_activity
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.storage import open_database
from app.ui.shell.main_window import PAGES, MainWindow
from tests.ui.ime_typing import type_text

ROOT = Path(__file__).resolve().parents[3]
YEAR = date.today().year

ADD_ELSEWHERE = textwrap.dedent(
    """
    import sys
    from datetime import datetime
    from app.services.activities.editing import save_activity
    from app.services.activities.records import ActivityDraft
    from app.storage import open_database

    db = open_database(sys.argv[1])
    save_activity(db, ActivityDraft(title="另一位同事新建的走访", start_at=datetime.fromisoformat(sys.argv[2])))
    db.dispose()
    """
)


def _activities_page(qtbot, ui_ctx):
    for month, title in ((1, "一月读书会"), (2, "二月协商会"), (3, "三月走访")):
        save_activity(ui_ctx.db, ActivityDraft(title=title, start_at=datetime(YEAR, month, 5, 9)))
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    window.remote_changes.timer.setInterval(50)  # the clerk's 10 s, shortened for the test
    window.nav_list.setCurrentRow([name for _l, name, _f in PAGES].index("activities_page"))
    page = window.pages["activities_page"]
    return window, page


def _titles(page) -> list[str]:
    return [page.model.record_at(row).title for row in range(page.model.total)]


def _selected_titles(page) -> list[str]:
    rows = page.activity_table.selectionModel().selectedRows()
    return [page.model.record_at(index.row()).title for index in rows]


def test_a_new_activity_from_another_program_shows_and_the_selection_stays(qtbot, ui_ctx, db_path):
    window, page = _activities_page(qtbot, ui_ctx)
    assert page.count_label.text() == "共 3 项"
    row = _titles(page).index("二月协商会")
    rect = page.activity_table.visualRect(page.model.index(row, 1))
    qtbot.mouseClick(page.activity_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _selected_titles(page) == ["二月协商会"]

    subprocess.run(
        [sys.executable, "-c", ADD_ELSEWHERE, str(db_path), f"{YEAR}-12-01T09:00"],
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    qtbot.waitUntil(lambda: page.count_label.text() == "共 4 项", timeout=10_000)
    assert "另一位同事新建的走访" in _titles(page)
    assert _selected_titles(page) == ["二月协商会"]  # moved a row, still the clerk's choice
    window.remote_changes.timer.stop()


def test_the_windows_own_save_is_not_reloaded_again(qtbot, ui_ctx):
    window, page = _activities_page(qtbot, ui_ctx)
    window.remote_changes.timer.stop()
    told = []
    ui_ctx.bus.data_changed.connect(lambda changes, source: told.append(source))
    save_activity(ui_ctx.db, ActivityDraft(title="本机保存的", start_at=datetime(YEAR, 4, 1)))
    window.remote_changes.check_now()
    assert told == []  # the window's own save: nothing to follow


def test_a_cell_being_edited_is_not_thrown_away_by_another_clerks_save(qtbot, ui_ctx, db_path):
    save_activity(
        ui_ctx.db,
        ActivityDraft(
            title="停车难协商",
            start_at=datetime(YEAR, 3, 1, 9),
            follow_ups=[FollowUpLine("增设车位", "交通局")],
        ),
    )
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    window.remote_changes.timer.stop()
    window.remote_changes.retry_timer.setInterval(50)
    window.nav_list.setCurrentRow([name for _l, name, _f in PAGES].index("follow_ups_page"))
    page = window.pages["follow_ups_page"]
    view = page.board_table
    column = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)].index(
        "承办单位"
    )
    rect = view.visualRect(page.proxy.index(0, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(view, Qt.Key.Key_F2)  # the clerk starts typing into the cell
    editor = QApplication.focusWidget()
    assert view.state() == view.State.EditingState
    type_text(editor, "县交通运输局")

    other = open_database(db_path)
    try:
        save_activity(
            other,
            ActivityDraft(
                title="学校门口交通协商",
                start_at=datetime(YEAR, 4, 1, 9),
                follow_ups=[FollowUpLine("增设护学岗", "公安局")],
            ),
        )
    finally:
        other.dispose()
    window.remote_changes.check_now()
    assert "follow_ups_page" in window.stale_pages  # told, but waiting for the clerk
    assert view.state() == view.State.EditingState and page.model.rowCount() == 1

    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the clerk finishes the cell: it is saved
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert "follow_ups_page" not in window.stale_pages
    assert sorted(page.model.row_at(r).handling_unit for r in range(2)) == [
        "公安局",
        "县交通运输局",
    ]
