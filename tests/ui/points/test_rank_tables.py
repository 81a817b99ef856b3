"""积分 page: the 委员排名 and 联络室年评比 tables begin with their 排名 column, with no row number
beside it (a clerk read 1 2 3 next to 1 1 1 as a second ranking); at 1024×768 the 年评比's
综合得分 is in view (it was cut off at the right, the room names taking the width)."""

from PySide6.QtCore import Qt

from tests.ui.window_at_size import click_page, demo_window


def test_rank_tables_number_their_rows_by_rank_only(qtbot, ui_ctx):
    window = demo_window(qtbot, ui_ctx, 1024)
    page = click_page(qtbot, window, "积分")
    page.select_year(2026)
    tabs = page.tabs
    for tab, table in ((0, page.ranking_table), (1, page.room_table)):
        qtbot.mouseClick(
            tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(tab).center()
        )
        view = table.view
        qtbot.waitUntil(lambda v=view: v.isVisible() and v.model().rowCount() > 0)
        assert not view.verticalHeader().isVisible()
        assert view.viewport().geometry().left() == view.frameWidth()  # 排名 at the left edge
        assert view.model().headerData(0, Qt.Orientation.Horizontal) == "排名"
        assert view.columnViewportPosition(0) == 0
        ranks = [view.model().index(r, 0).data() for r in range(view.model().rowCount())]
        assert ranks[0] == "1" and ranks == sorted(ranks, key=int)
    view = page.room_table.view
    last = view.model().columnCount() - 1
    assert view.model().headerData(last, Qt.Orientation.Horizontal) == "综合得分"
    assert view.columnViewportPosition(last) + view.columnWidth(last) <= view.viewport().width()
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)  # laid out after a turn
