"""The main window: navigation on the left, one page at a time, menus and a status bar."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app import APP_NAME, __version__
from app.services.demo_clear import has_demo_data
from app.ui import safety_actions
from app.ui.context import UiContext
from app.ui.demo_offer import ask_clear_demo
from app.ui.pages.activities_page import ActivitiesPage
from app.ui.pages.exports_page import ExportsPage
from app.ui.pages.follow_up_page import FollowUpPage
from app.ui.pages.home_page import HomePage
from app.ui.pages.list_page import ListPage
from app.ui.pages.members_page import MembersPage
from app.ui.pages.points_page import PointsPage
from app.ui.pages.receptions_page import ReceptionsPage
from app.ui.pages.rooms_page import RoomsPage
from app.ui.pages.settings_page import SettingsPage
from app.ui.pages.topics_page import TopicsPage


def _list_page(key: str, title: str, loader):  # noqa: ANN001, ANN202
    return lambda ctx, parent: ListPage(ctx, key, title, loader, parent)


# (navigation label, objectName, factory(ctx, parent)) in display order.
PAGES = (
    ("首页", "home_page", HomePage),
    ("联络室", "rooms_page", RoomsPage),
    ("委员", "members_page", MembersPage),
    ("议题库", "topics_page", TopicsPage),
    ("履职活动", "activities_page", ActivitiesPage),
    ("督办", "follow_ups_page", FollowUpPage),
    ("积分", "points_page", PointsPage),
    ("接待来访", "receptions_page", ReceptionsPage),
    ("导出", "exports_page", ExportsPage),
    ("设置", "settings_page", SettingsPage),
)


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("main_window")
        self.setWindowTitle(f"{APP_NAME} — {ctx.db.path.name}")
        self.resize(1200, 780)

        self.nav_list = QListWidget(self)
        self.nav_list.setObjectName("nav_list")
        self.nav_list.setFixedWidth(150)
        self.nav_list.setIconSize(QSize(20, 20))
        self.page_stack = QStackedWidget(self)
        self.page_stack.setObjectName("page_stack")
        # Pages are built the first time they are shown: start-up costs one page, not ten.
        self.pages: dict[str, QWidget] = {}
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

        self.db_label = QLabel(f"数据库：{ctx.db.path}", self)
        self.db_label.setObjectName("db_label")
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_menus()
        ctx.bus.data_changed.connect(self._on_data_changed)
        self._restore_state()

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("文件(&F)")
        self.file_menu.setObjectName("file_menu")
        self.backup_to_action = QAction("备份到(&B)…", self)
        self.backup_to_action.setObjectName("backup_to_action")
        self.backup_to_action.triggered.connect(
            lambda: safety_actions.ask_backup_to(self, self.ctx)
        )
        self.restore_action = QAction("从备份恢复(&R)…", self)
        self.restore_action.setObjectName("restore_action")
        self.restore_action.triggered.connect(lambda: safety_actions.ask_restore(self, self.ctx))
        self.file_menu.addActions([self.backup_to_action, self.restore_action])
        self.clear_demo_action = QAction("清空示例数据，开始正式使用(&C)…", self)
        self.clear_demo_action.setObjectName("clear_demo_action")
        self.clear_demo_action.triggered.connect(lambda: ask_clear_demo(self, self.ctx))
        self.file_menu.addAction(self.clear_demo_action)
        self.file_menu.addSeparator()
        self._update_demo_action()
        self.quit_action = QAction("退出(&X)", self)
        self.quit_action.setObjectName("quit_action")
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.help_menu = self.menuBar().addMenu("帮助(&H)")
        self.about_action = QAction("关于(&A)", self)
        self.about_action.setObjectName("about_action")
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "关于",
            f"<b>{APP_NAME}</b> {__version__}<br>乡镇（街道）政协工作联络组的联络室、委员、"
            f"协商活动与履职积分管理。<br>数据库：{self.ctx.db.path}",
        )

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
        return page

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        name = PAGES[row][1]
        if name in self.pages:
            self.pages[name].refresh()
        else:
            self._build_page(row)
        self.page_stack.setCurrentIndex(row)
        self.ctx.settings.setValue("window/last_page", name)

    def _update_demo_action(self) -> None:
        self.clear_demo_action.setVisible(has_demo_data(self.ctx.db))

    def _on_data_changed(self, _area: str) -> None:
        self._update_demo_action()
        current = self.page_stack.currentWidget()
        if current is not None and current.objectName() in self.pages:
            current.refresh()

    def _restore_state(self) -> None:
        geometry = self.ctx.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        last = self.ctx.settings.value("window/last_page", "home_page")
        names = [n for _label, n, _f in PAGES]
        self.nav_list.setCurrentRow(names.index(last) if last in names else 0)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.sync()
        super().closeEvent(event)
        event.accept()


__all__ = ["MainWindow", "PAGES", "Qt"]
