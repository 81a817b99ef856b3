"""导出 — 年度工作统计: the year's statistics as Word or Excel, and a quarter's 季度汇总 (the files
``export yearly`` and ``export quarterly`` write)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from app.exports.official_docx import OfficialFonts
from app.exports.statistics_docx import export_year_docx
from app.exports.statistics_xlsx import export_quarter_xlsx, export_year_xlsx
from app.services.documents.meeting_papers import font_settings
from app.services.statistics.period import QUARTER_NAMES
from app.services.statistics.report import quarter_report, year_report
from app.ui.common.actions import FAILED, run_action, with_wait_cursor
from app.ui.common.file_dialogs import ask_save_path
from app.ui.common.list_page_tools import page_button
from app.ui.common.widgets import year_spin
from app.ui.shell.context import UiContext

FILTERS = {".docx": "Word 文档 (*.docx)", ".xlsx": "Excel 文件 (*.xlsx)"}


class StatisticsExportPanel(QGroupBox):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("年度工作统计", parent)
        self.setObjectName("statistics_export_panel")
        self.ctx = ctx
        self.year_spin = year_spin(self)
        self.quarter_combo = QComboBox(self)
        self.quarter_combo.setObjectName("quarter_combo")
        for number, name in enumerate(QUARTER_NAMES, start=1):
            self.quarter_combo.addItem(name, number)
        self.quarter_combo.setCurrentIndex((date.today().month - 1) // 3)
        self.year_word_button = page_button(
            self, "year_word_button", "年度工作统计（Word）…", lambda: self.export_year(".docx")
        )
        self.year_excel_button = page_button(
            self, "year_excel_button", "年度工作统计（Excel）…", lambda: self.export_year(".xlsx")
        )
        self.quarter_button = page_button(
            self, "quarter_button", "季度汇总（Excel）…", lambda: self.export_quarter()
        )
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        row = QHBoxLayout()
        row.addWidget(self.year_word_button)
        row.addWidget(self.year_excel_button)
        row.addSpacing(16)
        row.addWidget(self.quarter_combo)
        row.addWidget(self.quarter_button)
        row.addStretch(1)
        form = QFormLayout(self)
        form.addRow("年度：", self.year_spin)
        form.addRow("", row)
        form.addRow("", self.status_label)

    def _write(self, name: str, suffix: str, write: Callable[[Path], Path], path: Path | None):
        if path is None:
            path = ask_save_path(
                self, self.ctx.settings, f"导出{name}", name + suffix, FILTERS[suffix]
            )
            if path is None:
                return None
        path = path.with_suffix(suffix)
        written = run_action(self, self.ctx, with_wait_cursor(lambda: write(path)))
        if written is FAILED:
            return None
        self.status_label.setText(f"已导出{name}：{written}")
        return written

    def export_year(self, suffix: str, path: Path | None = None) -> Path | None:
        year = self.year_spin.value()
        db = self.ctx.db

        def write(target: Path) -> Path:
            report = year_report(db, year)
            if suffix == ".docx":
                return export_year_docx(
                    report, OfficialFonts.from_settings(font_settings(db)), target
                )
            return export_year_xlsx(report, target)

        return self._write(f"{year}年度工作统计", suffix, write, path)

    def export_quarter(self, path: Path | None = None) -> Path | None:
        year, number = self.year_spin.value(), self.quarter_combo.currentData()
        db = self.ctx.db
        name = f"{year}年{QUARTER_NAMES[number - 1]}工作汇总"
        return self._write(
            name, ".xlsx", lambda t: export_quarter_xlsx(quarter_report(db, year, number), t), path
        )

    def refresh(self) -> None:
        """Nothing cached: the files are built from the database when asked for."""
