"""What a Linux bundle asks of the machine it runs on, read straight from its ELF files.

    python tools/elf_info.py dist/liaison-desk      → the highest GLIBC_ and GLIBCXX_ versions
                                                      needed from outside the bundle

A small reader (no objdump, no pyelftools): each shared object's DT_NEEDED names and its
version needs (.gnu.version_r). The spec uses ``needed`` to drop libraries that only the Qt
plugins we leave out would load; packaging/build prints ``floor`` for the README's table.
"""

from __future__ import annotations

import re
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

SHT_DYNAMIC = 6
SHT_GNU_VERNEED = 0x6FFFFFFE
DT_NEEDED = 1


@dataclass
class ElfInfo:
    needed: list[str] = field(default_factory=list)
    versions: dict[str, set[str]] = field(default_factory=dict)  # library → version names


def is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def read(path: Path) -> ElfInfo:
    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF":
        raise ValueError(f"{path} is not an ELF file")
    wide = data[4] == 2
    end = "<" if data[5] == 1 else ">"
    if wide:
        shoff, shentsize, shnum = (
            struct.unpack_from(end + "Q", data, 0x28)[0],
            *struct.unpack_from(end + "HH", data, 0x3A),
        )
        section = end + "IIQQQQIIQQ"
    else:
        shoff, shentsize, shnum = (
            struct.unpack_from(end + "I", data, 0x20)[0],
            *struct.unpack_from(end + "HH", data, 0x2E),
        )
        section = end + "IIIIIIIIII"
    sections = [struct.unpack_from(section, data, shoff + i * shentsize) for i in range(shnum)]

    def string(link: int, offset: int) -> str:
        start = sections[link][4] + offset
        return data[start : data.index(b"\0", start)].decode("utf-8", "replace")

    info = ElfInfo()
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind == SHT_DYNAMIC:
            step = entsize or (16 if wide else 8)
            fmt = end + ("qQ" if wide else "iI")
            for pos in range(offset, offset + size, step):
                tag, value = struct.unpack_from(fmt, data, pos)
                if tag == 0:
                    break
                if tag == DT_NEEDED:
                    info.needed.append(string(link, value))
        elif kind == SHT_GNU_VERNEED:
            pos = offset
            while True:
                _ver, count, file_off, aux, nxt = struct.unpack_from(end + "HHIII", data, pos)
                names = info.versions.setdefault(string(link, file_off), set())
                apos = pos + aux
                for _ in range(count):
                    _hash, _flags, _other, name_off, anext = struct.unpack_from(
                        end + "IHHII", data, apos
                    )
                    names.add(string(link, name_off))
                    apos += anext
                if not nxt:
                    break
                pos += nxt
    return info


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version))


@dataclass(frozen=True)
class Floor:
    glibc: str
    glibcxx: str | None
    glibc_from: str  # the file that needs the highest GLIBC_ version


def floor(bundle: Path) -> Floor:
    """The highest GLIBC_ (and GLIBCXX_) versions the bundle's ELF files need from libraries
    not inside the bundle."""
    files = [p for p in Path(bundle).rglob("*") if p.is_file() and is_elf(p)]
    inside = {p.name for p in files}
    best = ("GLIBC_2.2.5", "")
    best_cxx: str | None = None
    for path in files:
        for library, names in read(path).versions.items():
            if library in inside:
                continue
            for name in names:
                if name.startswith("GLIBC_") and name != "GLIBC_PRIVATE":
                    if _key(name) > _key(best[0]):
                        best = (name, str(path.relative_to(bundle)))
                elif name.startswith("GLIBCXX_") and (
                    best_cxx is None or _key(name) > _key(best_cxx)
                ):
                    best_cxx = name
    return Floor(best[0].removeprefix("GLIBC_"), best_cxx, best[1])


def main(argv: list[str]) -> int:
    """``--version-only`` prints just the number (for the .deb's ``libc6 (>= …)``)."""
    only = argv[:1] == ["--version-only"]
    argv = argv[1:] if only else argv
    if len(argv) != 1:
        sys.stderr.write("用法：python tools/elf_info.py [--version-only] dist/liaison-desk\n")
        return 2
    found = floor(Path(argv[0]))
    if only:
        print(found.glibc)
        return 0
    cxx = f"，libstdc++ 需 {found.glibcxx}" if found.glibcxx else "，libstdc++ 随包附带"
    print(f"运行需要 glibc ≥ {found.glibc}（由 {found.glibc_from} 决定）{cxx}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
