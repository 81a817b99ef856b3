import sqlite3

from sqlalchemy.exc import IntegrityError

from app.bug_log import log_bug, scrub


def test_log_has_no_phone_numbers_or_sql_parameters(app_home):
    try:
        raise IntegrityError(
            "INSERT INTO member (name, phone) VALUES (?, ?)",
            ("张三", "13812341001"),
            sqlite3.IntegrityError("UNIQUE constraint failed: member.phone"),
        )
    except IntegrityError as exc:
        try:
            raise RuntimeError("委员电话 13987654321 / 0571-88886666 保存失败") from exc
        except RuntimeError as outer:
            path = log_bug(outer)
    text = path.read_text(encoding="utf-8")
    assert "13812341001" not in text and "张三" not in text
    assert "13987654321" not in text and "139****4321" in text
    assert "88886666" not in text
    assert "UNIQUE constraint failed" in text  # the useful part stays


def test_scrub_leaves_ordinary_numbers():
    assert scrub("第 2025 年 12 条，id=1234567") == "第 2025 年 12 条，id=1234567"


def test_every_phone_form_is_masked():
    """Issue 14.11."""
    for written in (
        "+86 139-1234-5679",
        "+8613912345679",
        "0086 139 1234 5679",
        "139-1234-5679",
        "139 1234 5679",
        "139.1234.5679",
        "名册_13912345679.xlsx",
        "/home/联络员/13912345679名册.xlsx",
    ):
        masked = scrub(f"打开 {written} 失败")
        assert "1234" not in masked and "139****5679" in masked, written
    assert "8888" not in scrub("电话 (0571) 8888-6666 / 0571 8888 6666")


def test_names_and_units_are_not_logged(app_home):
    class Broken(Exception):
        pass

    try:
        raise Broken(
            "委员“张三”（“某某建设集团有限公司”）保存失败：MemberInput(name='李四', work_unit='县医院')"
        )
    except Broken as exc:
        path = log_bug(exc)
    text = path.read_text(encoding="utf-8")
    for personal in ("张三", "李四", "某某建设集团", "县医院"):
        assert personal not in text
    assert "保存失败" in text and "Broken" in text


def test_a_full_data_folder_never_makes_the_logger_fail(app_home, monkeypatch, capsys):
    """Issue 14.10: the data folder is full; the bug is still reported in one line."""
    import errno

    from app import bug_log
    from app.cli import main

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bug_log.paths, "log_dir", full)
    monkeypatch.setattr(bug_log.tempfile, "gettempdir", lambda: str(app_home / "nowhere" / "x"))
    assert log_bug(RuntimeError("x")) == bug_log.NOT_WRITTEN
    monkeypatch.setattr("app.cli.core.run_check", lambda args, ctx: 1 / 0)
    assert main(["--db", str(app_home / "x.db"), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1 and "日志无法写入" in err
