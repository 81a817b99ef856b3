"""首页: counts at a glance."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services import listing
from app.ui.context import UiContext


class HomePage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary_label")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>首页</h2>", self))
        layout.addWidget(self.summary_label)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        counts = {name: len(loader(self.ctx.db).rows) for name, loader in listing.LISTS.items()}
        self.summary_label.setText(
            f"联络室 {counts['rooms']} 个　委员 {counts['members']} 名　"
            f"议题 {counts['topics']} 个　履职活动 {counts['activities']} 次"
        )
