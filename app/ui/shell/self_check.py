"""The window's part of ``self-test``: Qt's Chinese translations, a CJK font, and the main window
opened on the scratch database with every page shown once, then closed.

Without a display (a server, CI, an SSH session) the offscreen platform is used, so the check
runs everywhere; the line says which platform it was.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

Result = tuple[str, bool, str]


def choose_platform() -> None:
    """On Linux with no X or Wayland display and no platform asked for, draw offscreen."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _run(name: str, check: Callable[[], str]) -> Result:
    try:
        return name, True, check()
    except Exception as exc:  # reported on the check's line
        text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        return name, False, f"{type(exc).__name__}：{text}"


def check_translations() -> str:
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if not translator.load("qtbase_zh_CN", folder):
        raise FileNotFoundError(f"找不到 qtbase_zh_CN.qm（查找位置：{folder}）")
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    if cancel != "取消":
        raise AssertionError(f"“Cancel”译为“{cancel}”，应为“取消”")
    return f"{Path(translator.filePath()).name}（“Cancel”→“取消”）"


def check_cjk_font() -> str:
    from PySide6.QtGui import QFontDatabase

    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if not families:
        raise AssertionError("本机没有可显示简体中文的字体")
    preferred = [f for f in families if "SC" in f or "宋" in f or "黑" in f or "Sim" in f]
    return f"{len(families)} 种，如 {(preferred or families)[0]}"


def check_window(db_path: Path, folder: Path) -> str:
    """Open the main window as the program does, show each page in turn, close it."""
    from PySide6.QtWidgets import QApplication

    from app.ui.shell.app import app_settings, build_window
    from app.ui.shell.main_window import PAGES

    errors: list[BaseException] = []
    hook = sys.excepthook
    sys.excepthook = lambda _type, exc, _tb: errors.append(exc)  # exceptions raised in slots
    try:
        window, lock = build_window(db_path, app_settings(folder))
        try:
            window.show_on_screen()
            QApplication.processEvents()
            for row in range(len(PAGES)):
                window.nav_list.setCurrentRow(row)
                QApplication.processEvents()
            missing = [label for label, name, _f in PAGES if name not in window.pages]
            shown = window.isVisible()
            window.close()
            QApplication.processEvents()
        finally:
            if window.ctx is not None:
                window.ctx.db.dispose()
            lock.release()
            window.deleteLater()
            QApplication.processEvents()
    finally:
        sys.excepthook = hook
    if errors:
        raise errors[0]
    if missing or not shown:
        raise AssertionError(f"未能打开：{'、'.join(missing) or '主窗口'}")
    platform = QApplication.platformName()
    return f"{len(PAGES)} 个页面逐一打开后关闭（显示平台 {platform}）"


def _quiet_offscreen(mode: object, context: object, message: str) -> None:
    """Qt's messages go to stderr as usual, but for the offscreen platform's note that it
    cannot resize windows to their hints (tests ignore it too)."""
    if "does not support propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def window_checks(db_path: Path, folder: Path, has_data: bool) -> list[Result]:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from app.ui.shell.app import setup_application

    choose_platform()
    qInstallMessageHandler(_quiet_offscreen)
    app = QApplication.instance() or QApplication([])
    setup_application(app)
    results = [
        _run("Qt 中文翻译", check_translations),
        _run("中文字体", check_cjk_font),
    ]
    if has_data:
        results.append(_run("主窗口", lambda: check_window(db_path, folder)))
    else:
        results.append(("主窗口", False, "示例数据未能载入，未打开主窗口"))
    return results
