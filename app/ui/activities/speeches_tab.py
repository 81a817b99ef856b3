"""发言记录 tab: speakers and summaries in the order they spoke."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.activities.records import ActivityDraft, SpeechLine
from app.services.members.registry import MemberRow
from app.ui.activities.lines_table import LONG_TEXT, MEMBER_ROLE, LinesEditor, MemberColumn


class SpeechesTab(QWidget):
    changed = Signal()

    def __init__(self, members: list[MemberRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        columns = [("发言人", MemberColumn(members)), ("发言摘要", LONG_TEXT)]
        self.lines = LinesEditor("speech", columns, "添加发言", parent=self)
        self.speech_table = self.lines.table
        self.lines.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("按发言顺序记录；发言的委员从列表中选择。选中一行后可上移、下移调整顺序。", self)
        )
        layout.addWidget(self.lines)

    def load(self, draft: ActivityDraft) -> None:
        self.lines.set_lines([(s.id, [s.speaker, s.summary]) for s in draft.speeches])
        table = self.speech_table
        blocked = table.blockSignals(True)
        for row, speech in enumerate(draft.speeches):
            table.item(row, 0).setData(MEMBER_ROLE, speech.member_id)
        table.blockSignals(blocked)

    def collect(self, draft: ActivityDraft) -> None:
        draft.speeches = [
            SpeechLine(v[0], v[1], self.speech_table.item(row, 0).data(MEMBER_ROLE), i)
            for row, (i, v) in enumerate(self.lines.lines())
        ]
