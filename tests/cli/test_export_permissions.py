"""Exported files get the clerk's usual permissions (rw-r--r-- under umask 022), not the 0600 of
a temporary file: they are copied to USB sticks and shared folders for others to open."""

import os
import stat

import pytest

from app.cli import main
from tests.cli.test_documents_cli import _db_with_meeting

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def umask():
    old = os.umask(0o022)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_exports_follow_the_umask(tmp_path, umask, capsys):
    path, meeting = _db_with_meeting(tmp_path)
    aid = str(meeting.activity_id)
    base = ["--db", str(path), "export"]
    outs = {
        "minutes": ([aid], tmp_path / "纪要.docx"),
        "signin": ([aid], tmp_path / "签到.xlsx"),
        "ledger": (["--year", "2026"], tmp_path / "台账.xlsx"),
        "roster": ([], tmp_path / "名册.xlsx"),
    }
    for verb, (args, out) in outs.items():
        assert main([*base, verb, *args, "--out", str(out)]) == 0, capsys.readouterr().err
        assert mode(out) == 0o644, verb
    umask(0o027)
    out = tmp_path / "名册.xlsx"
    assert main([*base, "roster", "--out", str(out)]) == 0  # replacing the file
    assert mode(out) == 0o640
    assert not list(tmp_path.glob(".~*"))
