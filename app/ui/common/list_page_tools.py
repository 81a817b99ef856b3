"""What the list pages (履职活动, 议题库, 接待来访) share: their buttons, filter boxes, and the dialogs
(kept alive while open, refreshing the page when one saves)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QComboBox, QDialog, QPushButton, QWidget

DialogT = TypeVar("DialogT", bound=QDialog)


def page_button(parent: QWidget, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


def filter_combo(
    parent: QWidget, name: str, first: str, items: Iterable[tuple[str, object]] = ()
) -> QComboBox:
    """A filter box: ``first`` (全部…) means no filter (data None), then ``items``."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.addItem(first, None)
    for text, data in items:
        combo.addItem(text, data)
    return combo


def refill_combo(combo: QComboBox, items: Iterable[tuple[str, object]]) -> None:
    """New choices after the first (全部…), keeping the current choice if it is still there;
    no change signal is sent."""
    current = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


class PageDialogs:
    """The dialogs a page has open: Python keeps them alive while they show, and the page's
    ``refresh`` runs when one of them saves."""

    def __init__(self, refresh: Callable[[], None]) -> None:
        self._refresh = refresh
        self.open_dialogs: list[QDialog] = []

    def _keep(self, dialog: DialogT) -> DialogT:
        self.open_dialogs = [d for d in self.open_dialogs if d.isVisible()] + [dialog]
        return dialog

    def open(self, dialog: DialogT) -> DialogT:
        """Window-modal (``QDialog.open``); the page refreshes when it is accepted."""
        self._keep(dialog).accepted.connect(self._refresh)
        dialog.open()
        return dialog

    def show(self, dialog: DialogT, saved: SignalInstance) -> DialogT:
        """Modeless (a full editor the user may keep open); the page refreshes on ``saved``."""
        saved.connect(lambda *_args: self._refresh())
        self._keep(dialog).show()
        return dialog
