"""run_action, driven through a real button: a UserError shows its Chinese message and changes
nothing, a bug goes to the bug handler, success emits data_changed with what changed."""

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.bug_log import log_file
from app.errors import ValidationError
from app.services.changes import NOTHING, Changes
from app.ui.common.actions import FAILED, run_action
from app.ui.common.errors import install_excepthook


class SaveBox(QWidget):
    """The smallest slot that runs a user action: a 保存 button calling ``call``."""

    def __init__(self, ctx, call, changes: Changes = NOTHING) -> None:
        super().__init__()
        self.ctx, self.call, self.changes = ctx, call, changes
        self.results: list[object] = []
        self.save_button = QPushButton("保存", self)
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self.save)
        QVBoxLayout(self).addWidget(self.save_button)

    def save(self) -> None:
        result = run_action(self, self.ctx, self.call, changes=self.changes, title="保存未完成")
        self.results.append(result)


def make_box(qtbot, ui_ctx, call, changes: Changes = NOTHING) -> SaveBox:
    box = SaveBox(ui_ctx, call, changes)
    qtbot.addWidget(box)
    box.show()
    return box


@pytest.fixture
def warnings(monkeypatch):
    told: list[tuple[object, str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda p, title, text, *a: told.append((p, title, text))
    )
    return told


def test_user_error_shows_its_message_and_no_data_changed(qtbot, ui_ctx, warnings):
    def refuse():
        raise ValidationError("联络室名称不能为空。", field="name")

    box = make_box(qtbot, ui_ctx, refuse, Changes(rooms=True))
    with qtbot.assertNotEmitted(ui_ctx.bus.data_changed):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert warnings == [(box, "保存未完成", "联络室名称不能为空。")]
    assert box.results == [FAILED]


def test_a_bug_goes_to_the_bug_handler_with_its_traceback(qtbot, ui_ctx, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_excepthook()  # what the app installs at start
    apologies: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _p, title, text: apologies.append((title, text))
    )

    def broken():
        return 1 / 0

    box = make_box(qtbot, ui_ctx, broken, Changes(rooms=True))
    with qtbot.assertNotEmitted(ui_ctx.bus.data_changed):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert box.results == [FAILED]
    [(title, text)] = apologies
    assert title == "程序出错" and str(log_file()) in text
    logged = log_file().read_text(encoding="utf-8")
    assert "ZeroDivisionError" in logged and "in broken" in logged


def test_success_emits_data_changed_with_the_changes(qtbot, ui_ctx):
    box = make_box(qtbot, ui_ctx, lambda: 42, Changes(members=True))
    with qtbot.waitSignal(ui_ctx.bus.data_changed) as signal:
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert signal.args == [Changes(members=True), None]
    assert box.results == [42]  # a new id comes back as it is


def test_changes_the_service_returns_are_added_to_the_stated_ones(qtbot, ui_ctx):
    box = make_box(qtbot, ui_ctx, lambda: Changes(sectors=True), Changes(members=True))
    with qtbot.waitSignal(ui_ctx.bus.data_changed) as signal:
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert signal.args[0] == Changes(sectors=True, members=True)


def test_nothing_changed_no_signal(qtbot, ui_ctx):
    box = make_box(qtbot, ui_ctx, lambda: None)
    with qtbot.assertNotEmitted(ui_ctx.bus.data_changed):
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert box.results == [None]  # None is a result, not a failure


def test_failed_is_tested_with_is_not_its_truth():
    with pytest.raises(TypeError, match="is FAILED"):
        bool(FAILED)


def test_a_refused_delete_on_a_real_page_keeps_the_room_and_signals_nothing(
    qtbot, ui_ctx, warnings, monkeypatch
):
    from datetime import datetime

    from app.models import Activity
    from app.services.rooms import registry as room_service
    from app.ui.rooms.rooms_page import RoomsPage

    room_id = room_service.save_room(
        ui_ctx.db, None, room_service.RoomInput(name="青石村委员联络室")
    )
    with ui_ctx.db.write() as session:
        session.add(
            Activity(
                title="微协商",
                activity_type="微协商",
                room_id=room_id,
                start_at=datetime(2025, 3, 1, 9),
            )
        )
    page = RoomsPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    page.select_room(room_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.assertNotEmitted(ui_ctx.bus.data_changed):
        qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert warnings == [
        (page, "操作未完成", "联络室“青石村委员联络室”已有 1 次履职活动记录，不能删除。")
    ]
    assert [r.name for r in room_service.list_rooms(ui_ctx.db)] == ["青石村委员联络室"]
