"""The layering rule: nothing outside app/ui (and main.py) imports PySide6."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def _imports_pyside(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.startswith("PySide6") for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6"):
            return True
    return False


def test_no_qt_outside_ui():
    offenders = [
        str(p.relative_to(APP))
        for p in APP.rglob("*.py")
        if "ui" not in p.relative_to(APP).parts[:1] and _imports_pyside(p)
    ]
    assert offenders == []
