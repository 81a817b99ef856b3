"""A server connection that fails says why in one Chinese line, exit 2, never a traceback and
never the password: sslmode=require against a server without SSL, a wrong password, a database
that is not there, a port where nothing listens."""

from __future__ import annotations

import pytest
from sqlalchemy import make_url

from app.cli import main
from tests import server_db


def _url(db_path, **changes) -> str:
    url = make_url(str(db_path)).set(**changes)
    return url.render_as_string(hide_password=False)


def test_a_port_where_nothing_listens(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    url = "postgresql://liaison:Mi-ma-8848@127.0.0.1:1/liaison?sslmode=disable"
    assert main(["--db", url, "list", "members"]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith("错误：服务器连不上：“127.0.0.1:1”没有应答") and len(err.splitlines()) == 1
    )
    assert "Mi-ma-8848" not in err


@pytest.mark.skipif(server_db.server_url() is None, reason="no PostgreSQL server")
@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"query": {"sslmode": "require"}}, "不支持加密连接，而连接设置为必须加密（sslmode）"),
        ({"password": "wrong-8848"}, "密码不对"),
        ({"database": "no_such_db"}, "数据库不存在"),
    ],
)
def test_the_server_refuses_in_one_chinese_line(db_path, capsys, changes, said):
    assert main(["--db", _url(db_path, **changes), "list", "members"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and said in err and len(err.splitlines()) == 1
    assert "Traceback" not in err and "wrong-8848" not in err
    assert main(["--db", str(db_path), "list", "members"]) == 0  # the right URL still works
