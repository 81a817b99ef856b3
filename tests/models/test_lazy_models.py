"""app.models loads a model module when one of its classes is first named; Base from the
package is always the whole schema."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import app.models

ROOT = Path(__file__).resolve().parents[2]


def _fresh(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_every_name_is_exported_and_found():
    assert sorted(app.models.__all__) == sorted(["Base", *app.models._HOME])
    for name in app.models.__all__:
        assert getattr(app.models, name).__name__ == name


def test_naming_a_model_loads_its_module_only():
    loaded = _fresh(
        "import sys\nfrom app.models import Room\n"
        "print(*sorted(m for m in sys.modules if m.startswith('app.models.')))"
    )
    assert loaded.split() == ["app.models.base", "app.models.people", "app.models.rooms"]


def test_base_from_the_package_holds_every_table():
    count = _fresh("from app.models import Base\nprint(len(Base.metadata.tables))")
    every = _fresh(
        "import app.models.base as b\nimport app.models as m\nm.load_all()\n"
        "print(len(b.Base.metadata.tables))"
    )
    assert int(count) == int(every) >= 28
