"""方案与调研 tab: the 工作方案 and the 调研情况 (不调研不协商)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.services.activities.records import ActivityDraft


class PlanTab(QWidget):
    """方案与调研: 工作方案 and 调研情况."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan_edit = QPlainTextEdit(self)
        self.plan_edit.setTabChangesFocus(True)  # Tab moves to the next field
        self.plan_edit.setObjectName("plan_edit")
        self.plan_edit.setPlaceholderText("工作方案：目的、议题、时间安排、参加人员、分工……")
        self.research_edit = QPlainTextEdit(self)
        self.research_edit.setTabChangesFocus(True)  # Tab moves to the next field
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
