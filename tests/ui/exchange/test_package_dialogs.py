"""文件 → 导入数据包… shows the preview (per kind, the changes, the member matches) and writes only
on 确定导入; 取消 writes nothing; 设置 → 本单位 sets the identity; 导出数据包… writes the file."""

from __future__ import annotations

import zipfile
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlalchemy import func, select

from app.models import Activity, Attendance, Member, PackageImport, Room, Sector
from app.services.exchange import identity
from app.storage import open_database
from app.ui.exchange import package_dialogs
from app.ui.exchange.identity_tab import IdentityTab
from app.ui.exchange.package_dialogs import PackagePreviewDialog
from app.ui.shell.main_window import MainWindow
from tests.services.exchange.builders import export_package
from tests.ui.ime_typing import type_text
from tests.ui.safety import test_safety_ui

told = test_safety_ui.told  # every message box recorded instead of shown


@pytest.fixture
def township_package(tmp_path):
    """桃园镇 typed 周秀英 itself, held one meeting she attended, and sent its package."""
    db = open_database(tmp_path / "town.db")
    identity.set_identity(db, "桃园镇", "township")
    with db.write() as s:
        sector = s.scalar(select(Sector.id).where(Sector.name == "民盟"))
        member = Member(name="周秀英", gender="女", birth_month="1975-03", sector_id=sector)
        room = Room(name="青石村委员联络室")
        s.add_all([member, room])
        s.flush()
        activity = Activity(
            activity_type="协商议事会",
            title="村道硬化协商",
            room_id=room.id,
            start_at=datetime(2026, 4, 2, 9),
            status="已召开",
        )
        activity.attendances.append(Attendance(member_id=member.id))
        s.add(activity)
    export_package(db, tmp_path / "taoyuan.ldpkg")
    db.dispose()
    return tmp_path / "taoyuan.ldpkg"


@pytest.fixture
def county_window(qtbot, ui_ctx):
    identity.set_identity(ui_ctx.db, "县政协", "county")
    with ui_ctx.db.write() as s:
        s.add(Member(name="周秀英", gender="女", birth_month="1975-03"))
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def open_preview(qtbot, window, monkeypatch, path) -> PackagePreviewDialog:
    monkeypatch.setattr(package_dialogs, "ask_open_path", lambda *a, **k: path)
    window.import_package_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(PackagePreviewDialog) is not None, timeout=10000)
    dialog = window.findChild(PackagePreviewDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def table_rows(view) -> list[list[str]]:
    model = view.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def stored(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_import_preview_then_confirm_by_clicking(
    qtbot, county_window, ui_ctx, township_package, monkeypatch
):
    dialog = open_preview(qtbot, county_window, monkeypatch, township_package)
    kinds = {row[0]: row[1:] for row in table_rows(dialog.kinds_table)}
    assert kinds["履职活动"] == ["1", "0", "0", "0"]
    assert kinds["出席记录"] == ["1", "0", "0", "0"]
    assert kinds["委员"] == ["0", "0", "0", "1"]  # 周秀英 is the county's own member
    assert table_rows(dialog.matches_table) == [
        ["自动匹配", "周秀英（1975-03，女）", "周秀英（1975-03，女）"]
    ]
    assert "桃园镇上报的数据包，第 1 号" in dialog.summary_label.text()
    assert "将新增 3 条，其余不变" in dialog.summary_label.text()
    assert [row[0] for row in table_rows(dialog.kinds_table)][:3] == [
        "联络室",
        "履职活动",
        "出席记录",
    ]
    assert stored(ui_ctx.db, Activity) == 0  # nothing before 确定导入

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary_label.text().startswith("已导入"), timeout=10000)
    assert "新增 3 条" in dialog.summary_label.text()  # the room, the meeting, her attendance
    with ui_ctx.db.read() as s:
        activity = s.scalar(select(Activity))
        assert activity.title == "村道硬化协商" and activity.origin_id is not None
        assert s.scalar(select(func.count()).select_from(Member)) == 1
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: county_window.findChild(PackagePreviewDialog) is None)


def test_cancel_writes_nothing_and_reimport_says_so(
    qtbot, county_window, ui_ctx, township_package, monkeypatch, told
):
    dialog = open_preview(qtbot, county_window, monkeypatch, township_package)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: county_window.findChild(PackagePreviewDialog) is None)
    assert stored(ui_ctx.db, Activity) == 0 and stored(ui_ctx.db, PackageImport) == 0

    dialog = open_preview(qtbot, county_window, monkeypatch, township_package)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary_label.text().startswith("已导入"), timeout=10000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: county_window.findChild(PackagePreviewDialog) is None)

    county_window.import_package_action.trigger()  # the same package again
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert told == [("information", told[0][1])] and "已导入过，没有变化" in told[0][1]
    assert stored(ui_ctx.db, PackageImport) == 1


