"""A table that sorts, filters as you type, and remembers its column widths (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSettings, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTableView, QVBoxLayout, QWidget


class DataTable(QWidget):
    """``view`` shows ``model`` through a proxy; ``filter_edit`` filters every column."""

    def __init__(
        self, model: QAbstractItemModel, settings: QSettings, settings_key: str, parent=None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._key = f"tables/{settings_key}/header"
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filter_edit")
        self.filter_edit.setPlaceholderText("筛选（Ctrl+F）：输入任意文字")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

        self.view = QTableView(self)
        self.view.setObjectName("table_view")
        self.view.setModel(self.proxy)
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
        self._settings.setValue(self._key, self.view.horizontalHeader().saveState())

    def source_row(self, proxy_row: int) -> int:
        return self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row()

    def selected_source_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        return sorted(rows)
