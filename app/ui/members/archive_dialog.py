"""导出履职档案… for one member: choose the year, then where to save the .docx (the same file
as ``export archive MEMBER_ID --year Y``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QMessageBox, QWidget

from app.exports.archive_docx import archive_file_name, export_archive_docx
from app.exports.official_docx import OfficialFonts
from app.services.documents.meeting_papers import font_settings
from app.services.members.registry import MemberRow
from app.services.points.archive import load_archive
from app.ui.common.actions import run_action
from app.ui.common.file_dialogs import ask_save_path
from app.ui.common.widgets import action_cancel_buttons, year_spin
from app.ui.shell.context import UiContext


class MemberArchiveDialog(QDialog):
    def __init__(self, ctx: UiContext, member: MemberRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.member_id = member.id
        self.name = member.name
        who = " · ".join(p for p in (member.name, member.sector, member.work_unit) if p)
        self.written: Path | None = None
        self.setObjectName("member_archive_dialog")
        self.setWindowTitle("导出委员履职档案")
        self.year_spin = year_spin(self)
        self.buttons, self.export_button, self.cancel_button = action_cancel_buttons(
            self, "导出…", "export_button", self.export
        )
        form = QFormLayout(self)
        form.addRow("委员：", QLabel(who, self))
        form.addRow("年度：", self.year_spin)
        form.addRow(QLabel("档案含基本情况、参加的履职活动、履职成果和积分明细（Word 文档）。"))
        form.addRow(self.buttons)

    def export(self) -> None:
        year = self.year_spin.value()
        suggested = archive_file_name(year, self.name, self.member_id)
        chosen = ask_save_path(
            self, self.ctx.settings, "导出委员履职档案", suggested, "Word 文档 (*.docx)"
        )
        if chosen is None:
            return
        path = (
            chosen if chosen.suffix.lower() == ".docx" else chosen.with_name(chosen.name + ".docx")
        )

        def write() -> Path:  # as ``export archive MEMBER_ID --year Y`` does
            archive = load_archive(self.ctx.db, self.member_id, year)
            fonts = OfficialFonts.from_settings(font_settings(self.ctx.db))
            return export_archive_docx(archive, fonts, path)

        def done(written: Path) -> None:
            self.written = written
            QMessageBox.information(self, "导出完成", f"已导出委员履职档案：\n{written}")
            self.accept()

        run_action(
            self,
            self.ctx,
            write,
            title="未能导出",
            success=done,
        )
