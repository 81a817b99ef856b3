"""The editor's tabs after 基本信息: each has ``load(draft)`` and ``collect(draft)`` and emits
``changed`` so the dialog can redraw the seven-step indicator and track unsaved input."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.models.vocab import ATTENDANCE_STATUSES, EVALUATIONS, FOLLOW_UP_STATUSES
from app.services.activity_list import Choice
from app.services.activity_records import (
    ActivityDraft,
    AttendanceLine,
    FollowUpLine,
    GuestLine,
    OpinionLine,
    SpeechLine,
)
from app.services.follow_ups import is_overdue
from app.ui.activity_lines import DATE, LONG_TEXT, TEXT, LinesEditor, parse_date

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


def _date_text(value) -> str:  # noqa: ANN001
    return value.isoformat() if value else ""


class AttendanceTab(QWidget):
    """驻室委员 marked 出席 / 请假 (事由) / 缺席, plus 列席人员 with their units."""

    changed = Signal()

    def __init__(self, members: list[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members = members
        self.attendance_table = QTableWidget(0, 4, self)
        self.attendance_table.setObjectName("attendance_table")
        self.attendance_table.setHorizontalHeaderLabels(["姓名", "界别", "出席情况", "请假事由"])
        self.attendance_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attendance_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch
        )
        self.attendance_table.itemChanged.connect(self._on_item_changed)

        self.member_combo = QComboBox(self)
        self.member_combo.setObjectName("member_combo")
        self.member_combo.setEditable(True)
        self.member_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for choice in members:
            self.member_combo.addItem(choice.name, choice.id)
        self.member_combo.setCurrentIndex(-1)
        self.member_combo.lineEdit().setPlaceholderText("输入姓名，选择本室以外的委员")
        self.add_member_button = QPushButton("添加委员", self)
        self.add_member_button.setObjectName("add_member_button")
        self.add_member_button.clicked.connect(self._add_chosen_member)
        self.remove_member_button = QPushButton("移除", self)
        self.remove_member_button.setObjectName("remove_member_button")
        self.remove_member_button.clicked.connect(self._remove_member)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("counts_label")

        top = QHBoxLayout()
        top.addWidget(QLabel("委员：", self))
        top.addWidget(self.member_combo, 1)
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
        index = self.member_combo.findText(self.member_combo.currentText())
        if index < 0:
            return
        member_id = self.member_combo.itemData(index)
        self.add_roster([AttendanceLine(member_id, self.member_combo.itemText(index))])

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


class PlanTab(QWidget):
    """方案与调研: 工作方案 and 调研情况."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan_edit = QPlainTextEdit(self)
        self.plan_edit.setObjectName("plan_edit")
        self.plan_edit.setPlaceholderText("工作方案：目的、议题、时间安排、参加人员、分工……")
        self.research_edit = QPlainTextEdit(self)
        self.research_edit.setObjectName("research_edit")
        self.research_edit.setPlaceholderText("调研情况：走访、座谈、问卷，了解到的情况……")
        for edit in (self.plan_edit, self.research_edit):
            edit.textChanged.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("工作方案", self))
        layout.addWidget(self.plan_edit)
        layout.addWidget(QLabel("调研情况（不调研不协商）", self))
        layout.addWidget(self.research_edit)

    def load(self, draft: ActivityDraft) -> None:
        self.plan_edit.setPlainText(draft.plan)
        self.research_edit.setPlainText(draft.research)

    def collect(self, draft: ActivityDraft) -> None:
        draft.plan = self.plan_edit.toPlainText()
        draft.research = self.research_edit.toPlainText()


class SpeechesTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = LinesEditor(
            "speech", [("发言人", TEXT), ("发言摘要", LONG_TEXT)], "添加发言", parent=self
        )
        self.speech_table = self.lines.table
        self.lines.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("按发言顺序记录；选中一行后可上移、下移调整顺序。", self))
        layout.addWidget(self.lines)

    def load(self, draft: ActivityDraft) -> None:
        self.lines.set_lines([(s.id, [s.speaker, s.summary]) for s in draft.speeches])

    def collect(self, draft: ActivityDraft) -> None:
        old = {s.id: s.member_id for s in draft.speeches if s.id is not None}
        draft.speeches = [SpeechLine(v[0], v[1], old.get(i), i) for i, v in self.lines.lines()]


class OpinionsTab(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = LinesEditor(
            "opinion", [("协商意见 / 共识", LONG_TEXT)], "添加协商意见", "chinese", parent=self
        )
        self.opinion_table = self.lines.table
        self.lines.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("协商形成的意见按一、二、三……编号，写入会议纪要。", self))
        layout.addWidget(self.lines)

    def load(self, draft: ActivityDraft) -> None:
        self.lines.set_lines([(o.id, [o.content]) for o in draft.opinions])

    def collect(self, draft: ActivityDraft) -> None:
        draft.opinions = [OpinionLine(v[0], i) for i, v in self.lines.lines()]

    def contents(self) -> list[str]:
        return [v[0].strip() for _i, v in self.lines.lines() if v[0].strip()]


