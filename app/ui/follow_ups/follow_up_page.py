"""督办 board: every open suggestion across rooms, overdue first and highlighted, edited in place."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.vocab import FOLLOW_UP_STATUSES
from app.services.activities.activity_list import activity_years
from app.services.changes import Changes
from app.services.follow_ups import board as follow_ups
from app.services.follow_ups.register import FollowUpRegister, load_register
from app.ui.activities.lines_table import LineDelegate, date_column_width
from app.ui.common.actions import FAILED, run_action
from app.ui.common.column_fit import ColumnFit
from app.ui.common.list_page_tools import filter_combo, page_button, refill_combo
from app.ui.common.stale_dialog import report_cell_refusal
from app.ui.common.table_model import NumberedProxy
from app.ui.common.township_filter import (
    chosen_origin,
    refill_townships,
    show_origin_column,
    township_combo,
)
from app.ui.common.widgets import enable_with_selection
from app.ui.follow_ups.follow_up_model import KINDS, ORIGIN_COLUMN, FollowUpBoardModel
from app.ui.follow_ups.register_print import RegisterPreviewDialog, export_register_file
from app.ui.shell.context import UiContext

if TYPE_CHECKING:  # the editor (and openpyxl/python-docx behind it) loads when first opened
    from app.ui.activities.editor import ActivityEditorDialog

# A township board (tens of items) fits rows to their text; a county's thousands get two lines.
ROWS_SIZED_TO_TEXT = 500
TWO_LINE_ROW_HEIGHT = 46


class FollowUpPage(QWidget):
    shows = Changes(follow_ups=True, activities=True, rooms=True)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editors: list[ActivityEditorDialog] = []
        self.model = FollowUpBoardModel(
            self._save_in_place,
            lambda exc, typed: report_cell_refusal(self, exc, "修改未保存", self.refresh, typed),
            parent=self,
        )
        self.proxy = NumberedProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)  # 逾期 by days, not by its text

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary_label")
        self.show_closed_check = QCheckBox("同时显示已办结、已采纳、未采纳的事项", self)
        self.show_closed_check.setObjectName("show_closed_check")
        self.show_closed_check.toggled.connect(lambda _c: self.refresh())
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filter_edit")
        self.filter_edit.setPlaceholderText("筛选（Ctrl+F）：建议内容、承办单位、联络室……")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.filter_edit.setFocus)
        self.township_filter_combo = township_combo(self)
        self.year_filter_combo = filter_combo(self, "year_filter_combo", "全部年度")
        self.status_filter_combo = filter_combo(
            self, "status_filter_combo", "全部状态", [(s, s) for s in FOLLOW_UP_STATUSES]
        )
        self.overdue_only_check = QCheckBox("只看逾期", self)
        self.overdue_only_check.setObjectName("overdue_only_check")
        for combo in (self.township_filter_combo, self.year_filter_combo, self.status_filter_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.overdue_only_check.toggled.connect(lambda _c: self.refresh())
        self.print_button = page_button(
            self, "print_button", "打印督办台账（Ctrl+P）…", self.print_register
        )
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.export_button = page_button(
            self, "export_button", "导出督办台账…", lambda: self.export_register()
        )
        self.open_activity_button = QPushButton("编辑所属活动", self)
        self.open_activity_button.setObjectName("open_activity_button")
        self.open_activity_button.clicked.connect(self.open_activity)

        self.board_table = QTableView(self)
        self.board_table.setObjectName("board_table")
        self.board_table.setModel(self.proxy)
        enable_with_selection(self.board_table, self.open_activity_button)
        self.board_table.setItemDelegate(LineDelegate(KINDS, self.board_table))
        self.board_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.board_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.board_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.board_table.setWordWrap(True)
        # overdue first until the clerk clicks a header (来源, 承办单位, 反馈日期 …)
        self.board_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.board_table.setSortingEnabled(True)
        date = date_column_width(self.board_table)
        widths = (64, date, 220, 110, 160, 100, date, 72, 160, date, 72, 70)
        # 建议内容, 所属活动 and 办理结果 take the width to spare; 办理时限 holds a date
        ColumnFit(self.board_table, widths, (2, 4, 8))

        top = QHBoxLayout()
        top.addWidget(self.summary_label)
        top.addStretch(1)
        top.addWidget(self.show_closed_check)
        top.addWidget(self.overdue_only_check)
        tools = QHBoxLayout()
        tools.addWidget(self.township_filter_combo)
        tools.addWidget(self.year_filter_combo)
        tools.addWidget(self.status_filter_combo)
        tools.addWidget(self.filter_edit, 1)
        tools.addWidget(self.open_activity_button)
        tools.addWidget(self.print_button)
        tools.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>督办</h2>", self))
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(
            QLabel("逾期事项排在最前并以红色标出；双击单元格即可修改，修改后立即保存。", self)
        )
        layout.addWidget(self.board_table)
        self.refresh()

    def _save_in_place(
        self, item_id: int, expected_version: int | None = None, **values: object
    ) -> follow_ups.BoardRow:
        """A cell edited on the board: the model shows the saved row itself, so the window is
        told what changed for the other pages only (this page is the source)."""
        row = follow_ups.update_follow_up(
            self.ctx.db, item_id, expected_version=expected_version, **values
        )
        self.ctx.changed(Changes(follow_ups=True), source=self)
        return row

    def current_filter(self) -> follow_ups.BoardFilter:
        """A status chosen shows that status, open or closed; else the tick decides."""
        return follow_ups.BoardFilter(
            include_closed=self.show_closed_check.isChecked(),
            year=self.year_filter_combo.currentData(),
            status=self.status_filter_combo.currentData(),
            overdue_only=self.overdue_only_check.isChecked(),
            origin=chosen_origin(self.township_filter_combo),
        )

    def show_status(self, status: str | None, year: int | None = None) -> None:
        """Show one status (首页's chart opens the board this way); None: every status."""
        self.refresh()  # the year list first
        self.year_filter_combo.setCurrentIndex(max(self.year_filter_combo.findData(year), 0))
        self.status_filter_combo.setCurrentIndex(max(self.status_filter_combo.findData(status), 0))
        self.overdue_only_check.setChecked(False)
        self.filter_edit.clear()

    def refresh(self) -> None:
        refill_townships(self.township_filter_combo, self.ctx.db)
        refill_combo(self.year_filter_combo, [(f"{y} 年", y) for y in activity_years(self.ctx.db)])
        self.show_closed_check.setEnabled(self.status_filter_combo.currentData() is None)
        rows = follow_ups.board(self.ctx.db, flt=self.current_filter())
        self.model.set_rows(rows)
        show_origin_column(self.board_table, ORIGIN_COLUMN, self.ctx.db)
        if len(rows) <= ROWS_SIZED_TO_TEXT:
            self.board_table.resizeRowsToContents()
        else:  # sizing thousands of wrapped rows takes seconds: two lines each instead
            self.board_table.verticalHeader().setDefaultSectionSize(TWO_LINE_ROW_HEIGHT)
        open_rows = [r for r in rows if r.status in ("待交办", "办理中")]
        overdue = sum(1 for r in rows if r.overdue)
        text = f"未办结 {len(open_rows)} 项"
        if overdue:
            text += f"，<b style='color:#b71c1c'>其中逾期 {overdue} 项</b>"
        self.summary_label.setText(text)

    def selected_row(self) -> int | None:
        rows = self.board_table.selectionModel().selectedRows()
        return self.proxy.mapToSource(rows[0]).row() if rows else None

    def open_activity(self) -> ActivityEditorDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        from app.ui.activities.editor import ActivityEditorDialog

        activity_id = self.model.row_at(row).activity_id
        dialog = run_action(
            self, self.ctx, lambda: ActivityEditorDialog(self.ctx, activity_id, self)
        )
        if dialog is FAILED:
            return None
        dialog.tabs.setCurrentWidget(dialog.follow_ups_tab)
        dialog.saved.connect(lambda _id: self.refresh())
        self.editors = [e for e in self.editors if e.isVisible()] + [dialog]
        dialog.show()
        return dialog

    def shown_register(self) -> FollowUpRegister:
        """The 督办台账 of what the board shows now (its filters and the typed text)."""
        shown = {
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row()).id
            for r in range(self.proxy.rowCount())
        }
        register = load_register(self.ctx.db, self.current_filter())
        return replace(register, rows=[r for r in register.rows if r.id in shown])

    def print_register(self) -> RegisterPreviewDialog | None:
        register = run_action(self, self.ctx, self.shown_register)
        if register is FAILED:
            return None
        dialog = RegisterPreviewDialog(register, self)
        dialog.open()
        return dialog

    def export_register(self, path: Path | None = None) -> Path | None:
        register = run_action(self, self.ctx, self.shown_register)
        if register is FAILED:
            return None
        written = export_register_file(self, self.ctx, register, path)
        if written is not None:
            self.summary_label.setText(f"已导出督办台账：{written}（{len(register.rows)} 项）")
        return written
