"""Export files: Windows-safe names, and a file held open in Excel/WPS is reported, not crashed on,
with the old file left intact and no temporary file left behind."""

import os

import pytest

from app.errors import UserError
from app.exports import files
from app.exports.files import clean_file_name, write_file


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("和平村:委员/联络室*台账?.xlsx", "和平村_委员_联络室_台账_.xlsx"),
        ("CON.xlsx", "导出文件"),
        ("纪要. . ", "纪要"),
        ("", "导出文件"),
        ("a\tb\nc", "a_b_c"),
    ],
)
def test_clean_file_name(name, expected):
    assert clean_file_name(name) == expected


def test_file_open_in_excel_is_reported_and_old_file_kept(tmp_path, monkeypatch):
    target = tmp_path / "名册.xlsx"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(UserError, match="正被其他程序"):
        write_file(target, lambda temp: temp.write_bytes(b"new"))
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名册.xlsx"]


def test_full_disk_while_writing_is_reported(tmp_path):
    def full(temp):
        raise OSError(28, os.strerror(28))

    with pytest.raises(UserError, match="磁盘空间不足"):
        write_file(tmp_path / "x.xlsx", full)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_reported(tmp_path):
    with pytest.raises(UserError, match="不存在"):
        write_file(tmp_path / "nope" / "x.xlsx", lambda temp: None)
