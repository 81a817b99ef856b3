from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.services.activities import activity_list
from app.services.activities import editing as activities
from app.services.activities.activity_list import ActivityFilter
from app.services.activities.records import ActivityDraft
from app.ui.activities.activities_page import ActivitiesPage
from app.ui.activities.list_model import ActivityListModel
from tests.services.activity_fixtures import make_room


def _many(db, n, room_id=None):
    for i in range(n):
        activities.save_activity(
            db,
            ActivityDraft(
                title=f"活动{i:03d}",
                activity_type="协商议事会" if i % 3 == 0 else "调研视察",
                room_id=room_id,
                start_at=datetime(2025, 1 + i % 12, 1 + i % 28, 9),
            ),
        )


def test_lazy_model_knows_its_total_and_reads_the_pages_asked_for(qtmodeltester, db):
    _many(db, 45)
    calls = []

    def page(offset, limit):
        calls.append((offset, limit))
        return activity_list.page_activities(db, ActivityFilter(), offset, limit)

    model = ActivityListModel(page_size=20)
    model.set_source(lambda: activity_list.count_activities(db), page)
    assert model.rowCount() == 45 and calls == []  # the whole list, nothing read yet
    last = model.index(44, 2).data()  # 活动名称
    assert calls == [(40, 20)]  # only the last page
    assert last == activity_list.page_activities(db, ActivityFilter(), 44, 1)[0].title
    assert (
        model.index(0, 2).data()
        == activity_list.page_activities(db, ActivityFilter(), 0, 1)[0].title
    )
    assert calls == [(40, 20), (0, 20)]
    qtmodeltester.check(model)


def test_page_filters_and_opens_editor(qtbot, ui_ctx, monkeypatch):
    room_id, _ = make_room(ui_ctx.db, "青石村委员联络室", ["张明"])
    _many(ui_ctx.db, 30, room_id)
    activities.save_activity(
        ui_ctx.db, ActivityDraft(title="无室活动", start_at=datetime(2024, 5, 1))
    )
    page = ActivitiesPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.model.total == 31 and page.count_label.text() == "共 31 项"
    page.room_filter_combo.setCurrentIndex(page.room_filter_combo.findText("青石村委员联络室"))
    assert page.model.total == 30
    page.type_filter_combo.setCurrentText("协商议事会")
    assert page.model.total == 10
    page.year_filter_combo.setCurrentIndex(page.year_filter_combo.findText("2025 年"))
    page.month_filter_combo.setCurrentIndex(page.month_filter_combo.findText("1 月"))
    view_rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert {r.title for r in view_rows} == {"活动000", "活动012", "活动024"}

    page.activity_table.selectRow(0)
    dialog = page.open_editor(page.selected_id())
    qtbot.addWidget(dialog)
    assert dialog.basic_tab.title_edit.text() == view_rows[0].title
    dialog.basic_tab.status_combo.setCurrentText("已召开")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.close()
    assert page.model.row_at(0).status == "已召开"

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    page.activity_table.selectRow(0)
    page.delete_selected()
    assert page.model.total == 2
    assert activity_list.count_activities(ui_ctx.db) == 30


def test_page_buttons_follow_the_selection(qtbot, ui_ctx):
    activities.save_activity(
        ui_ctx.db, ActivityDraft(title="学习会", start_at=datetime(2025, 5, 1))
    )
    page = ActivitiesPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    assert not page.minutes_button.isEnabled() and not page.signin_button.isEnabled()
    page.activity_table.selectRow(0)
    assert page.minutes_button.isEnabled()
    minutes = page.open_minutes()
    qtbot.addWidget(minutes)
    assert "学习会" in minutes.minutes_edit.toPlainText()
    minutes.close()


def test_scrollbar_covers_every_row_and_ctrl_end_lands_on_the_last(qtbot, ui_ctx):
    _many(ui_ctx.db, 120)
    page = ActivitiesPage(ui_ctx)
    qtbot.addWidget(page)
    page.model.page_size = 40
    page.reload()
    page.resize(900, 500)
    with qtbot.waitActive(page):
        page.show()
    view = page.activity_table
    assert page.model.total == page.model.rowCount() == 120
    shown = view.verticalScrollBar().maximum() + view.verticalScrollBar().pageStep()
    assert shown == 120  # the scrollbar spans all rows, not the first page
    assert page.model.pages_read == [0]  # only the rows in view were read

    view.setFocus()
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.currentIndex().row() == 119
    oldest = activity_list.page_activities(ui_ctx.db, ActivityFilter(), 119, 1)[0]
    assert page.selected_id() == oldest.id
    assert page.model.index(119, 2).data() == oldest.title
    assert 1 not in page.model.pages_read  # the middle was never read
