"""接待来访 page: the reception log; a visit becomes a 议题 in one step (转为议题)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services import activity_list, receptions
from app.ui.context import UiContext
from app.ui.data_table import DataTable
from app.ui.errors import show_error
from app.ui.reception_dialog import ReceptionEditorDialog
from app.ui.table_model import RowsTableModel

HEADER = (
    "来访日期",
    "联络室",
    "接待委员",
    "来访群众",
    "诉求",
    "类别",
    "处理方式",
    "处理结果",
    "议题",
)


class ReceptionsPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialogs: list[ReceptionEditorDialog] = []
        self._rows: list[receptions.ReceptionRow] = []
        self.year_filter_combo = QComboBox(self)
        self.year_filter_combo.setObjectName("year_filter_combo")
        self.year_filter_combo.addItem("全部年度", None)
        this_year = date.today().year
        for year in range(this_year, this_year - 10, -1):
            self.year_filter_combo.addItem(f"{year} 年", year)
        self.room_filter_combo = QComboBox(self)
        self.room_filter_combo.setObjectName("room_filter_combo")
        self.room_filter_combo.addItem("全部联络室", None)
        for combo in (self.year_filter_combo, self.room_filter_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())

        self.model = RowsTableModel(HEADER, [], self)
        self.table = DataTable(self.model, ctx.settings, "receptions", self)
        self.reception_table = self.table.view
        self.reception_table.setObjectName("reception_table")
        if ctx.settings.value("tables/receptions/header") is None:
            for column, width in enumerate((90, 150, 90, 80, 280, 80, 90, 160)):
                self.reception_table.setColumnWidth(column, width)
        self.reception_table.doubleClicked.connect(lambda _i: self.edit_reception())
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")

        self.new_reception_button = self._button(
            "new_reception_button", "登记来访（Ctrl+N）", self.new_reception
        )
        self.edit_reception_button = self._button(
            "edit_reception_button", "编辑", self.edit_reception
        )
        self.to_topic_button = self._button("to_topic_button", "转为议题", self.to_topic)
        self.to_topic_button.setToolTip("把这条来访诉求纳入议题库（群众出题），并记为“纳入议题库”")
        self.delete_reception_button = self._button(
            "delete_reception_button", "删除", self.delete_reception
        )
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_reception)
        top = QHBoxLayout()
        top.addWidget(self.year_filter_combo)
        top.addWidget(self.room_filter_combo)
        for button in (
            self.new_reception_button,
            self.edit_reception_button,
            self.to_topic_button,
            self.delete_reception_button,
        ):
            top.addWidget(button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>接待来访</h2>", self))
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(self.table, 1)
        self.refresh()

    def _button(self, name: str, text: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        current_room = self.room_filter_combo.currentData()
        self.room_filter_combo.blockSignals(True)
        while self.room_filter_combo.count() > 1:
            self.room_filter_combo.removeItem(1)
        for room in activity_list.room_choices(self.ctx.db):
            self.room_filter_combo.addItem(room.name, room.id)
        self.room_filter_combo.setCurrentIndex(
            max(self.room_filter_combo.findData(current_room), 0)
        )
        self.room_filter_combo.blockSignals(False)
        self._rows = receptions.list_receptions(
            self.ctx.db,
            year=self.year_filter_combo.currentData(),
            room_id=self.room_filter_combo.currentData(),
        )
        self.model.set_rows(
            [
                (r.visit_on.isoformat(), r.room_name, r.receivers, r.resident, r.request,
                 r.category, r.handling, r.result, "已转议题" if r.topic_id else "")
                for r in self._rows
            ]
        )  # fmt: skip

    def selected(self) -> receptions.ReceptionRow | None:
        index = self.reception_table.currentIndex()
        if not index.isValid():
            return None
        return self._rows[self.table.source_row(index.row())]

    def select_reception(self, reception_id: int) -> None:
        for row, item in enumerate(self._rows):
            if item.id == reception_id:
                proxy = self.table.proxy.mapFromSource(self.model.index(row, 0))
                self.reception_table.selectRow(proxy.row())

    def _open(self, dialog: ReceptionEditorDialog) -> ReceptionEditorDialog:
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def new_reception(self) -> ReceptionEditorDialog:
        return self._open(ReceptionEditorDialog(self.ctx, None, self))

    def edit_reception(self) -> ReceptionEditorDialog | None:
        row = self.selected()
        return None if row is None else self._open(ReceptionEditorDialog(self.ctx, row.id, self))

    def to_topic(self) -> int | None:
        row = self.selected()
        if row is None:
            self.message_label.setText("请先选择一条来访记录。")
            return None
        try:
            topic_id = receptions.make_topic(self.ctx.db, row.id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, "未能转为议题")
            return None
        self.refresh()
        self.select_reception(row.id)
        self.message_label.setText(
            f"已将 {row.visit_on:%Y-%m-%d} 的来访诉求纳入议题库（群众出题，待筛选），可在“议题库”中查看。"
        )
        self.ctx.changed("topics")
        return topic_id

    def delete_reception(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(self, "删除接待记录", "确定删除这条接待来访记录吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            receptions.delete_reception(self.ctx.db, row.id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.refresh()
        self.ctx.changed("receptions")
