"""Messages meant for a clerk are Chinese through and through: no command-line flags in the
window, no English text of Python or SQLite (“[Errno 21] Is a directory”, “file is not a
database”), on the command line or in the window."""

import errno
import re
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.cli import main
from app.errors import UserError, os_reason, sqlite_reason
from app.services.demo import generate as demo
from app.services.members.registry import MemberInput, create_member
from app.services.points import rules
from app.storage import open_database
from app.ui.members.members_page import MembersPage

ENGLISH = re.compile(r"[A-Za-z]{3,}")


def _english_words(text: str) -> list[str]:
    """English words, leaving out file names and the names of file types and programs."""
    allowed = {"xlsx", "docx", "xls", "json", "Excel", "WPS", "Word", "SQLite", "tmp", "pytest"}
    return [w for w in ENGLISH.findall(text) if w not in allowed and not w.startswith("test_")]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.ENOSPC, "磁盘空间不足"),
        (errno.EACCES, "没有权限"),
        (errno.EISDIR, "这是一个文件夹"),
        (errno.EIO, "读写磁盘出错"),
        (errno.ENOENT, "找不到"),
    ],
)
def test_os_reasons_are_chinese(code, expected):
    assert expected in os_reason(OSError(code, "English text from the C library"))


def test_unknown_os_error_keeps_no_english():
    assert os_reason(OSError(9999, "Something odd")) == "读写文件时出错（错误代码 9999）"


def test_sqlite_reasons_are_chinese():
    assert (
        sqlite_reason(sqlite3.DatabaseError("file is not a database")) == "不是本程序的数据库文件"
    )
    assert sqlite_reason(sqlite3.OperationalError("database or disk is full")) == "磁盘空间不足"
    assert sqlite_reason(sqlite3.OperationalError("whatever")) == "数据库读写出错"


def test_export_onto_a_folder_is_one_chinese_line(tmp_path, capsys):
    db = str(tmp_path / "x.db")
    (tmp_path / "名册.xlsx").mkdir()  # a folder where the file should go
    assert main(["--db", db, "export", "roster", "--out", str(tmp_path / "名册.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "未能保存：这是一个文件夹，不是文件" in err
    assert err.count("\n") == 1 and not _english_words(err.replace(str(tmp_path), ""))


def test_export_onto_a_folder_in_the_window(qtbot, ui_ctx, db, tmp_path, monkeypatch):
    create_member(db, MemberInput(name="王丽华", sector="民盟", phone="13800001001"))
    target = tmp_path / "名册.xlsx"
    target.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    page = MembersPage(ui_ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and "未能保存：这是一个文件夹，不是文件" in shown[0]
    assert not _english_words(shown[0].replace(str(tmp_path), ""))
    assert target.is_dir()  # nothing replaced it


def test_a_file_that_is_not_a_database_says_so_in_chinese(tmp_path, capsys):
    bogus = tmp_path / "x.db"
    bogus.write_bytes(b"SQLite format 3\0" + b"\x07" * 4000)
    assert main(["--db", str(bogus), "list", "members"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and not _english_words(err.replace(str(tmp_path), ""))


def test_rule_file_that_is_not_json(tmp_path):
    path = tmp_path / "规则.json"
    path.write_text('{"name": ', encoding="utf-8")
    with pytest.raises(UserError) as info:
        rules.read_rule_file(path, 2026)
    assert info.value.message == "积分规则文件“规则.json”格式有误（第 1 行），无法读取。"
    path.write_text('{"name": "x", "rules": [{"nonsense": 1}]}', encoding="utf-8")
    with pytest.raises(UserError) as info:
        rules.read_rule_file(path, 2026)
    assert "不是本程序的积分规则格式" in info.value.message
    assert not _english_words(info.value.message)


def test_demo_refusal_names_no_flag_but_the_command_line_does(tmp_path, capsys):
    path = tmp_path / "d.db"
    database = open_database(path)
    try:
        create_member(database, MemberInput(name="王丽华", sector="民盟"))
        with pytest.raises(demo.RealDataPresent) as info:
            demo.load_demo(database, "township")
    finally:
        database.dispose()
    assert "--" not in info.value.message  # what the window would show
    assert main(["--db", str(path), "demo"]) == 2
    assert "用 --db 指定一个新的数据库文件" in capsys.readouterr().err
