from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.models import Activity, Attendance
from app.services.members.registry import MemberInput, create_member, get_member, list_members
from app.ui.members.member_models import MemberTableModel
from app.ui.members.members_page import MembersPage


@pytest.fixture
def people(db):
    ids = {}
    for name, sector, level, phone, unit in (
        ("王丽华", "民盟", "县", "13800001001", "青石村党支部书记"),
        ("李建国", "中共", "市", "13800001002", "镇中心学校校长"),
        ("张伟", "经济界", "县", "0551-12345678", "县农商行副行长"),
        ("赵敏", "经济界", "县", "13800001004", "某公司总经理"),
    ):
        ids[name] = create_member(
            db, MemberInput(name=name, sector=sector, level=level, phone=phone, work_unit=unit)
        )
    return ids


@pytest.fixture
def page(qtbot, ui_ctx, people):
    widget = MembersPage(ui_ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _select(page, name):
    page.search_edit.clear()
    row = page.visible_names().index(name)
    page.member_table.selectRow(row)


def test_model_passes_qtmodeltester(qtmodeltester, db, people):
    model = MemberTableModel()
    model.set_rows(list_members(db))
    qtmodeltester.check(model)


def test_default_order_is_stroke_order_and_columns_sort(page):
    assert page.visible_names() == ["王丽华", "李建国", "张伟", "赵敏"]
    assert page.count_label.text() == "显示 4 / 共 4 名"
    page.member_table.sortByColumn(7, Qt.SortOrder.AscendingOrder)  # 联系电话
    assert page.visible_names()[0] == "张伟"


def test_search_by_pinyin_initials_and_filters(qtbot, page):
    qtbot.keyClicks(page.search_edit, "wlh")
    assert page.visible_names() == ["王丽华"]
    page.search_edit.clear()
    page.search_edit.insert("校长")  # QTest types ASCII only
    assert page.visible_names() == ["李建国"]
    page.search_edit.clear()
    page.sector_filter.setCurrentText("经济界")
    assert page.visible_names() == ["张伟", "赵敏"]
    page.sector_filter.setCurrentText("全部")
    page.level_filter.setCurrentText("市")
    assert page.visible_names() == ["李建国"]
    assert page.count_label.text() == "显示 1 / 共 4 名"


def test_add_member_with_validation(qtbot, page, db):
    dialog = page.add_member()
    dialog.name_edit.insert("陈　静")  # QTest types ASCII only
    dialog.sector_combo.setCurrentText("教育界")
    qtbot.keyClicks(dialog.phone_edit, "12345")
    qtbot.keyClicks(dialog.birth_month_edit, "1979.10")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "联系电话：“12345”不是有效的手机号码或固定电话" in dialog.error_label.text()
    dialog.phone_edit.clear()
    qtbot.keyClicks(dialog.phone_edit, "13800001005")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert "陈静" in page.visible_names()
    assert page.selected_id() == dialog.saved_id
    stored = get_member(db, dialog.saved_id)
    assert (stored.sector, stored.phone, stored.birth_month) == ("教育界", "13800001005", "1979-10")
    assert "陈静" in page.detail_view.toPlainText()


def test_required_fields(qtbot, page, monkeypatch):
    dialog = page.add_member()
    dialog.save_button.click()
    assert "姓名：不能为空" in dialog.error_label.text()
    dialog.name_edit.insert("陈静")  # QTest types ASCII only
    dialog.save_button.click()
    assert dialog.error_label.text() == "请选择界别。"
    # 取消 on typed, unsaved fields asks first (app.ui.common.discard_guard)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible()


def test_edit_member(qtbot, page, db, people):
    _select(page, "张伟")
    dialog = page.edit_member()
    assert dialog.name_edit.text() == "张伟" and dialog.sector_combo.currentText() == "经济界"
    dialog.work_unit_edit.clear()
    dialog.work_unit_edit.insert("县农商行行长")  # QTest types ASCII only
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.work_unit_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert get_member(db, people["张伟"]).work_unit == "县农商行行长"
    row = page.visible_names().index("张伟")
    assert page.proxy.index(row, 6).data() == "县农商行行长"


def test_delete_is_refused_for_member_with_records_and_offers_leave(
    qtbot, page, db, people, monkeypatch
):
    with db.write() as s:
        activity = Activity(
            activity_type="协商议事会", title="议事", start_at=datetime(date.today().year, 3, 1, 9)
        )
        activity.attendances.append(Attendance(member_id=people["赵敏"], status="出席"))
        s.add(activity)
    questions = []

    def answer(parent, title, text, *args):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    _select(page, "赵敏")
    page.delete_button.click()
    assert "确定删除委员“赵敏”" in questions[0]
    assert "已有出席记录 1 条，不能删除" in questions[1] and "设为离任" in questions[1]
    assert get_member(db, people["赵敏"]).status == "离任"
    assert "赵敏" not in page.visible_names()  # the default filter shows 在任 only
    page.status_filter.setCurrentText("离任")
    assert page.visible_names() == ["赵敏"]

    page.status_filter.setCurrentText("在任")
    _select(page, "王丽华")
    page.delete_button.click()
    assert "王丽华" not in [m.name for m in list_members(db)]


def test_delete_can_be_cancelled(page, db, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    _select(page, "王丽华")
    page.delete_button.click()
    assert len(list_members(db)) == 4
