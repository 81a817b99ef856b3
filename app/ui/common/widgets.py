"""Small widget builders every dialog and panel uses the same way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)
from shiboken6 import isValid


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
    """保存 / 取消 buttons: 保存 (and Ctrl+S, as in every other editor) calls ``on_save`` (which
    accepts when it succeeds); a greyed 保存 (another unit's record) ignores Ctrl+S too."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setObjectName("save_button")
    save.setText("保存")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    QShortcut(QKeySequence.StandardKey.Save, dialog, activated=save.click)
    return buttons, save


def action_cancel_buttons(
    dialog: QDialog, text: str, name: str, on_action: Callable[[], None]
) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """An action button (``text``, objectName ``name``) and 取消 (``cancel_button``): the action
    calls ``on_action`` (which accepts when it succeeds), 取消 rejects."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    action = buttons.button(QDialogButtonBox.StandardButton.Ok)
    action.setObjectName(name)
    action.setText(text)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setObjectName("cancel_button")
    cancel.setText("取消")
    buttons.accepted.connect(on_action)
    buttons.rejected.connect(dialog.reject)
    return buttons, action, cancel


def enable_with_selection(view: QAbstractItemView, *buttons: QAbstractButton) -> None:
    """``buttons`` act on the selected row: they are enabled only while one is selected."""

    def update(*_args: object) -> None:
        if not isValid(view):  # an item widget's model empties itself as the view is destroyed
            return
        selection = view.selectionModel()
        chosen = selection is not None and selection.hasSelection()
        for button in buttons:
            if isValid(button):
                button.setEnabled(chosen)

    selection = view.selectionModel()
    if selection is not None:
        selection.selectionChanged.connect(update)
    model = view.model()
    if model is not None:
        model.modelReset.connect(update)
        model.rowsRemoved.connect(update)
        model.rowsInserted.connect(update)
    update()


def ask_either(
    parent: QWidget | None,
    name: str,
    text: str,
    first: tuple[str, str],
    second: tuple[str, str],
    *,
    informative: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> bool:
    """A message box (objectName ``name``) with two named buttons, (text, objectName) each, the
    first the default; True when the clerk chose the first."""
    from app import APP_NAME

    box = QMessageBox(icon, APP_NAME, text, parent=parent)
    box.setObjectName(name)
    if informative:
        box.setInformativeText(informative)
    chosen = box.addButton(first[0], QMessageBox.ButtonRole.AcceptRole)
    chosen.setObjectName(first[1])
    other = box.addButton(second[0], QMessageBox.ButtonRole.RejectRole)
    other.setObjectName(second[1])
    box.setDefaultButton(chosen)
    box.exec()
    answer = box.clickedButton() is chosen
    box.deleteLater()
    return answer
