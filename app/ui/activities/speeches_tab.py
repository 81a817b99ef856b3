"""发言记录 tab: speakers and summaries in the order they spoke."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.activities.records import ActivityDraft, SpeechLine
from app.ui.activities.lines_table import LONG_TEXT, TEXT, LinesEditor


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
