"""手工加减分: a member, 加分 or 扣分, points, category, reason, evidence note, who entered it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from app.services.changes import Changes
from app.services.points import engine
from app.services.points.rules import RuleSetData
from app.ui.common.actions import run_action
from app.ui.shell.context import UiContext


class ManualEntryDialog(QDialog):
    def __init__(
        self,
        ctx: UiContext,
        year: int,
        members: list[tuple[int, str]],
        rule_set: RuleSetData,
        parent: QWidget | None = None,
        member_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = year
        self.entry_id: int | None = None
        self.setWindowTitle(f"{year}年度 手工加减分")
        self.setObjectName("manual_entry_dialog")

        self.member_combo = QComboBox(self)
        self.member_combo.setObjectName("member_combo")
        for mid, label in members:
            self.member_combo.addItem(label, mid)
        if member_id is not None:
            self.member_combo.setCurrentIndex(max(self.member_combo.findData(member_id), 0))
        self.item_combo = QComboBox(self)
        self.item_combo.setObjectName("item_combo")
        self.item_combo.addItem("（不对应规则条目）", None)
        for rule in rule_set.rules:
            if rule.trigger == "manual":
                self.item_combo.addItem(f"{rule.code} {rule.name}（{rule.points:g} 分）", rule)
        self.item_combo.currentIndexChanged.connect(self._item_chosen)
        self.add_radio = QRadioButton("加分", self)
        self.add_radio.setObjectName("add_radio")
        self.add_radio.setChecked(True)
        self.deduct_radio = QRadioButton("扣分", self)
        self.deduct_radio.setObjectName("deduct_radio")
        signs = QHBoxLayout()
        signs.addWidget(self.add_radio)
        signs.addWidget(self.deduct_radio)
        signs.addStretch(1)
        self.points_spin = QDoubleSpinBox(self)
        self.points_spin.setObjectName("points_spin")
        self.points_spin.setRange(0, 1000)
        self.points_spin.setDecimals(2)
        self.points_spin.setValue(1)
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("category_combo")
        self.category_combo.setEditable(True)
        self.category_combo.addItems(rule_set.categories or ["其他"])
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reason_edit")
        self.reason_edit.setPlaceholderText("例如：获县级优秀委员表彰")
        self.evidence_edit = QPlainTextEdit(self)
        self.evidence_edit.setTabChangesFocus(True)  # Tab moves to the next field
        self.evidence_edit.setObjectName("evidence_edit")
        self.evidence_edit.setPlaceholderText("证明材料，例如：县政协文件〔2024〕3号")
        self.evidence_edit.setFixedHeight(60)
        self.entered_by_edit = QLineEdit(self)
        self.entered_by_edit.setObjectName("entered_by_edit")
        self.entered_by_edit.setText(str(ctx.settings.value("points/entered_by", "")))

        form = QFormLayout(self)
        form.addRow("委员", self.member_combo)
        form.addRow("规则条目", self.item_combo)
        form.addRow("加分/扣分", signs)
        form.addRow("分值", self.points_spin)
        form.addRow("类别", self.category_combo)
        form.addRow("事由", self.reason_edit)
        form.addRow("证明材料", self.evidence_edit)
        form.addRow("录入人", self.entered_by_edit)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.button_box.setObjectName("button_box")
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.reject)
        form.addRow(self.button_box)

    def _item_chosen(self) -> None:
        rule = self.item_combo.currentData()
        if rule is None:
            return
        self.points_spin.setValue(abs(rule.points))
        (self.add_radio if rule.points >= 0 else self.deduct_radio).setChecked(True)
        self.category_combo.setCurrentText(rule.category)
        if not self.reason_edit.text().strip():
            self.reason_edit.setText(rule.name)

    def save(self) -> None:
        run_action(self, self.ctx, self._store, changes=Changes(points=True), success=self._saved)

    def _store(self) -> int:
        sign = 1 if self.add_radio.isChecked() else -1
        rule = self.item_combo.currentData()
        return engine.add_manual_entry(
            self.ctx.db,
            year=self.year,
            member_id=self.member_combo.currentData(),
            points=sign * self.points_spin.value(),
            category=self.category_combo.currentText(),
            reason=self.reason_edit.text(),
            evidence=self.evidence_edit.toPlainText(),
            entered_by=self.entered_by_edit.text(),
            rule_code=rule.code if rule is not None else None,
        )

    def _saved(self, entry_id: int) -> None:
        self.entry_id = entry_id
        self.ctx.settings.setValue("points/entered_by", self.entered_by_edit.text().strip())
        self.accept()
