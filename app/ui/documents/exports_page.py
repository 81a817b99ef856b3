"""导出: one panel per area that files documents."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.changes import Changes
from app.ui.documents.panel import DocumentsExportPanel
from app.ui.members.roster_dialogs import RosterExportPanel
from app.ui.points.points_exports import PointsExportPanel
from app.ui.shell.context import UiContext
from app.ui.statistics.export_panel import StatisticsExportPanel

# (title, panel class) pairs; each area adds its panel here.
EXPORT_PANELS: tuple = (
    ("委员名册", RosterExportPanel),
    ("会议文件", DocumentsExportPanel),
    ("履职积分", PointsExportPanel),
    ("年度工作统计", StatisticsExportPanel),
)


class ExportsPage(QWidget):
    shows = Changes(rooms=True, activities=True)  # the choices of rooms and activities

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>导出</h2>", self))
        self.panels = []
        for _title, panel_class in EXPORT_PANELS:
            panel = panel_class(ctx, self)
            self.panels.append(panel)
            layout.addWidget(panel)
        if not self.panels:
            layout.addWidget(QLabel("暂无可导出的文件。", self))
        layout.addStretch(1)

    def refresh(self) -> None:
        for panel in self.panels:
            panel.refresh()
