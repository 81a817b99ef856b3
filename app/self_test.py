"""``self-test``: does this installation work? One Chinese line per check, exit 0 only if all pass.

Everything happens in a scratch folder (database, exports, backups, logs, window settings): the
clerk's own data folder is never opened. The checks run the same code the clerk's clicks run —
migrations, the demo data, every document export read back, the main window with each page —
so a bundle that misses a module, a resource, an Alembic script or a Qt plugin fails here.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from app import APP_NAME, __version__, paths


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def version_line() -> str:
    frozen = "，安装版" if getattr(sys, "frozen", False) else ""
    return f"{APP_NAME} {__version__}（Python {sys.version.split()[0]}{frozen}）"


@contextmanager
def scratch_home() -> Iterator[Path]:
    """A temporary app data folder for the whole run; the real one is restored afterwards."""
    before = os.environ.get(paths.HOME_ENV)
    with tempfile.TemporaryDirectory(prefix="liaison-desk-self-test-") as folder:
        os.environ[paths.HOME_ENV] = folder
        try:
            yield Path(folder)
        finally:
            if before is None:
                os.environ.pop(paths.HOME_ENV, None)
            else:
                os.environ[paths.HOME_ENV] = before


def _run(name: str, check: Callable[[], str]) -> CheckResult:
    try:
        return CheckResult(name, True, check())
    except Exception as exc:  # a failed check is reported on its line, never hidden
        text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        return CheckResult(name, False, f"{type(exc).__name__}：{text}")


class DataChecks:
    """The checks below the window, in order; each needs the ones before it to have passed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db_path = folder / "自检.db"
        self.out = folder / "导出"
        self.out.mkdir()
        self.db = None
        self.year = date.today().year

    def migrate(self) -> str:
        from app.storage import head_revision, open_database

        self.db = open_database(self.db_path)
        return f"新建数据库并升级到 {head_revision()}"

    def demo(self) -> str:
        from app.services.demo.generate import load_demo

        summary = load_demo(self.db, "township", seed=1)
        c = summary.counts
        if not (c["members"] and c["activities"] and c["point_entries"]):
            raise AssertionError(f"示例数据不完整：{c}")
        return f"委员 {c['members']} 名，履职活动 {c['activities']} 次，积分记录 {c['point_entries']} 条"

    def _activity_id(self) -> int:
        from app.services.documents.meeting_papers import list_activities

        activities = list_activities(self.db, self.year) or list_activities(self.db, self.year - 1)
        return activities[-1][0]

    def minutes(self) -> str:
        from app.exports.files import write_file
        from app.exports.minutes import minutes_blocks, write_minutes
        from app.exports.official_docx import OfficialFonts
        from app.services.documents import meeting_papers

        data = meeting_papers.load_minutes(self.db, self._activity_id())
        fonts = OfficialFonts.from_settings(meeting_papers.font_settings(self.db))
        path = write_file(
            self.out / "会议纪要.docx",
            lambda temp: write_minutes(temp, minutes_blocks(data), fonts),
        )
        return _docx_says(path, "纪要")

    def signin(self, suffix: str) -> str:
        from app.exports.files import write_file
        from app.exports.official_docx import OfficialFonts
        from app.exports.signin import write_signin_docx, write_signin_xlsx
        from app.services.documents import meeting_papers

        data = meeting_papers.load_signin(self.db, self._activity_id())
        path = self.out / f"签到表{suffix}"
        if suffix == ".docx":
            fonts = OfficialFonts.from_settings(meeting_papers.font_settings(self.db))
            write_file(path, lambda temp: write_signin_docx(temp, data, fonts))
            return _docx_says(path, "签到")
        write_file(path, lambda temp: write_signin_xlsx(temp, data))
        return _xlsx_says(path, "签到")

    def ledger(self) -> str:
        from app.exports.files import write_file
        from app.exports.ledger import write_ledger
        from app.services.documents.meeting_papers import load_ledger

        data = load_ledger(self.db, self.year, None)
        path = write_file(self.out / "活动台账.xlsx", lambda temp: write_ledger(temp, data))
        return _xlsx_says(path, "台账")

    def points(self) -> str:
        from app.exports.points_xlsx import export_points_xlsx
        from app.services.points.statistics import load_points_table

        table = load_points_table(self.db, self.year)
        path = export_points_xlsx(table, self.out / "履职积分统计表.xlsx")
        return _xlsx_says(path, "积分统计表")

    def archive(self) -> str:
        from app.exports.archive_docx import export_archive_docx
        from app.exports.official_docx import OfficialFonts
        from app.services.documents.meeting_papers import font_settings
        from app.services.points.archive import load_archive
        from app.services.points.ranking import get_ranking

        ranking = get_ranking(self.db, self.year)
        if ranking is None or not ranking.rows:
            raise AssertionError(f"{self.year}年度没有积分排名")
        archive = load_archive(self.db, ranking.rows[0].member_id, self.year)
        fonts = OfficialFonts.from_settings(font_settings(self.db))
        path = export_archive_docx(archive, fonts, self.out / "委员履职档案.docx")
        return _docx_says(path, "档案")

    def roster(self) -> str:
        from app.exports.roster import export_roster
        from app.services.members.roster import load_roster

        count = export_roster(load_roster(self.db), self.out / "委员名册.xlsx", mask_phones=True)
        return f"{count} 名委员；" + _xlsx_says(self.out / "委员名册.xlsx", "名册")

    def close(self) -> None:
        if self.db is not None:
            self.db.dispose()
            self.db = None

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("数据库与数据结构升级", self.migrate),
            ("载入示例数据（乡镇规模）", self.demo),
            ("导出会议纪要（.docx）", self.minutes),
            ("导出签到表（.docx）", lambda: self.signin(".docx")),
            ("导出签到表（.xlsx）", lambda: self.signin(".xlsx")),
            ("导出活动台账（.xlsx）", self.ledger),
            ("导出履职积分统计表（.xlsx）", self.points),
            ("导出委员履职档案（.docx）", self.archive),
            ("导出委员名册（.xlsx）", self.roster),
        ]


