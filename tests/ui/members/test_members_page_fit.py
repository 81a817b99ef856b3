"""委员 page: at 1024×768 every column is in view without scrolling sideways (the list had 565 px
beside the detail pane and scrolled; 联系电话, 联络室, 状态 were off screen); the detail pane goes
below the list there, and stays beside it at 1366×768."""

from PySide6.QtCore import Qt

from tests.ui.window_at_size import click_page, demo_window


def test_every_member_column_in_view_at_1024_detail_below(qtbot, ui_ctx):
    window = demo_window(qtbot, ui_ctx, 1024)
    page = click_page(qtbot, window, "委员")
    table = page.member_table
    qtbot.waitUntil(lambda: table.viewport().width() > 600)
    assert table.horizontalScrollBar().maximum() == 0
    header = table.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert header.sectionViewportPosition(shown[-1]) + header.sectionSize(shown[-1]) <= (
        table.viewport().width()
    )
    assert page.detail_splitter.orientation() == Qt.Orientation.Vertical
    below = page.detail_view.mapTo(page, page.detail_view.rect().topLeft()).y()
    assert below > table.mapTo(page, table.rect().bottomLeft()).y()

    table.selectRow(0)  # the detail still shows the chosen member
    assert page.model.member(page.proxy.mapToSource(page.proxy.index(0, 0)).row()).name in (
        page.detail_view.toPlainText()
    )

    window.resize(1366, 768)
    qtbot.waitUntil(lambda: page.detail_splitter.orientation() == Qt.Orientation.Horizontal)
    assert table.horizontalScrollBar().maximum() == 0
