"""Starting the window: Qt set-up, Chinese translations, the instance lock, opening the database.

The window frame is shown first and the database is opened in the first turn of the event loop,
so the window appears at once even on a county database; this module therefore imports nothing
that loads SQLAlchemy, Alembic or the pages until the frame is on screen.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import APP_ID, APP_NAME, paths
from app.db_server import is_server_url
from app.errors import UserError
from app.instance_lock import InstanceLock
from app.ui.common.errors import install_excepthook, show_error
from app.ui.common.screen_fit import install_screen_fit
from app.ui.shell.main_window import MainWindow
from app.ui.shell.refcount_guard import guard_none
from app.ui.shell.style import STYLE_SHEET

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

    from app.db_file import PreflightThread
    from app.ui.safety.startup import DailyBackup
    from app.ui.shell.context import UiContext

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
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "liaison-desk.png")))
    install_translations(app)
    install_screen_fit(app)
    app.setStyleSheet(STYLE_SHEET)
    for family, substitutes in FONT_SUBSTITUTES.items():
        QFont.insertSubstitutions(family, substitutes)


def open_context(
    db_path: Path,
    settings: QSettings,
    parent: QWidget | None = None,
    checks: PreflightThread | None = None,
    password: str | None = None,
) -> UiContext:
    """Open (and if needed migrate) the database for the window; raises UserError.
    ``password``: a server's, tried first (the one 设置 → 数据库连接 has just tested)."""
    from app.ui.shell.context import DataBus, UiContext

    if is_server_url(db_path):
        from app.ui.shell.server_login import open_server_for_window

        db = open_server_for_window(str(db_path), parent, password)
    else:
        from app.ui.safety.startup import open_for_window

        db = open_for_window(db_path, parent, checks)
    return UiContext(db=db, bus=DataBus(), settings=settings)


# benchmarks/bundle_startup.py times start-up from outside (the installed bundle can run no probe
# of its own): with this set to "frame" or "ready" the program ends at once at that point.
EXIT_AT_ENV = "LIAISON_DESK_EXIT_AT"


def _exit_if_timing(point: str) -> None:
    if os.environ.get(EXIT_AT_ENV) == point:
        os._exit(0)


def _guard_lock(window: MainWindow) -> None:
    from app.ui.safety.lock_guard import IdleLockGuard

    window.lock_guard = IdleLockGuard(window, window.ctx)


def build_window(db_path: Path, settings: QSettings) -> tuple[MainWindow, InstanceLock]:
    """Lock and open the database and build the window in one go; raises UserError."""
    lock = InstanceLock(db_path)
    lock.acquire()
    try:
        ctx = open_context(db_path, settings)
    except BaseException:
        lock.release()
        raise
    window = MainWindow(ctx)
    _guard_lock(window)
    return window, lock


class WindowStart(QObject):
    """The second step of start-up, run once the frame is shown: open the database, attach it,
    start the day's backup, offer the demo, lock if a password is set. A problem is shown over
    the frame and ends the program with exit code 2 (known problem) or 1 (bug, logged); a clerk
    who gives up on the server and picks the local file gets ``local_instead``."""

    local_instead = Signal()

    def __init__(
        self,
        window: MainWindow,
        path: Path,
        chosen: str | None,
        checks: PreflightThread | None = None,
        password: str | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.chosen = chosen
        self.checks = checks
        self._password = password  # 设置's tested one, for this opening only
        self.daily: DailyBackup | None = None
        self._started = False
        self._paint: QEvent.Type | None = None  # set by begin()

    def begin(self) -> None:
        """Run once the frame has been painted (the event loop paints only after the first
        timer turn, so opening the database at once would keep the window blank), at the latest
        after half a second."""
        from PySide6.QtCore import QEvent  # its enum costs ~2 ms: loaded after the frame shows

        self._paint = QEvent.Type.Paint
        self.window.installEventFilter(self)
        QTimer.singleShot(500, self._run_once)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == self._paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self._run_once)  # after the painted frame reaches the screen
        return False

    def _run_once(self) -> None:
        if not self._started:
            self._started = True
            _exit_if_timing("frame")  # the frame has been painted
            self.run()

    def run(self) -> None:
        from app.ui.shell.server_login import ServerDeclined

        window = self.window
        password, self._password = self._password, None  # used once, then forgotten
        try:
            ctx = open_context(self.path, window.settings, window, self.checks, password)
        except ServerDeclined as declined:  # the clerk has read why
            if declined.local:
                self.local_instead.emit()
            else:
                self._quit(2)
            return
        except UserError as exc:
            QMessageBox.critical(window, APP_NAME, exc.message)
            self._quit(2)
            return
        except Exception as exc:  # the bug boundary at start-up
            show_error(window, exc)
            self._quit(1)
            return
        from app.services.changes import Changes
        from app.ui.demo.demo_offer import offer_demo, should_offer_demo
        from app.ui.safety.startup import DailyBackup
        from app.ui.shell.preload import start_preloading

        window.attach(ctx)
        _guard_lock(window)
        start_preloading()  # pinyin, openpyxl, python-docx for the pages, in the background
        self.daily = DailyBackup(window, ctx.db)
        self.daily.finished.connect(lambda _text: ctx.changed(Changes(backups=True)))
        self.daily.start()
        if should_offer_demo(self.chosen, ctx.db, ctx.settings):
            offer_demo(window)
        window.lock_guard.lock_if_enabled()
        QTimer.singleShot(0, lambda: _exit_if_timing("ready"))  # once the first page is painted

    def _quit(self, code: int) -> None:
        self.window.hide()
        QApplication.exit(code)

    def finish(self) -> None:
        if self.daily is not None:
            self.daily.wait()
        if self.window.ctx is not None:
            self.window.ctx.db.dispose()


