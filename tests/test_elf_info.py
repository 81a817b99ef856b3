"""tools/elf_info.py reads what objdump reads: the libraries an ELF file needs and the highest
glibc symbol version, which packaging/build prints as the bundle's floor."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("objdump") is None,
    reason="ELF files and objdump: Linux only",
)


def elf_info():
    spec = importlib.util.spec_from_file_location("elf_info", ROOT / "tools" / "elf_info.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["elf_info"] = module
    spec.loader.exec_module(module)
    return module


def a_shared_library() -> Path:
    import sqlite3  # noqa: F401 (its extension module is a shared object on every CPython)

    return Path(sys.modules["_sqlite3"].__file__).resolve()


def objdump(*args: str) -> str:
    return subprocess.run(["objdump", *args], capture_output=True, text=True, check=True).stdout


def test_needed_libraries_are_objdumps():
    path = a_shared_library()
    expected = re.findall(r"^\s*NEEDED\s+(\S+)", objdump("-p", str(path)), re.M)
    assert elf_info().read(path).needed == expected


def test_the_floor_is_the_highest_glibc_version_objdump_lists(tmp_path):
    path = a_shared_library()
    shutil.copy(path, tmp_path / path.name)
    versions = set(re.findall(r"\bGLIBC_(\d+(?:\.\d+)+)", objdump("-T", str(path))))
    highest = max(versions, key=lambda v: tuple(int(p) for p in v.split(".")))
    found = elf_info().floor(tmp_path)
    assert found.glibc == highest
    assert found.glibc_from == path.name


def test_a_library_inside_the_bundle_sets_no_floor(tmp_path):
    """Needs met by a library the bundle carries do not count against the system."""
    path = a_shared_library()
    shutil.copy(path, tmp_path / path.name)
    libc = next(
        Path(line.split("=>")[1].split()[0])
        for line in subprocess.run(
            ["ldd", str(path)], capture_output=True, text=True
        ).stdout.splitlines()
        if "libc.so.6 =>" in line
    )
    shutil.copy(libc, tmp_path / "libc.so.6")
    outside = elf_info().floor(tmp_path)
    assert outside.glibc_from != path.name
