"""Roster import wizard (file → preview of every row → confirm → import in the background)
and roster export (from the 委员 page and the 导出 page)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.exports.files import clean_file_name
from app.exports.roster import export_roster
from app.imports.roster import ImportPlan, import_roster
from app.imports.roster import preview_roster as preview
from app.services.changes import Changes
from app.services.members.roster import load_roster, record_roster_export, roster_title
from app.ui.common.actions import FAILED, run_action
from app.ui.common.errors import show_error
from app.ui.common.file_dialogs import ask_open_path, ask_save_path
from app.ui.common.tasks import BackgroundTask
from app.ui.members.roster_preview import ImportOutcomeModel, NewRoomsTable, show_outcomes
from app.ui.shell.context import UiContext


class RosterImportDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan: ImportPlan | None = None
        self.task: BackgroundTask | None = None
        self.setObjectName("roster_import_dialog")
        self.setWindowTitle("从 Excel 导入委员名册")
        self.resize(1200, 660)  # ScreenFit shrinks it on a smaller screen

        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("file_edit")
        self.file_edit.setPlaceholderText("选择县政协发来的委员名册（.xlsx）")
        self.browse_button = QPushButton("选择文件…", self)
        self.browse_button.setObjectName("browse_button")
        self.add_sectors_check = QCheckBox("同时新增界别（名册中有、本库还没有的界别）", self)
        self.add_sectors_check.setObjectName("add_sectors_check")
        self.preview_button = QPushButton("预览", self)
        self.preview_button.setObjectName("preview_button")
        self.outcome_model = ImportOutcomeModel(self)
        self.outcome_table = QTableView(self)
        self.outcome_table.setObjectName("outcome_table")
        self.outcome_table.setModel(self.outcome_model)
        self.outcome_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.outcome_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outcome_table.horizontalHeader().setStretchLastSection(True)
        self.outcome_table.verticalHeader().setVisible(False)  # 行号 says where each row is
        self.new_rooms_table = NewRoomsTable(self)
        self.new_rooms_table.setVisible(False)
        self.new_rooms_table.types_changed.connect(self._types_changed)
        self.summary_label = QLabel(
            "第一步：选择文件；第二步：预览每一行的处理结果；第三步：确认导入。", self
        )
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        self.import_button = QPushButton("确认导入", self)
        self.import_button.setObjectName("import_button")
        self.import_button.setEnabled(False)
        self.close_button = QPushButton("关闭", self)
        self.close_button.setObjectName("close_button")

        self.browse_button.clicked.connect(self.browse)
        self.preview_button.clicked.connect(self.run_preview)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)
        self.file_edit.textChanged.connect(self._invalidate)
        self.add_sectors_check.toggled.connect(self._invalidate)

        top = QHBoxLayout()
        top.addWidget(QLabel("名册文件：", self))
        top.addWidget(self.file_edit, 1)
        top.addWidget(self.browse_button)
        options = QHBoxLayout()
        options.addWidget(self.add_sectors_check)
        options.addStretch(1)
        options.addWidget(self.preview_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.outcome_table, 1)
        layout.addWidget(self.new_rooms_table)
        layout.addWidget(self.summary_label)
        layout.addLayout(bottom)

    def browse(self) -> None:
        chosen = ask_open_path(
            self, self.ctx.settings, "选择委员名册", "Excel 工作簿 (*.xlsx *.xls);;所有文件 (*)"
        )
        if chosen is not None:
            self.file_edit.setText(str(chosen))
            self.run_preview()

    def _types_changed(self) -> None:
        if self.plan is not None and not self.plan.written:
            self.plan.room_types = self.new_rooms_table.chosen_types()
            self._show_summary(self.plan)

    def _invalidate(self, *_args: object) -> None:
        self.plan = None
        self.import_button.setEnabled(False)

    def _path(self) -> Path | None:
        text = self.file_edit.text().strip()
        if not text:
            QMessageBox.information(self, "导入委员", "请先选择名册文件。")
            return None
        return Path(text)

    def run_preview(self) -> None:
        path = self._path()
        if path is None:
            return
        add = self.add_sectors_check.isChecked()
        types = self.new_rooms_table.chosen_types()  # the clerk's choices survive a new preview
        db = self.ctx.db
        self._start(
            "正在读取名册…",
            lambda progress: preview(
                db, path, add_sectors=add, room_types=types, progress=progress
            ),
        )

    def run_import(self) -> None:
        path = self._path()
        if path is None or self.plan is None:
            return
        add = self.add_sectors_check.isChecked()
        types = self.new_rooms_table.chosen_types()
        db = self.ctx.db
        self._start(
            "正在导入委员…",
            lambda progress: import_roster(
                db, path, add_sectors=add, room_types=types, progress=progress
            ),
        )

    def _start(self, title: str, work) -> None:
        self.preview_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.task = BackgroundTask(self, title, work)
        self.task.finished.connect(self._show_plan)
        self.task.failed.connect(self._failed)
        self.task.start()

    def _show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.preview_button.setEnabled(True)
        self.outcome_model.set_outcomes(plan.outcomes)
        show_outcomes(self.outcome_table, self.outcome_model)
        self.new_rooms_table.set_rooms({} if plan.written else plan.room_types, plan.outcomes)
        self._show_summary(plan)
        self.import_button.setEnabled(
            not plan.written and not plan.has_errors and plan.to_write > 0
        )
        if plan.written:  # new members, and rooms named in the roster that were not there yet
            self.ctx.changed(Changes(members=True, rooms=True))

    def _show_summary(self, plan: ImportPlan) -> None:
        text = plan.summary()
        if plan.unknown_sectors:
            text += "\n如这些界别无误，请勾选“同时新增界别”后重新预览。"
        if plan.ignored_columns:
            text += f"\n未识别、已忽略的列：{'；'.join(plan.ignored_columns)}"
        self.summary_label.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self.preview_button.setEnabled(True)
        self.plan = None
        self.outcome_model.set_outcomes([])
        if isinstance(exc, UserError):
            self.summary_label.setText(exc.message)
        show_error(self, exc, "导入未完成")


def export_roster_interactively(
    ctx: UiContext, parent: QWidget, *, mask_phones: bool = False, active_only: bool = False
) -> Path | None:
    """Ask where to save, write the roster, say how many members went out."""
    suggested = (
        clean_file_name(roster_title(ctx.db) + ("（公示）" if mask_phones else "")) + ".xlsx"
    )
    chosen = ask_save_path(parent, ctx.settings, "导出委员名册", suggested, "Excel 工作簿 (*.xlsx)")
    if chosen is None:
        return None
    name = str(chosen)
    path = Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")

    def export() -> int:
        roster = load_roster(ctx.db, active_only=active_only)
        written = export_roster(roster, path, mask_phones=mask_phones)
        record_roster_export(ctx.db, written, path, mask_phones=mask_phones)
        return written

    count = run_action(
        parent,
        ctx,
        export,
        changes=Changes(audit=not mask_phones),  # full phone numbers go into the 操作日志
        title="导出未完成",
    )
    if count is FAILED:
        return None
    QMessageBox.information(parent, "导出完成", f"已导出 {count} 名委员到：\n{path}")
    return path


class RosterExportPanel(QGroupBox):
    """导出 page panel: 委员名册 (.xlsx), optionally with masked phones for posting."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("委员名册（Excel）", parent)
        self.ctx = ctx
        self.setObjectName("roster_export_panel")
        self.mask_phone_check = QCheckBox("联系电话打码（如 138****1001，用于张贴公示）", self)
        self.mask_phone_check.setObjectName("mask_phone_check")
        self.active_only_check = QCheckBox("只导出在任委员", self)
        self.active_only_check.setObjectName("active_only_check")
        self.export_button = QPushButton("导出名册…", self)
        self.export_button.setObjectName("export_button")
        self.export_button.clicked.connect(self.export)
        self.last_path: Path | None = None
        layout = QHBoxLayout(self)
        layout.addWidget(self.mask_phone_check)
        layout.addWidget(self.active_only_check)
        layout.addStretch(1)
        layout.addWidget(self.export_button)

    def export(self) -> None:
        self.last_path = export_roster_interactively(
            self.ctx,
            self,
            mask_phones=self.mask_phone_check.isChecked(),
            active_only=self.active_only_check.isChecked(),
        )

    def refresh(self) -> None:
        """Nothing cached."""
