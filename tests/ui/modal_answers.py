"""Answer the modal dialogs a click opens, as the clerk would: wait for the dialog named
``dialog_name`` to be the active modal window, note its text, click its button ``button_name``.

Modal dialogs run their own event loop inside the click, so the answer is scheduled before the
click (a timer that looks again every 10 ms while the click's dialog is not up yet)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox

TRIES = 500  # 5 s: a dialog that never appears leaves the test to fail on what it expected


def answer(qtbot, answers: list[tuple[str, str]], seen: list[str]) -> None:
    """``answers``: (dialog objectName, button objectName) in the order the dialogs appear;
    ``seen`` receives each answered dialog's text."""
    if not answers:
        return
    (dialog_name, button_name), rest = answers[0], answers[1:]
    tries = [0]

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != dialog_name:
            tries[0] += 1
            if tries[0] < TRIES:
                QTimer.singleShot(10, attempt)
            elif isinstance(
                dialog, QDialog
            ):  # another dialog: closed, so the test fails, not hangs
                seen.append(f"unexpected {dialog.objectName()}")
                dialog.reject()
            return
        seen.append(dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle())
        answer(qtbot, rest, seen)  # the next dialog opens from this click
        button = dialog.findChild(QAbstractButton, button_name)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, attempt)
