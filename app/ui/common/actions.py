"""One way to run a user action from a slot: call the service; a UserError is shown in the
usual Chinese dialog, anything else goes to the bug handler; on success the data-changed signal
carries what changed. Slots call ``run_action`` instead of writing their own try/except."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Final, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.errors import StaleRecordError, UserError
from app.services.changes import NOTHING, Changes
from app.ui.common.errors import report_bug, show_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.ui.shell.context import UiContext

T = TypeVar("T")


class Failed(Enum):
    """What ``run_action`` returns when the action did not happen (the user has been told).
    A marker of its own, not None: a service may well return None on success."""

    FAILED = "failed"

    def __bool__(self) -> bool:
        raise TypeError("test the result of run_action with `is FAILED`, not its truth")


FAILED: Final = Failed.FAILED


def with_wait_cursor(call: Callable[[], T]) -> Callable[[], T]:
    """``call`` under the hourglass, restored before any message about how it went."""

    def wrapped() -> T:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return call()
        finally:
            QApplication.restoreOverrideCursor()

    return wrapped


def run_action(
    parent: QWidget | None,
    ctx: UiContext,
    call: Callable[[], T],
    *,
    changes: Changes = NOTHING,
    title: str = "操作未完成",
    success: Callable[[T], object] | None = None,
    failed: Callable[[], object] | None = None,
    handle_user_error: Callable[[UserError], bool] | None = None,
    reload: Callable[[], object] | None = None,
) -> T | Failed:
    """Run ``call``; its result, or ``FAILED`` when it raised.

    ``changes`` is what the action changes when ``call`` returns something else (a new id); a
    ``Changes`` that ``call`` returns is added to it. Nothing changed, no signal (a file written,
    a preview opened). ``success(result)`` runs after the signal. On failure ``failed()`` runs
    first (e.g. a status line saying "未保存"); ``handle_user_error`` may show a UserError beside
    the field it names and return True, then no dialog appears. A dialog calling this stays open
    with its input on failure, since nothing after the call runs. ``reload`` (an editor's): a save
    refused because another clerk saved first offers 重新载入 / 取消 (stale_dialog), and
    ``reload()`` runs when the clerk chooses to reload.
    """
    try:
        result = call()
    except UserError as exc:
        if failed is not None:
            failed()
        if reload is not None and isinstance(exc, StaleRecordError):
            from app.ui.common.stale_dialog import offer_reload

            offer_reload(parent, exc, reload)
        elif handle_user_error is None or not handle_user_error(exc):
            show_error(parent, exc, title)
        return FAILED
    except Exception as exc:  # a bug: to the bug handler; the slot carries on
        if failed is not None:
            failed()
        report_bug(exc)
        return FAILED
    if isinstance(result, Changes):
        changes = changes | result
    ctx.changed(changes)
    if success is not None:
        success(result)
    return result
