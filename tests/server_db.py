"""Tests on a PostgreSQL server: LIAISON_DESK_TEST_DB_URL=postgresql://… (scripts/start-test-postgres
prints one) makes every test's database a fresh database on that server, copied from a template
that was migrated and seeded once per run, instead of the SQLite file in tmp_path."""

from __future__ import annotations

import os
import uuid

import psycopg
from sqlalchemy import make_url

ENV = "LIAISON_DESK_TEST_DB_URL"


def server_url() -> str | None:
    return os.environ.get(ENV) or None


def _admin(url: str) -> psycopg.Connection:
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(conninfo, autocommit=True)


def with_database(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


class ServerDatabases:
    """Creates the template once (per pytest process) and a copy of it per test."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.template = f"liaison_tmpl_{os.getpid()}"
        self._made_template = False

    def _ensure_template(self) -> None:
        if self._made_template:
            return
        from app.storage import open_database

        with _admin(self.url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.template}"')
        db = open_database(with_database(self.url, self.template))
        db.dispose()
        self._made_template = True

    def create(self, empty: bool = False) -> str:
        """A new database's URL: the migrated, seeded template copied, or an empty one."""
        if not empty:
            self._ensure_template()
        name = f"liaison_t_{uuid.uuid4().hex[:12]}"
        with _admin(self.url) as conn:
            template = "" if empty else f' TEMPLATE "{self.template}"'
            conn.execute(f'CREATE DATABASE "{name}"{template}')
        return with_database(self.url, name)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with _admin(self.url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        if self._made_template:
            with _admin(self.url) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
