"""What every page is handed: the open database, the app-wide change signal and QSettings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from app.services.changes import Changes

if TYPE_CHECKING:  # the window frame is shown before SQLAlchemy is imported
    from app.db import Database

# QSettings: the clerk's name on this computer (设置 → 本机操作人), logged with each save;
# also what the 录入人 of a manual points entry starts as.
CLERK_NAME_KEY = "points/entered_by"


class DataBus(QObject):
    """One app-level signal: whoever changed data emits what changed; pages that show it reload.

    ``data_changed(changes, source)``: ``source`` is the widget that made the change and already
    shows it (so the window need not reload it), or None."""

    data_changed = Signal(object, object)  # Changes, QObject | None


@dataclass
class UiContext:
    db: Database
    bus: DataBus
    settings: QSettings

    def changed(self, changes: Changes, source: QObject | None = None) -> None:
        if changes:
            self.bus.data_changed.emit(changes, source)
