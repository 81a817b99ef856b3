"""What every page is handed: the open database, the app-wide change signal and QSettings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

if TYPE_CHECKING:  # the window frame is shown before SQLAlchemy is imported
    from app.db import Database


class DataBus(QObject):
    """One app-level signal: a page that changed data emits it; every page refreshes."""

    data_changed = Signal(str)  # the area that changed, e.g. "members"


@dataclass
class UiContext:
    db: Database
    bus: DataBus
    settings: QSettings

    def changed(self, area: str) -> None:
        self.bus.data_changed.emit(area)
