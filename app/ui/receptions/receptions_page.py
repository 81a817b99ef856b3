"""接待来访 page: the reception log; a visit becomes a 议题 in one step (转为议题)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from app.services.activities import activity_list
from app.services.changes import Changes
from app.services.receptions import log as receptions
from app.services.receptions import reception_list
from app.services.receptions.reception_list import ReceptionFilter
from app.ui.common.actions import run_action
from app.ui.common.column_fit import ColumnFit
from app.ui.common.data_table import PagedTable
from app.ui.common.list_page_tools import PageDialogs, filter_combo, page_button, refill_combo
from app.ui.common.township_filter import (
    chosen_origin,
    refill_townships,
    show_origin_column,
    township_combo,
)
from app.ui.receptions.reception_dialog import ReceptionEditorDialog
from app.ui.receptions.reception_list_model import ORIGIN_COLUMN, ReceptionListModel
from app.ui.receptions.to_topic_dialog import ToTopicDialog
from app.ui.shell.context import UiContext


class ReceptionsPage(QWidget):
    shows = Changes(receptions=True, rooms=True, members=True, topics=True)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialogs = PageDialogs(self.refresh)
        self.township_filter_combo = township_combo(self)
        self.year_filter_combo = filter_combo(self, "year_filter_combo", "全部年度")
        self.room_filter_combo = filter_combo(self, "room_filter_combo", "全部联络室")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")

        self.model = ReceptionListModel(parent=self)
        self.table = PagedTable(self.model, ctx.settings, "receptions", self)
        self.table.filter_edit.setPlaceholderText(
            "筛选（Ctrl+F）：诉求、来访群众、接待委员、处理结果…"
        )
        self.reception_table = self.table.view
        self.reception_table.setObjectName("reception_table")
        restored = ctx.settings.value("tables/receptions/header") is not None
        widths = (90, 150, 90, 80, 280, 80, 90, 160, 90, 70)
        # 诉求 and 处理结果 take the width to spare
        ColumnFit(self.reception_table, [None if restored else w for w in widths], (4, 7))
        self.reception_table.doubleClicked.connect(lambda _i: self.edit_reception())
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        self.message_label.hide()  # shown with a message only: empty, it was a blank band

        self.new_reception_button = page_button(
            self, "new_reception_button", "登记来访（Ctrl+N）", self.new_reception
        )
        self.edit_reception_button = page_button(
            self, "edit_reception_button", "编辑", self.edit_reception
        )
        self.to_topic_button = page_button(self, "to_topic_button", "转为议题", self.to_topic)
        self.to_topic_button.setToolTip("把这条来访诉求纳入议题库（群众出题），并记为“纳入议题库”")
        self.delete_reception_button = page_button(
            self, "delete_reception_button", "删除", self.delete_reception
        )
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_reception)
        top = QHBoxLayout()
        for combo in (self.township_filter_combo, self.year_filter_combo, self.room_filter_combo):
            top.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.filter_edit.textChanged.connect(lambda _t: self.reload())
        for button in (
            self.new_reception_button,
            self.edit_reception_button,
            self.to_topic_button,
            self.delete_reception_button,
        ):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>接待来访</h2>", self))
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(self.table, 1)
        self.refresh()

    def current_filter(self) -> ReceptionFilter:
        return ReceptionFilter(
            year=self.year_filter_combo.currentData(),
            room_id=self.room_filter_combo.currentData(),
            text=self.table.filter_edit.text(),
            origin=chosen_origin(self.township_filter_combo),
        )

    def refresh(self) -> None:
        """Reload the year and room choices and the log (the selected visit stays selected)."""
        refill_townships(self.township_filter_combo, self.ctx.db)
        this_year = date.today().year
        years = sorted({*reception_list.reception_years(self.ctx.db), this_year}, reverse=True)
        refill_combo(self.year_filter_combo, [(f"{y} 年", y) for y in years])
        rooms = activity_list.room_choices(self.ctx.db)
        refill_combo(self.room_filter_combo, [(r.name, r.id) for r in rooms])
        self.reload()

    def reload(self) -> None:
        flt, db, model = self.current_filter(), self.ctx.db, self.model
        self.table.load(
            lambda: reception_list.count_receptions(db, flt),
            lambda offset, limit: reception_list.page_receptions(
                db, flt, model.order, offset, limit
            ),
            lambda rid: reception_list.reception_position(db, flt, model.order, rid),
        )
        self.count_label.setText(f"共 {model.total} 条")
        show_origin_column(self.reception_table, ORIGIN_COLUMN, db)

    def selected(self) -> reception_list.ReceptionRow | None:
        row = self.table.selected_row()
        return None if row is None else self.model.row_at(row)

    def select_reception(self, reception_id: int) -> None:
        """Select the visit (even one not fetched yet) if the filters show it."""
        self.table.select_id(reception_id)

    def new_reception(self) -> ReceptionEditorDialog:
        return self.dialogs.open(ReceptionEditorDialog(self.ctx, None, self))

    def edit_reception(self) -> ReceptionEditorDialog | None:
        row = self.selected()
        if row is None:
            return None
        return self.dialogs.open(ReceptionEditorDialog(self.ctx, row.id, self))

    def to_topic(self) -> ToTopicDialog | None:
        """Ask for the 议题's title (prefilled from the 诉求), then turn the visit into it."""
        row = self.selected()
        if row is None:
            self.say("请先选择一条来访记录。")
            return None
        if row.topic_id is not None:
            QMessageBox.warning(
                self, "未能转为议题", f"这条来访已转为议题（编号 {row.topic_id}），不必重复转入。"
            )
            return None
        dialog = self.dialogs.open(ToTopicDialog(self.ctx, row, self))
        dialog.accepted.connect(lambda: self._turned_into_topic(row))  # after the refresh
        return dialog

    def _turned_into_topic(self, row: reception_list.ReceptionRow) -> None:
        self.select_reception(row.id)  # the page has refreshed (PageDialogs)
        self.say(
            f"已将 {row.visit_on:%Y-%m-%d} 的来访诉求纳入议题库（群众出题，待筛选），可在“议题库”中查看。"
        )

    def say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def delete_reception(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(self, "删除接待记录", "确定删除这条接待来访记录吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_action(
            self,
            self.ctx,
            lambda: receptions.delete_reception(self.ctx.db, row.id),
            success=lambda _changes: self.refresh(),
        )
