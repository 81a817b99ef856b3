"""The main window: navigation on the left, one page at a time, menus and a status bar.

The window is built in two steps so that it appears at once: the frame (navigation, menus,
status bar, remembered geometry) needs no database and no page module; ``attach`` then hands it
the open database and builds the page the user was on. Page modules are imported the first time
their page is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app import APP_NAME
from app.db_server import display_url, is_server_url
from app.ui.common.screen_fit import available_area, is_small_screen

if TYPE_CHECKING:
    from app.services.changes import Changes
    from app.ui.shell.remote_changes import RemoteChangesPoller
from app.ui.shell.context import CLERK_NAME_KEY, UiContext

PageFactory = Callable[["UiContext", QWidget], QWidget]


def _page(module: str, cls: str) -> PageFactory:
    """A factory that imports ``app.ui.<area>.<module>`` only when the page is first shown."""

    def build(ctx: UiContext, parent: QWidget) -> QWidget:
        return getattr(import_module(f"app.ui.{module}"), cls)(ctx, parent)

    return build


# (navigation label, objectName, factory(ctx, parent)) in display order.
PAGES: tuple[tuple[str, str, PageFactory], ...] = (
    ("首页", "home_page", _page("shell.home_page", "HomePage")),
    ("联络室", "rooms_page", _page("rooms.rooms_page", "RoomsPage")),
    ("委员", "members_page", _page("members.members_page", "MembersPage")),
    ("议题库", "topics_page", _page("topics.topics_page", "TopicsPage")),
    ("履职活动", "activities_page", _page("activities.activities_page", "ActivitiesPage")),
    ("督办", "follow_ups_page", _page("follow_ups.follow_up_page", "FollowUpPage")),
    ("积分", "points_page", _page("points.points_page", "PointsPage")),
    ("接待来访", "receptions_page", _page("receptions.receptions_page", "ReceptionsPage")),
    ("导出", "exports_page", _page("documents.exports_page", "ExportsPage")),
    ("设置", "settings_page", _page("shell.settings_page", "SettingsPage")),
)


class MainWindow(QMainWindow):
    """``MainWindow(ctx)`` is ready at once; ``MainWindow(settings=…, db_path=…)`` is the frame
    shown while the database opens, made ready by ``attach(ctx)``."""

    ready = Signal()  # attached: the database is open and the current page is built
    # 设置 → 数据库连接 saved: reopen on the chosen database (GuiSession) with the password just
    # tested there (None: asked, unless libpq has one), kept in memory for this reconnect only
    reconnect = Signal(object)

    def __init__(
        self,
        ctx: UiContext | None = None,
        *,
        settings: QSettings | None = None,
        db_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.ctx: UiContext | None = None
        self.remote_changes: RemoteChangesPoller | None = None  # made when attached
        self.settings = ctx.settings if ctx is not None else settings
        shown = ctx.db.label if ctx is not None else str(db_path or "")
        label = shown
        if is_server_url(label):  # the server's database name, never its password
            shown = display_url(label)
            label = shown.rsplit("/", 1)[-1].split("?")[0] + "（服务器）"
        else:
            label = Path(label).name
        self.setObjectName("main_window")
        self.setWindowTitle(f"{APP_NAME} — {label}")
        self.resize(1200, 780)

        self.nav_list = QListWidget(self)
        self.nav_list.setObjectName("nav_list")
        self.nav_list.setFixedWidth(150)
        self.nav_list.setIconSize(QSize(20, 20))
        self.page_stack = QStackedWidget(self)
        self.page_stack.setObjectName("page_stack")
        # Pages are built the first time they are shown: start-up costs one page, not ten.
        self.pages: dict[str, QWidget] = {}
        # A page is reloaded when shown only if something it shows changed since (or the day
        # turned: overdue items and "this month" move with the date).
        self.stale_pages: set[str] = set()
        self._loaded_on: dict[str, date] = {}
        for label, name, _factory in PAGES:
            placeholder = QWidget(self.page_stack)
            placeholder.setObjectName(f"{name}_placeholder")
            self.page_stack.addWidget(placeholder)
            self.nav_list.addItem(label)
        self.nav_list.currentRowChanged.connect(self._show_page)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav_list)
        layout.addWidget(self.page_stack, 1)
        self.setCentralWidget(central)

        self.db_label = QLabel(f"数据库：{shown}", self)
        self.db_label.setObjectName("db_label")
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        self._restore_geometry()
        self.nav_list.setCurrentRow(self._last_row())  # built once the database is attached
        if ctx is not None:
            self.attach(ctx)
        else:
            self.nav_list.setEnabled(False)
            self.statusBar().showMessage("正在打开数据库…")

    def attach(self, ctx: UiContext) -> None:
        """The database is open: enable the window and show the page the user left last."""
        self.ctx = ctx
        self.db_label.setText(f"数据库：{ctx.db.label}")
        self.nav_list.setEnabled(True)
        self.statusBar().clearMessage()
        for action in self._data_actions:
            action.setEnabled(True)
        # The first key sequence makes PySide6 build the Qt namespace's enums (~12 ms), so the
        # shortcut is set once the frame is on screen.
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1
        ctx.bus.data_changed.connect(self._on_data_changed)
        from app.services.audit import set_clerk_name
        from app.ui.shell.remote_changes import RemoteChangesPoller

        # 操作日志 and another clerk's conflict message name the clerk (设置 → 本机操作人)
        set_clerk_name(ctx.db, str(self.settings.value(CLERK_NAME_KEY, "") or ""))
        # other clerks (a server) or other programs (a file) save too: follow them
        self.remote_changes = RemoteChangesPoller(ctx, self)
        self.remote_changes.start()
        self._update_demo_action()
        self._show_page(self.nav_list.currentRow())
        self.ready.emit()

    def _last_row(self) -> int:
        last = self.settings.value("window/last_page", "home_page")
        names = [n for _label, n, _f in PAGES]
        return names.index(last) if last in names else 0

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("文件(&F)")
        self.file_menu.setObjectName("file_menu")
        self.backup_to_action = QAction("备份到(&B)…", self)
        self.backup_to_action.setObjectName("backup_to_action")
        self.backup_to_action.triggered.connect(lambda: self._safety("ask_backup_to"))
        self.restore_action = QAction("从备份恢复(&R)…", self)
        self.restore_action.setObjectName("restore_action")
        self.restore_action.triggered.connect(lambda: self._safety("ask_restore"))
        self.file_menu.addActions([self.backup_to_action, self.restore_action])
        self.file_menu.addSeparator()
        self.export_package_action = QAction("导出数据包(&E)…", self)
        self.export_package_action.setObjectName("export_package_action")
        self.export_package_action.triggered.connect(lambda: self._package("ask_export_package"))
        self.import_package_action = QAction("导入数据包(&I)…", self)
        self.import_package_action.setObjectName("import_package_action")
        self.import_package_action.triggered.connect(lambda: self._package("ask_import_package"))
        self.pending_members_action = QAction("核对待确认的委员(&M)…", self)
        self.pending_members_action.setObjectName("pending_members_action")
        self.pending_members_action.triggered.connect(lambda: self._package("open_pending"))
        self.file_menu.addActions(
            [self.export_package_action, self.import_package_action, self.pending_members_action]
        )
        self.clear_demo_action = QAction("清空示例数据，开始正式使用(&C)…", self)
        self.clear_demo_action.setObjectName("clear_demo_action")
        self.clear_demo_action.triggered.connect(self._ask_clear_demo)
        self.clear_demo_action.setVisible(False)
        self.file_menu.addAction(self.clear_demo_action)
        self.file_menu.addSeparator()
        self._data_actions = (
            self.backup_to_action,
            self.restore_action,
            self.export_package_action,
            self.import_package_action,
            self.pending_members_action,
        )
        for action in self._data_actions:
            action.setEnabled(False)
        self.quit_action = QAction("退出(&X)", self)
        self.quit_action.setObjectName("quit_action")
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.help_menu = self.menuBar().addMenu("帮助(&H)")
        self.about_action = QAction("关于(&A)", self)
        self.about_action.setObjectName("about_action")
        self.about_action.triggered.connect(self.show_about)
        self.guide_action = QAction("使用说明(&U)", self)
        self.guide_action.setObjectName("guide_action")
        self.guide_action.triggered.connect(self.show_guide)
        self.help_menu.addActions([self.guide_action, self.about_action])
        self.addAction(self.guide_action)  # F1 from anywhere in the window, menu closed

    def _safety(self, name: str) -> None:
        from app.ui.safety import safety_actions

        getattr(safety_actions, name)(self, self.ctx)

    def _package(self, name: str) -> None:
        from app.ui.exchange import package_dialogs

        getattr(package_dialogs, name)(self, self.ctx)

    def _ask_clear_demo(self) -> None:
        from app.ui.demo.demo_offer import ask_clear_demo

        ask_clear_demo(self, self.ctx)

    def show_about(self) -> None:
        from app.ui.shell.help_dialogs import AboutDialog

        path = self.ctx.db.label if self.ctx is not None else "（正在打开）"
        AboutDialog(self, path).open()

    def show_guide(self) -> None:
        from app.ui.shell.help_dialogs import GuideDialog

        GuideDialog(self).show()

    def go_to(self, name: str) -> QWidget:
        index = [n for _label, n, _f in PAGES].index(name)
        self.nav_list.setCurrentRow(index)
        return self.pages[name]

    def _build_page(self, row: int) -> QWidget:
        """Construct the page of ``row`` in place of its placeholder (pages load their data)."""
        _label, name, factory = PAGES[row]
        page = factory(self.ctx, self.page_stack)
        page.setObjectName(name)
        placeholder = self.page_stack.widget(row)
        self.page_stack.insertWidget(row, page)
        self.page_stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages[name] = page
        self._loaded_on[name] = date.today()
        return page

    def _refresh_page(self, name: str) -> None:
        self.stale_pages.discard(name)
        self._loaded_on[name] = date.today()
        self.pages[name].refresh()

    def _show_page(self, row: int) -> None:
        if row < 0 or self.ctx is None:
            return
        name = PAGES[row][1]
        if name not in self.pages:
            self._build_page(row)
        elif name in self.stale_pages or self._loaded_on[name] != date.today():
            self._refresh_page(name)
        self.page_stack.setCurrentIndex(row)
        self.settings.setValue("window/last_page", name)

    def _update_demo_action(self) -> None:
        from app.services.demo.clear import has_demo_data

        self.clear_demo_action.setVisible(has_demo_data(self.ctx.db))

    def _on_data_changed(self, changes: Changes, source: QWidget | None) -> None:
        """Mark the pages that show what changed; reload the one on screen now, unless it made
        the change itself and so already shows it."""
        if changes.settings:  # the demo flag is a stored setting
            self._update_demo_action()
        for name, page in self.pages.items():
            if changes.touches(page.shows):
                self.stale_pages.add(name)
        current = self.page_stack.currentWidget()
        name = current.objectName() if current is not None else ""
        if name in self.stale_pages:
            if current is source:
                self.stale_pages.discard(name)
            elif self.remote_changes is not None and source is self.remote_changes:
                self.remote_changes.refresh_page(current, lambda: self._refresh_page(name))
            else:
                self._refresh_page(name)

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        self.geometry_restored = geometry is not None and self.restoreGeometry(geometry)

    def show_on_screen(self) -> None:
        """Show the window: as the clerk left it, else maximised on a small laptop screen.

        A geometry saved on a larger screen is shrunk to this one as the window shows
        (app.ui.common.screen_fit).
        """
        if not self.geometry_restored and is_small_screen(self):
            # The maximised size also where no window manager maximises (a bare X server).
            self.setGeometry(available_area(self))
            self.showMaximized()
        else:
            self.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
        event.accept()


__all__ = ["MainWindow", "PAGES"]
