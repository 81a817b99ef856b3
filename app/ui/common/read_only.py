"""Show a form read-only: another unit's record (来自桃园镇) can be read, scrolled, copied and
printed here, not changed. Text stays selectable; choices and buttons inside are disabled."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def make_read_only(widget: QWidget) -> None:
    for edit in widget.findChildren(QLineEdit):
        edit.setReadOnly(True)
    for text in (*widget.findChildren(QTextEdit), *widget.findChildren(QPlainTextEdit)):
        text.setReadOnly(True)
    for spin in widget.findChildren(QAbstractSpinBox):
        spin.setReadOnly(True)
    for view in widget.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    for control in (*widget.findChildren(QComboBox), *widget.findChildren(QAbstractButton)):
        control.setEnabled(False)
