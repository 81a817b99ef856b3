"""Which database the window opens when no --db is given, as 设置 → 数据库连接 saved it.

Kept in the window's QSettings (window.ini): the server's address, port, database, user name and
sslmode — never a password (libpq's PGPASSWORD / pgpass file, or the start-up prompt, give it).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.db_server import DEFAULT_PORT, SSL_MODES, ServerAddress

KIND_KEY = "database/kind"  # "file" (the default) or "server"
_FIELDS = ("host", "port", "database", "user", "sslmode")


def saved_server(settings: QSettings, chosen_only: bool = True) -> ServerAddress | None:
    """The saved server, or None when the local database file is chosen (or nothing saved).
    ``chosen_only=False``: also the server last typed before the file was chosen again."""
    if chosen_only and settings.value(KIND_KEY, "file") != "server":
        return None
    host = str(settings.value("database/host", "") or "")
    database = str(settings.value("database/database", "") or "")
    if not host or not database:
        return None
    try:
        port = int(settings.value("database/port", DEFAULT_PORT))
    except (TypeError, ValueError):
        port = DEFAULT_PORT
    sslmode = str(settings.value("database/sslmode", "prefer"))
    return ServerAddress(
        host=host,
        database=database,
        user=str(settings.value("database/user", "") or ""),
        port=port,
        sslmode=sslmode if sslmode in SSL_MODES else "prefer",
    )


def saved_server_url(settings: QSettings) -> str | None:
    server = saved_server(settings)
    return server.url() if server is not None else None


def save_choice(settings: QSettings, server: ServerAddress | None) -> None:
    """Remember the server (None: the local database file). The last server typed is kept
    when the file is chosen, so switching back needs no retyping."""
    settings.setValue(KIND_KEY, "server" if server is not None else "file")
    if server is not None:
        for name in _FIELDS:
            settings.setValue(f"database/{name}", getattr(server, name))
    settings.sync()
