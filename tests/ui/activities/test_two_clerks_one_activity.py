"""Two clerks at the county have one 履职活动 open; the one who saves second sees why nothing of
theirs was stored, keeps their input in the dialog, and the first clerk's change stays."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft
from app.ui.activities.editor import ActivityEditorDialog
from tests.ui.ime_typing import type_text


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)


def test_the_second_save_shows_the_conflict_and_keeps_the_input(qtbot, ui_ctx, monkeypatch):
    activity_id = activities.save_activity(
        ui_ctx.db,
        ActivityDraft(
            title="关于停车难的协商议事会", start_at=datetime(2025, 5, 6, 9), place="村委会"
        ),
    )
    dialog = ActivityEditorDialog(ui_ctx, activity_id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    # meanwhile the other clerk renames it at their own PC
    other = activities.get_activity(ui_ctx.db, activity_id)
    activities.save_activity(ui_ctx.db, replace(other, title="关于停车难的协商议事会（改期）"))

    place = dialog.basic_tab.place_edit
    place.selectAll()
    type_text(place, "党群服务中心")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[2]))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert len(warned) == 1
    assert warned[0].startswith("这条履职活动在您打开之后已被其他同事修改")
    assert "改动了：名称" in warned[0] and "重新载入" in warned[0]
    assert dialog.status_label.text() == "未保存。"
    assert place.text() == "党群服务中心"  # the clerk's input is still there to redo
    stored = activities.get_activity(ui_ctx.db, activity_id)
    assert (stored.title, stored.place) == ("关于停车难的协商议事会（改期）", "村委会")
