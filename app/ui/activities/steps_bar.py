"""The seven-step indicator (协商在一线) shown at the top of a consultation's editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.models.vocab import CONSULTATION_STEPS
from app.services.activities.consultation_steps import StepProgress

DONE_STYLE = "background:#2e7d32;color:white;border-radius:4px;padding:4px;"
CURRENT_STYLE = (
    "background:#fff3cd;color:#7a4f01;border:2px solid #e0a800;border-radius:4px;padding:3px;"
)
TODO_STYLE = (
    "background:#f7f7f7;color:#777777;border:1px solid #c8c8c8;border-radius:4px;padding:3px;"
)
LATE_DONE_STYLE = "background:#c8e6c9;color:#1b5e20;border-radius:4px;padding:4px;"


class StepsIndicator(QWidget):
    """Seven boxes: done (green), current (amber outline), still to do (grey)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_labels: list[QLabel] = []
        row = QHBoxLayout()
        row.setSpacing(4)
        for i, name in enumerate(CONSULTATION_STEPS, 1):
            label = QLabel(f"{i} {name}", self)
            label.setObjectName(f"step_{i}_label")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            row.addWidget(label, 1)
            self.step_labels.append(label)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("steps_summary_label")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>协商在一线 · 七步进度</b>", self)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.summary_label)
        layout.addLayout(head)
        layout.addLayout(row)

    def show_progress(self, progress: StepProgress) -> None:
        for label, step in zip(self.step_labels, progress.steps, strict=True):
            if step.number <= progress.reached:
                style, mark = DONE_STYLE, "✓ "
            elif step.number == progress.reached + 1:
                style, mark = CURRENT_STYLE, "▶ "
            elif step.done:
                style, mark = LATE_DONE_STYLE, "✓ "
            else:
                style, mark = TODO_STYLE, ""
            label.setStyleSheet(style)
            label.setText(f"{mark}{step.number} {step.name}")
            label.setToolTip("已完成" if step.done else f"尚未完成：{step.hint}")
        self.summary_label.setText(progress.label)
