"""设置 → 本单位: who this database is (name, 乡镇 / 县), set once; packages need it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.services.changes import Changes
from app.services.exchange import identity
from app.ui.common.actions import FAILED, run_action
from app.ui.shell.context import UiContext


class IdentityTab(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("identity_tab")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("name_edit")
        self.name_edit.setPlaceholderText("如 桃园镇、某某县政协")
        self.level_combo = QComboBox(self)
        self.level_combo.setObjectName("level_combo")
        for level, label in identity.LEVELS.items():
            self.level_combo.addItem(label, level)
        self.save_button = QPushButton("保存", self)
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self.save)
        self.id_label = QLabel(self)
        self.id_label.setObjectName("id_label")
        self.id_label.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("单位名称：", self.name_edit)
        form.addRow("单位层级：", self.level_combo)
        form.addRow("", self.save_button)
        form.setAlignment(self.save_button, Qt.AlignmentFlag.AlignLeft)  # a button, not a bar
        form.addRow("", self.id_label)
        self.refresh()

    def refresh(self) -> None:
        ident = identity.get_identity(self.ctx.db)
        if ident is None:
            self.id_label.setText(
                "尚未设置本单位。导出或导入数据包前请先设置（只需设置一次）；"
                "督办台账、委员名册、统计表的标题也会写上本单位名称。"
            )
            return
        self.name_edit.setText(ident.name)
        self.level_combo.setCurrentIndex(self.level_combo.findData(ident.level))
        self.id_label.setText(
            f"本单位：{ident.name}（{ident.level_label}）。标识 {ident.sender_id}"
            "（改名不影响标识，县政协据此认出本单位的数据包）"
        )

    def save(self) -> None:
        name, level = self.name_edit.text(), self.level_combo.currentData()
        done = run_action(
            self,
            self.ctx,
            lambda: identity.set_identity(self.ctx.db, name, level),
            changes=Changes(settings=True),
            title="本单位未保存",
        )
        if done is not FAILED:
            self.refresh()
