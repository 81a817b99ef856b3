"""积分规则 editor of one year: rules, 总则 (base score, total cap), category caps, grades and
minimum requirements, in the same columns as the .xlsx sheet. Loading a shipped table, copying
the previous year and importing a sheet only fill the editor; 保存 validates and stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.exports.rules_sheet import write_rule_workbook
from app.imports.rules_sheet import read_rule_workbook
from app.models.vocab import ADOPTION_LEVELS, ATTENDANCE_STATUSES, SUBMISSION_KINDS
from app.services.points import rules, vocab
from app.services.points.rules_table import (
    CAPS_HEADERS,
    CAPS_SHEET,
    GRADE_HEADERS,
    GRADES_SHEET,
    REQ_HEADERS,
    REQ_SHEET,
    RULE_HEADERS,
    RULES_SHEET,
    SheetRows,
    grade_rows,
    num,
    parse_caps,
    parse_grades,
    parse_requirements,
    parse_rules,
    requirement_rows,
    rule_row,
)
from app.ui.common.actions import FAILED, run_action
from app.ui.common.file_dialogs import ask_open_path, ask_save_path
from app.ui.shell.context import UiContext

CHOICES = {
    "计分方式": list(vocab.COUNTINGS.values()),
    "触发记录": list(vocab.TRIGGERS.values()),
    "出席情况": ["", *ATTENDANCE_STATUSES],
    "迟到早退": ["", *vocab.FLAGS],
    "成果类型": ["", *SUBMISSION_KINDS],
    "成果环节": ["", *dict.fromkeys(s for stages in vocab.STAGES.values() for s in stages)],
    "采用层级": ["", *ADOPTION_LEVELS],
    "合著计分": ["", *vocab.SHARES],
    "是否合格": ["是", "否"],
    "适用委员": ["", *vocab.APPLIES_TO],
}
HINT = (
    "每行一条规则。触发记录：活动出席（填活动类型、出席情况，可填迟到早退、活动名称含）；"
    "履职成果（填成果类型、成果环节，提案可选合著计分）；接待来访；手工录入（只作手工加减分的条目）。"
    "扣分填负数；年度上限留空表示不封顶；多个活动类型或层级用顿号分隔；状态为“筹备中”的活动不计分。"
)


class ChoiceDelegate(QStyledItemDelegate):
    """An editable combo box for the columns with a fixed word list."""

    def __init__(self, choices: list[str], parent=None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.addItems(self._choices)
        return combo

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentText(str(index.data() or ""))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentText())


def _table(parent: QWidget, name: str, headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    for column, header in enumerate(headers):
        if header in CHOICES:
            table.setItemDelegateForColumn(column, ChoiceDelegate(CHOICES[header], table))
    return table


def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(0)
    for values in rows:
        r = table.rowCount()
        table.insertRow(r)
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))


def _rows(table: QTableWidget, name: str, headers: tuple[str, ...]) -> SheetRows:
    rows = []
    for r in range(table.rowCount()):
        values = {}
        for c, header in enumerate(headers):
            item = table.item(r, c)
            values[header] = item.text() if item is not None else ""
        if any(v.strip() for v in values.values()):
            rows.append((r + 1, values))
    return SheetRows(name, rows)


class PointRulesDialog(QDialog):
    def __init__(self, ctx: UiContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = year
        self.setObjectName("point_rules_dialog")
        self.setWindowTitle(f"{year}年度积分规则")
        self.resize(1180, 640)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("rules_tabs")

        rules_tab = QWidget(self)
        self.rules_table = _table(rules_tab, "rules_table", RULE_HEADERS[1:])
        hint = QLabel(HINT, rules_tab)
        hint.setWordWrap(True)
        box = QVBoxLayout(rules_tab)
        box.addWidget(hint)
        box.addWidget(self.rules_table)
        self.tabs.addTab(rules_tab, RULES_SHEET)

        general = QWidget(self)
        self.name_edit = QLineEdit(general)
        self.name_edit.setObjectName("name_edit")
        self.base_check = QCheckBox("设基础分（先给基础分，再加减）", general)
        self.base_check.setObjectName("base_check")
        self.base_spin = QDoubleSpinBox(general)
        self.base_spin.setObjectName("base_spin")
        self.base_spin.setRange(0, 1000)
        self.max_check = QCheckBox("设总分上限", general)
        self.max_check.setObjectName("max_check")
        self.max_spin = QDoubleSpinBox(general)
        self.max_spin.setObjectName("max_spin")
        self.max_spin.setRange(0, 1000)
        self.base_check.toggled.connect(self.base_spin.setEnabled)
        self.max_check.toggled.connect(self.max_spin.setEnabled)
        self.note_edit = QLineEdit(general)
        self.note_edit.setObjectName("note_edit")
        form = QFormLayout(general)
        form.addRow("规则名称", self.name_edit)
        form.addRow(self.base_check, self.base_spin)
        form.addRow(self.max_check, self.max_spin)
        form.addRow("说明", self.note_edit)
        self.tabs.addTab(general, "总则")
        self.caps_table = _table(self, "caps_table", CAPS_HEADERS)
        self.tabs.addTab(self.caps_table, CAPS_SHEET)
        self.grades_table = _table(self, "grades_table", GRADE_HEADERS)
        self.tabs.addTab(self.grades_table, GRADES_SHEET)
        req_tab = QWidget(self)
        self.requirements_table = _table(req_tab, "requirements_table", REQ_HEADERS)
        req_hint = QLabel(
            "计入记录可填：提案、社情民意、调研报告、宣讲、办实事（本人署名的履职成果）；活动（出席的"
            "任何活动）；活动:活动类型（如 活动:微协商）；接待来访。多个用顿号分隔，次数相加。",
            req_tab,
        )
        req_hint.setWordWrap(True)
        req_box = QVBoxLayout(req_tab)
        req_box.addWidget(req_hint)
        req_box.addWidget(self.requirements_table)
        self.tabs.addTab(req_tab, REQ_SHEET)

        self.add_row_button = QPushButton("添加行", self)
        self.add_row_button.setObjectName("add_row_button")
        self.add_row_button.clicked.connect(self.add_row)
        self.remove_row_button = QPushButton("删除所选行", self)
        self.remove_row_button.setObjectName("remove_row_button")
        self.remove_row_button.clicked.connect(self.remove_rows)
        self.default_combo = QComboBox(self)
        self.default_combo.setObjectName("default_combo")
        for stem, name in rules.default_rule_sets():
            self.default_combo.addItem(name, stem)
        self.load_default_button = QPushButton("载入内置规则", self)
        self.load_default_button.setObjectName("load_default_button")
        self.load_default_button.clicked.connect(self.load_default)
        self.copy_previous_button = QPushButton(f"复制{year - 1}年度规则", self)
        self.copy_previous_button.setObjectName("copy_previous_button")
        self.copy_previous_button.clicked.connect(self.copy_previous)
        self.import_button = QPushButton("从 Excel 导入…", self)
        self.import_button.setObjectName("import_button")
        self.import_button.clicked.connect(self.import_sheet)
        self.export_button = QPushButton("导出为 Excel…", self)
        self.export_button.setObjectName("export_button")
        self.export_button.clicked.connect(self.export_sheet)
        self.save_button = QPushButton("保存(&S)", self)
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.close_button = QPushButton("关闭", self)
        self.close_button.setObjectName("close_button")
        self.close_button.clicked.connect(self.reject)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")

        top = QHBoxLayout()
        for w in (self.add_row_button, self.remove_row_button):
            top.addWidget(w)
        top.addStretch(1)
        for w in (
            self.default_combo,
            self.load_default_button,
            self.copy_previous_button,
            self.import_button,
            self.export_button,
        ):
            top.addWidget(w)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        layout.addLayout(bottom)

        current = rules.get_rule_set(ctx.db, year)
        self.locked = bool(current and current.locked)
        self.show_data(current or rules.RuleSetData(year=year, name=f"{year}年度积分规则"))
        if self.locked:
            self.status_label.setText("本年度考核已定稿，规则只能查看、导出，不能修改。")
            for w in (
                self.add_row_button,
                self.remove_row_button,
                self.load_default_button,
                self.copy_previous_button,
                self.import_button,
                self.save_button,
            ):
                w.setEnabled(False)
            for t in self._tables():
                t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        elif current is None:
            self.status_label.setText(
                "本年度还没有积分规则：可载入内置规则、复制上一年度或从 Excel 导入。"
            )

    def _tables(self) -> list[QTableWidget]:
        return [self.rules_table, self.caps_table, self.grades_table, self.requirements_table]

    def show_data(self, data: rules.RuleSetData) -> None:
        _fill(self.rules_table, [rule_row(n, r)[1:] for n, r in enumerate(data.rules, 1)])
        self.rules_table.resizeColumnsToContents()
        self.name_edit.setText(data.name)
        self.base_check.setChecked(data.base_score is not None)
        self.base_spin.setEnabled(data.base_score is not None)
        self.base_spin.setValue(data.base_score or 0)
        self.max_check.setChecked(data.max_score is not None)
        self.max_spin.setEnabled(data.max_score is not None)
        self.max_spin.setValue(data.max_score or 0)
        self.note_edit.setText(data.note or "")
        _fill(self.caps_table, [[c, num(v)] for c, v in data.category_caps.items()])
        _fill(self.grades_table, grade_rows(data.grades))
        _fill(self.requirements_table, requirement_rows(data.requirements))
        for table in self._tables():
            table.resizeColumnsToContents()

    def collect(self) -> rules.RuleSetData:
        """The editor's contents as rule data; raises ValidationError naming row and column."""
        headers = RULE_HEADERS[1:]
        data = rules.RuleSetData(
            year=self.year,
            name=self.name_edit.text().strip(),
            base_score=self.base_spin.value() if self.base_check.isChecked() else None,
            max_score=self.max_spin.value() if self.max_check.isChecked() else None,
            grades=parse_grades(_rows(self.grades_table, GRADES_SHEET, GRADE_HEADERS)),
            category_caps=parse_caps(_rows(self.caps_table, CAPS_SHEET, CAPS_HEADERS)),
            requirements=parse_requirements(_rows(self.requirements_table, REQ_SHEET, REQ_HEADERS)),
            rules=parse_rules(_rows(self.rules_table, RULES_SHEET, headers)),
            note=self.note_edit.text().strip(),
        )
        rules.validate(data)
        return data

    def add_row(self) -> None:
        table = self._tables()[[0, 0, 1, 2, 3][self.tabs.currentIndex()]]
        table.insertRow(table.rowCount())
        table.setCurrentCell(table.rowCount() - 1, 0)

    def remove_rows(self) -> None:
        table = self._tables()[[0, 0, 1, 2, 3][self.tabs.currentIndex()]]
        for row in sorted({i.row() for i in table.selectedIndexes()}, reverse=True):
            table.removeRow(row)

    def load_default(self) -> None:
        stem = self.default_combo.currentData()
        path = rules.DEFAULTS_DIR / f"{stem}.json"
        loaded = run_action(
            self, self.ctx, lambda: self.show_data(rules.read_rule_file(path, self.year))
        )
        if loaded is FAILED:
            return
        self.status_label.setText(f"已载入“{self.default_combo.currentText()}”，保存后生效。")

    def copy_previous(self) -> None:
        previous = rules.get_rule_set(self.ctx.db, self.year - 1)
        if previous is None:
            QMessageBox.information(self, "复制规则", f"{self.year - 1}年度还没有积分规则。")
            return
        previous.name = previous.name.replace(str(self.year - 1), str(self.year))
        self.show_data(previous)
        self.status_label.setText(f"已复制{self.year - 1}年度规则，保存后生效。")

    def import_sheet(self) -> None:
        chosen = ask_open_path(self, self.ctx.settings, "导入积分规则", "Excel 文件 (*.xlsx)")
        if chosen is None:
            return
        path = str(chosen)
        read = run_action(
            self,
            self.ctx,
            lambda: self.show_data(read_rule_workbook(Path(path), self.year)),
            title="无法导入",
        )
        if read is FAILED:
            return
        self.status_label.setText(f"已读入“{Path(path).name}”，保存后生效。")

    def export_sheet(self) -> None:
        data = run_action(self, self.ctx, self.collect)
        if data is FAILED:
            return
        chosen = ask_save_path(
            self,
            self.ctx.settings,
            "导出积分规则",
            f"{self.year}年度委员履职积分规则.xlsx",
            "Excel 文件 (*.xlsx)",
        )
        if chosen is None:
            return
        path = str(chosen)
        if run_action(self, self.ctx, lambda: write_rule_workbook(data, Path(path))) is FAILED:
            return
        self.status_label.setText(f"已导出到 {path}")

    def save(self) -> None:
        if self.locked:
            return
        saved = run_action(
            self,
            self.ctx,
            lambda: rules.save_rule_set(self.ctx.db, self.collect()),
            title="规则未保存",
        )
        if saved is FAILED:
            return
        self.status_label.setText("已保存。请点击“重新计算”更新积分。")
        self.accept()
