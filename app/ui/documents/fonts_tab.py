"""设置 — 公文格式: the font names the Word documents ask for, with a warning for fonts this
computer does not have (Word then substitutes: 仿宋_GB2312 → 仿宋, 方正小标宋简体 → 宋体), and
where the 会议纪要 lists 出席/请假/列席 (GB/T 9704 §10.3, or the header block some offices keep)."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.exports.official_docx import FONT_KEYS, FONT_LABELS
from app.services.documents import meeting_papers as documents
from app.ui.common.actions import FAILED, run_action
from app.ui.shell.context import UiContext

COMMON_FONTS = (
    "方正小标宋简体",
    "华文中宋",
    "宋体",
    "仿宋_GB2312",
    "仿宋",
    "黑体",
    "楷体_GB2312",
    "楷体",
)
MISSING_TEXT = "本机未安装此字体，Word 打开时将用相近字体代替"


class FontsTab(QWidget):
    """Choose the 标题/正文/一级标题/二级标题/页码 fonts of every Word document."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.installed = set(QFontDatabase.families())
        self.combos: dict[str, QComboBox] = {}
        self.warnings: dict[str, QLabel] = {}
        form = QFormLayout()
        choices = list(COMMON_FONTS) + sorted(self.installed - set(COMMON_FONTS))
        for key in FONT_KEYS:
            combo = QComboBox(self)
            combo.setObjectName(f"{key}_font_combo")
            combo.setEditable(True)
            combo.addItems(choices)
            combo.setMinimumWidth(220)
            combo.currentTextChanged.connect(self._update_warnings)
            warning = QLabel(self)
            warning.setObjectName(f"{key}_warning_label")
            warning.setStyleSheet("color: #b45309;")
            row = QHBoxLayout()
            row.addWidget(combo)
            row.addWidget(warning, 1)
            form.addRow(f"{FONT_LABELS[key]}：", row)
            self.combos[key] = combo
            self.warnings[key] = warning
        self.attendance_place_combo = QComboBox(self)
        self.attendance_place_combo.setObjectName("attendance_place_combo")
        for key, text in documents.ATTENDANCE_PLACES.items():
            self.attendance_place_combo.addItem(text, key)
        minutes_form = QFormLayout()
        minutes_form.addRow("会议纪要的出席、请假、列席名单：", self.attendance_place_combo)
        self.save_button = QPushButton("保存设置", self)
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self.save)
        note = QLabel(
            "会议纪要、签到表等 Word 文件按 GB/T 9704 使用以下字体。单位电脑没有仿宋_GB2312 或"
            "方正小标宋简体时，可改为“仿宋”“宋体”。",
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(minutes_form)
        layout.addWidget(self.save_button)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        values = documents.font_settings(self.ctx.db)
        for key, combo in self.combos.items():
            combo.setCurrentText(values.get(f"fonts.{key}", ""))
        place = self.attendance_place_combo.findData(documents.attendance_place(self.ctx.db))
        self.attendance_place_combo.setCurrentIndex(max(0, place))
        self._update_warnings()

    def _update_warnings(self) -> None:
        for key, combo in self.combos.items():
            missing = combo.currentText().strip() not in self.installed
            self.warnings[key].setText(MISSING_TEXT if missing else "")

    def missing(self) -> list[str]:
        return [key for key, label in self.warnings.items() if label.text()]

    def save(self) -> None:
        values = {f"fonts.{key}": combo.currentText() for key, combo in self.combos.items()}
        values[documents.ATTENDANCE_KEY] = self.attendance_place_combo.currentData()
        saved = run_action(
            self, self.ctx, lambda: documents.save_font_settings(self.ctx.db, values)
        )
        if saved is FAILED:
            return
        QMessageBox.information(
            self, "已保存", "公文格式已保存，之后生成的会议纪要等文件将按此排版。"
        )
