"""Starting the window: Qt set-up, Chinese translations, the instance lock, opening the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_ID, APP_NAME, paths
from app.errors import UserError
from app.instance_lock import InstanceLock
from app.ui.context import DataBus, UiContext
from app.ui.demo_offer import offer_demo, should_offer_demo
from app.ui.errors import install_excepthook, show_error
from app.ui.lock_guard import IdleLockGuard
from app.ui.main_window import MainWindow
from app.ui.refcount_guard import guard_none
from app.ui.safety_startup import DailyBackup, open_for_window
from app.ui.style import STYLE_SHEET

# The 公文 font names map to whatever CJK font the machine has, for on-screen previews.
FONT_SUBSTITUTES = {
    "仿宋_GB2312": ["仿宋", "FangSong", "Noto Serif CJK SC", "SimSun"],
    "仿宋": ["FangSong", "Noto Serif CJK SC", "SimSun"],
    "方正小标宋简体": ["宋体", "SimSun", "Noto Serif CJK SC"],
    "宋体": ["SimSun", "Noto Serif CJK SC"],
    "黑体": ["SimHei", "Noto Sans CJK SC", "Microsoft YaHei"],
    "楷体_GB2312": ["楷体", "KaiTi", "Noto Serif CJK SC"],
    "楷体": ["KaiTi", "Noto Serif CJK SC"],
}


def app_settings(folder: Path) -> QSettings:
    """Window state lives in an .ini file in the app data folder (tests pass tmp_path)."""
    return QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)


def install_translations(app: QApplication) -> list[QTranslator]:
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


def setup_application(app: QApplication) -> None:
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    install_translations(app)
    app.setStyleSheet(STYLE_SHEET)
    for family, substitutes in FONT_SUBSTITUTES.items():
        QFont.insertSubstitutions(family, substitutes)


def build_window(db_path: Path, settings: QSettings) -> tuple[MainWindow, InstanceLock]:
    """Lock and open the database and build the window; raises UserError on a known problem."""
    lock = InstanceLock(db_path)
    lock.acquire()
    try:
        db = open_for_window(db_path)
    except BaseException:
        lock.release()
        raise
    ctx = UiContext(db=db, bus=DataBus(), settings=settings)
    window = MainWindow(ctx)
    window.lock_guard = IdleLockGuard(window, ctx)
    return window, lock


def run_gui(db_path: str | None) -> int:
    guard_none()
    app = QApplication.instance() or QApplication([])
    setup_application(app)
    install_excepthook()
    path = Path(db_path) if db_path else paths.default_db_path()
    try:
        window, lock = build_window(path, app_settings(paths.data_dir()))
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 2
    except Exception as exc:  # noqa: BLE001 - the bug boundary at start-up
        show_error(None, exc)
        return 1
    window.show()
    daily = DailyBackup(window, window.ctx.db)
    daily.start()
    if should_offer_demo(db_path, window.ctx.db, window.ctx.settings):
        offer_demo(window)
    window.lock_guard.lock_if_enabled()
    try:
        return app.exec()
    finally:
        daily.wait()
        window.ctx.db.dispose()
        lock.release()
