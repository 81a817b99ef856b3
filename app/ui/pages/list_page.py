"""A read-only page listing stored records (used until an area gets its own editor page)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.db import Database
from app.services.listing import Table
from app.ui.context import UiContext
from app.ui.data_table import DataTable
from app.ui.table_model import RowsTableModel


class ListPage(QWidget):
    def __init__(
        self,
        ctx: UiContext,
        key: str,
        title: str,
        loader: Callable[[Database], Table],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loader = loader
        self.title_label = QLabel(f"<h2>{title}</h2>", self)
        self.title_label.setObjectName("title_label")
        table = loader(ctx.db)
        self.model = RowsTableModel(table.header[1:], [], self)
        self.table = DataTable(self.model, ctx.settings, key, self)
        self.table.setObjectName(f"{key}_table")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.table)
        self._show(table)

    def _show(self, table: Table) -> None:
        self.model.set_rows([row[1:] for row in table.rows])

    def refresh(self) -> None:
        self._show(self._loader(self.ctx.db))
