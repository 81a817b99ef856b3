"""议题库 and 接待来访 on the lazy, SQL-sorted model: pages of rows, header clicks, the filter box,
selecting a row not fetched yet, remembered column widths."""

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from app.services.receptions import log as receptions
from app.services.receptions.log import ReceptionDraft
from app.services.topics import pool as topics
from app.services.topics.pool import TopicDraft
from app.ui.receptions.receptions_page import ReceptionsPage
from app.ui.topics.topics_page import TopicsPage
from tests.services.activity_fixtures import make_room
from tests.ui.ime_typing import type_text


@pytest.fixture
def many(ui_ctx):
    room_id, (zhang,) = make_room(ui_ctx.db, "甲村委员联络室", ["张明"])
    for i in range(30):
        topics.save_topic(
            ui_ctx.db,
            TopicDraft(
                f"议题{i:02d}", raised_on=date(2024 + i % 2, 1 + i % 12, 1), room_id=room_id
            ),
        )
        receptions.save_reception(
            ui_ctx.db,
            ReceptionDraft(f"诉求{i:02d}", date(2024 + i % 2, 1 + i % 12, 2), room_id, f"群众{i}",
                           receiver_ids=[zhang] if i % 2 else []),
        )  # fmt: skip
    return room_id


def _page(qtbot, cls, ui_ctx, page_size=None):
    page = cls(ui_ctx)
    qtbot.addWidget(page)
    if page_size:
        page.model.page_size = page_size
        page.refresh()
    page.resize(1100, 300)
    page.show()
    return page


def _column(page, column):
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def _click_header(qtbot, view, section):
    header = view.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(section) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_models_pass_the_model_tester(qtbot, qtmodeltester, ui_ctx, many):
    for cls in (TopicsPage, ReceptionsPage):
        page = _page(qtbot, cls, ui_ctx, page_size=7)
        assert page.model.rowCount() == 30  # the whole list, read a page at a time
        qtmodeltester.check(page.model, force_py=True)
        assert page.model.index(29, 1).data()  # the last row, read on demand


def test_topics_open_one_page_and_select_a_row_not_fetched_yet(qtbot, ui_ctx, many):
    page = _page(qtbot, TopicsPage, ui_ctx, page_size=10)
    assert page.model.rowCount() == 30 and page.count_label.text() == "共 30 项"
    qtbot.waitUntil(lambda: page.model.pages_read != [])  # painted
    assert page.model.pages_read == [0]  # the rows in view
    oldest = topics.list_topics(ui_ctx.db)[-1]
    page.select_topic(oldest.id)
    row = page.topic_table.currentIndex().row()
    assert row >= 20 and page.model.index(row, 1).data() == oldest.title
    assert page.selected_id() == oldest.id
    assert oldest.title in page.trail_view.toPlainText()

    page.status_filter_combo.setCurrentText("不予立项")
    assert page.model.rowCount() == 0 and page.count_label.text() == "共 0 项"
    page.select_topic(oldest.id)  # hidden by the filter: nothing selected, no error
    assert page.selected_id() is None and "选择一个议题" in page.trail_view.toPlainText()


def test_header_click_sorts_in_sql_and_keeps_the_selection(qtbot, ui_ctx, many):
    page = _page(qtbot, TopicsPage, ui_ctx, page_size=10)
    assert _column(page, 0) == sorted(_column(page, 0), reverse=True)  # newest first
    page.select_topic(next(t.id for t in topics.list_topics(ui_ctx.db) if t.title == "议题17"))
    _click_header(qtbot, page.topic_table, 1)  # 议题
    titles = _column(page, 1)
    assert len(titles) >= 10 and titles[:3] in (["议题00", "议题01", "议题02"],
                                               ["议题29", "议题28", "议题27"])  # fmt: skip
    assert page.model.index(page.topic_table.currentIndex().row(), 1).data() == "议题17"
    _click_header(qtbot, page.topic_table, 1)
    assert _column(page, 1)[0] in ("议题00", "议题29") and _column(page, 1)[0] != titles[0]
    assert page.model.index(page.topic_table.currentIndex().row(), 1).data() == "议题17"

    reopened = _page(qtbot, TopicsPage, ui_ctx)  # the sort column is remembered
    assert _column(reopened, 1)[0] == _column(page, 1)[0]


def test_filter_box_and_year_filter_query_the_database(qtbot, ui_ctx, many):
    page = _page(qtbot, TopicsPage, ui_ctx, page_size=5)
    type_text(page.table.filter_edit, "议题1")
    assert page.model.rowCount() == 10 and all(t.startswith("议题1") for t in _column(page, 1))
    assert page.count_label.text() == "共 10 项"
    page.table.filter_edit.clear()
    page.year_filter_combo.setCurrentText("2025 年")
    assert page.count_label.text() == "共 15 项"
    assert all(d.startswith("2025-") for d in _column(page, 0))

    log = _page(qtbot, ReceptionsPage, ui_ctx, page_size=5)
    type_text(log.table.filter_edit, "张明")
    assert log.count_label.text() == "共 15 条" and set(_column(log, 2)) == {"张明"}


def test_ctrl_f_goes_to_the_filter_box(qtbot, ui_ctx, many):
    page = _page(qtbot, ReceptionsPage, ui_ctx)
    page.activateWindow()
    page.reception_table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.reception_table)
    qtbot.keyClick(page.reception_table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.table.filter_edit


def test_reception_selected_after_to_topic_even_far_down(qtbot, ui_ctx, many):
    page = _page(qtbot, ReceptionsPage, ui_ctx, page_size=5)
    oldest = receptions.list_receptions(ui_ctx.db)[-1]
    page.select_reception(oldest.id)
    assert page.selected().id == oldest.id
    qtbot.mouseClick(page.to_topic_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.dialogs.open_dialogs[-1].ok_button, Qt.MouseButton.LeftButton)
    assert page.selected().id == oldest.id
    assert page.model.index(page.reception_table.currentIndex().row(), 8).data() == "已转议题"


def test_column_widths_are_remembered(qtbot, ui_ctx, many):
    page = _page(qtbot, ReceptionsPage, ui_ctx)
    page.reception_table.setColumnWidth(4, 333)
    again = _page(qtbot, ReceptionsPage, ui_ctx)
    assert again.reception_table.columnWidth(4) == 333


def test_topics_filter_by_room(qtbot, ui_ctx, many):
    other, _ = make_room(ui_ctx.db, "乙村委员联络室", [])
    for title in ("乙村路灯", "乙村停车"):
        topics.save_topic(ui_ctx.db, TopicDraft(title, raised_on=date(2025, 6, 1), room_id=other))
    page = _page(qtbot, TopicsPage, ui_ctx)
    assert page.count_label.text() == "共 32 项"
    combo = page.room_filter_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "全部联络室",
        "甲村委员联络室",
        "乙村委员联络室",
    ]
    combo.setCurrentIndex(combo.findText("乙村委员联络室"))
    assert page.count_label.text() == "共 2 项"
    assert sorted(_column(page, 1)) == ["乙村停车", "乙村路灯"]
    assert set(_column(page, 5)) == {"乙村委员联络室"}  # 联络室 column
    page.status_filter_combo.setCurrentText("待筛选")  # filters add up
    assert page.model.total == 2
    combo.setCurrentIndex(combo.findText("甲村委员联络室"))
    assert page.model.total == 30
