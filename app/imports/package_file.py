"""Reading a .ldpkg with every check before anything is used: a foreign or truncated file,
entries with absolute or ``..`` paths, sizes beyond sane bounds, a newer format or schema, and a
part whose SHA-256 differs from the manifest's are refused with one Chinese line."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Any

from app.errors import UserError
from app.migrations.schemas import SCHEMAS
from app.services.exchange.kinds import KINDS
from app.services.exchange.package import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MAX_ATTACHMENT_BYTES,
    MAX_ENTRIES,
    MAX_FILE_BYTES,
    MAX_PART_BYTES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    Package,
    is_uuid,
)


def _refuse(path: Path, why: str) -> UserError:
    return UserError(f"数据包“{path.name}”{why}，未导入任何数据。")


def _check_name(path: Path, name: str) -> None:
    pure = PurePosixPath(name.replace("\\", "/"))
    if (
        name.startswith(("/", "\\"))
        or re.match(r"^[A-Za-z]:", name)
        or ".." in pure.parts
        or "\x00" in name
    ):
        raise _refuse(path, f"含有不安全的路径“{name[:80]}”，可能被篡改")


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise _refuse(path, f"含有 {len(infos)} 个文件，超出合理范围")
    total = 0
    for info in infos:
        limit = MAX_ATTACHMENT_BYTES if info.filename.startswith("attachments/") else MAX_PART_BYTES
        if info.file_size > limit:
            raise _refuse(path, f"中的“{info.filename[:80]}”大小超出合理范围")
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(path, f"中的“{info.filename[:80]}”压缩比异常，可能被篡改")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise _refuse(path, "解压后的大小超出合理范围")


def _read(path: Path, zf: zipfile.ZipFile, name: str, size: int, too_big: str = "") -> bytes:
    """At most ``size`` bytes: a header that understates its size cannot make us read more."""
    with zf.open(name) as stream:
        blob = stream.read(size + 1)
    if len(blob) > size:
        raise _refuse(
            path, too_big or f"中的“{name[:80]}”校验值不符（比清单记录的大），文件已被修改或损坏"
        )
    return blob


def _manifest(path: Path, zf: zipfile.ZipFile, known_revisions: set[str]) -> dict[str, Any]:
    try:
        manifest = json.loads(
            _read(path, zf, MANIFEST, 1024 * 1024, "的清单过大，不是工作台数据包")
        )
    except KeyError:
        raise _refuse(path, "不是工作台数据包（缺少清单）") from None
    except (ValueError, UnicodeDecodeError):
        raise _refuse(path, "的清单无法读取，文件已损坏") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(path, "不是工作台数据包")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise _refuse(path, "的清单缺少格式版本")
    if version > FORMAT_VERSION:
        raise _refuse(path, f"由较新版本的工作台制作（格式版本 {version}），请先升级本程序")
    if manifest.get("schema_revision") not in known_revisions:
        raise _refuse(path, "来自较新版本的数据库，请先升级本程序")
    sender = manifest.get("sender")
    if not (
        isinstance(sender, dict)
        and isinstance(sender.get("name"), str)
        and sender.get("level") in ("township", "county")
        and isinstance(sender.get("id"), str)
        and is_uuid(sender["id"])
        and isinstance(manifest.get("sequence"), int)
        and manifest["sequence"] > 0
        and manifest.get("direction") in ("up", "down")
        and isinstance(manifest.get("parts"), dict)
        and isinstance(manifest.get("created_at"), str)
    ):
        raise _refuse(path, "的清单不完整，文件已损坏")
    return manifest


def read_package(path: Path) -> Package:
    """Open and check a package. Every problem is one UserError; nothing is written."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _refuse(path, "过大，超出合理范围")
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            for info in infos:
                _check_name(path, info.filename)
            _check_sizes(path, infos)
            manifest = _manifest(path, zf, set(SCHEMAS))
            return _read_parts(path, zf, manifest, {i.filename for i in infos}, set(KINDS))
    except FileNotFoundError:
        raise UserError(f"找不到数据包“{path}”。") from None
    except zipfile.BadZipFile:
        raise _refuse(path, "不是工作台数据包，或文件不完整（被截断、损坏）") from None
    except (OSError, EOFError, zipfile.LargeZipFile, zlib.error):
        raise _refuse(path, "无法完整读取（文件被截断或损坏）") from None
    except NotImplementedError:  # a compression or encryption no package of ours uses
        raise _refuse(path, "不是工作台数据包（压缩方式无法识别）") from None


def _read_parts(
    path: Path, zf: zipfile.ZipFile, manifest: dict[str, Any], names: set[str], kinds: set[str]
) -> Package:
    listed = manifest["parts"]
    unlisted = names - set(listed) - {MANIFEST}
    if unlisted:
        raise _refuse(path, f"含有清单之外的文件“{sorted(unlisted)[0][:80]}”，可能被篡改")
    package = Package(manifest, {}, path=path)
    for name, facts in listed.items():
        if not (isinstance(facts, dict) and isinstance(facts.get("sha256"), str)):
            raise _refuse(path, "的清单不完整，文件已损坏")
        _check_name(path, name)
        if name not in names:
            raise _refuse(path, f"缺少“{name[:80]}”，文件不完整")
        size = facts.get("size")
        if not isinstance(size, int) or size < 0:
            raise _refuse(path, "的清单不完整，文件已损坏")
        blob = _read(path, zf, name, size)
        if hashlib.sha256(blob).hexdigest() != facts["sha256"]:
            raise _refuse(path, f"中的“{name[:80]}”校验值不符，文件已被修改或损坏")
        if name.startswith("attachments/"):
            stored = name.removeprefix("attachments/")
            if not stored or "/" in stored:
                raise _refuse(path, f"含有不安全的路径“{name[:80]}”，可能被篡改")
            package.attachments[stored] = blob
            continue
        match = re.fullmatch(r"data/([a-z_]+)\.json", name)
        if not match or match.group(1) not in kinds:
            raise _refuse(path, f"含有无法识别的部分“{name[:80]}”")
        try:
            rows = json.loads(blob, parse_constant=_no_constant)
        except (ValueError, UnicodeDecodeError):
            raise _refuse(path, f"中的“{name}”无法读取，文件已损坏") from None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise _refuse(path, f"中的“{name}”格式不对")
        package.parts[match.group(1)] = rows
    return package


def _no_constant(name: str) -> float:
    raise ValueError(name)  # NaN / Infinity are not numbers a record holds
