"""设置: tabs contributed by each area. The database's file and its integrity check are on
数据安全 (a 数据库 tab had a second 检查 button doing the same check)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from app.services.audit import set_clerk_name
from app.services.changes import Changes
from app.ui.documents.fonts_tab import FontsTab
from app.ui.exchange.identity_tab import IdentityTab
from app.ui.members.settings_tabs import ChecklistTab, SectorsTab
from app.ui.safety.lock_tab import LockTab
from app.ui.safety.safety_tabs import AuditLogTab, DataSafetyTab
from app.ui.shell.connection_tab import ConnectionTab
from app.ui.shell.context import CLERK_NAME_KEY, UiContext


class ClerkTab(QWidget):
    """Who this computer's saves are logged as: other clerks read it when their save of the
    same record is refused (several clerks on one server database)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.clerk_name_edit = QLineEdit(str(ctx.settings.value(CLERK_NAME_KEY, "") or ""), self)
        self.clerk_name_edit.setObjectName("clerk_name_edit")
        self.clerk_name_edit.setPlaceholderText("您的姓名，如 王芳")
        self.clerk_name_edit.setMinimumWidth(240)
        self.clerk_name_edit.editingFinished.connect(self.save_clerk_name)
        self.actor_label = QLabel(ctx.db.actor, self)
        self.actor_label.setObjectName("actor_label")
        form.addRow("本机操作人：", self.clerk_name_edit)
        form.addRow("操作日志记为：", self.actor_label)
        note = QLabel(
            "几名工作人员共用一个数据库时，别人保存同一条记录被拒绝时看到的就是这个名字。", self
        )
        note.setWordWrap(True)
        form.addRow("", note)

    def save_clerk_name(self) -> None:
        name = self.clerk_name_edit.text().strip()
        self.ctx.settings.setValue(CLERK_NAME_KEY, name)
        self.actor_label.setText(set_clerk_name(self.ctx.db, name))

    def refresh(self) -> None:
        """Nothing cached here."""


SETTINGS_TABS = (
    ("数据库连接", ConnectionTab),
    ("本机操作人", ClerkTab),
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
