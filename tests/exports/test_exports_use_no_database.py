"""Exporters are fed by service data and only write files: no module under app/exports imports
SQLAlchemy, the database or ORM models, takes a database or session, opens a transaction, or
calls a service function that uses the database (one whose first parameter is ``db`` or
``session``). The callers (app/cli, app/ui) read through services and hand the data over."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = sorted((ROOT / "app" / "exports").rglob("*.py"))
FORBIDDEN = ("sqlalchemy", "app.db", "app.db_file", "app.storage", "app.migrations", "app.models")
ALLOWED = ("app.models.vocab",)  # vocabularies (constants), not tables
DATABASE_NAMES = {"db", "session", "Database", "Session"}
TRANSACTIONS = {"read", "write", "begin", "execute", "scalar", "scalars", "get", "query"}


def _forbidden(module: str) -> bool:
    if any(module == a or module.startswith(a + ".") for a in ALLOWED):
        return False
    return any(module == f or module.startswith(f + ".") for f in FORBIDDEN)


@cache
def _source(module: str) -> ast.Module | None:
    base = ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return ast.parse(path.read_text(encoding="utf-8"))
    return None


def _reads_database(module: str, name: str) -> bool:
    """``module.name`` is a function taking a database or session first."""
    tree = _source(module)
    for node in tree.body if tree else ():
        if isinstance(node, ast.FunctionDef) and node.name == name and node.args.args:
            first = node.args.args[0]
            annotation = ast.unparse(first.annotation) if first.annotation else ""
            if first.arg in {"db", "session"} or annotation in DATABASE_NAMES:
                return True
    return False


def database_uses(tree: ast.Module) -> list[str]:
    found: list[str] = []
    service_modules: dict[str, str] = {}  # local name → app.services module
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if _forbidden(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if _forbidden(node.module):
                found.append(f"from {node.module} import …")
                continue
            if not node.module.startswith("app.services"):
                continue
            for alias in node.names:
                if _source(f"{node.module}.{alias.name}") is not None:
                    service_modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                elif _reads_database(node.module, alias.name):
                    found.append(f"from {node.module} import {alias.name} (uses the database)")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            args = node.args
            for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
                annotation = ast.unparse(arg.annotation) if arg.annotation else ""
                if arg.arg in {"db", "session"} or annotation in DATABASE_NAMES:
                    found.append(f"parameter {arg.arg}: {annotation or '?'}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = node.value.id
            if owner in {"db", "session"} and node.attr in TRANSACTIONS:
                found.append(f"{owner}.{node.attr}")
            elif owner in service_modules and _reads_database(service_modules[owner], node.attr):
                found.append(f"{service_modules[owner]}.{node.attr} (uses the database)")
    return found


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.stem)
def test_exporter_touches_no_database(path):
    assert database_uses(ast.parse(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from sqlalchemy import select", ["from sqlalchemy import …"]),
        ("import sqlalchemy.orm", ["import sqlalchemy.orm"]),
        ("from app.db import Database", ["from app.db import …"]),
        ("from app.models import Member", ["from app.models import …"]),
        ("from app.models.vocab import CONSULTATION_TYPES", []),
        (
            "from app.services.points.ranking import Ranking, get_ranking",
            ["from app.services.points.ranking import get_ranking (uses the database)"],
        ),
        (
            "from app.services import audit\naudit.record_export(x, 'a', 1, 'f')",
            ["app.services.audit.record_export (uses the database)"],
        ),
        ("from app.services.members.fields import mask_phone", []),
        ("def f(db):\n    pass", ["parameter db: ?"]),
        ("def f(store: Database):\n    pass", ["parameter store: Database"]),
        ("def f(x):\n    with db.read() as s:\n        pass", ["db.read"]),
    ],
)
def test_the_check_sees_a_database_use(source, expected):
    assert database_uses(ast.parse(source)) == expected
