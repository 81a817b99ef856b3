"""设置 as the clerk sees it at 1366 and 1024 px."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from app.ui.shell.main_window import MainWindow


def test_one_integrity_check_button_a_button_not_a_bar(qtbot, ui_ctx):
    """设置 had two buttons running the same check (数据库 → 检查数据库完整性, 数据安全 → 检查数据库):
    one is left, on 数据安全 beside the backups, with the database's file named above it."""
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    page = window.go_to("settings_page")
    tabs = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "数据库" not in tabs
    checks = [b for b in page.findChildren(QPushButton) if "检查" in b.text()]
    assert [b.text() for b in checks] == ["检查数据库完整性"]
    (button,) = checks
    safety = tabs.index("数据安全")
    tab_bar = page.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(safety).center())
    assert button.isVisible() and page.tabs.currentWidget().isAncestorOf(button)
    labels = [label.text() for label in page.tabs.currentWidget().findChildren(QLabel)]
    assert f"数据库：{ui_ctx.db.label}" in labels
    assert button.width() <= button.sizeHint().width() + 20  # it was a bar across the page
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "数据库完好，未发现问题。" in page.tabs.currentWidget().result_label.text()


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
