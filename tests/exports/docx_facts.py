"""Reading a .docx back the way a clerk checks it: page, margins, fonts, footers."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


def east_asia(run) -> str | None:
    rpr = run._r.rPr
    fonts = rpr.rFonts if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def all_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        )


def open_docx(path: Path):
    return Document(str(path))


def mm(length) -> float:
    return round(length.mm, 1)
