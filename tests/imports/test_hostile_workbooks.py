"""Workbooks made to break the readers: each gives exit 2 and one Chinese line, or imports right.

Each file is a valid workbook with one part rewritten (the sheet XML, a merge, a cell), as an
attacker or a broken program would leave it. Before, all but two of these took the bug path
(exit 1, 程序出现意外错误) and the whole-sheet merge ran the machine out of memory.
"""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.cli import main
from app.imports.roster_read import read_roster

ROSTER = [
    ["姓名", "性别", "出生年月", "界别", "工作单位及职务", "联系电话"],
    ["张三", "男", "1975.03", "经济界", "某公司", "13800001001"],
    ["李四", "女", "1980.05", "教育界", "某学校", "13800001002"],
]


def _book_bytes(rows: list[list[str]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def rewrite_sheet(data: bytes, part: str, change: Callable[[str], str]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == part:
                content = change(content.decode()).encode()
            target.writestr(item, content)
    return out.getvalue()


def _cell(ref: str, xml: str) -> Callable[[str], str]:
    return lambda s: re.sub(rf'<c r="{ref}"[^>]*>.*?</c>', xml, s, count=1)


def _merge(ref: str) -> Callable[[str], str]:
    return lambda s: s.replace(
        "</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'
    )


SHEET = "xl/worksheets/sheet1.xml"
REFUSED = {
    "date_cell_not_a_date": _cell("C2", '<c r="C2" t="d"><v>notadate</v></c>'),
    "number_cell_holding_text": _cell("C2", '<c r="C2" t="n"><v>abc</v></c>'),
    "boolean_cell_holding_text": _cell("C2", '<c r="C2" t="b"><v>maybe</v></c>'),
    "sheet_xml_not_well_formed": lambda s: s.replace("</sheetData>", "<row><c></sheetData>"),
    "shared_string_out_of_range": _cell("A2", '<c r="A2" t="s"><v>9999</v></c>'),
    "merge_reference_invalid": _merge("A1:Z9Z"),
    "merge_reference_backwards": _merge("B3:A1"),
}


def _exit_and_line(capsys, argv: list[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().err.strip()


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_malformed_roster_is_one_chinese_line_and_exit_2(tmp_path, capsys, case):
    path = tmp_path / f"{case}.xlsx"
    path.write_bytes(rewrite_sheet(_book_bytes(ROSTER), SHEET, REFUSED[case]))
    db = tmp_path / "t.db"
    code, err = _exit_and_line(capsys, ["--db", str(db), "import", "members", str(path)])
    assert code == 2
    assert len(err.splitlines()) == 1 and path.name in err
    assert "意外错误" not in err
    words = err.replace(path.name, "").replace("Excel", "").replace(".xlsx", "")
    assert not re.search(r"[A-Za-z]{4,}", words)  # no English exception text
    assert main(["--db", str(db), "list", "members"]) == 0
    assert "张三" not in capsys.readouterr().out  # nothing written


def test_a_merge_spanning_the_whole_sheet_reads_in_little_memory(tmp_path):
    path = tmp_path / "huge_merge.xlsx"
    path.write_bytes(rewrite_sheet(_book_bytes(ROSTER), SHEET, _merge("A5:XFD1048576")))
    tracemalloc.start()
    try:
        roster = read_roster(path)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [row.values["name"] for row in roster.rows if row.values] == ["张三", "李四"]
    assert peak < 100 * 1024 * 1024  # it took 2.9 GB


def _rule_sheet(tmp_path: Path, capsys) -> tuple[list[str], Path]:
    db = ["--db", str(tmp_path / "r.db")]
    assert main([*db, "points", "rules", "load-default", "tongcheng_2019", "--year", "2024"]) == 0
    out = tmp_path / "规则.xlsx"
    assert main([*db, "points", "rules", "export", "--year", "2024", "--out", str(out)]) == 0
    capsys.readouterr()
    return db, out


@pytest.mark.parametrize("bad", ["nan", "inf", "-inf", "1e300", "Infinity"])
def test_rule_sheet_numbers_must_be_finite_and_sane(tmp_path, capsys, bad):
    db, out = _rule_sheet(tmp_path, capsys)
    wb = load_workbook(out)
    ws = wb["积分规则"]
    header = next(r for r in ws.iter_rows(max_row=10) if any(c.value == "分值" for c in r))
    column = next(c.column for c in header if c.value == "分值")
    ws.cell(row=header[0].row + 1, column=column, value=bad)
    wb.save(out)
    code, err = _exit_and_line(
        capsys, [*db, "points", "rules", "import", str(out), "--year", "2025"]
    )
    assert code == 2
    assert f"第{header[0].row + 1}行「分值」" in err and bad in err
    assert main([*db, "points", "rules", "list"]) == 0
    assert "2025" not in capsys.readouterr().out


def test_rule_sheet_with_a_whole_sheet_merge_is_refused_before_loading(tmp_path, capsys):
    db, out = _rule_sheet(tmp_path, capsys)
    data = rewrite_sheet(out.read_bytes(), SHEET, _merge("A200:XFD1048576"))
    out.write_bytes(data)
    code, err = _exit_and_line(
        capsys, [*db, "points", "rules", "import", str(out), "--year", "2025"]
    )
    assert code == 2 and "合并单元格范围过大" in err


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.replace('<row r="3"', '<row r="999999999"', 1),
        lambda s: s.replace("</row>", '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>', 1),
    ],
    ids=["row-999999999", "cell-in-column-XFD"],
)
def test_rule_sheet_with_a_far_row_or_column_is_refused_before_loading(tmp_path, capsys, change):
    """openpyxl's full mode makes a cell for every row up to the farthest: row 999,999,999
    took the bug path (exit 1) after building a million rows of cells."""
    db, out = _rule_sheet(tmp_path, capsys)
    out.write_bytes(rewrite_sheet(out.read_bytes(), SHEET, change))
    code, err = _exit_and_line(
        capsys, [*db, "points", "rules", "import", str(out), "--year", "2025"]
    )
    assert code == 2 and len(err.splitlines()) == 1 and "超出了能读取的范围" in err


def test_a_file_without_read_permission_is_one_chinese_line(tmp_path, capsys, monkeypatch):
    """Like chmod 000 for a normal user (root reads anything, so the refusal is simulated)."""
    db, rules = _rule_sheet(tmp_path, capsys)
    roster = tmp_path / "名册.xlsx"
    roster.write_bytes(_book_bytes(ROSTER))
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name in (roster.name, rules.name):
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    for argv, name in (
        ([*db, "import", "members", str(roster)], roster.name),
        ([*db, "points", "rules", "import", str(rules), "--year", "2025"], rules.name),
    ):
        code, err = _exit_and_line(capsys, argv)
        assert code == 2 and err.splitlines() == [
            f"错误：没有权限读取“{name}”，或该文件正被其他程序独占打开。"
        ]
