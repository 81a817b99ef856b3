"""议题库 page: topics with 来源 and status, filters, and each topic's 四单 trail."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.models.vocab import TOPIC_SOURCES, TOPIC_STATUSES
from app.services.activities import activity_list
from app.services.activities.records import ActivityDraft
from app.services.changes import Changes
from app.services.topics import pool as topics
from app.services.topics import topic_list
from app.services.topics.pool import TopicTrail
from app.services.topics.topic_list import TopicFilter
from app.ui.common.actions import run_action
from app.ui.common.column_fit import ColumnFit
from app.ui.common.data_table import PagedTable
from app.ui.common.detail_splitter import DetailSplitter
from app.ui.common.list_page_tools import PageDialogs, filter_combo, page_button, refill_combo
from app.ui.common.township_filter import (
    chosen_origin,
    refill_townships,
    show_origin_column,
    township_combo,
)
from app.ui.shell.context import UiContext
from app.ui.topics.topic_dialogs import StatusChangeDialog, TopicEditorDialog
from app.ui.topics.topic_list_model import ORIGIN_COLUMN, TopicListModel

if TYPE_CHECKING:  # the activity editor loads when first opened, not with the list
    from app.ui.activities.editor import ActivityEditorDialog


def trail_html(trail: TopicTrail) -> str:
    """The 四单 loop as short HTML for the side panel."""

    def step(title: str, body: str) -> str:
        return f"<p><b>{title}</b><br>{body}</p>"

    parts = [f"<h3>{escape(trail.title)}</h3><p>当前状态：<b>{escape(trail.status)}</b>"]
    if trail.rejection_reason:
        parts.append(f"（理由：{escape(trail.rejection_reason)}）")
    parts.append("</p>")
    raised = escape(trail.raised)
    if trail.reception_summary:
        raised += f"<br><span style='color:#555'>{escape(trail.reception_summary)}</span>"
    parts.append(step("① 群众点单", raised))
    parts.append(step("② 委员接单", escape(trail.taken_by) or "<i>尚无委员接单</i>"))
    meetings = "<br>".join(
        f"{a.start_at:%Y-%m-%d} {escape(a.activity_type)}：{escape(a.title)}（{a.status}）"
        for a in trail.activities
    )
    parts.append(step("③ 协商解单", meetings or "<i>尚未开展协商</i>"))
    items = "<br>".join(
        ("<span style='color:#b71c1c'><b>【逾期】</b></span>" if f.overdue else "")
        + f"{escape(f.content)} — {escape(f.handling_unit or '未定承办单位')}，"
        f"{f.status}" + (f"，时限 {f.due_on:%Y-%m-%d}" if f.due_on else "")
        for f in trail.follow_ups
    )
    parts.append(step("④ 跟进督单", items or "<i>暂无办理事项</i>"))
    history = "".join(
        f"<tr><td>{c.changed_on:%Y-%m-%d}</td><td>{escape(c.from_status or '—')} → "
        f"{escape(c.to_status)}</td><td>{escape(c.note)}</td></tr>"
        for c in trail.changes
    )
    parts.append(f"<p><b>状态记录</b></p><table cellpadding='3'>{history}</table>")
    return "".join(parts)


class TopicsPage(QWidget):
    # the trail shows the activities and the visit a topic came from
    shows = Changes(topics=True, rooms=True, members=True, activities=True, receptions=True)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialogs = PageDialogs(self.refresh)
        self.township_filter_combo = township_combo(self)
        self.status_filter_combo = filter_combo(
            self, "status_filter_combo", "全部状态", [(s, s) for s in TOPIC_STATUSES]
        )
        self.source_filter_combo = filter_combo(
            self, "source_filter_combo", "全部来源", [(s, s) for s in TOPIC_SOURCES]
        )
        self.year_filter_combo = filter_combo(self, "year_filter_combo", "全部年度")
        self.room_filter_combo = filter_combo(self, "room_filter_combo", "全部联络室")
        self.room_filter_combo.setMaximumWidth(240)  # 320 county rooms, some with long names
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")

        self.model = TopicListModel(parent=self)
        self.table = PagedTable(self.model, ctx.settings, "topics", self)
        self.table.filter_edit.setPlaceholderText(
            "筛选（Ctrl+F）：议题、来源、提出人、接单委员、联络室…"
        )
        self.topic_table = self.table.view
        self.topic_table.setObjectName("topic_table")
        restored = ctx.settings.value("tables/topics/header") is not None
        widths = (90, 200, 80, 80, 80, 140, 60, 70, 70)  # 状态 in view at 1366
        # 议题 and 联络室 take the width to spare
        fit = ColumnFit(self.topic_table, [None if restored else w for w in widths], (1, 5))
        self.topic_table.selectionModel().currentRowChanged.connect(lambda *_: self.show_trail())
        self.topic_table.doubleClicked.connect(lambda _i: self.edit_topic())
        self.trail_view = QTextBrowser(self)
        self.trail_view.setObjectName("trail_view")
        self.trail_view.setMinimumWidth(240)  # beside the list: else below it (DetailSplitter)

        self.new_topic_button = page_button(
            self, "new_topic_button", "新建议题（Ctrl+N）", self.new_topic
        )
        self.edit_topic_button = page_button(self, "edit_topic_button", "编辑", self.edit_topic)
        self.change_status_button = page_button(
            self, "change_status_button", "更改状态…", self.change_status
        )
        self.plan_activity_button = page_button(
            self, "plan_activity_button", "安排协商活动", self.plan_activity
        )
        self.delete_topic_button = page_button(
            self, "delete_topic_button", "删除", self.delete_topic
        )
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_topic)

        filters = QHBoxLayout()  # filters on their own row: the page fits a 1024-pixel screen
        for combo in (
            self.township_filter_combo,
            self.room_filter_combo,
            self.status_filter_combo,
            self.source_filter_combo,
            self.year_filter_combo,
        ):
            filters.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        self.table.filter_edit.textChanged.connect(lambda _t: self.reload())
        top = QHBoxLayout()
        for button in (
            self.new_topic_button,
            self.edit_topic_button,
            self.change_status_button,
            self.plan_activity_button,
            self.delete_topic_button,
        ):
            top.addWidget(button)
        top.addStretch(1)
        # beside the list on a 1366 px screen (联络室 and 状态 in view), below it on a 1024 px one
        self.detail_splitter = DetailSplitter(
            self.topic_table, fit, self.trail_view, self, frame=self.table
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>议题库</h2>", self))
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.detail_splitter, 1)
        self.refresh()

    def current_filter(self) -> TopicFilter:
        return TopicFilter(
            status=self.status_filter_combo.currentData(),
            source=self.source_filter_combo.currentData(),
            year=self.year_filter_combo.currentData(),
            text=self.table.filter_edit.text(),
            room_id=self.room_filter_combo.currentData(),
            origin=chosen_origin(self.township_filter_combo),
        )

    def refresh(self) -> None:
        """Reload the year and room choices and the list (the selected topic stays selected)."""
        refill_townships(self.township_filter_combo, self.ctx.db)
        years = topic_list.topic_years(self.ctx.db)
        refill_combo(self.year_filter_combo, [(f"{y} 年", y) for y in years])
        rooms = activity_list.room_choices(self.ctx.db)
        refill_combo(self.room_filter_combo, [(r.name, r.id) for r in rooms])
        self.reload()

    def reload(self) -> None:
        flt, db, model = self.current_filter(), self.ctx.db, self.model
        self.table.load(
            lambda: topic_list.count_topics(db, flt),
            lambda offset, limit: topic_list.page_topics(db, flt, model.order, offset, limit),
            lambda topic_id: topic_list.topic_position(db, flt, model.order, topic_id),
        )
        self.count_label.setText(f"共 {model.total} 项")
        show_origin_column(self.topic_table, ORIGIN_COLUMN, db)
        self.show_trail()

    def select_topic(self, topic_id: int) -> None:
        """Select the topic (even one not fetched yet) if the filters show it."""
        self.table.select_id(topic_id)

    def selected_id(self) -> int | None:
        return self.table.selected_id()

    def show_trail(self) -> None:
        topic_id = self.selected_id()
        if topic_id is None:
            self.trail_view.setHtml("<p style='color:#777'>选择一个议题，查看其“四单”进程。</p>")
            return
        self.trail_view.setHtml(trail_html(topics.topic_trail(self.ctx.db, topic_id)))

    def new_topic(self) -> TopicEditorDialog:
        return self.dialogs.open(TopicEditorDialog(self.ctx, None, self))

    def edit_topic(self) -> TopicEditorDialog | None:
        topic_id = self.selected_id()
        if topic_id is None:
            return None
        return self.dialogs.open(TopicEditorDialog(self.ctx, topic_id, self))

    def change_status(self) -> StatusChangeDialog | None:
        row = self.table.selected_row()
        if row is None:
            return None
        topic = self.model.row_at(row)
        return self.dialogs.open(StatusChangeDialog(self.ctx, topic.id, topic.status, self))

    def plan_activity(self) -> ActivityEditorDialog | None:
        """Open a new consultation on the selected topic (协商解单)."""
        from app.ui.activities.editor import ActivityEditorDialog

        topic_id = self.selected_id()
        if topic_id is None:
            return None
        topic = topics.get_topic(self.ctx.db, topic_id)
        draft = ActivityDraft(title=topic.title, topic_id=topic_id, room_id=topic.room_id)
        dialog = ActivityEditorDialog(self.ctx, None, self, draft=draft)
        return self.dialogs.show(dialog, dialog.saved)

    def delete_topic(self) -> None:
        topic_id = self.selected_id()
        if topic_id is None:
            return
        answer = QMessageBox.question(
            self, "删除议题", "确定删除该议题吗？据此开展的活动会保留，但不再关联该议题。"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_action(
            self,
            self.ctx,
            lambda: topics.delete_topic(self.ctx.db, topic_id),
            success=lambda _changes: self.refresh(),
        )
