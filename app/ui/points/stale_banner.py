"""The 积分 page's banner for a year whose ranking is out of date: the records or the rules
changed since 重新计算 (or it never ran). It says so in plain words, with the button beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.services.points.ranking import Ranking

STALE_TEXT = (
    "排名已过期，请重新计算：积分记录或规则在上次“重新计算”后有变动，下表可能不是当前结果。"
)
NEVER_TEXT = "尚未计算：本年度已有积分规则，但还没有“重新计算”，下表为空。"


class StaleBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stale_banner")
        self.setStyleSheet(
            "#stale_banner { background: #fff4d6; border: 1px solid #e0a800; border-radius: 3px; }"
        )
        self.text_label = QLabel(self)
        self.text_label.setObjectName("text_label")
        self.text_label.setWordWrap(True)
        self.recalc_button = QPushButton("立即重新计算", self)
        self.recalc_button.setObjectName("recalc_button")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.recalc_button)
        self.hide()

    def show_for(self, ranking: Ranking | None) -> None:
        """Visible while the year's ranking is not current (a 定稿 year is frozen: never)."""
        if ranking is None or ranking.locked or (ranking.calculated and not ranking.stale):
            self.hide()
            return
        self.text_label.setText(STALE_TEXT if ranking.calculated else NEVER_TEXT)
        self.show()
