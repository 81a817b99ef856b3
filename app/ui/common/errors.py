"""Showing errors: a UserError's own Chinese message, or for a bug a short apology and the log path."""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import UserError


def show_error(parent: QWidget | None, exc: BaseException, title: str = "操作未完成") -> None:
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, title, exc.message)
        return
    from app.bug_log import log_bug  # logging loads when a bug happens, not at start-up

    path = log_bug(exc)
    QMessageBox.critical(
        parent,
        "程序出错",
        f"很抱歉，程序出现了意外错误，您的数据未受影响。\n错误详情已记录到：\n{path}",
    )


def report_bug(exc: BaseException) -> None:
    """Hand a bug caught in a slot to the installed handler, as if it had escaped the slot: in the
    app that logs the traceback and apologises; under pytest-qt it fails the test."""
    sys.excepthook(type(exc), exc, exc.__traceback__)


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    parent = QApplication.activeWindow()
    show_error(parent, exc)


def install_excepthook() -> None:
    """Any exception escaping a slot ends here instead of killing the program."""
    sys.excepthook = _excepthook
