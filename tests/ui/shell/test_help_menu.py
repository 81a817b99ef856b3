"""帮助 → 关于 says where everything is; 帮助 → 使用说明 (F1) opens the shipped user's guide."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app import __version__
from app.ui.shell.main_window import MainWindow


def open_window(qtbot, ui_ctx) -> MainWindow:
    window = MainWindow(ui_ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def shown_dialog(qtbot, window, name: str) -> QDialog:
    qtbot.waitUntil(lambda: (d := window.findChild(QDialog, name)) is not None and d.isVisible())
    return window.findChild(QDialog, name)


def test_about_shows_the_version_the_database_and_the_data_and_log_folders(qtbot, ui_ctx, app_home):
    window = open_window(qtbot, ui_ctx)
    assert [a.text() for a in window.help_menu.actions()] == ["使用说明(&U)", "关于(&A)"]
    window.about_action.trigger()  # what clicking 帮助 → 关于 does
    about = shown_dialog(qtbot, window, "about_dialog")
    assert about.version_label.text() == __version__
    assert about.db_path_label.text() == str(ui_ctx.db.path)
    assert about.data_folder_label.text() == str(app_home)
    assert about.log_folder_label.text() == str(app_home / "logs")
    assert (app_home / "logs").is_dir()  # the folder named exists, so the clerk can open it
    qtbot.mouseClick(about.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "about_dialog") is None)


def test_f1_opens_the_users_guide_with_its_five_chapters(qtbot, ui_ctx):
    window = open_window(qtbot, ui_ctx)
    window.activateWindow()
    window.nav_list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.nav_list)
    qtbot.keyClick(window.nav_list, Qt.Key.Key_F1)
    guide = shown_dialog(qtbot, window, "guide_dialog")
    text = guide.guide_browser.toPlainText()
    assert text.startswith("委员联络室工作台 使用说明")
    for chapter in ("一、启动", "二、每天的工作", "三、打印和导出", "四、备份", "五、换新电脑"):
        assert chapter in text
    assert "#" not in text  # shown as formatted text, not as Markdown source
    qtbot.mouseClick(guide.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "guide_dialog") is None)
