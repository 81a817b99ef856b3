"""Pages follow what other clerks save on a shared server database: every few seconds the
audit log is asked what changed since (app.services.remote_changes) and the data-changed signal
carries it, so the pages that show those areas reload as after one's own save."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from app.errors import UserError
from app.services import remote_changes
from app.ui.shell.context import UiContext

POLL_MS = 10_000


class RemoteChangesPoller(QObject):
    def __init__(self, ctx: UiContext, parent: QObject | None = None, interval_ms: int = POLL_MS):
        super().__init__(parent)
        self.setObjectName("remote_changes_poller")
        self.ctx = ctx
        self.marker = remote_changes.latest_marker(ctx.db)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_now)

    def start(self) -> None:
        self.timer.start()

    def check_now(self) -> None:
        """Ask once. One's own saves come back too (the pages reload once more: cheaper than
        missing another clerk's save made in the same seconds). A server that does not answer
        now is asked again at the next tick; the clerk's next action shows why."""
        try:
            marker, changes = remote_changes.changes_since(self.ctx.db, self.marker)
        except UserError:
            return
        self.marker = marker
        if changes:
            self.ctx.changed(changes)
