"""设置 tabs of data safety: 数据安全 (check, backups, restore) and 操作日志 (the audit log)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.services import audit
from app.services.changes import Changes
from app.services.safety import backup, integrity
from app.ui.common.actions import FAILED, run_action
from app.ui.common.data_table import DataTable
from app.ui.common.table_model import RowsTableModel
from app.ui.safety import safety_actions
from app.ui.shell.context import UiContext


def _folder_text(db_path: Path) -> str:
    try:
        return str(backup.folder_for(db_path))
    except UserError as exc:
        return exc.message


class DataSafetyTab(QWidget):
    """Check the database, back it up (here or elsewhere), restore, and see the automatic backups."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task = None
        self.run_check_button = QPushButton("检查数据库完整性", self)
        self.run_check_button.setObjectName("run_check_button")
        self.run_check_button.clicked.connect(self.run_check)
        self.backup_now_button = QPushButton("立即备份", self)
        self.backup_now_button.setObjectName("backup_now_button")
        self.backup_now_button.clicked.connect(self.backup_now)
        self.backup_to_button = QPushButton("备份到…", self)
        self.backup_to_button.setObjectName("backup_to_button")
        self.backup_to_button.clicked.connect(lambda: safety_actions.ask_backup_to(self, ctx))
        self.restore_button = QPushButton("从备份恢复…", self)
        self.restore_button.setObjectName("restore_button")
        self.restore_button.clicked.connect(lambda: safety_actions.ask_restore(self, ctx))
        self.restore_selected_button = QPushButton("恢复所选备份", self)
        self.restore_selected_button.setObjectName("restore_selected_button")
        self.restore_selected_button.clicked.connect(self.restore_selected)
        self.open_folder_button = QPushButton("打开备份文件夹", self)
        self.open_folder_button.setObjectName("open_folder_button")
        self.open_folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(_folder_text(ctx.db.path)))
        )
        self.reminder_label = QLabel("", self)
        self.reminder_label.setObjectName("reminder_label")
        self.reminder_label.setWordWrap(True)
        self.result_label = QLabel("", self)
        self.result_label.setObjectName("result_label")
        self.result_label.setWordWrap(True)
        self.backup_model = RowsTableModel(("备份时间", "类型", "大小", "文件"), [], self)
        self.backup_table = DataTable(self.backup_model, ctx.settings, "backups", self)
        self.backup_table.setObjectName("backup_table")
        if ctx.settings.value("tables/backups/header") is None:
            for column, width in enumerate((170, 110, 90)):
                self.backup_table.view.setColumnWidth(column, width)

        buttons = QHBoxLayout()
        for button in (
            self.run_check_button,
            self.backup_now_button,
            self.backup_to_button,
            self.restore_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        lower = QHBoxLayout()
        lower.addWidget(self.restore_selected_button)
        lower.addWidget(self.open_folder_button)
        lower.addStretch(1)
        layout = QVBoxLayout(self)
        path_label = QLabel(f"数据库：{ctx.db.label}", self)
        path_label.setWordWrap(True)
        layout.addWidget(path_label)
        layout.addWidget(self.reminder_label)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        self.folder_label = QLabel(
            f"自动备份（每天第一次启动、升级前、导入前、恢复前）保存在：{_folder_text(ctx.db.path)}。"
            f"保留最近 {backup.KEEP_DAILY} 天的每日备份和最近 {backup.KEEP_MONTHLY} 个月"
            "每月一份。请定期用“备份到…”另存到 U 盘。",
            self,
        )
        self.folder_label.setObjectName("folder_label")
        self.folder_label.setWordWrap(True)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.backup_table, 1)
        layout.addLayout(lower)
        self.refresh()

    def refresh(self) -> None:
        text, warn = backup.external_backup_reminder(self.ctx.db)
        self.reminder_label.setText(text)
        self.reminder_label.setStyleSheet("color: #b00020" if warn else "")
        try:
            self.backups = backup.list_backups(backup.folder_for(self.ctx.db.path))
        except UserError as exc:
            self.backups = []
            self.result_label.setText(exc.message)
        self.backup_model.set_rows(
            [
                (
                    b.made_at.strftime("%Y-%m-%d %H:%M:%S"),
                    b.kind,
                    f"{b.size_bytes / 1024:.0f} KB",
                    b.path.name,
                )
                for b in self.backups
            ]
        )

    def run_check(self) -> None:
        problems = integrity.run_checks(self.ctx.db)
        if not problems:
            self.result_label.setText("检查完成：数据库完好，未发现问题。")
            return
        lines = "\n".join(f"【{p.area}】{p.message}" for p in problems)
        self.result_label.setText(f"检查发现 {len(problems)} 个问题：\n{lines}")

    def backup_now(self) -> None:
        path = run_action(
            self,
            self.ctx,
            lambda: backup.backup_file(self.ctx.db.path, "手动备份"),
            changes=Changes(backups=True),
            title="备份未完成",
        )
        if path is FAILED:
            return
        self.result_label.setText(f"已备份：{path.name}（已通过完整性检查）")
        self.refresh()

    def restore_selected(self) -> None:
        rows = self.backup_table.selected_source_rows()
        if not rows:
            QMessageBox.information(self, "从备份恢复", "请先在列表中选择一份备份。")
            return
        if safety_actions.restore_from_file(self, self.ctx, Path(self.backups[rows[0]].path)):
            self.refresh()


class AuditLogTab(QWidget):
    """操作日志: which record was created, changed, deleted or exported, and when."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table_combo = QComboBox(self)
        self.table_combo.setObjectName("table_combo")
        self.table_combo.addItem("全部记录", None)
        for key, name in audit.TABLE_NAMES.items():
            self.table_combo.addItem(name, key)
        self.table_combo.currentIndexChanged.connect(self.refresh)
        # no 记录编号: an internal id means nothing to a clerk (the 说明 names the fields)
        self.audit_model = RowsTableModel(("时间", "操作人", "操作", "记录类别", "说明"), [], self)
        # a new key: a header saved with four columns (before 操作人) does not fit five
        self.audit_table = DataTable(self.audit_model, ctx.settings, "audit_log_entries", self)
        self.audit_table.setObjectName("audit_table")
        if ctx.settings.value("tables/audit_log_entries/header") is None:
            for column, width in enumerate((150, 160, 50, 100)):
                self.audit_table.view.setColumnWidth(column, width)
        top = QHBoxLayout()
        top.addWidget(QLabel("类别：", self))
        top.addWidget(self.table_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "显示最近 1000 条操作。日志只记录谁改动了哪条记录、哪些字段，不记录内容本身。", self
            )
        )
        layout.addLayout(top)
        layout.addWidget(self.audit_table, 1)
        self.refresh()

    def refresh(self) -> None:
        rows = audit.list_entries(self.ctx.db, table=self.table_combo.currentData())
        self.audit_model.set_rows(
            [
                (
                    r.at.strftime("%Y-%m-%d %H:%M:%S") if r.at else "",
                    r.actor,
                    r.action,
                    r.table,
                    r.summary,
                )
                for r in rows
            ]
        )