def test_a_tampered_package_is_one_message_and_nothing_written(
    qtbot, county_window, ui_ctx, township_package, monkeypatch, told, tmp_path
):
    bad = tmp_path / "bad.ldpkg"
    bad.write_bytes(township_package.read_bytes()[:300])
    monkeypatch.setattr(package_dialogs, "ask_open_path", lambda *a, **k: bad)
    county_window.import_package_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert told[0][0] == "warning" and "不完整" in told[0][1]
    assert county_window.findChild(PackagePreviewDialog) is None
    assert stored(ui_ctx.db, PackageImport) == 0


def test_identity_tab_then_export_from_the_file_menu(qtbot, ui_ctx, monkeypatch, told, tmp_path):
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()  # the clerk clicks a 保存 on screen
    page = window.go_to("settings_page")
    tab = page.findChild(IdentityTab, "identity_tab")
    type_text(tab.name_edit, "桃园镇")
    tab.level_combo.setCurrentIndex(tab.level_combo.findText("乡镇"))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert identity.get_identity(ui_ctx.db).name == "桃园镇"
    assert "桃园镇（乡镇）" in tab.id_label.text()

    out = tmp_path / "上报"
    monkeypatch.setattr(package_dialogs, "ask_save_path", lambda *a, **k: out)
    window.export_package_action.trigger()
    assert told[-1][0] == "information" and "第 1 号" in told[-1][1]
    with zipfile.ZipFile(tmp_path / "上报.ldpkg") as zf:
        assert "manifest.json" in zf.namelist()


def test_a_township_activity_shows_its_origin_and_opens_read_only(
    qtbot, county_window, ui_ctx, township_package, monkeypatch
):
    page = county_window.go_to("activities_page")
    assert page.activity_table.isColumnHidden(9)  # 来源: nothing imported yet
    assert not page.township_filter_combo.isVisible()
    with ui_ctx.db.write() as s:  # one meeting of the county's own
        s.add(Activity(activity_type="调研视察", title="县里的调研", start_at=datetime(2026, 5, 1)))
    dialog = open_preview(qtbot, county_window, monkeypatch, township_package)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary_label.text().startswith("已导入"), timeout=10000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    page.refresh()
    assert not page.activity_table.isColumnHidden(9) and page.township_filter_combo.isVisible()
    assert page.model.rowCount() == 2
    combo = page.township_filter_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["全部乡镇", "本单位", "桃园镇"]
    combo.setCurrentIndex(1)
    assert [page.model.index(r, 2).data() for r in range(page.model.rowCount())] == ["县里的调研"]
    combo.setCurrentIndex(2)
    assert page.model.rowCount() == 1
    assert page.model.index(0, 3).data() == "青石村委员联络室"
    assert page.model.headerData(9, Qt.Orientation.Horizontal) == "来源"
    assert page.model.index(0, 9).data() == "桃园镇"
    page.activity_table.selectRow(0)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    editor = page.editors[-1]
    assert "来自桃园镇，只读" in editor.windowTitle()
    assert "来自桃园镇：只能查看和打印，不能修改" in editor.status_label.text()
    assert not editor.save_button.isEnabled() and editor.minutes_button.isEnabled()
    assert editor.basic_tab.title_edit.isReadOnly()
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # nothing to save
    with ui_ctx.db.read() as s:
        assert (
            s.scalar(select(Activity.title).where(Activity.origin_id.is_not(None)))
            == "村道硬化协商"
        )
    editor.close()


def test_a_doubtful_member_is_confirmed_by_clicking(qtbot, ui_ctx, township_package, monkeypatch):
    from app.ui.exchange.pending_dialog import PendingMembersDialog

    identity.set_identity(ui_ctx.db, "县政协", "county")
    with ui_ctx.db.write() as s:  # the county has her with another birth month
        s.add(Member(name="周秀英", gender="女", birth_month="1975-04"))
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    dialog = open_preview(qtbot, window, monkeypatch, township_package)
    assert table_rows(dialog.matches_table) == [
        ["待确认", "周秀英（1975-03，女）", "周秀英（1975-04，女）"]
    ]
    assert not dialog.pending_button.isVisible()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary_label.text().startswith("已导入"), timeout=10000)
    assert stored(ui_ctx.db, Member) == 2  # not guessed
    assert dialog.pending_button.isVisible()
    qtbot.mouseClick(dialog.pending_button, Qt.MouseButton.LeftButton)
    pending = dialog.findChild(PendingMembersDialog)
    assert table_rows(pending.pair_table) == [
        ["周秀英", "1975-03，女，来自桃园镇", "1975-04，女，本单位"]
    ]
    assert not pending.same_button.isEnabled()
    pending.pair_table.selectRow(0)
    qtbot.mouseClick(pending.same_button, Qt.MouseButton.LeftButton)
    assert pending.hint_label.text() == "没有待确认的委员。"
    assert stored(ui_ctx.db, Member) == 1
    with ui_ctx.db.read() as s:
        assert s.scalar(select(Attendance.member_id)) == s.scalar(select(Member.id))
    qtbot.mouseClick(pending.close_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)


