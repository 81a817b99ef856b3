"""LibreOffice's PDF of an exported file, for tests that measure what gets printed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def office_or_skip() -> str:
    """LibreOffice's command; skips the test where LibreOffice or pdftotext is missing, except
    with LIAISON_DESK_REQUIRE_OFFICE=1 (CI sets it), where a missing one fails."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None or shutil.which("pdftotext") is None:
        if os.environ.get("LIAISON_DESK_REQUIRE_OFFICE") == "1":
            pytest.fail("LIAISON_DESK_REQUIRE_OFFICE=1 but LibreOffice or pdftotext is missing")
        pytest.skip("LibreOffice or pdftotext is not installed")
    return office


def libreoffice_pdf(path: Path, work: Path) -> Path:
    """``path`` converted to PDF beside it (a private profile: runs in parallel do not clash)."""
    office = office_or_skip()
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={(work / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(path.parent),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return path.with_suffix(".pdf")


def pdftotext(pdf: Path, *options: str) -> str:
    """poppler's pdftotext of ``pdf`` (``-bbox``, ``-layout`` …)."""
    return subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
