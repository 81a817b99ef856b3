"""Show a form read-only: another unit's record (来自桃园镇) can be read, scrolled, copied and
printed here, not changed. Text stays selectable; choices and buttons inside are disabled."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QDialog,
    QLabel,
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


def show_as_others(dialog: QDialog, origin: str, close_button: QAbstractButton) -> QLabel:
    """An editor dialog opened on another unit's record (``origin``: 来自桃园镇): every field
    read-only, 保存 disabled, 取消 becomes 关闭, a line at the top says why."""
    make_read_only(dialog)
    close_button.setEnabled(True)
    close_button.setText("关闭")
    note = QLabel(f"{origin}：只能查看，不能修改。", dialog)
    note.setObjectName("origin_label")
    layout = dialog.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(0, note)
    dialog.setWindowTitle(f"{dialog.windowTitle()}（{origin}，只读）")
    return note
