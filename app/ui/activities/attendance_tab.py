"""参加人员 tab: 应到 members with 出席 / 请假 / 缺席, and 列席人员.

Like every tab after 基本信息 it has ``load(draft)`` and ``collect(draft)`` and emits ``changed``
so the dialog can redraw the seven-step indicator and track unsaved input."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.vocab import ATTENDANCE_STATUSES
from app.services.activities.records import (
    ActivityDraft,
    AttendanceLine,
    GuestLine,
)
from app.services.members.registry import MemberRow
from app.ui.activities.lines_table import TEXT, LinesEditor
from app.ui.common.widgets import enable_with_selection
from app.ui.members.member_picker import MemberPicker

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


class AttendanceTab(QWidget):
    """驻室委员 marked 出席 / 请假 (事由) / 缺席, plus 列席人员 with their units."""

    changed = Signal()

    def __init__(self, members: list[MemberRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attendance_table = QTableWidget(0, 4, self)
        self.attendance_table.setObjectName("attendance_table")
        self.attendance_table.setHorizontalHeaderLabels(["姓名", "界别", "出席情况", "请假事由"])
        self.attendance_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attendance_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch
        )
        self.attendance_table.itemChanged.connect(self._on_item_changed)

        self.member_picker = MemberPicker(
            members, self, "输入姓名或拼音首字母（如 zm），选择本室以外的委员"
        )
        self.member_picker.setObjectName("member_picker")
        self.member_picker.member_picked.connect(self._add_member)
        self.add_member_button = QPushButton("添加委员", self)
        self.add_member_button.setObjectName("add_member_button")
        self.add_member_button.clicked.connect(self._add_chosen_member)
        self.remove_member_button = QPushButton("移除", self)
        self.remove_member_button.setObjectName("remove_member_button")
        self.remove_member_button.clicked.connect(self._remove_member)
        enable_with_selection(self.attendance_table, self.remove_member_button)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("counts_label")

        top = QHBoxLayout()
        top.addWidget(QLabel("委员：", self))
        top.addWidget(self.member_picker, 1)
        top.addWidget(self.add_member_button)
        top.addWidget(self.remove_member_button)
        top.addStretch(1)
        top.addWidget(self.counts_label)

        self.guests = LinesEditor(
            "guest", [("姓名", TEXT), ("单位及职务", TEXT)], "添加列席人员", parent=self
        )
        self.guest_table = self.guests.table
        self.guest_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.guests.changed.connect(self.changed)
        guest_box = QGroupBox("列席人员", self)
        QVBoxLayout(guest_box).addWidget(self.guests)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.attendance_table, 3)
        layout.addWidget(guest_box, 2)
        self.changed.connect(self._update_counts)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 3:
            self._style_reason(item.row())
        self.changed.emit()

    def load(self, draft: ActivityDraft) -> None:
        self.attendance_table.blockSignals(True)
        self.attendance_table.setRowCount(0)
        for line in draft.attendances:
            self._append(line)
        self.attendance_table.blockSignals(False)
        self.guests.set_lines([(g.id, [g.name, g.unit]) for g in draft.guests])
        self.set_room_first(draft.room_id)
        self._update_counts()

    def add_roster(self, lines: list[AttendanceLine]) -> int:
        """Add members (a room's roster) not listed yet; returns how many were added."""
        listed = {line.member_id for line in self.attendance_lines()}
        added = [line for line in lines if line.member_id not in listed]
        for line in added:
            self._append(line)
        if added:
            self.changed.emit()
        return len(added)

    def _append(self, line: AttendanceLine) -> None:
        table = self.attendance_table
        blocked = table.blockSignals(True)
        row = table.rowCount()
        table.insertRow(row)
        name = QTableWidgetItem(line.member_name)
        name.setData(MEMBER_ROLE, line.member_id)
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        sector = QTableWidgetItem(line.sector)
        sector.setFlags(sector.flags() & ~Qt.ItemFlag.ItemIsEditable)
        table.setItem(row, 0, name)
        table.setItem(row, 1, sector)
        table.setItem(row, 3, QTableWidgetItem(line.leave_reason))
        combo = QComboBox(table)
        combo.setObjectName("attendance_status_combo")
        combo.addItems(ATTENDANCE_STATUSES)
        combo.setCurrentText(line.status)
        combo.currentTextChanged.connect(lambda _t, c=combo: self._on_status(c))
        table.setCellWidget(row, 2, combo)
        self._style_reason(row)
        table.blockSignals(blocked)

    def _on_status(self, combo: QComboBox) -> None:
        for row in range(self.attendance_table.rowCount()):
            if self.attendance_table.cellWidget(row, 2) is combo:
                self._style_reason(row)
                if combo.currentText() == "请假" and not self.attendance_table.item(row, 3).text():
                    self.attendance_table.setCurrentCell(row, 3)
        self.changed.emit()

    def _style_reason(self, row: int) -> None:
        """The 事由 cell is open only for 请假, and shows as required while it is empty."""
        table = self.attendance_table
        item = table.item(row, 3)
        on_leave = table.cellWidget(row, 2).currentText() == "请假"
        blocked = table.blockSignals(True)
        flags = item.flags() | Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags if on_leave else flags & ~Qt.ItemFlag.ItemIsEditable)
        missing = on_leave and not item.text().strip()
        item.setBackground(QBrush(QColor("#fff3cd")) if missing else QBrush())
        item.setToolTip("请假须填写事由（双击填写）" if missing else "")
        table.blockSignals(blocked)

    def _add_chosen_member(self) -> None:
        """添加委员: the member typed or picked, else the first match of what is typed."""
        picker = self.member_picker
        member_id = picker.member_id()
        if member_id is None and picker.text().strip() and picker.proxy.rowCount():
            member_id = picker.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole)
        if member_id is not None:
            self._add_member(member_id)

    def _add_member(self, member_id: int) -> None:
        member = self.member_picker.model.by_id(member_id)
        if member is not None:
            self.add_roster([AttendanceLine(member.id, member.name, member.sector or "")])
        self.member_picker.set_member(None)

    def set_room_first(self, room_id: int | None) -> None:
        """The activity's room's members lead the 添加委员 list."""
        self.member_picker.set_room_first(room_id)

    def _remove_member(self) -> None:
        row = self.attendance_table.currentRow()
        if row >= 0:
            self.attendance_table.removeRow(row)
            self.changed.emit()

    def attendance_lines(self) -> list[AttendanceLine]:
        table = self.attendance_table
        lines = []
        for row in range(table.rowCount()):
            reason = table.item(row, 3)
            status = table.cellWidget(row, 2).currentText()
            lines.append(
                AttendanceLine(
                    table.item(row, 0).data(MEMBER_ROLE),
                    table.item(row, 0).text(),
                    table.item(row, 1).text(),
                    status,
                    reason.text() if reason and status == "请假" else "",
                )
            )
        return lines

    def collect(self, draft: ActivityDraft) -> None:
        draft.attendances = self.attendance_lines()
        draft.guests = [GuestLine(v[0], v[1], i) for i, v in self.guests.lines()]

    def _update_counts(self) -> None:
        lines = self.attendance_lines()
        counts = {s: sum(1 for line in lines if line.status == s) for s in ATTENDANCE_STATUSES}
        self.counts_label.setText("　".join(f"{s} {n} 人" for s, n in counts.items()))
