"""设置 tabs of this area: the 界别 list and the room checklist items (六有 by default)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import Changes
from app.services.members import sectors
from app.services.rooms import checklist
from app.ui.common.actions import FAILED, run_action
from app.ui.common.table_model import RowsTableModel
from app.ui.shell.context import UiContext


class _ListTab(QWidget):
    """A table of rows (id first, hidden) with buttons down the side."""

    header: tuple[str, ...] = ()
    hint = ""
    changes = Changes()  # what the add and merge actions (which return ids) change

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowsTableModel(self.header, [], self)
        self.table = QTableView(self)
        self.table.setObjectName("item_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnHidden(0, True)
        self.buttons = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.hint, self, wordWrap=True))
        layout.addLayout(row)

    def button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        self.buttons.addWidget(button)
        return button

    def selected_row(self) -> list | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_values(rows[0].row()) if rows else None

    def select_id(self, item_id: int) -> None:
        for r in range(self.model.rowCount()):
            if self.model.row_values(r)[0] == item_id:
                self.table.selectRow(r)

    def run(self, action: Callable[[], object], keep: int | None = None) -> bool:
        if run_action(self, self.ctx, action, changes=self.changes) is FAILED:
            return False
        self.refresh()
        if keep is not None:
            self.select_id(keep)
        return True

    def need_selection(self) -> list | None:
        row = self.selected_row()
        if row is None:
            QMessageBox.information(self, "提示", "请先在列表中选择一项。")
        return row


class SectorsTab(_ListTab):
    header = ("id", "界别", "委员人数")
    hint = "界别名单按县政协的规定维护，顺序即名册和统计表中的顺序。有委员的界别不能删除，可以合并到其他界别。"
    changes = Changes(sectors=True, members=True)  # a merge moves members to another 界别

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table.setObjectName("sector_table")
        self.add_button = self.button("add_button", "新增…", self.add)
        self.rename_button = self.button("rename_button", "改名…", self.rename)
        self.up_button = self.button("up_button", "上移", lambda: self.move(-1))
        self.down_button = self.button("down_button", "下移", lambda: self.move(1))
        self.merge_button = self.button("merge_button", "合并到…", self.merge)
        self.delete_button = self.button("delete_button", "删除", self.delete)
        self.buttons.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(
            [(r.id, r.name, r.member_count) for r in sectors.list_sectors(self.ctx.db)]
        )

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, "新增界别", "界别名称：")
        if ok:
            self.run(lambda: sectors.add_sector(self.ctx.db, name))

    def rename(self) -> None:
        row = self.need_selection()
        if row is None:
            return
        name, ok = QInputDialog.getText(self, "界别改名", "新的名称：", text=row[1])
        if ok:
            self.run(lambda: sectors.rename_sector(self.ctx.db, row[0], name), keep=row[0])

    def move(self, offset: int) -> None:
        row = self.need_selection()
        if row is not None:
            self.run(lambda: sectors.move_sector(self.ctx.db, row[0], offset), keep=row[0])

    def merge(self) -> None:
        row = self.need_selection()
        if row is None:
            return
        others = [
            r[1]
            for r in (self.model.row_values(i) for i in range(self.model.rowCount()))
            if r[0] != row[0]
        ]
        target, ok = QInputDialog.getItem(
            self, "合并界别", f"把“{row[1]}”的 {row[2]} 名委员并入：", others, 0, False
        )
        if not ok:
            return
        target_id = next(
            r[0]
            for r in (self.model.row_values(i) for i in range(self.model.rowCount()))
            if r[1] == target
        )
        answer = QMessageBox.question(
            self, "合并界别", f"确定把“{row[1]}”合并到“{target}”吗？合并后“{row[1]}”将被删除。"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.run(lambda: sectors.merge_sectors(self.ctx.db, row[0], target_id), keep=target_id)

    def delete(self) -> None:
        row = self.need_selection()
        if row is None:
            return
        answer = QMessageBox.question(self, "删除界别", f"确定删除界别“{row[1]}”吗？")
        if answer == QMessageBox.StandardButton.Yes:
            self.run(lambda: sectors.delete_sector(self.ctx.db, row[0]))


class ChecklistTab(_ListTab):
    header = ("id", "检查项", "判断方式", "启用")
    hint = (
        "联络室检查项（默认“六有”：有场地、有门牌、有制度、有召集人、有委员、有活动记录），"
        "可改为“四有”“八有”等。有召集人、有委员、有活动记录由数据自动判断，其余在联络室页勾选。"
    )
    changes = Changes(rooms=True)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.table.setObjectName("checklist_table")
        self.add_button = self.button("add_button", "新增…", self.add)
        self.rename_button = self.button("rename_button", "改名…", self.rename)
        self.up_button = self.button("up_button", "上移", lambda: self.move(-1))
        self.down_button = self.button("down_button", "下移", lambda: self.move(1))
        self.toggle_button = self.button("toggle_button", "停用/启用", self.toggle)
        self.delete_button = self.button("delete_button", "删除", self.delete)
        self.buttons.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(
            [
                (i.id, i.name, i.how, "是" if i.is_active else "否")
                for i in checklist.list_items(self.ctx.db)
            ]
        )

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, "新增检查项", "检查项名称（如 有经费）：")
        if ok:
            self.run(lambda: checklist.add_item(self.ctx.db, name))

    def rename(self) -> None:
        row = self.need_selection()
        if row is None:
            return
        name, ok = QInputDialog.getText(self, "检查项改名", "新的名称：", text=row[1])
        if ok:
            self.run(lambda: checklist.rename_item(self.ctx.db, row[0], name), keep=row[0])

    def move(self, offset: int) -> None:
        row = self.need_selection()
        if row is not None:
            self.run(lambda: checklist.move_item(self.ctx.db, row[0], offset), keep=row[0])

    def toggle(self) -> None:
        row = self.need_selection()
        if row is not None:
            self.run(lambda: checklist.set_active(self.ctx.db, row[0], row[3] != "是"), keep=row[0])

    def delete(self) -> None:
        row = self.need_selection()
        if row is None:
            return
        answer = QMessageBox.question(
            self, "删除检查项", f"确定删除检查项“{row[1]}”吗？各联络室对该项的勾选记录会一并删除。"
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.run(lambda: checklist.delete_item(self.ctx.db, row[0]))
