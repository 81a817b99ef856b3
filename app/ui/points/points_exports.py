"""Starting the points exports (统计表, all members' 履职档案) from any page; shared by the
积分 page and the 导出 page so both behave the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from app.db import Database
from app.exports.archive_docx import export_all_archives
from app.exports.official_docx import OfficialFonts
from app.exports.points_xlsx import default_file_name, export_points_xlsx
from app.services.changes import Changes
from app.services.documents.meeting_papers import font_settings
from app.services.points.archive import load_year_archives
from app.services.points.current import RECALCULATED_NOTE, ensure_current
from app.services.points.statistics import load_points_table
from app.ui.common.errors import show_error
from app.ui.common.file_dialogs import ask_folder, ask_save_path
from app.ui.common.tasks import BackgroundTask, Cancelled, Progress
from app.ui.common.widgets import year_spin
from app.ui.shell.context import UiContext


def _export_table(db: Database, year: int, path: Path, *, progress: Progress) -> tuple[Path, bool]:
    """In the worker thread: read the year's figures (recalculated first when they are not
    current), then write them. Returns the file and whether 重新计算 ran."""
    progress.step(0, 2, "正在汇总积分…")
    table = load_points_table(db, year, progress)
    return export_points_xlsx(table, path, progress), table.recalculated


def _export_archives(
    db: Database, year: int, folder: Path, *, progress: Progress
) -> tuple[list[Path], bool]:
    """In the worker thread: the year's points made current, its archives (the ranking read
    once), then one file each. Returns the files and whether 重新计算 ran."""
    recalculated = ensure_current(db, year, progress)
    progress.step(0, 0, "正在汇总委员履职档案…")
    fonts = OfficialFonts.from_settings(font_settings(db))
    return export_all_archives(load_year_archives(db, year), fonts, folder, progress), recalculated


def _changed(ctx: UiContext, recalculated: Callable[[], None] | None) -> None:
    ctx.changed(Changes(points=True))
    if recalculated is not None:
        recalculated()


def start_table_export(
    parent: QWidget,
    ctx: UiContext,
    year: int,
    report: Callable[[str], None],
    recalculated: Callable[[], None] | None = None,
) -> BackgroundTask | None:
    """``report`` hears how it went; ``recalculated`` runs first when the year was recalculated
    before the export (the 积分 page shows the new figures)."""
    chosen = ask_save_path(
        parent, ctx.settings, "导出履职积分统计表", default_file_name(year), "Excel 文件 (*.xlsx)"
    )
    if chosen is None:
        return None
    path = str(chosen)
    task = BackgroundTask(
        parent, "正在导出履职积分统计表…", _export_table, ctx.db, year, Path(path)
    )

    def finished(result: tuple[Path, bool]) -> None:
        written, ran = result
        if ran:
            _changed(ctx, recalculated)
        report((RECALCULATED_NOTE if ran else "") + f"已导出统计表：{written}")

    task.finished.connect(finished)
    task.failed.connect(lambda exc: show_error(parent, exc, "未能导出"))
    task.start()
    return task


def start_archives_export(
    parent: QWidget,
    ctx: UiContext,
    year: int,
    report: Callable[[str], None],
    recalculated: Callable[[], None] | None = None,
) -> BackgroundTask | None:
    """As start_table_export, for every member's 履职档案 into a folder."""
    folder = ask_folder(parent, ctx.settings, "选择保存履职档案的文件夹")
    if folder is None:
        return None
    task = BackgroundTask(
        parent, "正在导出委员履职档案…", _export_archives, ctx.db, year, Path(folder)
    )

    def finished(result: tuple[list[Path], bool]) -> None:
        paths, ran = result
        if ran:
            _changed(ctx, recalculated)
        note = RECALCULATED_NOTE if ran else ""
        report(note + f"已导出 {len(paths)} 份委员履职档案到 {folder}")

    task.finished.connect(finished)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            report("已取消批量导出；已导出的文件保留在所选文件夹中。")
        else:
            show_error(parent, exc, "未能导出")

    task.failed.connect(failed)
    task.start()
    return task


class PointsExportPanel(QGroupBox):
    """导出 — 履职积分: the year's 统计表 and every member's 履职档案."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("履职积分", parent)
        self.setObjectName("points_export_panel")
        self.ctx = ctx
        self.task: BackgroundTask | None = None
        self.year_spin = year_spin(self)
        self.table_button = QPushButton("导出履职积分统计表…", self)
        self.table_button.setObjectName("table_button")
        self.table_button.clicked.connect(self.export_table)
        self.archives_button = QPushButton("批量导出委员履职档案…", self)
        self.archives_button.setObjectName("archives_button")
        self.archives_button.clicked.connect(self.export_archives)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        row = QHBoxLayout()
        row.addWidget(self.table_button)
        row.addWidget(self.archives_button)
        row.addStretch(1)
        form = QFormLayout(self)
        form.addRow("年度：", self.year_spin)
        form.addRow("", row)
        form.addRow("", self.status_label)

    def export_table(self) -> None:
        self.task = start_table_export(
            self, self.ctx, self.year_spin.value(), self.status_label.setText
        )

    def export_archives(self) -> None:
        self.task = start_archives_export(
            self, self.ctx, self.year_spin.value(), self.status_label.setText
        )

    def refresh(self) -> None:
        """Nothing cached: the files are built from the database when asked for."""
