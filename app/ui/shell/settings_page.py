"""设置: tabs contributed by each area. The database's file and its integrity check are on
数据安全 (a 数据库 tab had a second 检查 button doing the same check)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.services.changes import Changes
from app.ui.documents.fonts_tab import FontsTab
from app.ui.exchange.identity_tab import IdentityTab
from app.ui.members.settings_tabs import ChecklistTab, SectorsTab
from app.ui.safety.lock_tab import LockTab
from app.ui.safety.safety_tabs import AuditLogTab, DataSafetyTab
from app.ui.shell.connection_tab import ConnectionTab
from app.ui.shell.context import UiContext

SETTINGS_TABS = (
    ("数据库连接", ConnectionTab),
    ("本单位", IdentityTab),
    ("界别", SectorsTab),
    ("联络室检查项", ChecklistTab),
    ("公文格式", FontsTab),
    ("数据安全", DataSafetyTab),
    ("操作日志", AuditLogTab),
    ("密码锁", LockTab),
)


class SettingsPage(QWidget):
    shows = Changes.all()  # the 操作日志 lists every change

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settings_tabs")
        for title, tab_class in SETTINGS_TABS:
            self.tabs.addTab(tab_class(ctx, self.tabs), title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>设置</h2>", self))
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        for i in range(self.tabs.count()):
            self.tabs.widget(i).refresh()
