"""Two clerks at the county have one 履职活动 open, each in their own program: the one who saves
second is told who changed what and when, and chooses 重新载入 (the other's record replaces their
input, after confirming) or 取消 (their input stays to copy). Nothing of theirs is stored. On
SQLite and, with LIAISON_DESK_TEST_DB_URL, on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.models import Member
from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, AttendanceLine
from app.ui.activities.editor import ActivityEditorDialog
from app.ui.shell.main_window import PAGES, MainWindow
from tests.ui.ime_typing import type_text
from tests.ui.modal_answers import answer

ROOT = Path(__file__).resolve().parents[3]
OTHER_CLERK = "张三（县政协-王芳的电脑）"

# The other clerk's program: opens the activity, moves it and marks the member 请假, saves.
SAVE_ELSEWHERE = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from app.services.activities.editing import get_activity, save_activity
    from app.storage import open_database

    db = open_database(sys.argv[1])
    db.actor = sys.argv[3]
    draft = get_activity(db, int(sys.argv[2]))
    leave = replace(draft.attendances[0], status="请假", leave_reason="出差")
    save_activity(db, replace(draft, place="镇政府会议室", attendances=[leave]))
    db.dispose()
    """
)


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)


def _open_editor(qtbot, ui_ctx) -> ActivityEditorDialog:
    with ui_ctx.db.write() as session:
        member = Member(name="周秀英")
        session.add(member)
        session.flush()
        member_id = member.id
    activity_id = activities.save_activity(
        ui_ctx.db,
        ActivityDraft(
            title="关于停车难的协商议事会",
            start_at=datetime(2025, 5, 6, 9),
            place="村委会",
            attendances=[AttendanceLine(member_id, "周秀英")],
        ),
    )
    dialog = ActivityEditorDialog(ui_ctx, activity_id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def _other_clerk_saves(db_path, activity_id: int) -> None:
    subprocess.run(
        [sys.executable, "-c", SAVE_ELSEWHERE, str(db_path), str(activity_id), OTHER_CLERK],
        cwd=ROOT,
        check=True,
        timeout=120,
    )


def _edit_and_save(qtbot, dialog: ActivityEditorDialog, answers, seen) -> None:
    title = dialog.basic_tab.title_edit
    title.selectAll()
    type_text(title, "关于停车难的协商议事会（改期）")
    answer(qtbot, answers, seen)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_the_second_clerk_is_told_who_changed_what_and_reloads(qtbot, ui_ctx, db_path):
    """Through the window: the clerk opens the activity from the 履职活动 list; while the
    editor is open the other program saves it, and the list behind follows (the editor keeps
    the clerk's typing); 保存 then names who and what, 重新载入 shows the other's record."""
    with ui_ctx.db.write() as session:
        member = Member(name="周秀英")
        session.add(member)
        session.flush()
        member_id = member.id
    year = date.today().year
    activity_id = activities.save_activity(
        ui_ctx.db,
        ActivityDraft(
            title="关于停车难的协商议事会",
            start_at=datetime(year, 5, 6, 9),
            place="村委会",
            attendances=[AttendanceLine(member_id, "周秀英")],
        ),
    )
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.remote_changes.timer.setInterval(50)  # the clerk's 10 s, shortened for the test
    window.nav_list.setCurrentRow([name for _l, name, _f in PAGES].index("activities_page"))
    page = window.pages["activities_page"]
    rect = page.activity_table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.activity_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.activity_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    [dialog] = [e for e in page.editors if e.isVisible()]
    title = dialog.basic_tab.title_edit
    title.selectAll()
    type_text(title, "关于停车难的协商议事会（改期）")

    before = datetime.now()
    _other_clerk_saves(db_path, activity_id)  # meanwhile, in another program
    qtbot.waitUntil(lambda: page.model.record_at(0).place == "镇政府会议室", timeout=10_000)
    assert title.text() == "关于停车难的协商议事会（改期）"  # the open editor is left alone
    assert dialog.basic_tab.place_edit.text() == "村委会"
    window.remote_changes.timer.stop()

    seen: list[str] = []
    answer(
        qtbot,
        [("stale_record_dialog", "reload_button"), ("confirm_reload_dialog", "reload_button")],
        seen,
    )
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    after = datetime.now()

    assert len(seen) == 2
    times = {f"{before:%H:%M}", f"{after:%H:%M}"}
    assert any(
        seen[0].startswith(f"这条履职活动在您打开之后已被 {OTHER_CLERK} 于 {t} 修改，")
        for t in times
    ), seen[0]
    assert "改动了：地点、出席委员。" in seen[0]
    assert "放弃" in seen[1]
    # the editor now shows the other clerk's record, and nothing of this clerk's was stored
    assert dialog.basic_tab.place_edit.text() == "镇政府会议室"
    assert title.text() == "关于停车难的协商议事会"
    assert dialog.status_label.text().startswith("已重新载入")
    assert not dialog.dirty
    stored = activities.get_activity(ui_ctx.db, activity_id)
    assert (stored.title, stored.place) == ("关于停车难的协商议事会", "镇政府会议室")
    assert [a.status for a in stored.attendances] == ["请假"]
    # reloaded, this clerk's change now goes through
    _edit_and_save(qtbot, dialog, [], seen)
    assert dialog.status_label.text().startswith("已保存")
    stored = activities.get_activity(ui_ctx.db, activity_id)
    assert (stored.title, stored.place) == ("关于停车难的协商议事会（改期）", "镇政府会议室")
    assert [a.leave_reason for a in stored.attendances] == ["出差"]
    assert page.model.record_at(0).title == "关于停车难的协商议事会（改期）"


def test_cancel_keeps_the_clerks_input_to_copy(qtbot, ui_ctx, db_path):
    dialog = _open_editor(qtbot, ui_ctx)
    _other_clerk_saves(db_path, dialog.activity_id)
    seen: list[str] = []
    _edit_and_save(qtbot, dialog, [("stale_record_dialog", "cancel_button")], seen)

    assert len(seen) == 1 and OTHER_CLERK in seen[0]
    assert dialog.status_label.text() == "未保存。"
    assert dialog.basic_tab.title_edit.text() == "关于停车难的协商议事会（改期）"  # still there
    assert dialog.basic_tab.place_edit.text() == "村委会"  # as the clerk read it
    stored = activities.get_activity(ui_ctx.db, dialog.activity_id)
    assert (stored.title, stored.place) == ("关于停车难的协商议事会", "镇政府会议室")
