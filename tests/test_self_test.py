"""``main.py --version`` and ``main.py self-test``, run as the clerk (or CI, or the installer
check) runs them: in a fresh process, with no display."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from app import APP_NAME, __version__

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = (
    "会议纪要（.docx）",
    "签到表（.docx）",
    "签到表（.xlsx）",
    "活动台账（.xlsx）",
    "履职积分统计表（.xlsx）",
    "委员履职档案（.docx）",
    "委员名册（.xlsx）",
)


def run_main(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environ.pop("QT_QPA_PLATFORM", None)  # self-test chooses offscreen itself without a display
    environ.update(LIAISON_DESK_HOME=str(home), PYTHONPATH=str(ROOT), **env)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        timeout=300,
    )


def test_version_is_the_packages_version(tmp_path):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    result = run_main("--version", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{APP_NAME} {project['version']}\n"
    assert __version__ == project["version"]
    assert not (tmp_path / "home").exists()


@pytest.mark.slow
def test_self_test_passes_every_check_and_leaves_the_data_folder_alone(tmp_path):
    home = tmp_path / "home"
    result = run_main("self-test", home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{APP_NAME} {__version__}")
    checks = lines[1:-1]
    assert all(line.startswith("[通过] ") for line in checks), checks
    names = [line.removeprefix("[通过] ").split("：")[0] for line in checks]
    assert names[:2] == ["数据库与数据结构升级", "载入示例数据（乡镇规模）"]
    assert names[2:9] == [f"导出{doc}" for doc in DOCUMENTS]
    assert names[9:] == ["Qt 中文翻译", "中文字体", "主窗口"]
    assert "10 个页面逐一打开后关闭（显示平台 offscreen）" in checks[-1]
    assert lines[-1].startswith(f"自检通过：{len(checks)} 项全部通过")
    assert "Traceback" not in result.stderr  # Qt may note its environment (XDG_RUNTIME_DIR …)
    assert not home.exists()  # the scratch folder was a temporary one, now gone


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig decides the fonts")
def test_self_test_fails_on_a_machine_without_a_chinese_font(tmp_path):
    no_fonts = tmp_path / "fonts.conf"
    no_fonts.write_text('<?xml version="1.0"?><fontconfig></fontconfig>\n', encoding="utf-8")
    result = run_main("self-test", home=tmp_path / "home", FONTCONFIG_FILE=str(no_fonts))
    assert result.returncode == 1
    assert "[失败] 中文字体：AssertionError：本机没有可显示简体中文的字体" in result.stdout
    assert "[通过] 导出委员名册（.xlsx）" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("自检未通过：12 项中 1 项失败")
