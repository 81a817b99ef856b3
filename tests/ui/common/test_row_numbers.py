"""Row numbers count the rows as shown: the 委员 list without its 离任 member read 1, 2, 4 …, and a
督办 board sorted by 承办单位 carried each row's old number along."""

from PySide6.QtCore import QPoint, Qt

from tests.ui.window_at_size import click_page, demo_window


def numbers(view) -> list[int]:
    model = view.model()
    return [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]


def test_row_numbers_run_1_to_n_when_filtered_or_sorted(qtbot, ui_ctx):
    window = demo_window(qtbot, ui_ctx, 1366)
    members = click_page(qtbot, window, "委员")
    assert members.proxy.rowCount() < members.model.rowCount()  # the 离任 member is hidden
    assert numbers(members.member_table) == list(range(1, members.proxy.rowCount() + 1))

    board = click_page(qtbot, window, "督办")
    view = board.board_table
    bar = view.horizontalHeader()
    unit = [board.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(bar.count())]
    column = unit.index("承办单位")
    middle = bar.sectionViewportPosition(column) + bar.sectionSize(column) // 2
    qtbot.mouseClick(bar.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))
    units = [board.proxy.index(r, column).data() for r in range(board.proxy.rowCount())]
    assert units == sorted(units) and len(set(units)) > 1
    assert numbers(view) == list(range(1, board.proxy.rowCount() + 1))
