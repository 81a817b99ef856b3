"""Small widget builders every dialog and panel uses the same way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QSpinBox, QWidget


def year_spin(parent: QWidget) -> QSpinBox:
    """A 年度 box starting at this year (objectName ``year_spin``)."""
    spin = QSpinBox(parent)
    spin.setObjectName("year_spin")
    spin.setRange(2000, 2100)
    spin.setValue(date.today().year)
    spin.setSuffix(" 年")
    spin.setMaximumWidth(120)
    return spin


def save_cancel_buttons(
    dialog: QDialog, on_save: Callable[[], None]
) -> tuple[QDialogButtonBox, QPushButton]:
    """保存 / 取消 buttons: 保存 calls ``on_save`` (which accepts when it succeeds)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setObjectName("save_button")
    save.setText("保存")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons, save
