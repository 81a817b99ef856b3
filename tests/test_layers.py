"""The layering rules: imports point one way, no module circles, no Qt outside app/ui.

    models, errors, paths  <  db, storage, migrations  <  services  <  imports, exports  <  cli, ui

Every ``import`` counts, including those deferred into a function body (they still make the
lower module depend on the higher one) and those under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"

# The first matching prefix gives a module's layer; a module may import its own layer and below.
LAYERS: tuple[tuple[str, int], ...] = (
    ("app.models", 0),
    ("app.errors", 0),
    ("app.paths", 0),
    ("app.progress", 0),
    ("app.text", 0),
    ("app.bug_log", 0),
    ("app.instance_lock", 0),
    ("app.db_file", 1),
    ("app.db", 1),
    ("app.year_lock", 1),
    ("app.ownership", 1),
    ("app.record_history", 1),
    ("app.defaults", 1),
    ("app.storage", 1),
    ("app.migrations", 1),
    ("app.services", 2),
    ("app.imports", 3),
    ("app.exports", 3),
    ("app.cli", 4),
    ("app.ui", 4),
    ("app.self_test", 5),  # main.py self-test: the data checks and the window's
    ("app", 0),  # app/__init__.py: the name and version
)
# Same layer, still not allowed: the command line and the window never import each other.
APART = (("app.cli", "app.ui"), ("app.ui", "app.cli"))


def layer_of(module: str) -> tuple[str, int]:
    for prefix, layer in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            return prefix, layer
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def app_modules() -> dict[str, Path]:
    return {module_name(p): p for p in APP.rglob("*.py") if "versions" not in p.parts}


def imported_modules(path: Path, known: dict[str, Path]) -> set[str]:
    """The app modules ``path`` imports (``from pkg import mod`` names the module ``pkg.mod``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "app")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] != "app":
                continue
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
    return {m for m in found if m in known}


def graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    return {name: imported_modules(path, modules) - {name} for name, path in modules.items()}


def wrong_way(edges: dict[str, set[str]]) -> list[str]:
    offenders = []
    for source, targets in sorted(edges.items()):
        source_prefix, source_layer = layer_of(source)
        for target in sorted(targets):
            target_prefix, target_layer = layer_of(target)
            apart = any(source_prefix == a and target_prefix == b for a, b in APART)
            if target_layer > source_layer or apart:
                offenders.append(f"{source} imports {target}")
    return offenders


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_imports_point_one_way():
    assert wrong_way(graph(app_modules())) == []


def test_no_module_circles():
    assert circles(graph(app_modules())) == []


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"app.db": {"app.services.settings"}}, ["app.db imports app.services.settings"]),
        (
            {"app.services.rooms.registry": {"app.exports.files"}},
            ["app.services.rooms.registry imports app.exports.files"],
        ),
        ({"app.cli.core": {"app.ui.shell.app"}}, ["app.cli.core imports app.ui.shell.app"]),
        ({"app.ui.shell.app": {"app.services.settings", "app.models"}}, []),
    ],
)
def test_the_arrow_check_sees_a_reversed_import(edges, expected):
    assert wrong_way(edges) == expected


def test_the_circle_check_sees_a_circle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(edges) == [["a", "b", "c"]]


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


def test_areas_have_the_same_names_on_both_sides():
    """A newcomer finds an area's window code beside its services under the same name."""
    services = {p.name for p in (APP / "services").iterdir() if (p / "__init__.py").exists()}
    ui = {p.name for p in (APP / "ui").iterdir() if (p / "__init__.py").exists()}
    assert services - ui == set()
    assert ui - services == {"shell", "common"}
