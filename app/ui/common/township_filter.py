"""The 乡镇 filter and 来源 column every list page shows at a county (once a package came in):
全部乡镇 / 本单位 / each unit a package came from; a township's database shows neither."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QTableView, QWidget

from app.db import Database
from app.services.exchange import history
from app.ui.common.list_page_tools import filter_combo, refill_combo

OWN = "本单位"  # the choice of our own records (a sender id is never this)


def township_combo(parent: QWidget) -> QComboBox:
    """The page's ``township_filter_combo`` (hidden until ``refill_townships`` finds units)."""
    combo = filter_combo(parent, "township_filter_combo", "全部乡镇")
    combo.setVisible(False)
    return combo


def refill_townships(combo: QComboBox, db: Database) -> None:
    units = history.units(db)
    refill_combo(combo, [(OWN, OWN), *units])
    combo.setVisible(bool(units))


def chosen_origin(combo: QComboBox) -> str | None:
    """The service filters' ``origin``: a sender's stable id, "" for our own, None for all."""
    choice = combo.currentData()
    return "" if choice == OWN else choice


def show_origin_column(view: QTableView, column: int, db: Database) -> None:
    """来源 only where packages came in (a county): a township never sees the column."""
    view.setColumnHidden(column, not history.has_imports(db))
