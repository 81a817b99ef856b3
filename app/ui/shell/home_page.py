"""首页: what needs attention today — overdue suggestions, this month's activities, rooms behind
their yearly consultation targets — the year in three charts (the numbers of the 年度工作统计;
a click on a bar opens the list it counts), and quick links to the daily work."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.activities import activity_list
from app.services.activities.activity_list import ActivityFilter
from app.services.changes import Changes
from app.services.follow_ups import board as follow_ups
from app.services.statistics.counts import activities_by_month, period_stats
from app.services.statistics.period import whole_year
from app.ui.shell.context import UiContext
from app.ui.statistics.year_charts import YearCharts

CARD_STYLE = "QFrame#%s { background:%s; border:1px solid %s; border-radius:6px; }"
ALERT = ("#fdecea", "#e57373", "#b71c1c")
CALM = ("#f5f7fa", "#d0d7de", "#1f2d3d")


HOME_LIST_LINES = 8  # each list on the page shows at most this many lines, then “……共 N”


def around_today(rows: list, today: date, most: int = HOME_LIST_LINES) -> list:
    """The month's activities nearest today, in time order: what is coming first, then as many
    of the latest past ones as there is room for."""
    rows = sorted(rows, key=lambda r: r.start_at)
    first_upcoming = next((i for i, r in enumerate(rows) if r.start_at.date() >= today), len(rows))
    upcoming = rows[first_upcoming : first_upcoming + most]
    return rows[max(0, first_upcoming - (most - len(upcoming))) : first_upcoming] + upcoming


class CountCard(QFrame):
    """A big number with a caption; ``alert`` turns it red. A click (or Enter/Space when it has
    the focus) opens the list the number counts."""

    clicked = Signal()

    def __init__(self, name: str, caption: str, parent: QWidget, hint: str = "") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(hint)
        self.number_label = QLabel("0", self)
        self.number_label.setObjectName(f"{name}_number")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption_label = QLabel(caption, self)
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.number_label)
        layout.addWidget(self.caption_label)
        self.setMinimumSize(170, 84)
        self.show_count(0, alert=False)

    def show_count(self, count: int, alert: bool) -> None:
        background, border, colour = ALERT if alert else CALM
        self.setStyleSheet(CARD_STYLE % (self.objectName(), background, border))
        self.number_label.setText(
            f"<span style='font-size:30pt;font-weight:bold;color:{colour}'>{count}</span>"
        )
        self.setProperty("alert", alert)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class HomePage(QWidget):
    # counts of activities, follow-ups and rooms behind their target
    shows = Changes(rooms=True, activities=True, follow_ups=True)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overdue_card = CountCard(
            "overdue_card", "逾期未办结的建议（含往年）", self, "点击打开“督办”（逾期事项排在最前）"
        )
        self.open_card = CountCard("open_card", "未办结的建议（含往年）", self, "点击打开“督办”")
        self.month_card = CountCard("month_card", "本月履职活动", self, "点击打开本月的“履职活动”")
        self.behind_card = CountCard(
            "behind_card", "协商进度落后的联络室", self, "点击打开“联络室”"
        )
        self.overdue_card.clicked.connect(lambda: self._go("follow_ups_page"))
        self.open_card.clicked.connect(lambda: self._go("follow_ups_page"))
        self.month_card.clicked.connect(self._this_month)
        self.behind_card.clicked.connect(lambda: self._go("rooms_page"))
        cards = QHBoxLayout()
        for card in (self.overdue_card, self.open_card, self.month_card, self.behind_card):
            cards.addWidget(card)
        cards.addStretch(1)

        self.month_label = QLabel(self)
        self.month_label.setObjectName("month_label")
        self.month_label.setWordWrap(True)
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.behind_label = QLabel(self)
        self.behind_label.setObjectName("behind_label")
        self.behind_label.setWordWrap(True)
        self.behind_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        # a room's name opens its activities of this year
        self.behind_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.behind_label.linkActivated.connect(lambda href: self._room_activities(int(href)))
        details = QGridLayout()
        details.addWidget(QLabel("<b>本月活动</b>", self), 0, 0)
        details.addWidget(
            QLabel("<b>进度落后的联络室</b>（本年已召开的协商 / 按月份应达到）", self), 0, 1
        )
        details.addWidget(self.month_label, 1, 0)
        details.addWidget(self.behind_label, 1, 1)
        details.setColumnStretch(0, 1)
        details.setColumnStretch(1, 1)

        self.new_activity_link = self._link("new_activity_link", "新建履职活动", self._new_activity)
        self.follow_ups_link = self._link(
            "follow_ups_link", "去督办", lambda: self._go("follow_ups_page")
        )
        self.topics_link = self._link("topics_link", "议题库", lambda: self._go("topics_page"))
        self.receptions_link = self._link(
            "receptions_link", "登记接待来访", lambda: self._go("receptions_page")
        )
        links = QHBoxLayout()
        links.addWidget(QLabel("快捷入口：", self))
        for link in (
            self.new_activity_link,
            self.follow_ups_link,
            self.topics_link,
            self.receptions_link,
        ):
            links.addWidget(link)
        links.addStretch(1)

        self.year_charts = YearCharts(self)
        self.year_charts.setObjectName("year_charts")
        self.year_charts.month_clicked.connect(self._open_month)
        self.year_charts.status_clicked.connect(self._open_status)
        self.year_charts.room_clicked.connect(self._open_room)

        self.title_label = QLabel(self)
        self.title_label.setObjectName("title_label")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(cards)
        layout.addLayout(links)
        layout.addWidget(self.year_charts)
        layout.addLayout(details)
        layout.addStretch(1)
        self.refresh()

    def _link(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _go(self, page: str) -> QWidget | None:
        window = self.window()
        return window.go_to(page) if hasattr(window, "go_to") else None

    def _open_month(self, year: int, month: int) -> None:
        page = self._go("activities_page")
        if page is not None:
            page.show_filtered(year, month)

    def _open_status(self, status: str) -> None:
        page = self._go("follow_ups_page")
        if page is not None:
            page.show_status(status, self.year_charts.year)

    def _open_room(self, room_id: int) -> None:
        page = self._go("activities_page")
        if page is not None:
            page.show_filtered(self.year_charts.year, room_id=room_id, consultations=True)

    def _this_month(self) -> None:
        page = self._go("activities_page")
        if page is not None:
            page.show_only(year=self._today.year, month=self._today.month)

    def _room_activities(self, room_id: int) -> None:
        page = self._go("activities_page")
        if page is not None:
            page.show_only(room_id=room_id, year=self._today.year)

    def _new_activity(self) -> None:
        page = self._go("activities_page")
        if page is not None:
            page.open_editor(None)

    def refresh(self, today: date | None = None) -> None:
        today = self._today = today or date.today()
        counts = follow_ups.home_counts(self.ctx.db, today)
        self.title_label.setText(
            f"<span style='font-size:15pt;font-weight:bold'>首页</span>　今天是 "
            f"{today:%Y年%m月%d日}，下面是{today.year}年的工作（图中的数字与年度工作统计一致，"
            "点击柱条可查看明细）"
        )
        self.year_charts.show_year(
            period_stats(self.ctx.db, whole_year(today.year), today),
            activities_by_month(self.ctx.db, today.year - 1),
        )
        self.overdue_card.show_count(counts.overdue_follow_ups, counts.overdue_follow_ups > 0)
        self.open_card.show_count(counts.open_follow_ups, alert=False)
        self.month_card.show_count(counts.activities_this_month, alert=False)
        self.behind_card.show_count(len(counts.rooms_behind), bool(counts.rooms_behind))
        month = activity_list.page_activities(
            self.ctx.db,
            ActivityFilter(year=today.year, month=today.month),
            0,
            max(counts.activities_this_month, 1),
        )
        lines = [
            f"{r.start_at:%m-%d %H:%M}　{escape(r.activity_type)}　{escape(r.title)}"
            f"<span style='color:#777'>（{escape(r.room_name or '未指定联络室')}，{r.status}）</span>"
            for r in around_today(month, today)
        ]
        if counts.activities_this_month > len(lines):
            lines.append(f"……共 {counts.activities_this_month} 项，见“履职活动”")
        self.month_label.setText("<br>".join(lines) or "本月尚未安排活动。")
        behind = [
            f"<a href='{r.room_id}' style='color:#b71c1c'>{escape(r.room_name)}</a>"
            f"　{r.held} / {r.expected_by_now}"
            f"（全年目标 {r.target} 次）"
            for r in counts.rooms_behind[:HOME_LIST_LINES]
        ]
        if len(counts.rooms_behind) > HOME_LIST_LINES:  # a county has hundreds of rooms
            behind.append(f"……共 {len(counts.rooms_behind)} 个，见“联络室”")
        self.behind_label.setText("<br>".join(behind) or "各联络室协商进度均达到要求。")
