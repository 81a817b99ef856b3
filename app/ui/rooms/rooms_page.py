"""联络室 page: every room with type, convenors, 驻室委员, this year's activities against the
target and the checklist (computed items from data, the rest ticked right in the table)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import Changes
from app.services.rooms import registry as room_service
from app.ui.common.actions import run_action
from app.ui.rooms.room_dialog import RoomDialog
from app.ui.rooms.room_models import RoomFilterProxy, RoomTableModel
from app.ui.shell.context import UiContext


class RoomsPage(QWidget):
    shows = Changes(rooms=True, members=True, activities=True)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: RoomDialog | None = None
        self._rows_total = self._full = 0
        self.model = RoomTableModel(self)
        self.model.tick_requested.connect(self.set_tick)
        self.proxy = RoomFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filter_edit")
        self.filter_edit.setPlaceholderText(
            "筛选（Ctrl+F）：名称、类型、地址、召集人、驻室委员（可用拼音首字母）"
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.filter_edit.setFocus)

        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("year_spin")
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(date.today().year)
        self.year_spin.setSuffix(" 年度")
        self.year_spin.valueChanged.connect(lambda _v: self.refresh())
        self.add_button = QPushButton("新建联络室", self)
        self.add_button.setObjectName("add_button")
        self.add_button.setShortcut(QKeySequence.StandardKey.New)
        self.edit_button = QPushButton("编辑", self)
        self.edit_button.setObjectName("edit_button")
        self.delete_button = QPushButton("删除", self)
        self.delete_button.setObjectName("delete_button")
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary_label")
        self.add_button.clicked.connect(lambda: self.add_room())
        self.edit_button.clicked.connect(lambda: self.edit_room())
        self.delete_button.clicked.connect(self.delete_room)

        self.room_table = QTableView(self)
        self.room_table.setObjectName("room_table")
        self.room_table.setModel(self.proxy)
        self.room_table.setSortingEnabled(True)
        self.room_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.room_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.room_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.room_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.room_table.setAlternatingRowColors(True)
        self.room_table.verticalHeader().setDefaultSectionSize(26)
        # fit columns to the rows on screen and 60 more, not to all 300 village rooms
        self.room_table.horizontalHeader().setResizeContentsPrecision(60)
        self.room_table.doubleClicked.connect(self._double_clicked)

        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.delete_button)
        bar.addStretch(1)
        bar.addWidget(self.summary_label)
        bar.addWidget(self.year_spin)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>联络室</h2>", self))
        layout.addLayout(bar)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.room_table, 1)
        layout.addWidget(
            QLabel(
                "“协商/目标”为本年度协商议事会、微协商次数与年度目标；检查项中"
                "“有召集人、有委员、有活动记录”按数据自动判断（✓/✗），其余项目直接在表格中勾选。"
                "检查项可在“设置 → 联络室检查项”中修改。",
                self,
                wordWrap=True,
            )
        )
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_id()
        rows = room_service.list_rooms(self.ctx.db, self.year_spin.value())
        self.model.set_rows(rows)
        self.room_table.resizeColumnsToContents()
        self._rows_total = len(rows)
        self._full = sum(1 for r in rows if r.checklist and r.checklist_done == len(r.checklist))
        self._update_summary()
        if selected is not None:
            self.select_room(selected)

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_summary()

    def _update_summary(self) -> None:
        text = f"共 {self._rows_total} 个联络室，检查项全部达标 {self._full} 个"
        if self.proxy.words:
            text = f"筛选出 {self.proxy.rowCount()} 个（{text}）"
        self.summary_label.setText(text)

    def selected_id(self) -> int | None:
        rows = self.room_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.room(self.proxy.mapToSource(rows[0]).row()).id

    def select_room(self, room_id: int) -> None:
        row = self.model.row_of(room_id)
        if row is not None:
            self.room_table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def set_tick(self, room_id: int, item_id: int, checked: bool) -> None:
        run_action(
            self, self.ctx, lambda: room_service.set_tick(self.ctx.db, room_id, item_id, checked)
        )
        self.refresh()  # also after a refusal: the box goes back to what is stored

    def _double_clicked(self, index) -> None:
        if index.column() < 8:
            self.edit_room()

    def add_room(self) -> RoomDialog:
        return self._open(RoomDialog(self.ctx, None, self))

    def edit_room(self) -> RoomDialog | None:
        room_id = self.selected_id()
        if room_id is None:
            QMessageBox.information(self, "编辑联络室", "请先在表格中选择一个联络室。")
            return None
        return self._open(RoomDialog(self.ctx, room_id, self))

    def _open(self, dialog: RoomDialog) -> RoomDialog:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._after_save(dialog))
        dialog.open()
        return dialog

    def _after_save(self, dialog: RoomDialog) -> None:
        self.refresh()
        if dialog.saved_id is not None:
            self.select_room(dialog.saved_id)

    def delete_room(self) -> None:
        room_id = self.selected_id()
        if room_id is None:
            QMessageBox.information(self, "删除联络室", "请先在表格中选择一个联络室。")
            return
        name = self.model.room(self.model.row_of(room_id)).name
        answer = QMessageBox.question(
            self, "删除联络室", f"确定删除联络室“{name}”吗？驻室委员名单会一并删除，委员本身保留。"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_action(
            self,
            self.ctx,
            lambda: room_service.delete_room(self.ctx.db, room_id),
            success=lambda _changes: self.refresh(),
        )
