"""履职活动 page: the list filtered by room, type, year/month, status and text; opens the editor."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.models.vocab import ACTIVITY_STATUSES, ACTIVITY_TYPES
from app.services.activities import activity_list
from app.services.activities import editing as activities
from app.services.activities.activity_list import (
    CONSULTATION_FILTER,
    HELD_FILTER,
    ActivityFilter,
)
from app.services.changes import Changes
from app.ui.activities.list_model import ORIGIN_COLUMN, ActivityListModel
from app.ui.common.actions import FAILED, run_action
from app.ui.common.column_fit import ColumnFit
from app.ui.common.list_page_tools import filter_combo, refill_combo
from app.ui.common.township_filter import (
    chosen_origin,
    refill_townships,
    show_origin_column,
    township_combo,
)
from app.ui.shell.context import UiContext

if TYPE_CHECKING:  # the editor and the documents load when first opened, not with the list
    from app.ui.activities.editor import ActivityEditorDialog


class ActivitiesPage(QWidget):
    shows = Changes(activities=True, rooms=True, follow_ups=True)  # rows count open follow-ups

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editors: list[ActivityEditorDialog] = []
        self.township_filter_combo = township_combo(self)
        self.room_filter_combo = filter_combo(self, "room_filter_combo", "全部联络室")
        self.type_filter_combo = filter_combo(
            self,
            "type_filter_combo",
            "全部类型",
            [*((t, t) for t in ACTIVITY_TYPES), (CONSULTATION_FILTER, CONSULTATION_FILTER)],
        )
        self.year_filter_combo = filter_combo(self, "year_filter_combo", "全部年度")
        self.month_filter_combo = filter_combo(
            self, "month_filter_combo", "全年", [(f"{m} 月", m) for m in range(1, 13)]
        )
        self.status_filter_combo = filter_combo(
            self,
            "status_filter_combo",
            "全部状态",
            [*((s, s) for s in ACTIVITY_STATUSES), (HELD_FILTER, HELD_FILTER)],
        )
        self.text_filter_edit = QLineEdit(self)
        self.text_filter_edit.setObjectName("text_filter_edit")
        self.text_filter_edit.setPlaceholderText("筛选（Ctrl+F）：名称、地点、主持人")
        self.text_filter_edit.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")

        self.model = ActivityListModel(parent=self)
        self.activity_table = QTableView(self)
        self.activity_table.setObjectName("activity_table")
        self.activity_table.setModel(self.model)
        self.activity_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.activity_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.activity_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activity_table.setAlternatingRowColors(True)
        self.activity_table.verticalHeader().setDefaultSectionSize(26)
        # a header click sorts in SQL (PagedTableModel); newest first until then
        self.activity_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.activity_table.setSortingEnabled(True)
        self.model.resorted.connect(self._update_buttons)
        # 活动名称, 联络室 and 地点 take the width to spare (来源 shows at a county only); the
        # fixed columns as narrow as their text, so 状态 stays in view on a 1024 px screen
        ColumnFit(self.activity_table, (130, 92, 240, 110, 90, 58, 92, 70, 54, 90), (2, 3, 4))
        self.activity_table.doubleClicked.connect(
            lambda index: self.open_editor(self._id_at(index.row()))
        )

        self.new_button = QPushButton("新建活动（Ctrl+N）", self)
        self.new_button.setObjectName("new_button")
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button = QPushButton("编辑", self)
        self.edit_button.setObjectName("edit_button")
        self.edit_button.clicked.connect(self._open_selected)
        self.delete_button = QPushButton("删除", self)
        self.delete_button.setObjectName("delete_button")
        self.delete_button.clicked.connect(self.delete_selected)
        self.signin_button = QPushButton("打印签到表", self)
        self.signin_button.setObjectName("signin_button")
        self.signin_button.clicked.connect(self.print_signin)
        self.minutes_button = QPushButton("会议纪要（Ctrl+P）", self)
        self.minutes_button.setObjectName("minutes_button")
        self.minutes_button.clicked.connect(self.open_minutes)
        QShortcut(QKeySequence.StandardKey.New, self, activated=lambda: self.open_editor(None))
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_minutes)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.text_filter_edit.setFocus)

        filters = QHBoxLayout()
        for widget in (
            self.township_filter_combo,
            self.room_filter_combo,
            self.type_filter_combo,
            self.year_filter_combo,
            self.month_filter_combo,
            self.status_filter_combo,
        ):
            filters.addWidget(widget)
            widget.currentIndexChanged.connect(partial(self._filters_changed))
        filters.addWidget(self.text_filter_edit, 1)
        self.text_filter_edit.textChanged.connect(lambda _t: self.reload())
        self.buttons_row = QHBoxLayout()
        self.buttons_row.addWidget(self.new_button)
        self.buttons_row.addWidget(self.edit_button)
        self.buttons_row.addWidget(self.delete_button)
        self.buttons_row.addSpacing(16)
        self.buttons_row.addWidget(self.signin_button)
        self.buttons_row.addWidget(self.minutes_button)
        self.buttons_row.addStretch(1)
        self.buttons_row.addWidget(self.count_label)
        self.activity_table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>履职活动</h2>", self))
        layout.addLayout(filters)
        layout.addLayout(self.buttons_row)
        layout.addWidget(self.activity_table)
        self.refresh()

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_id() is not None
        for button in (
            self.edit_button,
            self.delete_button,
            self.signin_button,
            self.minutes_button,
        ):
            button.setEnabled(chosen)

    def _filters_changed(self, *_args: object) -> None:
        self.month_filter_combo.setEnabled(self.year_filter_combo.currentData() is not None)
        self.reload()

    def show_only(
        self,
        *,
        room_id: int | None = None,
        year: int | None = None,
        month: int | None = None,
        activity_type: str | None = None,
        status: str | None = None,
    ) -> None:
        """The list filtered as 首页 asks (this month's activities, a room's this year, what a
        chart's bar counts); every other filter cleared."""
        self.refresh()  # the rooms and years to choose from
        for combo, value in (
            (self.room_filter_combo, room_id),
            (self.type_filter_combo, activity_type),
            (self.year_filter_combo, year),
            (self.month_filter_combo, month),
            (self.status_filter_combo, status),
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        self.text_filter_edit.blockSignals(True)
        self.text_filter_edit.clear()
        self.text_filter_edit.blockSignals(False)
        self._filters_changed()

    def current_filter(self) -> ActivityFilter:
        year = self.year_filter_combo.currentData()
        return ActivityFilter(
            room_id=self.room_filter_combo.currentData(),
            activity_type=self.type_filter_combo.currentData(),
            year=year,
            month=self.month_filter_combo.currentData() if year else None,
            status=self.status_filter_combo.currentData(),
            text=self.text_filter_edit.text(),
            origin=chosen_origin(self.township_filter_combo),
        )

    def show_filtered(
        self,
        year: int,
        month: int | None = None,
        room_id: int | None = None,
        consultations: bool = False,
    ) -> None:
        """The held activities 首页's charts count: a year (a month), a room's consultations."""
        self.show_only(
            room_id=room_id,
            year=year,
            month=month,
            activity_type=CONSULTATION_FILTER if consultations else None,
            status=HELD_FILTER,
        )

    def refresh(self) -> None:
        """Reload the choices (rooms, years) and the list."""
        refill_townships(self.township_filter_combo, self.ctx.db)
        rooms = activity_list.room_choices(self.ctx.db)
        refill_combo(self.room_filter_combo, [(r.name, r.id) for r in rooms])
        years = sorted(
            {*activity_list.activity_years(self.ctx.db), date.today().year}, reverse=True
        )
        refill_combo(self.year_filter_combo, [(f"{y} 年", y) for y in years])
        self.month_filter_combo.setEnabled(self.year_filter_combo.currentData() is not None)
        self.reload()

    def reload(self) -> None:
        flt = self.current_filter()
        db = self.ctx.db
        self.model.set_source(
            lambda: activity_list.count_activities(db, flt),
            lambda offset, limit: activity_list.page_activities(
                db, flt, offset, limit, self.model.order
            ),
        )
        self.count_label.setText(f"共 {self.model.total} 项")
        show_origin_column(self.activity_table, ORIGIN_COLUMN, db)
        self._update_buttons()

    def _id_at(self, row: int) -> int | None:
        record = self.model.record_at(row)
        return None if record is None else record.id

    def selected_id(self) -> int | None:
        rows = self.activity_table.selectionModel().selectedRows()
        return self._id_at(rows[0].row()) if rows else None

    def _open_selected(self) -> None:
        activity_id = self.selected_id()
        if activity_id is not None:
            self.open_editor(activity_id)

    def open_editor(self, activity_id: int | None) -> ActivityEditorDialog | None:
        from app.ui.activities.editor import ActivityEditorDialog

        dialog = run_action(
            self, self.ctx, lambda: ActivityEditorDialog(self.ctx, activity_id, self)
        )
        if dialog is FAILED:
            return None
        self.editors = [e for e in self.editors if e.isVisible()] + [dialog]
        dialog.saved.connect(lambda _id: self.reload())
        dialog.show()
        return dialog

    def print_signin(self) -> QWidget | None:
        activity_id = self.selected_id()
        if activity_id is None:
            return None
        from app.ui.documents.previews import print_signin_sheet

        return print_signin_sheet(self, self.ctx, activity_id)

    def open_minutes(self) -> QWidget | None:
        activity_id = self.selected_id()
        if activity_id is None:
            return None
        from app.ui.documents.previews import open_minutes_preview

        return open_minutes_preview(self, self.ctx, activity_id)

    def print_minutes(self) -> QWidget | None:
        minutes = self.open_minutes()
        return None if minutes is None else minutes.show_print_preview()

    def delete_selected(self) -> None:
        activity_id = self.selected_id()
        if activity_id is None:
            return
        title = self.model.row_at(self.activity_table.currentIndex().row()).title
        answer = QMessageBox.question(
            self, "删除履职活动", f"确定删除“{title}”及其参加人员、发言、意见、办理事项和附件吗？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_action(
            self,
            self.ctx,
            lambda: activities.delete_activity(self.ctx.db, activity_id),
            success=lambda _changes: self.reload(),
        )
