"""What a real command line prints on stderr (issue 14.10, 14.13): one Chinese line on a refusal,
nothing on success — no openpyxl warnings about a clerk's workbook, no "Exception ignored …
ZipFile.__del__" after a disk-full export. Run as a separate process: in-process, pytest would
catch the warnings and the garbage collector's noise itself."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.models import Member
from tests.imports.test_hostile_workbooks import REFUSED, ROSTER, SHEET, _book_bytes, rewrite_sheet

pytestmark = pytest.mark.slow  # a process per command: about 40 s in all

ROOT = Path(__file__).resolve().parents[2]
# A data-validation list kept in an extension: openpyxl drops it and warns on stderr.
EXTENSION = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="0"/></ext></extLst>'
)


def cli(tmp_path: Path, *argv: str) -> tuple[int, str]:
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        LIAISON_DESK_HOME=str(tmp_path / "home"),
        PYTHONWARNINGS="default",  # as a clerk's machine shows them
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    return done.returncode, done.stderr


def one_chinese_line(err: str) -> bool:
    lines = err.splitlines()
    return len(lines) == 1 and lines[0].startswith("错误：") and bool(re.search("[一-鿿]", err))


def with_extension(data: bytes, part: str = SHEET) -> bytes:
    return rewrite_sheet(
        data, part, lambda s: s.replace("</worksheet>", EXTENSION + "</worksheet>")
    )


def test_reading_a_clerks_workbook_prints_no_openpyxl_warning(tmp_path):
    db = ["--db", str(tmp_path / "t.db")]
    roster = tmp_path / "名册.xlsx"
    roster.write_bytes(with_extension(_book_bytes(ROSTER)))
    assert cli(tmp_path, *db, "import", "members", str(roster)) == (0, "")

    broken = tmp_path / "坏名册.xlsx"
    broken.write_bytes(
        rewrite_sheet(roster.read_bytes(), SHEET, REFUSED["number_cell_holding_text"])
    )
    code, err = cli(tmp_path, *db, "import", "members", str(broken))
    assert code == 2 and one_chinese_line(err), err

    rules = tmp_path / "规则.xlsx"
    assert (
        cli(tmp_path, *db, "points", "rules", "load-default", "tongcheng_2019", "--year", "2024")[0]
        == 0
    )
    assert (
        cli(tmp_path, *db, "points", "rules", "export", "--year", "2024", "--out", str(rules))[0]
        == 0
    )
    rules.write_bytes(with_extension(rules.read_bytes()))
    imported = cli(tmp_path, *db, "points", "rules", "import", str(rules), "--year", "2025")
    assert imported == (0, ""), imported


@pytest.fixture
def full_folder(tmp_path):
    """A folder on a file system with no space left (a 64 KB tmpfs filled to the last block)."""
    folder = tmp_path / "full"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        with open(folder / "filler", "wb", buffering=0) as handle:
            try:
                while handle.write(b"\0" * 4096):
                    pass
            except OSError:
                pass
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


@pytest.mark.parametrize(
    "what",
    [
        ["roster"],
        ["ledger", "--year", "2025"],
        ["archive", "1", "--year", "2025"],
    ],
    ids=["roster-xlsx", "ledger-streamed-xlsx", "archive-docx"],
)
def test_a_disk_full_export_prints_one_line(db, db_path, tmp_path, full_folder, what):
    with db.write() as s:
        s.add(Member(name="李建国", work_unit="青石村卫生室"))
    db.dispose()
    suffix = ".docx" if what[0] == "archive" else ".xlsx"
    out = full_folder / f"导出{suffix}"
    code, err = cli(tmp_path, "--db", str(db_path), "export", *what, "--out", str(out))
    assert code == 2 and one_chinese_line(err), err
    assert "磁盘空间不足" in err
    assert sorted(p.name for p in full_folder.iterdir()) == ["filler"]  # no temp file left


def test_the_extension_really_makes_openpyxl_warn():
    """The workbook above is one openpyxl warns about (else the first test proves nothing)."""
    from openpyxl import load_workbook

    with pytest.warns(UserWarning, match="Data Validation extension"):
        load_workbook(io.BytesIO(with_extension(_book_bytes(ROSTER))))
    assert zipfile.is_zipfile(io.BytesIO(with_extension(_book_bytes(ROSTER))))
