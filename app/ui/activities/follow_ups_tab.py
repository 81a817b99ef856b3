"""成果办理 tab: each suggestion with 承办单位, 交办日期, 办理时限, status, result, 反馈日期 and
群众评议; overdue deadlines show red as on the 督办 board."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.models.vocab import EVALUATIONS, FOLLOW_UP_STATUSES
from app.services.activities.records import ActivityDraft, FollowUpLine
from app.services.follow_ups.board import is_overdue
from app.services.follow_ups.progress import status_for
from app.ui.activities.lines_table import DATE, LONG_TEXT, TEXT, LinesEditor, parse_date
from app.ui.activities.opinions_tab import OpinionsTab

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


def date_text(value: date | None) -> str:
    return value.isoformat() if value else ""


def _date_or_none(text: str) -> date | None:
    """A typed date, or None while it is empty or does not parse yet."""
    try:
        return parse_date(text, "")
    except ValidationError:
        return None


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
        self.lines.changed.connect(self.propose_status)
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
                        date_text(f.assigned_on),
                        date_text(f.due_on),
                        f.status,
                        f.result,
                        date_text(f.feedback_on),
                        f.evaluation,
                    ],
                )
                for f in draft.follow_ups
            ]
        )
        self.mark_overdue()

    def propose_status(self) -> None:
        """The status follows what is filled in (the service's rule): 承办单位 and 交办日期 →
        办理中; 办理结果 and 反馈日期 → 已办结. The clerk can still choose another."""
        table = self.follow_up_table
        for row, (_id, v) in enumerate(self.lines.lines()):
            wanted = status_for(v[4], v[1], _date_or_none(v[2]), v[5], _date_or_none(v[6]))
            status = table.item(row, 4)
            if status is not None and wanted != status.text():
                blocked = table.blockSignals(True)
                status.setText(wanted)
                table.blockSignals(blocked)

    def mark_overdue(self) -> None:
        """Red 办理时限 for open items past their deadline, as on the 督办 board."""
        table = self.follow_up_table
        blocked = table.blockSignals(True)
        today = date.today()
        for row in range(table.rowCount()):
            due, status = table.item(row, 3), table.item(row, 4)
            due_on = _date_or_none(due.text()) if due else None
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
