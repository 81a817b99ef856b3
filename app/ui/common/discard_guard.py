"""Escape, 取消 or the window's close button on an edited dialog asks before throwing the edits away.

``DiscardGuardDialog`` remembers what every input field of the dialog holds when it has been
filled (``mark_clean``, called at the end of ``__init__``); ``reject`` — what Escape, a 取消
button and the title bar's close all call — then asks 放弃修改？ when any field differs.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)


def _in_compound_field(child: QWidget, dialog: QDialog) -> bool:
    """Inside a widget that states its own value (a member checklist's search box is not a
    field; its ticks are)."""
    parent = child.parentWidget()
    while parent is not None and parent is not dialog:
        if callable(getattr(parent, "field_value", None)):
            return True
        parent = parent.parentWidget()
    return False


def field_values(dialog: QDialog) -> list[Any]:
    """What the clerk can have changed, field by field, in a fixed order. A compound widget
    (such as the member checklist) says what it holds through ``field_value()``."""
    values: list[Any] = []
    for child in dialog.findChildren(QWidget):  # in creation order
        if _in_compound_field(child, dialog):
            continue
        field_value = getattr(child, "field_value", None)
        if callable(field_value):
            values.append(field_value())
        elif isinstance(child, QLineEdit):
            if isinstance(child.parent(), QComboBox | QAbstractSpinBox):
                continue  # the line edit inside another field
            values.append(child.text())
        elif isinstance(child, QPlainTextEdit | QTextEdit):
            values.append(child.toPlainText())
        elif isinstance(child, QComboBox):
            values.append(child.currentText())
        elif isinstance(child, QSpinBox):
            values.append(child.value())
        elif isinstance(child, QDateTimeEdit):
            values.append(child.dateTime().toString())
        elif isinstance(child, QAbstractButton) and child.isCheckable():
            values.append(child.isChecked())
    return values


class DiscardGuardDialog(QDialog):
    clean_values: list[Any] | None = None

    def mark_clean(self) -> None:
        self.clean_values = field_values(self)

    def has_edits(self) -> bool:
        return self.clean_values is not None and field_values(self) != self.clean_values

    def reject(self) -> None:
        if self.has_edits():
            answer = QMessageBox.question(
                self,
                "放弃修改",
                "填写的内容还没有保存。确定放弃这些修改吗？",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_edits():
            event.ignore()
            self.reject()  # asks; closes when the clerk discards
            return
        super().closeEvent(event)

    def accept(self) -> None:
        self.clean_values = None  # saved: nothing to ask about
        super().accept()
