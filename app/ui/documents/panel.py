"""导出 — 会议文件: 活动台账 by year and room; 会议纪要 and 签到表 of a chosen activity."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.exports.files import clean_file_name, write_file
from app.exports.ledger import write_ledger
from app.services.documents import meeting_papers as documents
from app.ui.common.actions import FAILED, run_action
from app.ui.common.errors import show_error
from app.ui.common.file_dialogs import ask_save_path
from app.ui.common.tasks import BackgroundTask, Progress
from app.ui.common.widgets import year_spin
from app.ui.documents.previews import open_minutes_preview, print_signin_sheet
from app.ui.shell.context import UiContext


def _write_ledger_file(path: Path, data: documents.LedgerData, *, progress: Progress) -> Path:
    return write_file(path, lambda temp: write_ledger(temp, data, progress=progress))


ALL = 0  # combo data for "all rooms" / "no activity" (ids start at 1)


class DocumentsExportPanel(QGroupBox):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("会议文件", parent)
        self.setObjectName("documents_export_panel")
        self.ctx = ctx
        self.task: BackgroundTask | None = None
        self.year_spin = year_spin(self)
        self.year_spin.valueChanged.connect(self._load_activities)
        self.room_combo = QComboBox(self)
        self.room_combo.setObjectName("room_combo")
        self.ledger_button = QPushButton("导出活动台账…", self)
        self.ledger_button.setObjectName("ledger_button")
        self.ledger_button.clicked.connect(lambda: self.export_ledger())
        self.activity_combo = QComboBox(self)
        self.activity_combo.setObjectName("activity_combo")
        self.activity_combo.setMinimumWidth(360)
        self.minutes_button = QPushButton("会议纪要…", self)
        self.minutes_button.setObjectName("minutes_button")
        self.minutes_button.clicked.connect(self.open_minutes)
        self.signin_button = QPushButton("签到表…", self)
        self.signin_button.setObjectName("signin_button")
        self.signin_button.clicked.connect(self.open_signin)
        ledger_row = QHBoxLayout()
        ledger_row.addWidget(self.room_combo, 1)
        ledger_row.addWidget(self.ledger_button)
        activity_row = QHBoxLayout()
        activity_row.addWidget(self.activity_combo, 1)
        activity_row.addWidget(self.minutes_button)
        activity_row.addWidget(self.signin_button)
        form = QFormLayout(self)
        form.addRow("年度：", self.year_spin)
        form.addRow("活动台账：", ledger_row)
        form.addRow("履职活动：", activity_row)
        self.refresh()

    def refresh(self) -> None:
        current = self._data(self.room_combo)
        self.room_combo.clear()
        self.room_combo.addItem("全部联络室（汇总表，另每室一张工作表）", ALL)
        for room_id, name in documents.list_rooms(self.ctx.db):
            self.room_combo.addItem(name, room_id)
        index = self.room_combo.findData(current)
        self.room_combo.setCurrentIndex(max(index, 0))
        self._load_activities()

    def _load_activities(self) -> None:
        current = self._data(self.activity_combo)
        self.activity_combo.clear()
        for activity_id, label in documents.list_activities(self.ctx.db, self.year_spin.value()):
            self.activity_combo.addItem(label, activity_id)
        index = self.activity_combo.findData(current)
        self.activity_combo.setCurrentIndex(max(index, 0))
        has = self.activity_combo.count() > 0
        if not has:
            self.activity_combo.addItem("（该年度没有履职活动）", ALL)
        self.minutes_button.setEnabled(has)
        self.signin_button.setEnabled(has)

    @staticmethod
    def _data(combo: QComboBox) -> int:
        """The chosen id, ALL for none (items hold ints, never None)."""
        return int(combo.currentData()) if combo.count() else ALL

    def _activity_id(self) -> int | None:
        return self._data(self.activity_combo) or None

    def open_minutes(self):
        activity_id = self._activity_id()
        return open_minutes_preview(self, self.ctx, activity_id) if activity_id else None

    def open_signin(self):
        activity_id = self._activity_id()
        return print_signin_sheet(self, self.ctx, activity_id) if activity_id else None

    def export_ledger(self, path: Path | None = None) -> BackgroundTask | None:
        year, room_id = self.year_spin.value(), self._data(self.room_combo) or None
        data = run_action(self, self.ctx, lambda: documents.load_ledger(self.ctx.db, year, room_id))
        if data is FAILED:
            return None
        if path is None:
            scope = self.room_combo.currentText() if room_id else "全部联络室"
            name = clean_file_name(f"{scope}{year}年活动台账") + ".xlsx"
            chosen = ask_save_path(
                self, self.ctx.settings, "导出活动台账", name, "Excel 工作簿 (*.xlsx)"
            )
            if chosen is None:
                return None
            path = chosen.with_suffix(".xlsx")
        self.task = BackgroundTask(self, "正在导出活动台账…", _write_ledger_file, path, data)
        self.task.finished.connect(self._ledger_done)
        self.task.failed.connect(lambda exc: show_error(self, exc))
        self.task.start()
        return self.task

    def _ledger_done(self, path: Path) -> None:
        QMessageBox.information(self, "导出完成", f"活动台账已保存为：\n{path}")