def test_a_township_member_shows_its_origin_and_opens_read_only(
    qtbot, county_window, ui_ctx, township_package, monkeypatch
):
    from app.imports.package_file import read_package
    from app.services.exchange.importing import import_package

    with ui_ctx.db.write() as s:  # the county has no 周秀英: the township's comes in as its own
        s.scalar(select(Member)).name = "王丽"
    import_package(ui_ctx.db, read_package(township_package))
    page = county_window.go_to("members_page")
    page.refresh()
    shown = {
        page.member_table.model().index(r, 0).data(): page.member_table.model().index(r, 10).data()
        for r in range(page.member_table.model().rowCount())
    }
    assert shown == {"王丽": "", "周秀英": "桃园镇"}
    assert page.township_filter.isVisible()
    page.township_filter.setCurrentText("本单位")
    assert [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())] == ["王丽"]
    page.township_filter.setCurrentText("桃园镇")
    assert [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())] == ["周秀英"]
    page.select_member(next(m.id for m in page.model._rows if m.name == "周秀英"))
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert "来自桃园镇，只读" in dialog.windowTitle()
    assert dialog.name_edit.isReadOnly() and not dialog.save_button.isEnabled()
    assert dialog.cancel_button.isEnabled() and dialog.cancel_button.text() == "关闭"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)


def test_export_offers_the_attachments_when_there_are_some(
    qtbot, ui_ctx, monkeypatch, told, tmp_path
):
    from app.models import Attachment
    from app.services.activities.attachments import copy_in

    identity.set_identity(ui_ctx.db, "桃园镇", "township")
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8photo")
    stored, size = copy_in(photo)
    with ui_ctx.db.write() as s:
        activity = Activity(activity_type="协商议事会", title="村道", start_at=datetime(2026, 3, 1))
        activity.attachments.append(
            Attachment(original_name="现场.jpg", stored_name=stored, size_bytes=size)
        )
        s.add(activity)
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(package_dialogs, "ask_save_path", lambda *a, **k: tmp_path / "p.ldpkg")
    window.export_package_action.trigger()
    assert "1 个附件" in asked[0]
    with zipfile.ZipFile(tmp_path / "p.ldpkg") as zf:
        assert zf.read(f"attachments/{stored}") == b"\xff\xd8photo"


def test_a_township_room_shows_its_origin_and_opens_read_only(
    qtbot, county_window, ui_ctx, township_package, monkeypatch
):
    from app.imports.package_file import read_package
    from app.services.exchange.importing import import_package

    import_package(ui_ctx.db, read_package(township_package))
    page = county_window.go_to("rooms_page")
    page.refresh()
    assert page.model.index(0, 0).data() == "青石村委员联络室（桃园镇）"
    page.room_table.selectRow(0)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert "来自桃园镇，只读" in dialog.windowTitle()
    assert dialog.name_edit.isReadOnly() and not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)


def test_a_township_topic_and_reception_open_read_only(qtbot, ui_ctx, township_package, tmp_path):
    from datetime import date

    from app.imports.package_file import read_package
    from app.models import Reception, Topic
    from app.services.exchange.importing import import_package
    from app.ui.receptions.reception_dialog import ReceptionEditorDialog
    from app.ui.topics.topic_dialogs import TopicEditorDialog

    town = open_database(tmp_path / "town.db")
    with town.write() as s:
        s.add(Topic(title="村道硬化", raised_on=date(2026, 3, 1)))
        s.add(Reception(visit_on=date(2026, 3, 2), request="路灯坏了"))
    export_package(town, tmp_path / "taoyuan-2.ldpkg")
    town.dispose()
    identity.set_identity(ui_ctx.db, "县政协", "county")
    import_package(ui_ctx.db, read_package(tmp_path / "taoyuan-2.ldpkg"))
    with ui_ctx.db.read() as s:
        topic_id, reception_id = s.scalar(select(Topic.id)), s.scalar(select(Reception.id))
    for dialog in (
        TopicEditorDialog(ui_ctx, topic_id),
        ReceptionEditorDialog(ui_ctx, reception_id),
    ):
        qtbot.addWidget(dialog)
        assert "来自桃园镇，只读" in dialog.windowTitle()
        assert not dialog.save_button.isEnabled()
        assert dialog.findChild(QLabel, "origin_label").text() == "来自桃园镇：只能查看，不能修改。"
