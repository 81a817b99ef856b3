"""会议纪要 preview and 签到表 printing, opened from the 履职活动 page or the 导出 page.

``open_minutes_preview(parent, ctx, activity_id)`` and ``print_signin_sheet(parent, ctx,
activity_id)`` show a window and return it (None when the activity cannot be read — the user has
been told why).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.exports.files import clean_file_name, write_file
from app.exports.minutes import minutes_blocks, minutes_title, write_minutes
from app.exports.official_docx import FONT_KEYS, FONT_LABELS, Block, OfficialFonts, TableBlock
from app.exports.signin import signin_blocks, signin_title, write_signin_docx, write_signin_xlsx
from app.services.documents import meeting_papers as documents
from app.ui.common.actions import FAILED, run_action
from app.ui.common.file_dialogs import ask_save_path
from app.ui.common.print_preview import OwnPrinterPreviewDialog
from app.ui.documents.paint import PageMetrics, blocks_from_document, build_document, paint_pages
from app.ui.shell.context import UiContext


def missing_fonts(fonts: OfficialFonts) -> list[str]:
    """The configured 公文 fonts this computer does not have (Word will substitute them)."""
    installed = set(QFontDatabase.families())
    return [
        f"{FONT_LABELS[key]}：{getattr(fonts, key)}"
        for key in FONT_KEYS
        if getattr(fonts, key) not in installed
    ]


def _fonts(ctx: UiContext) -> OfficialFonts:
    return OfficialFonts.from_settings(documents.font_settings(ctx.db))


class MinutesPreviewDialog(QDialog):
    """An editable A4 preview of the 会议纪要; prints it or saves it as Word, edits included."""

    def __init__(self, ctx: UiContext, data: documents.MinutesData, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("minutes_preview_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.data = data
        self.fonts = _fonts(ctx)
        self.setWindowTitle(f"会议纪要预览 — {minutes_title(data)}")
        self.minutes_edit = QTextEdit(self)
        self.minutes_edit.setObjectName("minutes_edit")
        self.minutes_edit.setAcceptRichText(False)
        self.print_button = QPushButton("打印预览…", self)
        self.print_button.setObjectName("print_button")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(self.show_print_preview)
        self.save_word_button = QPushButton("保存为 Word…", self)
        self.save_word_button.setObjectName("save_word_button")
        self.save_word_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_word_button.clicked.connect(lambda: self.save_word())
        self.reset_button = QPushButton("按记录重新生成", self)
        self.reset_button.setObjectName("reset_button")
        self.reset_button.clicked.connect(self.reset_from_record)
        self.close_button = QPushButton("关闭", self)
        self.close_button.setObjectName("close_button")
        self.close_button.clicked.connect(self.close)
        missing = missing_fonts(self.fonts)
        self.font_warning_label = QLabel(self)
        self.font_warning_label.setObjectName("font_warning_label")
        self.font_warning_label.setWordWrap(True)
        self.font_warning_label.setStyleSheet("color: #b45309;")
        self.font_warning_label.setText(
            "本机未安装以下字体，预览用相近字体显示，Word 中将自动替代（可在“设置—公文格式”中更改）："
            + "；".join(missing)
            if missing
            else ""
        )
        self.font_warning_label.setVisible(bool(missing))
        hint = QLabel("可直接在下方修改纪要文字；打印和保存为 Word 时使用修改后的内容。", self)
        buttons = QHBoxLayout()
        for button in (self.reset_button, self.print_button, self.save_word_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.font_warning_label)
        layout.addWidget(self.minutes_edit, 1)
        layout.addLayout(buttons)
        self.reset_from_record()
        metrics = PageMetrics(self.logicalDpiX())
        self.resize(int(metrics.page_w) + 60, 820)

    def reset_from_record(self) -> None:
        dpi = self.minutes_edit.logicalDpiY()
        metrics = PageMetrics(dpi)
        document = build_document(minutes_blocks(self.data), self.fonts, dpi, paginate=False)
        frame = document.rootFrame().frameFormat()
        frame.setLeftMargin(metrics.left)
        frame.setRightMargin(metrics.right)
        frame.setTopMargin(metrics.top)
        frame.setBottomMargin(metrics.bottom)
        document.rootFrame().setFrameFormat(frame)
        document.setTextWidth(metrics.page_w)
        document.setParent(self.minutes_edit)
        self.minutes_edit.setDocument(document)
        self.minutes_edit.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self.minutes_edit.setLineWrapColumnOrWidth(int(metrics.page_w))

    def blocks(self) -> list[Block | TableBlock]:
        return blocks_from_document(self.minutes_edit.document())

    def paint(self, printer: QPrinter) -> int:
        return paint_pages(printer, self.blocks(), self.fonts)

    def show_print_preview(self) -> QPrintPreviewDialog:
        preview = OwnPrinterPreviewDialog(self, "打印预览 — 会议纪要")
        preview.setObjectName("print_preview_dialog")
        preview.paintRequested.connect(self.paint)
        preview.open()
        return preview

    def save_word(self, path: Path | None = None) -> Path | None:
        if path is None:
            name = (
                clean_file_name(f"{minutes_title(self.data)}（{self.data.start_at:%Y%m%d}）")
                + ".docx"
            )
            path = ask_save_path(
                self, self.ctx.settings, "保存会议纪要", name, "Word 文档 (*.docx)"
            )
            if path is None:
                return None
        if path.suffix.lower() != ".docx":
            path = path.with_suffix(".docx")
        blocks = self.blocks()
        written = run_action(
            self,
            self.ctx,
            lambda: write_file(path, lambda temp: write_minutes(temp, blocks, self.fonts)),
        )
        if written is FAILED:
            return None
        QMessageBox.information(self, "已保存", f"会议纪要已保存为：\n{path}")
        return path


class SignInPreviewDialog(OwnPrinterPreviewDialog):
    """The print preview of the 签到表, with 保存为 Word / 保存为 Excel on its tool bar."""

    def __init__(self, ctx: UiContext, data: documents.SignInData, parent: QWidget | None) -> None:
        super().__init__(parent, f"签到表 — {data.title}")
        self.setObjectName("signin_preview_dialog")
        self.ctx = ctx
        self.data = data
        self.fonts = _fonts(ctx)
        self.paintRequested.connect(self.paint)
        toolbar = self.findChild(QToolBar)
        self.save_word_action = QAction("保存为 Word…", self)
        self.save_word_action.setObjectName("save_word_action")
        self.save_word_action.triggered.connect(lambda: self.save("docx"))
        self.save_excel_action = QAction("保存为 Excel…", self)
        self.save_excel_action.setObjectName("save_excel_action")
        self.save_excel_action.triggered.connect(lambda: self.save("xlsx"))
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.save_word_action)
            toolbar.addAction(self.save_excel_action)
        else:  # pragma: no cover - Qt always has the tool bar
            self.addAction(self.save_word_action)
            self.addAction(self.save_excel_action)

    def paint(self, printer: QPrinter) -> int:
        return paint_pages(printer, signin_blocks(self.data), self.fonts)

    def save(self, kind: str, path: Path | None = None) -> Path | None:
        if path is None:
            name = clean_file_name(f"{signin_title(self.data)}（{self.data.start_at:%Y%m%d}）")
            filter_text = "Word 文档 (*.docx)" if kind == "docx" else "Excel 工作簿 (*.xlsx)"
            path = ask_save_path(
                self, self.ctx.settings, "保存签到表", f"{name}.{kind}", filter_text
            )
            if path is None:
                return None
        path = path.with_suffix(f".{kind}")
        data, fonts = self.data, self.fonts
        if kind == "docx":
            written = run_action(
                self,
                self.ctx,
                lambda: write_file(path, lambda t: write_signin_docx(t, data, fonts)),
            )
        else:
            written = run_action(
                self, self.ctx, lambda: write_file(path, lambda t: write_signin_xlsx(t, data))
            )
        if written is FAILED:
            return None
        QMessageBox.information(self, "已保存", f"签到表已保存为：\n{path}")
        return path


def open_minutes_preview(
    parent: QWidget | None, ctx: UiContext, activity_id: int
) -> MinutesPreviewDialog | None:
    data = run_action(parent, ctx, lambda: documents.load_minutes(ctx.db, activity_id))
    if data is FAILED:
        return None
    dialog = MinutesPreviewDialog(ctx, data, parent)
    dialog.show()
    return dialog


def print_signin_sheet(
    parent: QWidget | None, ctx: UiContext, activity_id: int
) -> SignInPreviewDialog | None:
    data = run_action(parent, ctx, lambda: documents.load_signin(ctx.db, activity_id))
    if data is FAILED:
        return None
    dialog = SignInPreviewDialog(ctx, data, parent)
    dialog.open()
    return dialog
