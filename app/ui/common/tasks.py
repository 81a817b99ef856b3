"""Slow work off the UI thread, with a progress dialog that can be cancelled.

The work function gets a ``Progress`` to report on and to ask whether the user cancelled; it
must never touch widgets. Its result (or exception) comes back by signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import UserError


class Cancelled(UserError):
    def __init__(self) -> None:
        super().__init__("操作已取消，未做任何修改。")


class Progress:
    """Handed to the work function: ``step(done, total, text)``; raises Cancelled when asked."""

    def __init__(self, signal: Signal) -> None:
        self._signal = signal
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def step(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._signal.emit(done, total, text)


class _Worker(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, func: Callable[..., Any], args: tuple) -> None:
        super().__init__()
        self._func = func
        self._args = args
        self.progress = Progress(self.progressed)

    def run(self) -> None:
        try:
            result = self._func(*self._args, progress=self.progress)
        except BaseException as exc:  # handed back to the UI thread
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class BackgroundTask(QObject):
    """Runs ``func(*args, progress=…)`` in a QThread behind a modal QProgressDialog."""

    finished = Signal(object)  # the result
    failed = Signal(object)  # the exception (Cancelled when the user cancelled)

    def __init__(self, parent: QWidget, title: str, func: Callable[..., Any], *args: Any) -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(title, "取消", 0, 0, parent)
        self.dialog.setObjectName("progress_dialog")
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(500)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self._thread = QThread(self)
        self._worker = _Worker(func, args)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.succeeded.connect(self._on_success)
        self._worker.failed.connect(self._on_failure)
        self.dialog.canceled.connect(self._worker.progress.cancel)

    def start(self) -> None:
        self._thread.start()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(done)
        if text:
            self.dialog.setLabelText(text)

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.dialog.close()

    def _on_success(self, result: object) -> None:
        self._finish()
        self.finished.emit(result)

    def _on_failure(self, exc: object) -> None:
        self._finish()
        self.failed.emit(exc)
