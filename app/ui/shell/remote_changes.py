"""Pages follow what other clerks (a server) or other programs (a file) save: every few seconds
the audit log is asked what changed since (app.services.remote_changes, one indexed query; no
change, no signal) and the data-changed signal carries it, so the pages that show those areas
reload as after one's own save — keeping the rows the clerk selected and how far the list was
scrolled, and never while the clerk is typing into one of its cells; an open editor keeps its
input (a save from it meets the stale-record check)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.errors import UserError
from app.services import remote_changes
from app.ui.common.view_place import KeptPlace, is_editing
from app.ui.shell.context import UiContext

POLL_MS = 10_000
RETRY_MS = 1_000  # a page waiting for the clerk to finish a cell looks again this often


class RemoteChangesPoller(QObject):
    def __init__(self, ctx: UiContext, parent: QObject | None = None, interval_ms: int = POLL_MS):
        super().__init__(parent)
        self.setObjectName("remote_changes_poller")
        self.ctx = ctx
        self.marker = remote_changes.latest_marker(ctx.db)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_now)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self._retry)
        self._waiting: tuple[QWidget, Callable[[], None]] | None = None

    def start(self) -> None:
        self.timer.start()

    def check_now(self) -> None:
        """Ask once. A server that does not answer now is asked again at the next tick; the
        clerk's next action shows why."""
        try:
            marker, changes = remote_changes.changes_since(self.ctx.db, self.marker)
        except UserError:
            return
        self.marker = marker
        if changes:
            self.ctx.changed(changes, source=self)

    def refresh_page(self, page: QWidget, refresh: Callable[[], None]) -> None:
        """Reload ``page`` (on screen) for another clerk's change: where the clerk was in its
        lists stays; while a cell is being edited the reload waits."""
        if is_editing(page):
            self._waiting = (page, refresh)
            self.retry_timer.start()
            return
        self._waiting = None
        with KeptPlace(page):
            refresh()

    def _retry(self) -> None:
        if self._waiting is None:
            return
        page, refresh = self._waiting
        if page.isVisible():  # else it reloads when shown again (it is still marked stale)
            self.refresh_page(page, refresh)
        else:
            self._waiting = None