def _docx_says(path: Path, word: str) -> str:
    """Read the file back: a Word document whose text (body or tables) contains ``word``."""
    from docx import Document

    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    if not any(word in t for t in texts):
        raise AssertionError(f"读回的文件中没有“{word}”")
    return f"{path.name}，{path.stat().st_size // 1024} KB，已读回"


def _xlsx_says(path: Path, word: str) -> str:
    """Read the file back: a workbook whose first rows contain ``word`` and that has data rows."""
    from openpyxl import load_workbook

    book = load_workbook(str(path), read_only=True)
    try:
        rows = 0
        found = False
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                rows += 1
                found = found or any(word in str(v) for v in row if v is not None)
    finally:
        book.close()
    if not found or rows < 3:
        raise AssertionError(f"读回的工作簿中没有“{word}”或没有数据行（{rows} 行）")
    return f"{path.name}，{rows} 行，已读回"


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check, print one line each and a summary; 0 only if all passed."""
    out = out or sys.stdout
    started = time.perf_counter()
    out.write(f"{version_line()} 自检开始\n")
    results: list[CheckResult] = []

    def report(result: CheckResult) -> None:
        results.append(result)
        mark = "通过" if result.ok else "失败"
        out.write(f"[{mark}] {result.name}：{result.detail}\n")
        out.flush()

    with scratch_home() as folder:
        checks = DataChecks(folder)
        try:
            for name, step in checks.steps():
                result = _run(name, step)
                report(result)
                if not result.ok and checks.db is None:
                    break  # nothing below works without the database
        finally:
            checks.close()
        for result in _window_checks(checks.db_path, folder, results):
            report(result)
    failed = [r for r in results if not r.ok]
    seconds = time.perf_counter() - started
    if failed:
        out.write(
            f"自检未通过：{len(results)} 项中 {len(failed)} 项失败（用时 {seconds:.1f} 秒）。\n"
        )
        return 1
    out.write(f"自检通过：{len(results)} 项全部通过（用时 {seconds:.1f} 秒）。\n")
    return 0


def _window_checks(db_path: Path, folder: Path, done: list[CheckResult]) -> list[CheckResult]:
    try:
        from app.ui.shell.self_check import window_checks
    except Exception as exc:  # Qt itself cannot load: that is the finding
        return [CheckResult("加载 Qt 界面库", False, f"{type(exc).__name__}：{exc}")]
    has_data = any(r.ok for r in done if r.name.startswith("载入示例数据"))
    return [
        CheckResult(name, ok, detail)
        for name, ok, detail in window_checks(db_path, folder, has_data)
    ]
