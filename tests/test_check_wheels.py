"""tools/check_wheels.py asks pip for every wheel a glibc-2.28 or 2.31 machine can run: pip
takes --platform literally, so the older manylinux tags must be passed too."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def check_wheels():
    spec = importlib.util.spec_from_file_location(
        "check_wheels", ROOT / "tools" / "check_wheels.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_wheels"] = module
    spec.loader.exec_module(module)
    return module


def test_a_glibc_machine_takes_every_older_manylinux_tag():
    tags = check_wheels().platform_tags("manylinux_2_31_aarch64")
    assert tags[0] == "manylinux_2_31_aarch64"
    assert "manylinux_2_28_aarch64" in tags and "manylinux_2_17_aarch64" in tags
    assert "manylinux2014_aarch64" in tags
    assert "manylinux_2_32_aarch64" not in tags and not any("x86_64" in t for t in tags)
    assert "manylinux1_x86_64" in check_wheels().platform_tags("manylinux_2_28_x86_64")
    assert check_wheels().platform_tags("win_amd64") == ["win_amd64"]


def test_the_targets_are_the_machines_of_issue_18():
    targets = {(p, v) for p, v, _who in check_wheels().TARGETS}
    assert targets == {
        (p, v)
        for p in ("win_amd64", "manylinux_2_28_x86_64", "manylinux_2_31_aarch64")
        for v in ("3.11", "3.12")
    }
