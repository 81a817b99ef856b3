"""委员 and 议题库 at 1024×768: every column in view without scrolling sideways (the list had some
565 px beside its detail pane and scrolled; 联系电话, 联络室, 状态 were off screen); the detail pane
goes below the list there, and stays beside it at 1366×768."""

import pytest
from PySide6.QtCore import Qt

from tests.ui.window_at_size import click_page, demo_window


@pytest.mark.parametrize(
    ("label", "table_name", "detail_name", "name_column"),
    [("委员", "member_table", "detail_view", 0), ("议题库", "topic_table", "trail_view", 1)],
)
def test_every_column_in_view_at_1024_detail_below(
    qtbot, ui_ctx, label, table_name, detail_name, name_column
):
    window = demo_window(qtbot, ui_ctx, 1024)
    page = click_page(qtbot, window, label)
    table, detail = getattr(page, table_name), getattr(page, detail_name)
    qtbot.waitUntil(lambda: table.viewport().width() > 600)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)
    header = table.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    last = shown[-1]
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= (
        table.viewport().width()
    )
    assert page.detail_splitter.orientation() == Qt.Orientation.Vertical
    below = detail.mapTo(page, detail.rect().topLeft()).y()
    assert below > table.mapTo(page, table.rect().bottomLeft()).y()

    before = detail.toPlainText()
    rect = table.visualRect(table.model().index(0, name_column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    chosen = table.model().index(0, name_column).data()
    assert chosen in detail.toPlainText() and chosen not in before  # the chosen row's detail

    window.resize(1366, 768)
    qtbot.waitUntil(lambda: page.detail_splitter.orientation() == Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)
    assert detail.mapTo(page, detail.rect().topLeft()).x() > table.mapTo(page, rect.topRight()).x()