FOLLOW_UP_COLUMNS = (
    ("建议内容", LONG_TEXT),
    ("承办单位", TEXT),
    ("交办日期", DATE),
    ("办理时限", DATE),
    ("办理状态", FOLLOW_UP_STATUSES),
    ("办理结果", LONG_TEXT),
    ("反馈日期", DATE),
    ("群众评议", ("", *EVALUATIONS)),
)


class FollowUpsTab(QWidget):
    """成果办理: each suggestion with 承办单位, dates, status, result and 群众评议."""

    changed = Signal()

    def __init__(self, opinions: OpinionsTab, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._opinions = opinions
        self.reported_check = QCheckBox("协商成果已报送，报送日期：", self)
        self.reported_check.setObjectName("reported_check")
        self.reported_edit = QDateEdit(QDate.currentDate(), self)
        self.reported_edit.setObjectName("reported_edit")
        self.reported_edit.setCalendarPopup(True)
        self.reported_edit.setDisplayFormat("yyyy-MM-dd")
        self.reported_check.toggled.connect(self.reported_edit.setEnabled)
        self.reported_check.toggled.connect(lambda _c: self.changed.emit())
        self.reported_edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.lines = LinesEditor(
            "follow_up", FOLLOW_UP_COLUMNS, "添加办理事项",
            defaults=["", "", "", "", "待交办", "", "", ""], parent=self,
        )  # fmt: skip
        self.follow_up_table = self.lines.table
        self.lines.changed.connect(self.changed)
        self.lines.changed.connect(self.mark_overdue)
        self.from_opinions_button = QPushButton("由协商意见生成办理事项", self)
        self.from_opinions_button.setObjectName("from_opinions_button")
        self.from_opinions_button.clicked.connect(self.add_from_opinions)
        top = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.reported_check)
        row.addWidget(self.reported_edit)
        row.addStretch(1)
        row.addWidget(self.from_opinions_button)
        top.addRow(row)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.lines)

    def load(self, draft: ActivityDraft) -> None:
        reported = draft.results_reported_on
        self.reported_check.setChecked(reported is not None)
        self.reported_edit.setEnabled(reported is not None)
        if reported:
            self.reported_edit.setDate(QDate(reported.year, reported.month, reported.day))
        self.lines.set_lines(
            [
                (
                    f.id,
                    [
                        f.content,
                        f.handling_unit,
                        _date_text(f.assigned_on),
                        _date_text(f.due_on),
                        f.status,
                        f.result,
                        _date_text(f.feedback_on),
                        f.evaluation,
                    ],
                )
                for f in draft.follow_ups
            ]
        )
        self.mark_overdue()

    def mark_overdue(self) -> None:
        """Red 办理时限 for open items past their deadline, as on the 督办 board."""
        table = self.follow_up_table
        blocked = table.blockSignals(True)
        today = date.today()
        for row in range(table.rowCount()):
            due, status = table.item(row, 3), table.item(row, 4)
            try:
                due_on = parse_date(due.text(), "") if due else None
            except ValidationError:
                due_on = None
            late = is_overdue(due_on, status.text() if status else "", today)
            if due is not None:
                due.setBackground(QBrush(QColor("#fde2e1")) if late else QBrush())
                due.setForeground(QBrush(QColor("#b71c1c")) if late else QBrush())
                due.setToolTip("已逾期" if late else "")
        table.blockSignals(blocked)

    def add_from_opinions(self) -> int:
        """One 待交办 item per 协商意见 not yet listed (matched by text)."""
        listed = {v[0].strip() for _i, v in self.lines.lines()}
        added = 0
        for content in self._opinions.contents():
            if content not in listed:
                self.lines.add_line([content, "", "", "", "待交办", "", "", ""])
                added += 1
        return added

    def collect(self, draft: ActivityDraft) -> None:
        draft.results_reported_on = (
            self.reported_edit.date().toPython() if self.reported_check.isChecked() else None
        )
        items = []
        for n, (line_id, v) in enumerate(self.lines.lines(), 1):
            what = f"第 {n} 条办理事项的"
            items.append(
                FollowUpLine(
                    v[0],
                    v[1],
                    parse_date(v[2], what + "交办日期"),
                    parse_date(v[3], what + "办理时限"),
                    v[4] or "待交办",
                    v[5],
                    parse_date(v[6], what + "反馈日期"),
                    v[7],
                    line_id,
                )
            )
        draft.follow_ups = items
