"""Drive the real window on a real X display the way a clerk does; report what did not fit.

Run by test_real_display.py in a child process with QT_QPA_PLATFORM=xcb and DISPLAY set to an
Xvfb server of the size under test::

    python tests/ui/display/drive_app.py DB_PATH OUT.json [SCREENSHOT_FOLDER]

It opens the main window, clicks every page in the navigation list, and on each page clicks the
buttons that open a window (新建, 编辑, 打开, 导入, 导出, 规则, 签到表, 会议纪要 …) with the
first row selected, then presses Ctrl+N and Ctrl+P. Every window that appears — dialogs, message
boxes, file dialogs, print previews, also those opened from inside a modal dialog's own event
loop — is measured against the screen's available area and then closed (Escape / reject), so
nothing is saved. The 会议纪要 window's 打印预览 button is clicked before it is closed. The
report lists each window seen, whether it fitted, and any Python error the program raised.
"""

from __future__ import annotations

import json
import re
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractItemView,
    QApplication,
    QDialog,
    QPushButton,
    QWidget,
)

OPENS_A_WINDOW = re.compile(r"新建|新增|编辑|打开|导入|导出|规则|签到|纪要|添加|备份到|关于")
NEVER_CLICK = re.compile(r"删除|离任|清空|定稿|重新计算|恢复|检查")
# Buttons inside a window that open a further window worth measuring.
NESTED = {"minutes_preview_dialog": "print_button"}


class Inspector:
    """Measures every new top-level window as it appears, then closes it."""

    def __init__(self, baseline: list[QWidget], report: dict) -> None:
        # Marks are properties on the windows themselves: Python ids are reused once a closed
        # dialog is deleted, and a new dialog would pass for one already measured.
        for window in baseline:
            window.setProperty("drive_baseline", True)
        self.report = report
        self.source = ""
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def new_windows(self) -> list[QWidget]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and not w.property("drive_baseline") and w.windowHandle() is not None
        ]

    def tick(self) -> None:
        windows = self.new_windows()
        # Innermost first: a message box over a dialog is closed before the dialog.
        for window in reversed(windows):
            handle = window.windowHandle()
            if handle is None or not handle.isExposed():
                return
            if not window.property("drive_measured"):
                window.setProperty("drive_measured", True)
                self.measure(window)
            button_name = NESTED.get(window.objectName())
            if button_name and not window.property("drive_nested"):
                window.setProperty("drive_nested", True)
                button = window.findChild(QPushButton, button_name)
                if button is not None:
                    QTimer.singleShot(
                        0, lambda b=button: QTest.mouseClick(b, Qt.MouseButton.LeftButton)
                    )
                    return
            if self.has_child_window(window, windows):
                continue
            self.close(window)
            return

    def has_child_window(self, window: QWidget, windows: list[QWidget]) -> bool:
        return any(w is not window and w.parentWidget() is window for w in windows)

    def measure(self, window: QWidget) -> None:
        screen = window.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        frame = window.frameGeometry()
        self.report["windows"].append(
            {
                "opened_by": self.source,
                "class": type(window).__name__,
                "name": window.objectName(),
                "title": window.windowTitle(),
                "geometry": [frame.x(), frame.y(), frame.width(), frame.height()],
                "screen": [area.x(), area.y(), area.width(), area.height()],
                "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
                "fits": area.contains(frame),
            }
        )

    def close(self, window: QWidget) -> None:
        if isinstance(window, QDialog):
            window.reject()
        else:
            window.close()

    def settle(self) -> None:
        """Process events until every window the last click opened is closed again."""
        for _ in range(400):
            QApplication.processEvents()
            if not self.new_windows():
                return
            QTest.qWait(20)
        self.report["errors"].append(
            f"{self.source}：窗口未能关闭 {[w.windowTitle() for w in self.new_windows()]}"
        )
        for window in self.new_windows():
            window.hide()


def select_first_rows(views: list[QAbstractItemView]) -> None:
    """Click the first row of every list on the page, as a clerk picks a record first."""
    QApplication.processEvents()
    for view in views:
        model = view.model()
        if model is None or model.rowCount() == 0:
            continue
        rect = view.visualRect(model.index(0, 0))
        if rect.isValid():
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def main() -> int:
    db_path, out = Path(sys.argv[1]), Path(sys.argv[2])
    shots = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    report: dict = {"windows": [], "pages": [], "errors": [], "disabled": [], "screen": None}

    def hook(kind, value, tb):  # noqa: ANN001 - sys.excepthook signature
        report["errors"].append("".join(traceback.format_exception(kind, value, tb)))

    app = QApplication(sys.argv[:1])
    from app.ui.shell.app import app_settings, build_window, setup_application

    setup_application(app)
    sys.excepthook = hook
    area = app.primaryScreen().availableGeometry()
    report["screen"] = [area.width(), area.height()]
    settings: QSettings = app_settings(db_path.parent)
    window, lock = build_window(db_path, settings)
    try:
        window.show_on_screen()
        QTest.qWaitForWindowExposed(window)
        window.activateWindow()
        QTest.qWaitForWindowActive(window)
        inspector = Inspector([window], report)
        inspector.source = "主窗口"
        inspector.measure(window)
        nav = window.nav_list
        for row in range(nav.count()):
            label = nav.item(row).text()
            QTest.mouseClick(
                nav.viewport(),
                Qt.MouseButton.LeftButton,
                pos=nav.visualItemRect(nav.item(row)).center(),
            )
            QApplication.processEvents()
            page = window.page_stack.currentWidget()
            report["pages"].append(label)
            inspector.source = label
            if shots is not None:
                window.grab().save(str(shots / f"{row:02d}-{label}.png"))
            inspector.measure(window)
            tables = [t for t in page.findChildren(QAbstractItemView) if t.isVisible()]
            for button in page.findChildren(QPushButton):
                text = button.text()
                if (
                    not button.isVisible()
                    or NEVER_CLICK.search(text)
                    or not OPENS_A_WINDOW.search(text)
                ):
                    continue
                select_first_rows(tables)
                if not button.isEnabled():
                    report["disabled"].append(f"{label} → {text}")
                    continue
                inspector.source = f"{label} → {text}"
                click(button)
                inspector.settle()
            for key, name in ((Qt.Key.Key_N, "Ctrl+N"), (Qt.Key.Key_P, "Ctrl+P")):
                inspector.source = f"{label} → {name}"
                select_first_rows(tables)
                window.activateWindow()
                QTest.qWaitForWindowActive(window)
                QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
                inspector.settle()
        for action in (window.about_action, window.guide_action):
            inspector.source = f"菜单 → {action.text()}"
            action.trigger()
            inspector.settle()
        window.close()
        QApplication.processEvents()
    finally:
        lock.release()
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
