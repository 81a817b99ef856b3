from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from app.services.activities import editing as activities
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.services.receptions import log as receptions
from app.services.receptions.log import ReceptionDraft
from app.services.topics import pool as topics
from app.services.topics.pool import TopicDraft
from app.ui.receptions.receptions_page import ReceptionsPage
from app.ui.topics.topics_page import TopicsPage
from tests.services.activity_fixtures import make_room
from tests.ui.ime_typing import type_text
from tests.ui.member_picking import tick


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)


def _page(qtbot, cls, ui_ctx):
    page = cls(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def test_turn_a_visit_into_a_topic(qtbot, ui_ctx, monkeypatch):
    room_id, (member_id, _other) = make_room(ui_ctx.db, "青石村委员联络室", ["张明", "李华"])
    page = _page(qtbot, ReceptionsPage, ui_ctx)
    dialog = page.new_reception()
    dialog.visit_on_edit.setDate(QDate(2025, 4, 1))
    dialog.room_combo.setCurrentIndex(dialog.room_combo.findText("青石村委员联络室"))
    tick(qtbot, dialog.receivers_checklist, "zm")
    type_text(dialog.resident_name_edit, "刘大爷")
    type_text(dialog.request_edit, "小区门口雨天积水严重，老人出行困难")
    dialog.category_combo.setCurrentText("城乡建设")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.model.rowCount() == 1
    assert page.model.index(0, 2).data() == "张明"

    page.reception_table.selectRow(0)
    assert not page.message_label.isVisible()  # no blank band above the list
    qtbot.mouseClick(page.to_topic_button, Qt.MouseButton.LeftButton)
    ask = page.dialogs.open_dialogs[-1]
    assert ask.objectName() == "to_topic_dialog" and ask.isVisible()
    assert ask.title_edit.text() == "小区门口雨天积水严重，老人出行困难"
    qtbot.mouseClick(ask.ok_button, Qt.MouseButton.LeftButton)
    assert not ask.isVisible()
    assert "纳入议题库" in page.message_label.text() and page.message_label.isVisible()
    assert page.model.index(0, 6).data() == "纳入议题库"
    assert page.model.index(0, 8).data() == "已转议题"

    ui_ctx.db.dispose()  # as after a restart
    [topic] = topics.list_topics(ui_ctx.db)
    assert (topic.title, topic.source, topic.raised_by, topic.status, topic.room_name) == (
        "小区门口雨天积水严重，老人出行困难",
        "群众出题",
        "刘大爷",
        "待筛选",
        "青石村委员联络室",
    )
    assert (
        topics.get_topic(ui_ctx.db, topic.id).reception_id
        == receptions.list_receptions(ui_ctx.db)[0].id
    )

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    page.reception_table.selectRow(0)
    qtbot.mouseClick(page.to_topic_button, Qt.MouseButton.LeftButton)
    assert shown and "已转为议题" in shown[0]
    assert len(topics.list_topics(ui_ctx.db)) == 1


def test_topic_status_trail_with_dates(qtbot, ui_ctx, monkeypatch):
    _room, (member_id,) = make_room(ui_ctx.db, "甲室", ["张明"])
    page = _page(qtbot, TopicsPage, ui_ctx)
    dialog = page.new_topic()
    type_text(dialog.title_edit, "老旧小区加装电梯")
    dialog.source_combo.setCurrentText("委员荐题")
    dialog.taken_by_combo.setCurrentIndex(dialog.taken_by_combo.findText("张明"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 1 and page.model.index(0, 7).data() == "待筛选"

    page.topic_table.selectRow(0)
    change = page.change_status()
    assert change.status_combo.currentText() == "报党委审核"
    change.date_edit.setDate(QDate(2025, 2, 3))
    qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    assert page.model.index(0, 7).data() == "报党委审核"

    page.topic_table.selectRow(0)
    change = page.change_status()
    change.status_combo.setCurrentText("不予立项")
    change.date_edit.setDate(QDate(2025, 2, 10))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    assert shown == ["不予立项须填写理由。"] and change.isVisible()
    type_text(change.note_edit, "已列入县级项目")
    qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    assert not change.isVisible()

    ui_ctx.db.dispose()
    topic_id = topics.list_topics(ui_ctx.db)[0].id
    trail = topics.topic_trail(ui_ctx.db, topic_id)
    assert [(c.changed_on, c.to_status) for c in trail.changes][1:] == [
        (date(2025, 2, 3), "报党委审核"),
        (date(2025, 2, 10), "不予立项"),
    ]
    assert trail.rejection_reason == "已列入县级项目"
    page.topic_table.selectRow(0)
    text = page.trail_view.toPlainText()
    assert "2025-02-10" in text and "已列入县级项目" in text and "张明" in text


def test_trail_shows_the_four_steps(qtbot, ui_ctx):
    room_id, (member_id,) = make_room(ui_ctx.db, "甲室", ["张明"])
    rid = receptions.save_reception(
        ui_ctx.db, ReceptionDraft("路灯不亮", date(2025, 3, 1), room_id, "王阿姨")
    )
    topic_id = receptions.make_topic(ui_ctx.db, rid)
    draft = topics.get_topic(ui_ctx.db, topic_id)
    draft.taken_by_member_id = member_id
    topics.save_topic(ui_ctx.db, draft)
    activities.save_activity(
        ui_ctx.db,
        ActivityDraft(
            title="路灯维修微协商",
            activity_type="微协商",
            topic_id=topic_id,
            start_at=datetime(2025, 3, 10, 15),
            follow_ups=[
                FollowUpLine("更换路灯", "镇城建办", due_on=date(2000, 1, 1), status="办理中")
            ],
        ),
    )
    page = _page(qtbot, TopicsPage, ui_ctx)
    page.topic_table.selectRow(0)
    text = page.trail_view.toPlainText()
    for expected in ("群众点单", "王阿姨", "委员接单", "张明", "协商解单", "路灯维修微协商",
                     "跟进督单", "【逾期】更换路灯"):  # fmt: skip
        assert expected in text

    planned = page.plan_activity()
    qtbot.addWidget(planned)
    assert planned.basic_tab.topic_combo.currentData() == topic_id
    assert planned.attendance_tab.attendance_table.rowCount() == 1


def test_filters_on_topics_and_receptions(qtbot, ui_ctx):
    room_id, _ = make_room(ui_ctx.db, "甲室", [])
    topics.save_topic(ui_ctx.db, TopicDraft("加装电梯", source="委员荐题"))
    rejected = topics.save_topic(ui_ctx.db, TopicDraft("修建广场", source="群众出题"))
    topics.change_status(ui_ctx.db, rejected, "不予立项", note="用地不足")
    page = _page(qtbot, TopicsPage, ui_ctx)
    assert page.model.rowCount() == 2
    page.status_filter_combo.setCurrentText("不予立项")
    assert [page.model.index(r, 1).data() for r in range(page.model.rowCount())] == ["修建广场"]
    page.status_filter_combo.setCurrentIndex(0)
    page.source_filter_combo.setCurrentText("委员荐题")
    assert [page.model.index(r, 1).data() for r in range(page.model.rowCount())] == ["加装电梯"]

    receptions.save_reception(ui_ctx.db, ReceptionDraft("去年的诉求", date(2020, 3, 1)))
    receptions.save_reception(ui_ctx.db, ReceptionDraft("本室的诉求", date.today(), room_id))
    log = _page(qtbot, ReceptionsPage, ui_ctx)
    assert log.model.rowCount() == 2
    log.room_filter_combo.setCurrentText("甲室")
    assert [log.model.index(r, 4).data() for r in range(log.model.rowCount())] == ["本室的诉求"]
    log.room_filter_combo.setCurrentIndex(0)
    log.year_filter_combo.setCurrentIndex(1)  # this year
    assert log.model.rowCount() == 1


LONG_REQUEST = (
    "青石村三组的村道年久失修，路面坑洼不平，雨天积水，村民出行特别是老人和孩子上学十分不便，"
    "希望尽快修缮。另外村口路灯也坏了。"
)


def _ask_for_title(qtbot, ui_ctx):
    """A long visit logged, selected, and 转为议题 clicked: the page and the title dialog."""
    receptions.save_reception(ui_ctx.db, ReceptionDraft(LONG_REQUEST, date(2025, 4, 1)))
    page = _page(qtbot, ReceptionsPage, ui_ctx)
    page.reception_table.selectRow(0)
    qtbot.mouseClick(page.to_topic_button, Qt.MouseButton.LeftButton)
    return page, page.dialogs.open_dialogs[-1]


def test_to_topic_asks_for_a_title_and_stores_what_the_clerk_typed(qtbot, ui_ctx):
    page, ask = _ask_for_title(qtbot, ui_ctx)
    # prefilled: the first phrases of the first sentence, cut at a comma, no “…”
    assert ask.title_edit.text() == "青石村三组的村道年久失修，路面坑洼不平，雨天积水"
    assert ask.request_view.toPlainText() == LONG_REQUEST
    ask.title_edit.clear()
    assert not ask.ok_button.isEnabled()  # no topic without a title
    type_text(ask.title_edit, "修缮青石村三组村道")
    assert ask.ok_button.isEnabled()
    qtbot.mouseClick(ask.ok_button, Qt.MouseButton.LeftButton)
    assert not ask.isVisible()
    assert page.model.index(0, 8).data() == "已转议题"
    [topic] = topics.list_topics(ui_ctx.db)
    assert topic.title == "修缮青石村三组村道"
    assert topics.get_topic(ui_ctx.db, topic.id).description == LONG_REQUEST


def test_to_topic_cancelled_changes_nothing(qtbot, ui_ctx):
    page, ask = _ask_for_title(qtbot, ui_ctx)
    qtbot.mouseClick(ask.cancel_button, Qt.MouseButton.LeftButton)
    assert not ask.isVisible()
    assert topics.list_topics(ui_ctx.db) == []
    assert page.model.index(0, 8).data() != "已转议题"


@pytest.mark.parametrize(
    ("request_text", "title"),
    [
        ("路灯不亮", "路灯不亮"),
        ("路灯不亮。已经两周了", "路灯不亮"),
        (
            "反映：幸福社区菜市场周边早晚高峰占道经营严重、车辆乱停乱放，居民通行困难",
            "反映：幸福社区菜市场周边早晚高峰占道经营严重、车辆乱停乱放",
        ),
        ("一" * 50, "一" * 30),
    ],
)
def test_title_suggested_from_a_request(request_text, title):
    assert receptions.topic_title_from(request_text) == title
