"""The main window on the demo data at a laptop's size, a page opened from the navigation list
as a clerk opens it (the 1366×768 and 1024×768 screens clerks have)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.ui.shell.main_window import MainWindow


def demo_window(qtbot, ui_ctx, width: int, height: int = 768) -> MainWindow:
    from app.services.demo.generate import load_demo

    load_demo(ui_ctx.db, "township", seed=1, today=date(2026, 6, 30))
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(width, height)  # after ScreenFit fitted it to the offscreen 800×600 screen
    qtbot.waitUntil(lambda: window.width() == width)
    return window


def click_page(qtbot, window: MainWindow, label: str) -> QWidget:
    nav = window.nav_list
    (item,) = nav.findItems(label, Qt.MatchFlag.MatchExactly)
    qtbot.mouseClick(
        nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center()
    )
    return window.page_stack.currentWidget()
