"""The shared member picker in 接待委员, 添加委员 and 召集人: 姓氏笔画 order, the room's own
members first, 姓名 · 界别 · 单位 to tell two 张伟 apart, pinyin search; the stored ids are the
member the clerk chose."""

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from app.services.activities import editing as activities
from app.services.members.registry import MemberInput, create_member, list_members
from app.services.receptions import log as receptions
from app.services.rooms import registry as rooms
from app.ui.activities.editor import ActivityEditorDialog
from app.ui.members.member_picker import MemberPickModel
from app.ui.receptions.receptions_page import ReceptionsPage
from tests.ui.ime_typing import type_text
from tests.ui.member_picking import pick, tick


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)


@pytest.fixture
def people(db):
    rows = [
        ("孔明", "民盟", "青石镇卫生院"),
        ("方芳", "教育界", "青石中学"),
        ("张伟", "民盟", "青石镇中心小学"),
        ("张伟", "经济界", "青石建材公司"),
        ("王丽华", "农业界", "青石村"),
        ("韦伟", "中共", "青石镇政府"),
        ("干成", "民进", ""),
        ("于丽", "民进", "东山村"),
    ]
    ids = [
        create_member(
            db, MemberInput(name=n, sector=s, work_unit=u or None, phone=f"1380000{i:04}")
        )
        for i, (n, s, u) in enumerate(rows)
    ]
    room_id = rooms.save_room(
        db, None, rooms.RoomInput(name="东山村委员联络室", member_ids=(ids[0], ids[7]))
    )
    return ids, room_id


def test_model_passes_qtmodeltester(qtmodeltester, db, people):
    ids, room_id = people
    model = MemberPickModel(list_members(db), (ids[2],))
    qtmodeltester.check(model)
    model.set_first(model.room_members(room_id))
    qtmodeltester.check(model)


def test_reception_receivers_in_stroke_order_room_first_and_two_zhang_wei_apart(
    qtbot, ui_ctx, people
):
    ids, room_id = people
    page = ReceptionsPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    dialog = page.new_reception()
    checklist = dialog.receivers_checklist
    assert checklist.shown_labels() == [
        "干成 · 民进",
        "于丽 · 民进 · 东山村",
        "王丽华 · 农业界 · 青石村",
        "韦伟 · 中共 · 青石镇政府",
        "方芳 · 教育界 · 青石中学",
        "孔明 · 民盟 · 青石镇卫生院",
        "张伟 · 民盟 · 青石镇中心小学",
        "张伟 · 经济界 · 青石建材公司",
    ]
    dialog.room_combo.setCurrentIndex(dialog.room_combo.findText("东山村委员联络室"))
    assert checklist.shown_labels()[:2] == ["于丽 · 民进 · 东山村", "孔明 · 民盟 · 青石镇卫生院"]
    type_text(checklist.search_edit, "zw")
    assert checklist.shown_labels() == [
        "张伟 · 民盟 · 青石镇中心小学",
        "张伟 · 经济界 · 青石建材公司",
    ]
    tick(qtbot, checklist, "zw", row=1)  # the 经济界 one
    tick(qtbot, checklist, "建材")  # found by 单位 too: ticking again unticks
    tick(qtbot, checklist, "kongming")
    assert checklist.chosen_label.text() == "已选 1 名"
    dialog.visit_on_edit.setDate(QDate(2025, 4, 1))
    type_text(dialog.request_edit, "村口路灯不亮")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    ui_ctx.db.dispose()
    [row] = receptions.list_receptions(ui_ctx.db)
    stored = receptions.get_reception(ui_ctx.db, row.id)
    assert stored.receiver_ids == [ids[0]]


def test_add_member_to_attendance_by_picking_one_of_two_zhang_wei(qtbot, ui_ctx, people):
    ids, room_id = people
    dialog = ActivityEditorDialog(ui_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.basic_tab.title_edit, "路灯协商会")
    dialog.basic_tab.room_combo.setCurrentIndex(
        dialog.basic_tab.room_combo.findText("东山村委员联络室")
    )
    tab = dialog.attendance_tab
    table = tab.attendance_table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["孔明", "于丽"]
    shown = pick(qtbot, tab.member_picker, "zw", row=1)
    assert shown == ["张伟 · 民盟 · 青石镇中心小学", "张伟 · 经济界 · 青石建材公司"]
    assert [table.item(r, 1).text() for r in range(table.rowCount())][-1] == "经济界"
    assert tab.member_picker.text() == ""  # picked and added: ready for the next one
    shown = pick(qtbot, tab.member_picker, "y")  # the room's members lead the list
    assert shown[0] == "于丽 · 民进 · 东山村"
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["孔明", "于丽", "张伟"]
    assert dialog.save()
    ui_ctx.db.dispose()
    stored = activities.get_activity(ui_ctx.db, dialog.activity_id)
    assert [a.member_id for a in stored.attendances] == [ids[0], ids[7], ids[3]]
