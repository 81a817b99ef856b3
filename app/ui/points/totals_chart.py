"""The 积分 page's bar chart of totals in rank order, as many members as the width can name.

Thirty upright names need about 34 px each; on a 1024 px screen the chart is some 800 px wide and
Qt Charts then shows every name as ⋮ and the totals printed on the bars run into each other. The
view counts how many bars fit its width and shows the first that many (``前 N 名``).
"""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import QWidget

from app.services.points.ranking import Ranking

CHART_LIMIT = 30
BAR_PX = 34  # an upright two- or three-character name and a total such as 55 on its bar
AXIS_PX = 60  # the value axis and the margins beside the plot area
FEWEST_BARS = 5


def bars_that_fit(width: int) -> int:
    return max(FEWEST_BARS, min(CHART_LIMIT, (width - AXIS_PX) // BAR_PX))


def totals_chart(ranking: Ranking | None, most: int = CHART_LIMIT) -> QChart:
    """A new bar chart of totals in rank order (the first ``most`` members)."""
    chart = QChart()
    rows = ranking.rows[:most] if ranking is not None else []
    more = f"（前 {most} 名）" if ranking is not None and len(ranking.rows) > most else ""
    chart.setTitle(f"{ranking.year}年度履职积分总分{more}" if ranking is not None else "")
    if not rows:
        return chart
    bars = QBarSet("总分")
    bars.append([row.total for row in rows])
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append([row.name for row in rows])
    names.setLabelsAngle(-90)  # names side by side only fit when upright
    chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(names)
    values = QValueAxis()
    low = min(0.0, *(row.total for row in rows))
    values.setRange(low, max(1.0, *(row.total for row in rows)) * 1.1)
    values.setLabelFormat("%g")
    values.applyNiceNumbers()
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values)
    chart.legend().setVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


class TotalsChartView(QChartView):
    """Shows a ranking's totals; redraws with fewer or more bars when its width changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QChart(), parent)
        self.setObjectName("chart_view")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self._ranking: Ranking | None = None
        self._bars = 0

    def show_ranking(self, ranking: Ranking | None) -> None:
        self._ranking = ranking
        self._redraw()

    def _redraw(self) -> None:
        self._bars = bars_that_fit(self.width())
        old = self.chart()
        self.setChart(totals_chart(self._ranking, self._bars))
        old.deleteLater()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if bars_that_fit(event.size().width()) != self._bars:
            self._redraw()
        super().resizeEvent(event)
