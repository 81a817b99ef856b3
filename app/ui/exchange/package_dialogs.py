"""文件 → 导出数据包… / 导入数据包…: a package written where the clerk chooses; a package read,
previewed (per kind 新增 / 修改 / 删除 / 不变, every changed and deleted row, the member matches)
and imported only on 确定导入. Reading, previewing and importing run off the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.exports.package_file import write_package
from app.imports.package_file import read_package
from app.services.changes import Changes
from app.services.exchange import export, importing
from app.services.exchange.kinds import DIRECTIONS
from app.services.exchange.member_match import DOUBT
from app.services.exchange.package import SUFFIX
from app.services.exchange.plan import ImportPlan
from app.ui.common.actions import FAILED, run_action, with_wait_cursor
from app.ui.common.errors import show_error
from app.ui.common.file_dialogs import ask_open_path, ask_save_path
from app.ui.common.table_model import RowsTableModel
from app.ui.common.tasks import BackgroundTask
from app.ui.exchange.pending_dialog import PendingMembersDialog
from app.ui.shell.context import UiContext

FILTER = f"工作台数据包 (*{SUFFIX});;所有文件 (*)"
# What a package can change: every area's pages refresh after an import.
IMPORTED = Changes.of(
    "rooms", "members", "sectors", "topics", "activities", "follow_ups", "receptions", "points"
)


def ask_export_package(parent: QWidget, ctx: UiContext) -> Path | None:
    chosen = ask_save_path(parent, ctx.settings, "导出数据包", f"数据包{SUFFIX}", FILTER)
    if chosen is None:
        return None
    path = chosen if str(chosen).lower().endswith(SUFFIX) else Path(str(chosen) + SUFFIX)
    files = export.attachment_count(ctx.db)
    with_files = bool(files) and (
        QMessageBox.question(
            parent,
            "导出数据包",
            f"本单位的活动有 {files} 个附件（照片、扫描件）。同时带上附件吗？数据包会大一些。",
        )
        == QMessageBox.StandardButton.Yes
    )
    result = run_action(
        parent,
        ctx,
        with_wait_cursor(
            lambda: export.export_package(ctx.db, path, write_package, with_attachments=with_files)
        ),
        changes=Changes(settings=True),
        title="数据包未导出",
    )
    if result is FAILED:
        return None
    counts = "，".join(f"{label} {n}" for label, n in result.counts.items() if n)
    QMessageBox.information(
        parent,
        "导出完成",
        f"已导出{DIRECTIONS[result.direction]}数据包（第 {result.sequence} 号）：\n{path}\n\n{counts}",
    )
    return path


class PackageImporter(QWidget):
    """Holds the work of one 导入数据包… (its background tasks and its preview dialog), owned by
    the window that started it, so nothing depends on the caller keeping a reference."""

    def __init__(self, parent: QWidget, ctx: UiContext, path: Path) -> None:
        super().__init__(parent)
        self.setObjectName("package_importer")
        self.hide()
        self.ctx = ctx
        self.path = path
        self.preview_dialog: PackagePreviewDialog | None = None
        self.task = BackgroundTask(parent, "正在检查数据包…", self._preview_work, ctx.db, path)
        self.task.finished.connect(self._show_preview)
        self.task.failed.connect(self._failed)
        self.task.start()

    @staticmethod
    def _preview_work(db, path: Path, progress) -> tuple:  # the worker thread
        package = read_package(path)
        return package, importing.preview_package(db, package)

    def _failed(self, exc: BaseException) -> None:
        show_error(self.parentWidget(), exc, "数据包未导入")
        self.deleteLater()

    def _show_preview(self, result: tuple) -> None:
        package, plan = result
        if plan.is_reimport and not plan.has_changes:
            QMessageBox.information(
                self.parentWidget(),
                "导入数据包",
                f"该数据包（{package.sender_name} 第 {package.sequence} 号）已导入过，"
                "没有变化，未作任何修改。",
            )
            self.deleteLater()
            return
        self.preview_dialog = PackagePreviewDialog(self.ctx, plan, self.parentWidget())
        self.preview_dialog.finished.connect(self.deleteLater)
        self.preview_dialog.open()


def ask_import_package(parent: QWidget, ctx: UiContext) -> PackageImporter | None:
    chosen = ask_open_path(parent, ctx.settings, "导入数据包", FILTER)
    if chosen is None:
        return None
    return PackageImporter(parent, ctx, Path(chosen))


def open_pending(parent: QWidget, ctx: UiContext) -> PendingMembersDialog:
    dialog = PendingMembersDialog(ctx, parent)
    dialog.open()
    return dialog


class PackagePreviewDialog(QDialog):
    """What the package would change, before anything is written: 确定导入 or 取消."""

    def __init__(self, ctx: UiContext, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan = plan
        self.task: BackgroundTask | None = None
        self.setObjectName("package_preview_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        package = plan.package
        self.setWindowTitle(f"导入数据包：{package.sender_name}")
        self.resize(900, 600)
        last = f"，上次导入第 {plan.last_sequence} 号" if plan.last_sequence is not None else ""
        self.summary_label = QLabel(
            f"{package.sender_name}{DIRECTIONS[package.direction]}的数据包，第 {package.sequence} 号，"
            f"制作于 {package.manifest['created_at'].replace('T', ' ')}{last}。"
            f"{_totals(plan)}确定导入前不会写入任何数据；导入前自动备份。",
            self,
        )
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        changed = [k for k in plan.kinds if k.added or k.changed or k.deleted]
        self.kinds_model = RowsTableModel(  # the kinds that change first
            ("类别", "新增", "修改", "删除", "不变"),
            [
                (k.label, *k.counts.values())
                for k in [*changed, *(k for k in plan.kinds if k not in changed)]
            ],
            self,
        )
        self.kinds_table = self._table("kinds_table", self.kinds_model)
        self.changes_model = RowsTableModel(
            ("变动", "类别", "记录", "改动的字段"), _change_rows(plan), self
        )
        self.changes_table = self._table("changes_table", self.changes_model)
        self.matches_model = RowsTableModel(
            ("匹配", "数据包中的委员", "本库的委员"),
            [(m.how, _person(m.name, m.birth_month, m.gender), m.ours) for m in plan.matches],
            self,
        )
        self.matches_table = self._table("matches_table", self.matches_model)
        self.changes_table.setColumnWidth(2, 380)
        self.matches_table.setColumnWidth(1, 260)
        self.import_button = QPushButton("确定导入", self)
        self.import_button.setObjectName("import_button")
        self.import_button.setEnabled(plan.has_changes or not plan.is_reimport)
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.setObjectName("cancel_button")
        self.pending_button = QPushButton("核对待确认的委员…", self)
        self.pending_button.setObjectName("pending_button")
        self.pending_button.setVisible(False)
        self.pending_button.clicked.connect(self.open_pending)
        self.pending_dialog: PendingMembersDialog | None = None
        self.import_button.clicked.connect(self.run_import)
        self.cancel_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.pending_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.kinds_table, 3)
        layout.addWidget(QLabel("修改和删除的记录：", self))
        layout.addWidget(self.changes_table, 2)
        matches_label = QLabel("委员匹配（姓名 + 出生年月 + 性别；待确认的请人工核对）：", self)
        layout.addWidget(matches_label)
        layout.addWidget(self.matches_table, 1)
        matches_label.setVisible(bool(plan.matches))
        self.matches_table.setVisible(bool(plan.matches))
        layout.addLayout(buttons)

    def _table(self, name: str, model: RowsTableModel) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        return table

    def run_import(self) -> None:
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        package = self.plan.package
        self.task = BackgroundTask(
            self,
            "正在导入数据包…",
            lambda db, progress: importing.import_package(db, package),
            self.ctx.db,
        )
        self.task.finished.connect(self._imported)
        self.task.failed.connect(self._failed)
        self.task.start()

    def _imported(self, plan: ImportPlan) -> None:
        self.ctx.changed(IMPORTED)
        totals = {"新增": 0, "修改": 0, "删除": 0}
        for kind in plan.kinds:
            for what in totals:
                totals[what] += kind.counts[what]
        self.summary_label.setText(
            "已导入："
            + "，".join(f"{w} {n} 条" for w, n in totals.items())
            + "（导入前已自动备份）。"
        )
        self.cancel_button.setText("关闭")
        self.cancel_button.setEnabled(True)
        self.pending_button.setVisible(any(m.how == DOUBT for m in plan.matches))

    def open_pending(self) -> None:
        self.pending_dialog = PendingMembersDialog(self.ctx, self)
        self.pending_dialog.open()

    def _failed(self, exc: BaseException) -> None:
        self.cancel_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.summary_label.setText(f"未导入：{exc.message}")
        show_error(self, exc, "数据包未导入")


def _totals(plan: ImportPlan) -> str:
    sums = {"新增": 0, "修改": 0, "删除": 0}
    for kind in plan.kinds:
        for what in sums:
            sums[what] += kind.counts[what]
    if not any(sums.values()):
        return "没有变化。"
    return "将" + "，".join(f"{w} {n} 条" for w, n in sums.items() if n) + "，其余不变。"


def _change_rows(plan: ImportPlan) -> list[tuple[str, str, str, str]]:
    rows = []
    for kind in plan.kinds:
        rows += [("修改", kind.label, r.title, "、".join(r.fields)) for r in kind.changed]
        rows += [("删除", kind.label, r.title, "") for r in kind.deleted]
    return rows


def _person(name: str, birth_month: str | None, gender: str | None) -> str:
    facts = "，".join(x for x in (birth_month, gender) if x)
    return f"{name}（{facts}）" if facts else name
