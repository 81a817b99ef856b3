"""An ordered list of lines (speeches, opinions, 列席人员, 成果办理) edited in a table, with
add / remove / move up / move down buttons. Holds plain values only; the editor turns them into
the service's dataclasses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.errors import ValidationError
from app.services.members.registry import MemberRow
from app.ui.members.member_picker import MemberPicker

TEXT, LONG_TEXT, DATE = "text", "long", "date"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 2  # the member a name cell was picked as
NO_DATE = QDate(2000, 1, 1)
CHINESE_NUMERALS = "一二三四五六七八九十"
LONG_TEXT_MIN_WIDTH = 380  # px: about 25 characters a line


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 25 → 二十五 (enough for numbered 协商意见)."""
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else CHINESE_NUMERALS[tens - 1] + "十"
    return head + (CHINESE_NUMERALS[ones - 1] if ones else "")


def parse_date(text: str, what: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(f"{what}“{text}”不是有效日期（格式：2025-03-01）。") from exc


@dataclass(frozen=True)
class MemberColumn:
    """A name column edited with the member picker: a member picked (or the one member with
    the typed name) is kept in MEMBER_ROLE; any other name stays plain text (a guest)."""

    members: Sequence[MemberRow]


class LongTextEditor(QPlainTextEdit):
    """The cell editor of long text (发言摘要, 协商意见, 办理结果): it opens taller than the row
    and grows with the text so all of it stays in sight; Enter starts a new line, Ctrl+Enter
    (or leaving the cell) finishes, Tab moves on, Escape cancels."""

    finished = Signal()
    tabbed = Signal(bool)  # Tab (True) or Shift+Tab: finish and edit the next (previous) cell
    grown = Signal()
    MIN_LINES = 5

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("long_text_editor")
        self.setTabChangesFocus(True)
        self.setPlaceholderText("Enter 换行，Ctrl+Enter 完成")
        self.setToolTip("Enter 换行，Ctrl+Enter 完成；Esc 放弃本次修改")
        self.document().documentLayout().documentSizeChanged.connect(
            lambda _size: self.grown.emit()
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.finished.emit()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab leaves the cell as it does a one-line cell: on to edit the next one (the
        delegate lets a text editor take Tab itself, which would only move the view's cursor)."""
        self.tabbed.emit(forward)
        return True

    def wanted_height(self) -> int:
        """Pixels that show every laid-out line (CJK lines are taller than the font's Latin
        line spacing, so the blocks are measured), at least ``MIN_LINES`` lines."""
        text = 0.0
        block = self.document().firstBlock()
        while block.isValid():
            text += self.blockBoundingRect(block).height()
            block = block.next()
        text = max(text, self.MIN_LINES * self.fontMetrics().lineSpacing())
        frame = (
            2 * self.frameWidth() + self.contentsMargins().top() + self.contentsMargins().bottom()
        )
        return int(text + 2 * self.document().documentMargin() + frame) + 2


def date_editor(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("（未填）")
    return edit


def date_column_width(view: QWidget) -> int:
    """Wide enough for a date cell's calendar editor: a column sized to the date's text cut its
    last digit behind the editor's drop-down button (2026-12-0)."""
    view.ensurePolished()  # the style sheet's table font (13 px), not the default one
    editor = date_editor(view)
    try:
        editor.setFont(view.font())  # as the view hands its font to the editor it opens
        hint = editor.sizeHint()
        option = QStyleOptionSpinBox()
        editor.initStyleOption(option)
        option.rect = QRect(0, 0, hint.width(), hint.height())
        field = editor.style().subControlRect(
            QStyle.ComplexControl.CC_SpinBox,
            option,
            QStyle.SubControl.SC_SpinBoxEditField,
            editor,
        )
        chrome = hint.width() - field.width()  # the drop-down button and the frame
        # The text decides, not the size hint: Qt 6.8's hint left the date no room (2026-09-0
        # at 1366 px), newer ones leave spare room the board has not got. The line edit keeps
        # about 7 px of its own margins.
        metrics = editor.lineEdit().fontMetrics()
        text = max(metrics.horizontalAdvance(t) for t in ("2026-12-31", "（未填）")) + 10
        return text + chrome + 2  # the cell grid line
    finally:
        editor.deleteLater()


class LineDelegate(QStyledItemDelegate):
    """Combo boxes for fixed word lists, a calendar for dates, a multi-line box for long text."""

    def __init__(self, kinds: Sequence[Any], parent: QWidget) -> None:
        super().__init__(parent)
        self._kinds = kinds

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        kind = self._kinds[index.column()]
        if isinstance(kind, MemberColumn):
            hint = "姓名；委员可输入拼音首字母后从列表中选择"
            picker = MemberPicker(kind.members, parent, hint, free_text=True)
            picker.chosen_from_list.connect(lambda _id: self._finish_later(picker))
            return picker
        if isinstance(kind, tuple):
            combo = QComboBox(parent)
            combo.addItems(kind)
            return combo
        if kind == DATE:
            return date_editor(parent)
        if kind == LONG_TEXT:
            editor = LongTextEditor(parent)
            editor.finished.connect(lambda: self._finish(editor))
            editor.tabbed.connect(lambda forward: self._finish(editor, forward))
            editor.grown.connect(lambda: self._fit(editor, index))
            return editor
        return super().createEditor(parent, option, index)

    def _finish_later(self, editor: QWidget) -> None:
        """A member picked from the list ends the edit; when Enter picked it, Qt's own
        (queued) commit has closed the editor already by then, so it is not closed twice."""

        def finish() -> None:
            if isValid(editor) and editor.isVisible():
                self._finish(editor)

        QTimer.singleShot(0, finish)

    def _finish(self, editor: QWidget, forward: bool | None = None) -> None:
        hint = QStyledItemDelegate.EndEditHint
        self.commitData.emit(editor)
        if forward is None:
            self.closeEditor.emit(editor, hint.NoHint)
        else:
            self.closeEditor.emit(editor, hint.EditNextItem if forward else hint.EditPreviousItem)

    def _fit(self, editor: LongTextEditor, index: QModelIndex) -> None:
        view = self.parent()
        if isinstance(view, QAbstractItemView) and index.isValid():
            self._place(editor, view.visualRect(index))

    def _place(self, editor: LongTextEditor, cell: QRect) -> None:
        """As tall as the text (at least five lines), over the rows below, inside the view;
        a narrow column's editor is widened to a readable width."""
        view = editor.parentWidget()
        room_w, room_h = (view.width(), view.height()) if view else (cell.width(), cell.height())
        width = max(cell.width(), min(LONG_TEXT_MIN_WIDTH, room_w))
        left = max(min(cell.left(), room_w - width), 0)
        if width != editor.width():
            editor.resize(width, editor.height())  # re-wraps the text before its height is known
        height = min(max(cell.height(), editor.wanted_height()), max(room_h, cell.height()))
        top = min(cell.top(), max(room_h - height, 0))
        editor.setGeometry(left, top, width, height)

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:
        if isinstance(editor, LongTextEditor):
            self._place(editor, option.rect)
        else:
            super().updateEditorGeometry(editor, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        text = index.data() or ""
        if isinstance(editor, MemberPicker):
            editor.set_member(index.data(MEMBER_ROLE))
            editor.setText(text)
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(text)
        elif isinstance(editor, QDateEdit):
            value = QDate.fromString(text, "yyyy-MM-dd")
            editor.setDate(value if value.isValid() else QDate.currentDate())
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, MemberPicker):
            # read both first: the view pushes each change back into the open editor
            text, member_id = editor.text(), editor.member_id()
            model.setData(index, member_id, MEMBER_ROLE)
            model.setData(index, text)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        elif isinstance(editor, QDateEdit):
            value = editor.date()
            model.setData(index, "" if value == NO_DATE else value.toString("yyyy-MM-dd"))
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText())
        else:
            super().setModelData(editor, model, index)


class LinesEditor(QWidget):
    """``columns``: (header, kind) with kind TEXT, LONG_TEXT, DATE or a tuple of choices.

    Widgets are named from ``name``: ``{name}_table``, ``add_{name}_button``,
    ``remove_{name}_button``, ``move_up_{name}_button``, ``move_down_{name}_button``.
    """

    changed = Signal()

    def __init__(
        self,
        name: str,
        columns: Sequence[tuple[str, Any]],
        add_label: str,
        numbering: str = "arabic",
        defaults: Sequence[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._kinds = [kind for _h, kind in columns]
        self._numbering = numbering
        self._defaults = list(defaults) if defaults else [""] * len(columns)
        self.table = QTableWidget(0, len(columns), self)
        self.table.setObjectName(f"{name}_table")
        self.table.setHorizontalHeaderLabels([h for h, _k in columns])
        self.table.setItemDelegate(LineDelegate(self._kinds, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        for col, kind in enumerate(self._kinds):
            if kind == LONG_TEXT:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(col, 110 if kind in (DATE, TEXT) else 90)
        self.table.itemChanged.connect(self._on_item_changed)

        self.add_button = self._button(f"add_{name}_button", add_label, self.add_line)
        self.remove_button = self._button(f"remove_{name}_button", "删除", self.remove_line)
        self.move_up_button = self._button(f"move_up_{name}_button", "上移", lambda: self.move(-1))
        self.move_down_button = self._button(
            f"move_down_{name}_button", "下移", lambda: self.move(1)
        )
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.move_up_button):
            buttons.addWidget(button)
        buttons.addWidget(self.move_down_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    def _button(self, name: str, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _on_item_changed(self, _item: QTableWidgetItem) -> None:
        self.changed.emit()

    def _renumber(self) -> None:
        if self._numbering == "chinese":
            labels = [chinese_number(i + 1) for i in range(self.table.rowCount())]
            self.table.setVerticalHeaderLabels(labels)

    def set_lines(self, lines: Sequence[tuple[int | None, Sequence[str]]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for line_id, values in lines:
            self._append(line_id, values)
        self.table.blockSignals(False)
        self._renumber()

    def _append(self, line_id: int | None, values: Sequence[str]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, value in enumerate(values):
            item = QTableWidgetItem(value or "")
            if col == 0:
                item.setData(ID_ROLE, line_id)
            self.table.setItem(row, col, item)
        return row

    def lines(self) -> list[tuple[int | None, list[str]]]:
        result = []
        for row in range(self.table.rowCount()):
            values = [
                (self.table.item(row, col).text() if self.table.item(row, col) else "")
                for col in range(self.table.columnCount())
            ]
            result.append((self.table.item(row, 0).data(ID_ROLE), values))
        return result

    def add_line(self, values: Sequence[str] | None = None) -> int:
        self.table.blockSignals(True)
        row = self._append(None, list(values) if values else self._defaults)
        self.table.blockSignals(False)
        self._renumber()
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))
        self.changed.emit()
        return row

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        self._renumber()
        self.changed.emit()

    def move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        self.table.blockSignals(True)
        for col in range(self.table.columnCount()):
            a = self.table.takeItem(row, col)
            b = self.table.takeItem(target, col)
            self.table.setItem(row, col, b)
            self.table.setItem(target, col, a)
        self.table.blockSignals(False)
        self.table.setCurrentCell(target, self.table.currentColumn())
        self.changed.emit()
