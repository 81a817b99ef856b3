"""The year at a glance on 首页: held activities per month (this year beside last year), the
status of this year's suggestions, and each room's consultations against its yearly target.

The numbers are those of the 年度工作统计 (``period_stats``); clicking a bar says which list it
counts through a signal, and 首页 opens that list.
"""

from __future__ import annotations

import re

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QWidget

from app.services.points.rooms import RoomScore
from app.services.statistics.counts import PeriodStats

THIS_YEAR = QColor("#1f5fa8")
LAST_YEAR = QColor("#a9c4e4")
TARGET = QColor("#d0d7de")
BEHIND = QColor("#c62828")
ROOMS_SHOWN = 8  # a county has hundreds of rooms: the ones furthest from their target
CHART_HEIGHT = 250


GENERIC_ENDING = re.compile(
    r"(“有事好商量”)?(协商议事室|委员联络室|委员工作室|联络室|工作室|议事室)$"
)


def short_room(name: str, most: int = 8) -> str:
    """A room's name without the words every room's name ends in, to fit beside its bar."""
    short = GENERIC_ENDING.sub("", name) or name
    return short if len(short) <= most else short[: most - 1] + "…"


class ChartView(QChartView):
    """A chart with the app's look: no animation, legend at the bottom, small margins."""

    def __init__(self, name: str, title: str, parent: QWidget) -> None:
        chart = QChart()
        chart.setTitle(f"<b>{title}</b>")
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setBackgroundRoundness(4)
        super().__init__(chart, parent)
        self.setObjectName(name)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(CHART_HEIGHT)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def reset(self) -> QChart:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        return chart

    def point_of(self, series, category: int, value: float, set_index: int = 0) -> QPoint:
        """Where on the view a bar's middle is (tests click there)."""
        sets = len(series.barSets())
        offset = (set_index - (sets - 1) / 2) * series.barWidth() / max(sets, 1)
        if isinstance(series, QHorizontalBarSeries):
            scene = self.chart().mapToPosition(QPointF(value / 2, category + offset), series)
        else:
            scene = self.chart().mapToPosition(QPointF(category + offset, value / 2), series)
        return self.mapFromScene(scene)


class YearCharts(QWidget):
    month_clicked = Signal(int, int)  # year, month
    status_clicked = Signal(str)  # a 办理状态
    room_clicked = Signal(int)  # room id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months_view = ChartView("months_chart_view", "每月履职活动（次）", self)
        self.status_view = ChartView("status_chart_view", "本年协商成果办理（项）", self)
        self.rooms_view = ChartView("rooms_chart_view", "各联络室协商完成情况（次）", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.months_view, 5)
        layout.addWidget(self.status_view, 3)
        layout.addWidget(self.rooms_view, 4)
        self.year = 0
        self.statuses: list[str] = []
        self.rooms: list[RoomScore] = []

    # -- activities per month ------------------------------------------------------------
    def show_year(self, stats: PeriodStats, last_year: list[tuple[int, int]]) -> None:
        self.year = stats.period.year
        self._months(stats, last_year)
        self._statuses(stats)
        self._rooms(stats.rooms)

    def _months(self, stats: PeriodStats, last_year: list[tuple[int, int]]) -> None:
        chart = self.months_view.reset()
        self.months_series = QBarSeries(chart)
        this = QBarSet(f"{self.year}年", self.months_series)
        this.append([float(n) for _m, n in stats.activities_by_month])
        this.setColor(THIS_YEAR)
        last = QBarSet(f"{self.year - 1}年", self.months_series)
        last.append([float(n) for _m, n in last_year])
        last.setColor(LAST_YEAR)
        self.months_series.append(this)
        self.months_series.append(last)
        this.clicked.connect(lambda i: self.month_clicked.emit(self.year, i + 1))
        last.clicked.connect(lambda i: self.month_clicked.emit(self.year - 1, i + 1))
        values = [n for _m, n in stats.activities_by_month] + [n for _m, n in last_year]
        self._axes(
            chart, self.months_series, [f"{m}" for m in range(1, 13)], values, horizontal=False
        )

    # -- suggestions by status -----------------------------------------------------------
    def _statuses(self, stats: PeriodStats) -> None:
        chart = self.status_view.reset()
        by_status = list(reversed(stats.follow_ups.by_status))  # 待交办 at the top
        self.statuses = [s for s, _n in by_status]
        self.status_series = QHorizontalBarSeries(chart)
        bars = QBarSet("项数", self.status_series)
        bars.append([float(n) for _s, n in by_status])
        bars.setColor(THIS_YEAR)
        self.status_series.append(bars)
        bars.clicked.connect(lambda i: self.status_clicked.emit(self.statuses[i]))
        self.status_series.setLabelsVisible(True)
        chart.legend().setVisible(False)
        overdue = stats.follow_ups.overdue
        chart.setTitle(
            f"<b>本年协商成果办理（共 {stats.follow_ups.total} 项）</b>"
            + (f"<br><span style='color:#b71c1c'>逾期未办结 {overdue} 项</span>" if overdue else "")
        )
        self._axes(chart, self.status_series, self.statuses, [n for _s, n in by_status], True)

    # -- rooms against their targets -----------------------------------------------------
    def _rooms(self, rooms: list[RoomScore]) -> None:
        chart = self.rooms_view.reset()
        ordered = sorted(rooms, key=lambda r: (r.consultations - r.consultation_target, r.name))
        self.rooms = list(reversed(ordered[:ROOMS_SHOWN]))  # furthest behind at the top
        self.rooms_series = QHorizontalBarSeries(chart)
        held = QBarSet("已召开协商", self.rooms_series)
        held.append([float(r.consultations) for r in self.rooms])
        held.setColor(THIS_YEAR)
        target = QBarSet("全年目标", self.rooms_series)
        target.append([float(r.consultation_target) for r in self.rooms])
        target.setColor(TARGET)
        self.rooms_series.append(held)
        self.rooms_series.append(target)
        for bars in (held, target):
            bars.clicked.connect(lambda i: self.room_clicked.emit(self.rooms[i].room_id))
        for i, room in enumerate(self.rooms):
            if not room.meets_target:
                held.setBarSelected(i, True)
        held.setSelectedColor(BEHIND)
        if len(rooms) > ROOMS_SHOWN:
            chart.setTitle(f"<b>各联络室协商完成情况（次）</b><br>差距最大的 {ROOMS_SHOWN} 个")
        names = []
        for r in self.rooms:  # a category axis drops a repeated name: keep each one apart
            name = short_room(r.name)
            names.append(name if name not in names else f"{name}（{r.room_id}）")
        values = [r.consultations for r in self.rooms] + [r.consultation_target for r in self.rooms]
        self._axes(chart, self.rooms_series, names, values, horizontal=True)

    @staticmethod
    def _axes(chart: QChart, series, categories: list[str], values: list[int], horizontal: bool):
        chart.addSeries(series)
        names = QBarCategoryAxis(chart)
        names.append(categories)
        names.setTruncateLabels(False)  # a room's short name is worth more than its bar's length
        numbers = QValueAxis(chart)
        top = max(values, default=0) or 1
        numbers.setRange(0, top)
        if top <= 5:  # one tick a count: nice numbers would step 0.2 and print "0 0 0 0 0 1"
            numbers.setTickCount(top + 1)
        else:
            numbers.applyNiceNumbers()  # whole steps: 0 2 4 6, not 0 1.25 2.5
        numbers.setLabelFormat("%d")
        if horizontal:
            chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(numbers, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(numbers, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(numbers)
