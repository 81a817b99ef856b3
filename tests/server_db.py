"""Tests on a PostgreSQL server: LIAISON_DESK_TEST_DB_URL=postgresql://… (scripts/start-test-postgres
prints one) makes every test's database a database on that server instead of the SQLite file in
tmp_path. One database is migrated and seeded per pytest process; each test gets it back as the
seed left it (tables truncated, the seeded rows put back: ~0.1 s, against ~0.6 s for a copy of a
template database); tests that need a database of their own (an empty one) get a new one."""

from __future__ import annotations

import os
import uuid

import psycopg
from sqlalchemy import make_url

ENV = "LIAISON_DESK_TEST_DB_URL"


def server_url() -> str | None:
    return os.environ.get(ENV) or None


def _connect(url: str) -> psycopg.Connection:
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(conninfo, autocommit=True)


def with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


class ServerDatabases:
    def __init__(self, url: str) -> None:
        self.url = url
        self.shared = with_database(url, f"liaison_t_{os.getpid()}_{uuid.uuid4().hex[:6]}")
        self._seed: list[tuple[str, list[str], list[tuple]]] | None = None

    def _prepare(self) -> None:
        from app.models import Base
        from app.storage import open_database

        with _connect(self.url) as conn:
            conn.execute(f'CREATE DATABASE "{make_url(self.shared).database}"')
        open_database(self.shared).dispose()
        order = [t.name for t in Base.metadata.sorted_tables]
        seed = []
        with _connect(self.shared) as conn:
            for table in order:
                cur = conn.execute(f'SELECT * FROM "{table}" ORDER BY 1')
                columns = [c.name for c in cur.description or ()]
                seed.append((table, columns, cur.fetchall()))
        self._seed = seed

    def fresh(self) -> str:
        """The shared database as the migration and the seed left it."""
        if self._seed is None:
            self._prepare()
            return self.shared
        assert self._seed is not None
        tables = ", ".join(f'"{t}"' for t, _c, _r in self._seed)
        with _connect(self.shared) as conn:
            # Connections a test left open (a killed helper process) would hold locks.
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND usename = current_user"
            )
            with conn.transaction():
                conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
                for table, columns, rows in self._seed:
                    if rows:
                        names = ", ".join(f'"{c}"' for c in columns)
                        marks = ", ".join(["%s"] * len(columns))
                        with conn.cursor() as cur:
                            cur.executemany(
                                f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows
                            )
                        conn.execute(
                            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                            f'(SELECT max(id) FROM "{table}"))'
                        )
        return self.shared

    def create(self, empty: bool = False) -> str:
        """A database of the test's own: empty, or migrated and seeded."""
        from app.storage import open_database

        url = with_database(self.url, f"liaison_t_{uuid.uuid4().hex[:12]}")
        with _connect(self.url) as conn:
            conn.execute(f'CREATE DATABASE "{make_url(url).database}"')
        if not empty:
            open_database(url).dispose()
        return url

    def drop(self, url: str) -> None:
        with _connect(self.url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

    def close(self) -> None:
        if self._seed is not None:
            self.drop(self.shared)
