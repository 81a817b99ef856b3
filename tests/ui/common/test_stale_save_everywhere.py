"""Every editor meets another clerk's save the same way (app/ui/common/stale_dialog): the
refusal names who changed what; 重新载入, confirmed, shows the stored record in the still open
editor, 取消 keeps the clerk's typing. 议题, 接待来访, 委员, 联络室 here; 履职活动 with a second
process in tests/ui/activities/test_two_clerks_one_activity.py; 督办 cells below."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.services.follow_ups import board
from app.services.members import registry as members
from app.services.receptions import log as receptions
from app.services.rooms import registry as rooms
from app.services.topics import pool as topics
from app.storage import open_database
from app.ui.follow_ups.follow_up_page import FollowUpPage
from app.ui.members.member_dialog import MemberDialog
from app.ui.receptions.reception_dialog import ReceptionEditorDialog
from app.ui.rooms.room_dialog import RoomDialog
from app.ui.topics.topic_dialogs import TopicEditorDialog
from tests.ui.ime_typing import type_text
from tests.ui.modal_answers import answer

OTHER = "李四（县政协-02）"


def _topic(db):
    return topics.save_topic(db, topics.TopicDraft(title="村道路灯不亮"), today=date(2025, 3, 1))


def _topic_elsewhere(other, topic_id):
    topics.save_topic(other, replace(topics.get_topic(other, topic_id), title="路灯长期不亮"))


def _reception(db):
    return receptions.save_reception(
        db, receptions.ReceptionDraft(request="孩子上学路远", visit_on=date(2025, 4, 2))
    )


def _reception_elsewhere(other, reception_id):
    read = receptions.get_reception(other, reception_id)
    receptions.save_reception(other, replace(read, result="已转交教育局"))


def _member(db):
    return members.create_member(db, members.MemberInput(name="周秀英", sector="农工党"))


def _member_elsewhere(other, member_id):
    version = members.get_member(other, member_id).version
    data = members.MemberInput(name="周秀英", sector="农工党", phone="13912345678")
    members.update_member(other, member_id, data, version)


def _room(db):
    return rooms.save_room(db, None, rooms.RoomInput(name="青石村委员联络室"))


def _room_elsewhere(other, room_id):
    version = rooms.get_room(other, room_id).version
    data = rooms.RoomInput(name="青石村委员联络室", address="村委会二楼")
    rooms.save_room(other, room_id, data, version)


# (make, the other clerk's save, dialog, field typed in, typed, field the other changed,
#  the other's value, what the message names)
CASES = {
    "议题": (_topic, _topic_elsewhere, TopicEditorDialog, "description_edit", "已有三个月",
             "title_edit", "路灯长期不亮", "这条议题在您打开之后已被 李四（县政协-02） 于"),
    "接待来访": (_reception, _reception_elsewhere, ReceptionEditorDialog, "resident_name_edit",
                 "王大爷", "result_edit", "已转交教育局", "改动了：办理结果"),
    "委员": (_member, _member_elsewhere, MemberDialog, "work_unit_edit", "镇卫生院院长",
             "phone_edit", "13912345678", "改动了：联系电话"),
    "联络室": (_room, _room_elsewhere, RoomDialog, "door_plate_edit", "青石村委员联络室",
               "address_edit", "村委会二楼", "改动了：地址"),
}  # fmt: skip


def _text(widget) -> str:
    return widget.toPlainText() if hasattr(widget, "toPlainText") else widget.text()


@pytest.fixture
def other_clerk(db_path):
    other = open_database(db_path)
    other.actor = OTHER
    yield other
    other.dispose()


@pytest.mark.parametrize("kind", list(CASES))
@pytest.mark.parametrize("choice", ["reload", "cancel"])
def test_every_editor_offers_to_reload(qtbot, ui_ctx, other_clerk, kind, choice):
    make, elsewhere, dialog_class, typed_in, typed, changed, theirs, named = CASES[kind]
    record_id = make(ui_ctx.db)
    dialog = dialog_class(ui_ctx, record_id)
    qtbot.addWidget(dialog)
    dialog.show()
    elsewhere(other_clerk, record_id)
    type_text(getattr(dialog, typed_in), typed)
    seen: list[str] = []
    answers = [("stale_record_dialog", "cancel_button")]
    if choice == "reload":
        answers = [
            ("stale_record_dialog", "reload_button"),
            ("confirm_reload_dialog", "reload_button"),
        ]
    answer(qtbot, answers, seen)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert len(seen) == len(answers) and named in seen[0] and OTHER in seen[0]
    assert dialog.isVisible()  # the editor stays open either way
    if choice == "reload":
        assert _text(getattr(dialog, changed)) == theirs
        assert typed not in _text(getattr(dialog, typed_in))
        assert not dialog.has_edits()
        # now the clerk's change goes through on top of the other's
        type_text(getattr(dialog, typed_in), typed)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
    else:
        assert _text(getattr(dialog, typed_in)).endswith(typed)  # still there to copy
        assert _text(getattr(dialog, changed)) != theirs


def _board_with_a_stale_row(qtbot, ui_ctx, other_clerk):
    activities.save_activity(
        ui_ctx.db,
        ActivityDraft(
            title="停车难协商",
            start_at=datetime(2025, 3, 1, 9),
            follow_ups=[FollowUpLine("增设车位", "交通局")],
        ),
    )
    page = FollowUpPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    page.show_closed_check.setChecked(True)
    [row] = board.board(other_clerk, include_closed=True)
    board.update_follow_up(other_clerk, row.id, expected_version=row.version, result="已增设")
    column = next(c for c in range(page.model.columnCount()) if page.model.headerData(
        c, Qt.Orientation.Horizontal) == "承办单位")  # fmt: skip
    return page, page.proxy.index(0, column)


def test_a_board_cell_offers_to_reload_the_board(qtbot, ui_ctx, other_clerk):
    page, index = _board_with_a_stale_row(qtbot, ui_ctx, other_clerk)
    seen: list[str] = []
    answer(
        qtbot,
        [("stale_record_dialog", "reload_button"), ("confirm_reload_dialog", "reload_button")],
        seen,
    )
    assert not page.proxy.setData(index, "县交通运输局")
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert "这条督办事项在您打开之后已被 李四（县政协-02） 于" in seen[0]
    assert "改动了：办理结果" in seen[0]
    # the cell's editor is closed: no 继续编辑, the button closes; the text is here to copy
    assert "点“关闭”" in seen[0] and "继续编辑" not in seen[0]
    assert seen[0].endswith("您输入的是：县交通运输局")
    qtbot.waitUntil(lambda: page.model.row_at(0).result == "已增设")  # the board reloaded
    [stored] = board.board(ui_ctx.db, include_closed=True)
    assert (stored.handling_unit, stored.result) == ("交通局", "已增设")


def test_a_board_cell_refusal_closes_without_reloading(qtbot, ui_ctx, other_clerk):
    page, index = _board_with_a_stale_row(qtbot, ui_ctx, other_clerk)
    buttons: list[str] = []
    tries = [0]

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "stale_record_dialog":
            tries[0] += 1
            if tries[0] < 500:  # 5 s, then the wait below fails
                QTimer.singleShot(10, close_it)
            return
        buttons.extend(b.text() for b in dialog.buttons())
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, close_it)
    assert not page.proxy.setData(index, "县交通运输局")
    qtbot.waitUntil(lambda: bool(buttons))
    assert sorted(buttons) == sorted(["重新载入", "关闭"])
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert page.model.row_at(0).result != "已增设"  # the board as it was, not reloaded
    [stored] = board.board(ui_ctx.db, include_closed=True)
    assert (stored.handling_unit, stored.result) == ("交通局", "已增设")
