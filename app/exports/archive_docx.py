"""委员履职档案 (.docx) in the GB/T 9704 page layout, built with the shared OfficialDocument."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.exports.files import clean_file_name, write_file
from app.exports.official_docx import OfficialDocument, OfficialFonts
from app.progress import Progress
from app.services.points.archive import MemberArchive

CN_NUMBERS = "一二三四五六七八九十"


class _Page:
    """Numbered 一、 headings over OfficialDocument."""

    def __init__(self, fonts: OfficialFonts) -> None:
        self.doc = OfficialDocument(fonts)
        self.headings = 0

    def title(self, text: str) -> None:
        self.doc.title(text)

    def heading(self, text: str) -> None:
        self.headings += 1
        paragraph = self.doc.heading1(f"{CN_NUMBERS[self.headings - 1]}、{text}")
        paragraph.paragraph_format.keep_with_next = True

    def body(self, text: str) -> None:
        self.doc.body(text)

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths_mm: Sequence[float],
        align_left: Sequence[int] = (),
    ) -> None:
        self.doc.table(headers, rows, widths_mm, align_left=align_left)
        self.doc.blank()


def _num(value: float) -> str:
    return f"{value:g}"


def build_archive(archive: MemberArchive, fonts: OfficialFonts) -> OfficialDocument:
    page = _Page(fonts)
    page.title(f"{archive.year}年度委员履职档案")
    page.heading("基本情况")
    pairs = archive.details
    rows = [
        [pairs[i][0], pairs[i][1], *(pairs[i + 1] if i + 1 < len(pairs) else ("", ""))]
        for i in range(0, len(pairs), 2)
    ]
    page.table(["项目", "内容", "项目", "内容"], rows, [30, 48, 30, 48], align_left=(1, 3))
    page.heading("参加履职活动")
    attended = sum(a.status == "出席" for a in archive.activities)
    leave = sum(a.status == "请假" for a in archive.activities)
    absent = sum(a.status == "缺席" for a in archive.activities)
    page.body(
        f"本年度应参加活动 {len(archive.activities)} 次，出席 {attended} 次，请假 {leave} 次，"
        f"缺席 {absent} 次。"
    )
    if archive.activities:
        page.table(
            ["序号", "日期", "类型", "活动名称", "联络室", "出席"],
            [
                [str(i), f"{a.day:%Y-%m-%d}", a.activity_type, a.title, a.room, a.status]
                for i, a in enumerate(archive.activities, start=1)
            ],
            [14, 32, 26, 40, 28, 16],
            align_left=(3, 4),
        )
    page.heading("履职成果")
    if archive.submissions:
        page.table(
            ["序号", "日期", "类别", "题目", "署名", "结果"],
            [
                [str(i), f"{s.day:%Y-%m-%d}", s.kind, s.title, s.role, s.outcome]
                for i, s in enumerate(archive.submissions, start=1)
            ],
            [14, 32, 20, 52, 16, 22],
            align_left=(3,),
        )
    else:
        page.body("本年度无登记的提案、社情民意信息、调研报告、宣讲或办实事。")
    page.heading("履职积分")
    if archive.ledger:
        rows = [
            [str(i), ln.category, _num(ln.points), ln.description]
            for i, ln in enumerate(archive.ledger, start=1)
        ]
        rows.append(["", "合计", _num(sum(ln.points for ln in archive.ledger)), ""])
        page.table(["序号", "类别", "分值", "计分说明"], rows, [14, 20, 18, 104], align_left=(3,))
    else:
        page.body("本年度尚未计算履职积分。")
    page.heading("年度考核")
    if archive.total is None:
        page.body("本年度尚未计算履职积分，暂无排名和等次。")
    else:
        page.body(
            f"{archive.year}年度履职积分 {_num(archive.total)} 分，在 {archive.members_ranked} "
            f"名委员中排名第 {archive.rank} 名，考核等次：{archive.grade}。"
        )
        if archive.missing:
            page.body(f"未达到的最低要求：{'、'.join(archive.missing)}。")
    return page.doc


def export_archive_docx(archive: MemberArchive, fonts: OfficialFonts, path: Path) -> Path:
    """``archive`` from ``points.archive.load_archive``."""
    return write_file(path, lambda temp: build_archive(archive, fonts).save(temp))


def archive_file_name(year: int, name: str, member_id: int) -> str:
    """“2026年度委员履职档案-王丽华-12.docx”: the id tells two 张伟 apart."""
    return clean_file_name(f"{year}年度委员履职档案-{name}-{member_id}.docx")


def export_all_archives(
    archives: Sequence[MemberArchive],
    fonts: OfficialFonts,
    folder: Path,
    progress: Progress | None = None,
) -> list[Path]:
    """Each archive (``points.archive.load_year_archives``: every ranked member's, the year's
    ranking read once) into ``folder``; ``progress`` (optional) is BackgroundTask's Progress."""
    written: list[Path] = []
    for done, archive in enumerate(archives):
        if progress is not None:
            progress.step(done, len(archives), f"正在导出 {archive.name} 的履职档案…")
        name = archive_file_name(archive.year, archive.name, archive.member_id)
        written.append(export_archive_docx(archive, fonts, Path(folder) / name))
    if progress is not None:
        progress.step(len(archives), len(archives), "导出完成")
    return written
