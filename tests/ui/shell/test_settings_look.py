"""设置 → 数据库 as the clerk sees it at 1366 px."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.ui.shell.main_window import MainWindow


def test_the_integrity_button_is_a_button_not_a_bar(qtbot, ui_ctx, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    page = window.go_to("settings_page")
    button = page.findChild(QPushButton, "check_button")
    assert button.isVisible()
    assert button.width() <= button.sizeHint().width() + 20  # it was a bar across the page
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert shown == ["数据库完好，未发现问题。"]


def test_the_identity_save_button_is_a_button_not_a_bar(qtbot, ui_ctx):
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.resize(1024, 740)
    window.show()
    page = window.go_to("settings_page")
    index = [page.tabs.tabText(i) for i in range(page.tabs.count())].index("本单位")
    page.tabs.setCurrentIndex(index)
    button = page.tabs.widget(index).save_button
    assert button.isVisible()
    assert button.width() <= button.sizeHint().width() + 20  # it stretched across the tab
