from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from app.models import Activity
from app.services.members.registry import MemberInput, create_member, list_members
from app.services.rooms import registry as room_service
from app.ui.members.member_picker import MemberPickModel
from app.ui.rooms.room_models import RoomTableModel
from app.ui.rooms.rooms_page import RoomsPage
from tests.ui.ime_typing import type_text
from tests.ui.member_picking import pick, tick


@pytest.fixture
def people(db):
    return {
        name: create_member(db, MemberInput(name=name, sector=sector))
        for name, sector in (("王丽华", "民盟"), ("李建国", "中共"), ("张伟", "经济界"))
    }


@pytest.fixture
def page(qtbot, ui_ctx, people):
    widget = RoomsPage(ui_ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_models_pass_qtmodeltester(qtmodeltester, db, people):
    room_service.save_room(db, None, room_service.RoomInput(name="镇委员联络室", member_ids=(1,)))
    model = RoomTableModel()
    model.set_rows(room_service.list_rooms(db))
    qtmodeltester.check(model)
    picker = MemberPickModel(list_members(db), (1,))
    qtmodeltester.check(picker)


def test_create_room_with_searchable_member_picker(qtbot, page, db, people):
    dialog = page.add_room()
    dialog.name_edit.insert("青石村委员联络室")  # QTest types ASCII only
    dialog.host_unit_edit.insert("青石村村民委员会")
    type_text(dialog.first_convenor_picker, "张明")  # not a member: stays plain text
    dialog.first_convenor_title_edit.insert("村党支部书记")
    dialog.target_consultations_spin.setValue(4)
    checklist = dialog.member_checklist
    type_text(checklist.search_edit, "wlh")
    assert checklist.shown_labels() == ["王丽华 · 民盟"]
    tick(qtbot, checklist, "wlh")
    tick(qtbot, checklist, "zw")
    assert checklist.chosen_label.text() == "已选 2 名"
    # the room's members (as ticked) lead the 召集人 list, each group in 姓氏笔画 order
    shown = pick(qtbot, dialog.second_convenor_picker, "l", row=0)
    assert shown[:2] == ["王丽华 · 民盟", "李建国 · 中共"]
    assert dialog.second_convenor_picker.text() == "王丽华"
    dialog.save_button.click()
    assert not dialog.isVisible()

    room = room_service.get_room(db, dialog.saved_id)
    assert set(room.member_names) == {"王丽华", "张伟"}
    assert (room.first_convenor, room.second_convenor) == ("张明", "王丽华")
    assert room.first_convenor_member_id is None
    assert room.second_convenor_member_id == people["王丽华"]
    assert room.host_unit == "青石村村民委员会" and room.target_consultations_per_year == 4
    shown = [page.proxy.index(0, c).data() for c in range(8)]
    assert shown == ["青石村委员联络室", "村(社区)级", "张明", "王丽华", 2, 0, "0/4", "2/6"]


def test_convenor_is_one_field_and_a_non_member_second_convenor_is_refused(qtbot, page, db, people):
    dialog = page.add_room()
    dialog.name_edit.insert("镇委员联络室")
    pick(qtbot, dialog.first_convenor_picker, "ljg")  # a member: picked once, stored with id
    assert dialog.first_convenor_picker.text() == "李建国"
    type_text(dialog.second_convenor_picker, "赵六")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.error_label.text() == "第二召集人：“赵六”不在委员名单中，请从列表中选择。"
    dialog.second_convenor_picker.clear()
    dialog.save_button.click()
    assert not dialog.isVisible()
    room = room_service.get_room(db, dialog.saved_id)
    assert (room.first_convenor, room.first_convenor_member_id) == ("李建国", people["李建国"])
    assert room.second_convenor_member_id is None

    page.select_room(dialog.saved_id)
    again = page.edit_room()
    assert again.first_convenor_picker.text() == "李建国"
    assert again.first_convenor_picker.member_id() == people["李建国"]
    again.reject()


def test_edit_room_membership_and_name_check(qtbot, page, db, people):
    room_id = room_service.save_room(
        db, None, room_service.RoomInput(name="镇委员联络室", member_ids=(people["李建国"],))
    )
    room_service.save_room(db, None, room_service.RoomInput(name="社区委员联络室"))
    page.refresh()
    page.select_room(room_id)
    dialog = page.edit_room()
    assert dialog.member_checklist.chosen_label.text() == "已选 1 名"
    assert dialog.member_checklist.shown_labels()[0] == "李建国 · 中共"  # the room's first
    tick(qtbot, dialog.member_checklist, "李建国")
    tick(qtbot, dialog.member_checklist, "wlh")
    dialog.name_edit.setText("社区委员联络室")
    dialog.save_button.click()
    assert dialog.error_label.text() == "联络室“社区委员联络室”已存在。"
    dialog.name_edit.setText("镇委员联络室")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert room_service.get_room(db, room_id).member_names == ("王丽华",)


def test_checklist_ticks_in_table_and_computed_items(qtbot, page, db, people):
    room_id = room_service.save_room(
        db,
        None,
        room_service.RoomInput(
            name="镇委员联络室", first_convenor_name="张明", member_ids=(people["张伟"],)
        ),
    )
    with db.write() as s:
        s.add(
            Activity(
                status="已召开",  # held: counted (app.services.activities.held)
                activity_type="微协商",
                title="停车",
                room_id=room_id,
                start_at=datetime(date.today().year, 2, 1, 9),
            )
        )
    page.refresh()
    header = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(14)]
    assert header[8:] == ["有场地", "有门牌", "有制度", "有召集人", "有委员", "有活动记录"]
    assert [page.proxy.index(0, c).data() for c in (11, 12, 13)] == ["✓", "✓", "✓"]
    assert page.proxy.index(0, 6).data() == "1/3"
    site = page.proxy.index(0, 8)
    assert site.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert not page.proxy.flags(page.proxy.index(0, 11)) & Qt.ItemFlag.ItemIsUserCheckable
    page.proxy.setData(site, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    room = room_service.get_room(db, room_id)
    assert {c.name: c.done for c in room.checklist}["有场地"] is True
    assert page.proxy.index(0, 7).data() == "4/6"
    assert page.proxy.index(0, 8).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_filter_box_finds_rooms_by_name_convenor_or_member(qtbot, ui_ctx, qtmodeltester, people):
    db = ui_ctx.db
    for name, first, members in (
        ("青石村委员联络室", "张明", (people["王丽华"],)),
        ("青石镇委员工作室", "", (people["张伟"],)),
        ("东山村委员联络室", "李强", (people["王丽华"], people["李建国"])),
    ):
        room_service.save_room(
            db,
            None,
            room_service.RoomInput(name=name, first_convenor_name=first, member_ids=members),
        )
    page = RoomsPage(ui_ctx)
    qtbot.addWidget(page)
    with qtbot.waitActive(page):
        page.show()
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_edit.hasFocus()

    def shown():
        return sorted(page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount()))

    type_text(page.filter_edit, "青石")
    assert shown() == ["青石村委员联络室", "青石镇委员工作室"]
    assert [page.proxy.headerData(r, Qt.Orientation.Vertical) for r in range(2)] == [1, 2]
    assert page.summary_label.text().startswith("筛选出 2 个（共 3 个联络室")
    page.filter_edit.clear()
    qtbot.keyClicks(page.filter_edit, "wlh")  # a 驻室委员 by pinyin initials
    assert shown() == ["东山村委员联络室", "青石村委员联络室"]
    type_text(page.filter_edit, " 李强")  # every word must match
    assert shown() == ["东山村委员联络室"]
    qtmodeltester.check(page.proxy)
    page.filter_edit.clear()
    assert page.proxy.rowCount() == 3 and page.summary_label.text().startswith("共 3 个")
