"""scripts/run-app installs once, then starts straight away: no apt-get, pip or sudo on later
launches, unless pyproject.toml or the Debian package list changed.

Run in a copy of the three files it reads, with python3 and the Debian installer replaced by
stand-ins that write down what was called."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="a bash script")

FAKE_PYTHON3 = """#!/usr/bin/env bash
# python3 -m venv .venv: make a .venv/bin/python that logs what it is asked to run
echo "python3 $*" >> "$CALLS"
mkdir -p .venv/bin
printf '#!/usr/bin/env bash\\necho "venv-python $*" >> "$CALLS"\\n' > .venv/bin/python
chmod +x .venv/bin/python
"""


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    for name in ("scripts/run-app", "scripts/debian-packages.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, repo / name)
    (repo / "scripts" / "install-debian-packages").write_text(
        'echo "install-debian-packages" >> "$CALLS"\n', encoding="utf-8"
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (("python3", FAKE_PYTHON3), ("sudo", 'echo "sudo $*" >> "$CALLS"\n')):
        (bin_dir / name).write_text(text, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    return repo


def launch(repo: Path, *args: str) -> list[str]:
    calls = repo.parent / "calls.log"
    calls.unlink(missing_ok=True)
    env = dict(os.environ, CALLS=str(calls), PATH=f"{repo.parent / 'bin'}:{os.environ['PATH']}")
    subprocess.run(["bash", str(repo / "scripts" / "run-app"), *args], env=env, check=True)
    return calls.read_text(encoding="utf-8").splitlines()


def test_first_launch_installs_later_launches_start_at_once(checkout):
    first = launch(checkout, "--db", "x.db")
    assert first[0] == "install-debian-packages"
    assert first[1] == "python3 -m venv .venv"
    assert "venv-python -m pip install -q -e ." in first
    assert first[-1] == "venv-python main.py --db x.db"

    assert launch(checkout) == ["venv-python main.py"]
    assert launch(checkout, "--db", "y.db") == ["venv-python main.py --db y.db"]


def test_a_changed_package_list_or_pyproject_installs_again(checkout):
    launch(checkout)
    with open(checkout / "scripts" / "debian-packages.txt", "a", encoding="utf-8") as f:
        f.write("libfoo1\n")
    again = launch(checkout)
    assert again[0] == "install-debian-packages" and again[-1] == "venv-python main.py"
    assert launch(checkout) == ["venv-python main.py"]

    with open(checkout / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write("# a new dependency\n")
    assert "venv-python -m pip install -q -e ." in launch(checkout)