class GuiSession(QObject):
    """The window on one database at a time. 设置 → 数据库连接 (``MainWindow.reconnect``) and
    the local-file choice after a failed server login close it and open a new one the way
    start-up does; ``exit_code`` is set when the window cannot open at all."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.window: MainWindow | None = None
        self.start: WindowStart | None = None
        self.lock: InstanceLock | None = None

    def open(self, db_arg: str | None, password: str | None = None) -> bool:
        """Frame on screen, database opening; False (told) when the file is open elsewhere.
        ``--db`` wins over the saved connection; without it the saved server, else the file.
        ``password``: the server's, just tested in 设置 (memory only; None: asked)."""
        from app.ui.shell.connection_store import saved_server_url

        settings = app_settings(paths.data_dir())
        chosen = db_arg if db_arg is not None else saved_server_url(settings)
        on_server = is_server_url(chosen)  # postgresql://…: shared by several clerks, no lock
        path: Path | str = (
            str(chosen) if on_server else Path(chosen) if chosen else paths.default_db_path()
        )
        if not on_server:
            lock = InstanceLock(Path(path))
            try:
                lock.acquire()
            except UserError as exc:
                QMessageBox.critical(None, APP_NAME, exc.message)
                return False
            self.lock = lock
        window = MainWindow(settings=settings, db_path=path)
        window.show_on_screen()
        window.reconnect.connect(
            lambda password: QTimer.singleShot(0, lambda: self.switch(None, password))
        )
        # The file's checks (a full quick_check on a large database) run in a worker thread
        # while the frame paints and SQLAlchemy loads; WindowStart waits for them.
        from app.db_file import PreflightThread

        checks = None if on_server else PreflightThread(Path(path))
        if checks is not None:
            checks.start()
        start = WindowStart(window, path, chosen, checks, password if on_server else None)
        local = str(paths.default_db_path())
        start.local_instead.connect(lambda: QTimer.singleShot(0, lambda: self.switch(local)))
        self.window, self.start = window, start
        start.begin()
        return True

    def switch(self, db_arg: str | None, password: str | None = None) -> None:
        """Close the window and its database, then open ``db_arg`` (None: as saved), on a server
        with ``password`` first."""
        self.app.setQuitOnLastWindowClosed(False)  # the old window closes before the new shows
        try:
            if self.window is not None:
                self.window.close()
            self.close()
            if not self.open(db_arg, password):
                QApplication.exit(2)
        finally:
            self.app.setQuitOnLastWindowClosed(True)

    def close(self) -> None:
        window, start, lock = self.window, self.start, self.lock
        self.window = self.start = self.lock = None
        if start is not None:
            start.finish()
        if lock is not None:
            lock.release()
        if window is not None:
            guard = getattr(window, "lock_guard", None)
            if guard is not None:
                guard.detach()
            window.hide()
            window.deleteLater()  # its pollers and timers go with it


def run_gui(db_path: str | None) -> int:
    guard_none()
    app = QApplication.instance() or QApplication([])
    setup_application(app)
    install_excepthook()
    session = GuiSession(app)
    if not session.open(db_path):
        return 2
    try:
        return app.exec()
    finally:
        session.close()
