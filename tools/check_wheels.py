"""Can pip install every runtime dependency from wheels on each machine the program must reach?

    python tools/check_wheels.py            (needs PyPI; CI runs it)

For each target — Windows x64 with Python 3.11 and 3.12, Linux x86_64 with glibc 2.28 (统信 UOS
V20, 银河麒麟 V10 on 兆芯/海光) and Linux ARM64 with glibc 2.31 (飞腾/鲲鹏) — resolves
pyproject.toml's dependencies with ``pip install --dry-run --only-binary=:all: --platform …
--python-version …`` (nothing is installed) and prints what pip would take. Exits 1 if any target
lacks a wheel for any dependency within the declared ranges.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (platform tag, Python version, who runs it)
TARGETS = (
    ("win_amd64", "3.11", "Windows 10/11 x64"),
    ("win_amd64", "3.12", "Windows 10/11 x64"),
    ("manylinux_2_28_x86_64", "3.11", "x86_64 glibc 2.28（UOS V20、麒麟 V10，兆芯/海光）"),
    ("manylinux_2_28_x86_64", "3.12", "x86_64 glibc 2.28（UOS V20、麒麟 V10，兆芯/海光）"),
    ("manylinux_2_31_aarch64", "3.11", "ARM64 glibc 2.31（麒麟 V10、UOS，飞腾/鲲鹏）"),
    ("manylinux_2_31_aarch64", "3.12", "ARM64 glibc 2.31（麒麟 V10、UOS，飞腾/鲲鹏）"),
)
SHOWN = ("pyside6-essentials", "pyside6-addons", "sqlalchemy", "lxml")


def platform_tags(tag: str) -> list[str]:
    """pip takes ``--platform`` literally: a machine with glibc 2.31 also runs wheels tagged for
    any older glibc (manylinux_2_17 … 2_31, manylinux2014), so all of them are passed."""
    match = re.fullmatch(r"manylinux_2_(\d+)_(\w+)", tag)
    if not match:
        return [tag]
    newest, arch = int(match[1]), match[2]
    tags = [f"manylinux_2_{minor}_{arch}" for minor in range(newest, 16, -1)]
    tags.append(f"manylinux2014_{arch}")
    if arch == "x86_64":
        tags += ["manylinux2010_x86_64", "manylinux1_x86_64"]
    return tags


def dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project["dependencies"])


def resolve(platform: str, python: str, requirements: list[str]) -> tuple[bool, str]:
    """(found, what pip would install or why not)."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        result = subprocess.run(
            [
                sys.executable, "-m", "pip", "install", "--dry-run", "--quiet",
                "--only-binary=:all:", "--python-version", python,
                *(f"--platform={tag}" for tag in platform_tags(platform)),
                "--implementation", "cp", "--target", str(Path(folder) / "x"),
                "--report", str(report), "--ignore-installed", *requirements,
            ],
            capture_output=True,
            text=True,
        )  # fmt: skip
        if result.returncode != 0:
            lines = [x for x in result.stderr.splitlines() if x.startswith("ERROR")]
            return False, " ".join(lines[:2]) or result.stderr.strip()[-300:]
        items = json.loads(report.read_text(encoding="utf-8"))["install"]
    found = {
        re.sub(r"[-_.]+", "-", i["metadata"]["name"]).lower(): i["metadata"]["version"]
        for i in items
    }
    shown = [f"{name} {found[name]}" for name in SHOWN if name in found]
    return True, f"{len(found)} 个包都有 wheel：" + "，".join(shown)


def main() -> int:
    requirements = dependencies()
    failed = 0
    for platform, python, who in TARGETS:
        ok, text = resolve(platform, python, requirements)
        failed += not ok
        print(
            f"[{'通过' if ok else '失败'}] {platform} / Python {python}（{who}）：{text}",
            flush=True,
        )
    if failed:
        print(f"{failed} 个目标平台缺少 wheel：请调整 pyproject.toml 中的版本范围。")
        return 1
    print(f"全部 {len(TARGETS)} 个目标平台都能只用 wheel 安装全部运行依赖。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
