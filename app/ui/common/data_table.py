"""Tables with a filter box (Ctrl+F) whose column widths and sort column are remembered (QSettings).

``DataTable`` sorts and filters rows held in memory through a proxy; ``PagedTable`` shows a
``PagedTableModel`` that reads from the database a page at a time and sorts and filters in SQL
(the page passes the filter box's text to its service)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTableView, QVBoxLayout, QWidget

from app.ui.common.column_fit import FITTING
from app.ui.common.paged_model import PagedTableModel
from app.ui.common.table_model import NumberedProxy


class TableFrame(QWidget):
    """A filter box above a sortable table view over ``view_model``."""

    def __init__(
        self, view_model: QAbstractItemModel, settings: QSettings, settings_key: str, parent=None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._key = f"tables/{settings_key}/header"
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filter_edit")
        self.filter_edit.setPlaceholderText("筛选（Ctrl+F）：输入任意文字")
        self.filter_edit.setClearButtonEnabled(True)

        self.view = QTableView(self)
        self.view.setObjectName("table_view")
        self.view.setModel(view_model)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setDefaultSectionSize(26)
        state = settings.value(self._key)
        if state is not None:
            self.view.horizontalHeader().restoreState(state)
        self.view.horizontalHeader().sectionResized.connect(self._save_header)
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._save_header)

        shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.filter_edit.setFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)

    def _save_header(self, *_args: object) -> None:
        if self.view.horizontalHeader().property(FITTING):
            return  # widths for this window's width, not the clerk's
        self._settings.setValue(self._key, self.view.horizontalHeader().saveState())


class DataTable(TableFrame):
    """``view`` shows ``model`` through a proxy; ``filter_edit`` filters every column."""

    def __init__(
        self, model: QAbstractItemModel, settings: QSettings, settings_key: str, parent=None
    ) -> None:
        proxy = NumberedProxy()
        proxy.setSourceModel(model)
        proxy.setFilterKeyColumn(-1)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        proxy.setSortRole(Qt.ItemDataRole.UserRole)
        super().__init__(proxy, settings, settings_key, parent)
        proxy.setParent(self)
        self.proxy = proxy
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

    def source_row(self, proxy_row: int) -> int:
        return self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row()

    def selected_source_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        return sorted(rows)


class PagedTable(TableFrame):
    """``view`` shows ``model`` directly; ``load`` gives it a new filter, keeping the selected
    row selected when the new list still holds it (a header click keeps it too)."""

    def __init__(
        self, model: PagedTableModel, settings: QSettings, settings_key: str, parent=None
    ) -> None:
        super().__init__(model, settings, settings_key, parent)
        self.model = model
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._kept: int | None = None
        model.modelAboutToBeReset.connect(self._keep_selected)
        model.resorted.connect(self._select_kept)

    def _keep_selected(self) -> None:
        self._kept = self.selected_id()

    def _select_kept(self) -> None:
        if self._kept is not None:
            self.select_id(self._kept)

    def load(
        self,
        count: Callable[[], int],
        page: Callable[[int, int], list],
        position: Callable[[int], int | None],
    ) -> None:
        self.model.set_source(count, page, position)
        self._select_kept()

    def selected_row(self) -> int | None:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return None if row is None else self.model.row_at(row).id

    def select_id(self, row_id: int) -> bool:
        """Select the row of ``row_id`` (fetched first if need be); False if the list lacks it."""
        row = self.model.ensure_row(row_id)
        if row is None:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True
