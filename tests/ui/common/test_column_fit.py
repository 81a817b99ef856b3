"""Column widths follow one rule (app/ui/common/column_fit.py): at 1920 px the width to spare
goes to the text columns, not to the last one (状态 took 800 px while 活动名称 stayed cut); at
1366 px the important columns are in view: every 履职活动 column, the 积分 ranking's 提示
(缺：…), and the 督办 page's 办理时限 holds a date.

Pages are shown at the width the main window gives them on each screen (the navigation list
takes about 180 px) and measured as the clerk sees them: a column's visible width is the part of
it inside the table's viewport.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from app.services.points import engine
from app.ui.activities.activities_page import ActivitiesPage
from app.ui.follow_ups.follow_up_page import FollowUpPage
from app.ui.points.points_page import PointsPage
from app.ui.topics.topics_page import TopicsPage
from tests.exports.meeting_records import make_meeting
from tests.services.points_builders import activity, att_rule, members, rule_set

PAGE_WIDTH = {1366: 1180, 1920: 1730}


def visible(view: QTableView, column: int) -> int:
    """Pixels of ``column`` inside the viewport."""
    header = view.horizontalHeader()
    left = header.sectionViewportPosition(column)
    right = left + header.sectionSize(column)
    return max(0, min(right, view.viewport().width()) - max(left, 0))


def headers(view: QTableView) -> list[str]:
    model = view.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def _show(qtbot, page, width: int):
    qtbot.addWidget(page)
    with qtbot.waitExposed(page):
        page.show()
    page.resize(width, 700)  # after showing: ScreenFit fits a new window to the test screen
    qtbot.waitUntil(lambda: page.width() == width)
    return page


@pytest.mark.parametrize("screen", [1366, 1920])
def test_activities_spare_width_goes_to_the_text_columns(qtbot, ui_ctx, screen):
    make_meeting(ui_ctx.db)
    page = _show(qtbot, ActivitiesPage(ui_ctx), PAGE_WIDTH[screen])
    view = page.activity_table
    names = headers(view)
    widths = {name: visible(view, c) for c, name in enumerate(names)}
    full = {name: view.columnWidth(c) for c, name in enumerate(names)}
    assert widths == full, (widths, full, view.viewport().width())
    if screen == 1366:
        return  # every column wholly in view
    narrow = _show(qtbot, ActivitiesPage(ui_ctx), PAGE_WIDTH[1366]).activity_table
    grew = {name: widths[name] - narrow.columnWidth(c) for c, name in enumerate(names)}
    assert grew["活动名称"] > 200 and grew["联络室"] > 100 and grew["地点"] > 80, grew
    assert grew["状态"] == grew["日期"] == grew["出席/请假/缺席"] == 0, grew


def test_a_dragged_column_keeps_its_width(qtbot, ui_ctx):
    make_meeting(ui_ctx.db)
    page = _show(qtbot, ActivitiesPage(ui_ctx), PAGE_WIDTH[1920])
    view = page.activity_table
    view.horizontalHeader().resizeSection(8, 200)  # what dragging the 状态 border does
    page.resize(PAGE_WIDTH[1920] - 100, 700)
    qtbot.waitUntil(lambda: view.viewport().width() < PAGE_WIDTH[1920] - 100)
    assert view.columnWidth(8) == 200


def test_widths_saved_on_a_wide_screen_do_not_come_back_on_a_narrow_one(qtbot, ui_ctx):
    make_meeting(ui_ctx.db)
    wide = _show(qtbot, TopicsPage(ui_ctx), PAGE_WIDTH[1920])
    assert wide.topic_table.columnWidth(1) > 400  # 议题 took the spare width
    wide.close()
    narrow = _show(qtbot, TopicsPage(ui_ctx), PAGE_WIDTH[1366]).topic_table
    names = headers(narrow)
    assert visible(narrow, names.index("状态")) == narrow.columnWidth(names.index("状态"))


def test_the_follow_up_board_shows_whole_dates(qtbot, ui_ctx):
    make_meeting(ui_ctx.db)
    page = _show(qtbot, FollowUpPage(ui_ctx), PAGE_WIDTH[1366])
    view = page.board_table
    due = headers(view).index("办理时限")
    bold = QFont(view.font())
    bold.setBold(True)  # overdue dates are bold
    assert view.model().rowCount() >= 1
    assert visible(view, due) >= QFontMetrics(bold).horizontalAdvance("2026-12-31") + 12


def test_the_points_hint_column_is_in_view_at_1366(qtbot, ui_ctx):
    db = ui_ctx.db
    a, b = members(db, "欧阳明华", "李四", room="桃源镇青石村“有事好商量”协商议事室")
    rule_set(db, 2024, [att_rule("A", 12.5)])
    activity(db, date(2024, 3, 1), {a: "出席", b: "缺席"})
    engine.recalculate(db, 2024)
    page = _show(qtbot, PointsPage(ui_ctx), PAGE_WIDTH[1366])
    page.select_year(2024)
    view = page.ranking_table.view
    hint = headers(view).index("提示")
    assert visible(view, hint) >= 150, (visible(view, hint), view.viewport().width())
