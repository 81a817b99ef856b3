"""A page is reloaded when something it shows changed, and not otherwise: the 积分 page stays as
it is after a font setting is saved, and shows the new name after a 界别 is renamed."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.services.points import engine
from app.services.points.rules import load_default
from app.ui.shell.main_window import PAGES, MainWindow
from tests.services.points_builders import activity, members

Y = date.today().year


@pytest.fixture
def window(qtbot, ui_ctx, monkeypatch):
    a, b = members(ui_ctx.db, "王丽华", "李建国", sector="民盟")
    load_default(ui_ctx.db, "tongcheng_2019", Y)
    activity(ui_ctx.db, date(Y, 1, 8), {a: "出席", b: "出席"}, kind="其他", title="县政协全体会议")
    engine.recalculate(ui_ctx.db, Y)
    ui_ctx.settings.setValue("points/year", Y)
    win = MainWindow(ui_ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def click_nav(qtbot, window: MainWindow, name: str):
    row = [n for _label, n, _f in PAGES].index(name)
    rect = window.nav_list.visualItemRect(window.nav_list.item(row))
    qtbot.mouseClick(window.nav_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.page_stack.currentIndex() == row
    return window.pages[name]


def click_tab(qtbot, tabs, title: str):
    index = [tabs.tabText(i) for i in range(tabs.count())].index(title)
    qtbot.mouseClick(
        tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(index).center()
    )
    return tabs.widget(index)


def sector_cells(page) -> list[str]:
    model = page.ranking_table.proxy
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    column = headers.index("界别")
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_points_page_reloads_on_a_sector_rename_not_on_a_font_setting(qtbot, window, monkeypatch):
    points = click_nav(qtbot, window, "points_page")
    assert sector_cells(points) == ["民盟", "民盟"]
    reloads = []
    original = points.refresh
    monkeypatch.setattr(points, "refresh", lambda: (reloads.append(1), original()))

    settings = click_nav(qtbot, window, "settings_page")
    fonts = click_tab(qtbot, settings.tabs, "公文格式")
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    with qtbot.waitSignal(window.ctx.bus.data_changed):
        qtbot.mouseClick(fonts.save_button, Qt.MouseButton.LeftButton)
    assert "points_page" not in window.stale_pages
    click_nav(qtbot, window, "points_page")
    assert reloads == []  # fonts are not on the 积分 page

    settings = click_nav(qtbot, window, "settings_page")
    sectors = click_tab(qtbot, settings.tabs, "界别")
    row = next(
        r for r in range(sectors.model.rowCount()) if sectors.model.row_values(r)[1] == "民盟"
    )
    cell = sectors.table.visualRect(sectors.model.index(row, 1)).center()
    qtbot.mouseClick(sectors.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("民盟支部", True))
    qtbot.mouseClick(sectors.rename_button, Qt.MouseButton.LeftButton)
    assert "points_page" in window.stale_pages
    click_nav(qtbot, window, "points_page")
    assert reloads == [1]
    assert sector_cells(points) == ["民盟支部", "民盟支部"]


def test_the_page_on_screen_reloads_at_once_unless_it_made_the_change(qtbot, window, monkeypatch):
    from app.services.changes import Changes

    points = click_nav(qtbot, window, "points_page")
    reloads = []
    monkeypatch.setattr(points, "refresh", lambda: reloads.append(1))
    window.ctx.changed(Changes(settings=True))
    assert reloads == []
    window.ctx.changed(Changes(points=True))
    assert reloads == [1]
    window.ctx.changed(Changes(points=True), source=points)  # it shows its own change already
    assert reloads == [1] and "points_page" not in window.stale_pages
