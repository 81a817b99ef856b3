"""协商意见 tab: the numbered opinions (一、二、三……) the minutes carry."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.activities.records import ActivityDraft, OpinionLine
from app.ui.activities.lines_table import LONG_TEXT, LinesEditor


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
