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
