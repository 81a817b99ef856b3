from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QMessageBox

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.services.follow_ups import board as follow_ups
from app.ui.follow_ups.follow_up_page import FollowUpPage
from tests.services.activity_fixtures import make_room

TODAY = date.today()


@pytest.fixture
def board_data(db):
    room_id, _ = make_room(db, "青石村委员联络室", [])
    activities.save_activity(
        db,
        ActivityDraft(
            title="停车难协商",
            room_id=room_id,
            start_at=datetime(2025, 3, 1, 9),
            follow_ups=[
                FollowUpLine(
                    "按期事项", "交通局", due_on=TODAY + timedelta(days=20), status="办理中"
                ),
                FollowUpLine(
                    "逾期三天", "住建局", due_on=TODAY - timedelta(days=3), status="办理中"
                ),
                FollowUpLine(
                    "逾期十天", "水务局", due_on=TODAY - timedelta(days=10), status="待交办"
                ),
                FollowUpLine(
                    "已办结事项", "民政局", due_on=TODAY - timedelta(days=30), status="已办结"
                ),
            ],
        ),
    )


def _edit_cell(qtbot, page, row, column, editor_type):
    view = page.board_table
    index = page.proxy.index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.viewport().findChild(editor_type)
    assert editor is not None
    return editor


def test_board_shows_overdue_first_and_highlighted(qtbot, ui_ctx, board_data):
    page = FollowUpPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    model = page.model
    contents = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert contents == ["逾期十天", "逾期三天", "按期事项"]
    assert model.index(0, 0).data() == "逾期 10 天"
    assert model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(2, 3).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "未办结 3 项" in page.summary_label.text() and "逾期 2 项" in page.summary_label.text()
    page.show_closed_check.setChecked(True)
    assert model.rowCount() == 4 and model.index(3, 2).data() == "已办结事项"


def test_status_and_feedback_edited_in_place(qtbot, ui_ctx, board_data):
    page = FollowUpPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    combo = _edit_cell(qtbot, page, 0, 7, QComboBox)
    combo.setCurrentText("已办结")
    qtbot.keyClick(combo, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: page.model.index(0, 7).data() == "已办结")
    assert page.model.index(0, 0).data() == ""  # closed: no longer overdue
    assert page.model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) is None

    date_edit = _edit_cell(qtbot, page, 0, 9, QDateEdit)
    date_edit.setDate(TODAY)
    qtbot.keyClick(date_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.index(0, 9).data() == TODAY.isoformat())
    combo = _edit_cell(qtbot, page, 0, 10, QComboBox)
    combo.setCurrentText("满意")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.index(0, 10).data() == "满意")

    ui_ctx.db.dispose()
    stored = {r.content: r for r in follow_ups.board(ui_ctx.db, include_closed=True)}
    item = stored["逾期十天"]
    assert (item.status, item.feedback_on, item.evaluation) == ("已办结", TODAY, "满意")
    page.refresh()
    assert [page.model.index(r, 2).data() for r in range(page.model.rowCount())] == [
        "逾期三天",
        "按期事项",
    ]


def test_bad_edit_is_refused_with_a_message(qtbot, ui_ctx, board_data, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    page = FollowUpPage(ui_ctx)
    qtbot.addWidget(page)
    assignment = page.model.index(0, 6)
    assert not page.model.setData(assignment, (TODAY + timedelta(days=400)).isoformat())
    assert shown == ["办理时限不能早于交办日期。"]
    assert page.model.index(0, 6).data() == ""


def test_board_model_passes_the_model_tester(qtbot, qtmodeltester, ui_ctx, board_data):
    page = FollowUpPage(ui_ctx)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model, force_py=True)
    page.show_closed_check.setChecked(True)
    qtmodeltester.check(page.model, force_py=True)
