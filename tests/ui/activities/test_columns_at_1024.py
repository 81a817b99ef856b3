"""履职活动 at 1024×768: every column, 状态 the last, in view without scrolling sideways (the list
scrolled and 状态 was out of sight); at 1366×768 too."""

import pytest
from PySide6.QtCore import Qt

from app.models.vocab import ACTIVITY_STATUSES
from app.ui.activities.list_model import HEADER
from tests.ui.window_at_size import click_page, demo_window


@pytest.mark.parametrize("width", [1024, 1366])
def test_every_column_in_view(qtbot, ui_ctx, width):
    window = demo_window(qtbot, ui_ctx, width)
    page = click_page(qtbot, window, "履职活动")
    table = page.activity_table
    qtbot.waitUntil(lambda: table.viewport().width() > 600)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)
    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    status = HEADER.index("状态")
    assert header.model().headerData(status, Qt.Orientation.Horizontal) == "状态"
    assert not header.isSectionHidden(status)
    assert header.sectionViewportPosition(status) >= 0
    assert header.sectionViewportPosition(status) + header.sectionSize(status) <= (
        table.viewport().width()
    )
    assert table.model().index(0, status).data() in ACTIVITY_STATUSES
