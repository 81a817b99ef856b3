"""The optional password lock of the window.

Only a salted scrypt hash is stored (in Setting, so it travels with the data), never the
password; comparison is constant-time. The lock hides the window from a passer-by: it does NOT
encrypt the database file, and the UI says so.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from app.db import Database
from app.errors import ValidationError
from app.services import settings
from app.services.changes import Changes

KEY_HASH = "security.lock"
KEY_IDLE = "security.idle_minutes"
# OWASP's scrypt parameters; N=2**17 with r=8 needs 128 MiB, above OpenSSL's 32 MiB default.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_MAXMEM = 256 * 1024 * 1024
MIN_LENGTH = 6
DEFAULT_IDLE_MINUTES = 10
NOT_ENCRYPTED_NOTE = (
    "密码锁只在您离开电脑时挡住窗口，不会加密数据库文件：拿到数据库文件或备份的人仍能读取其中内容。"
    "请妥善保管电脑和存放备份的 U 盘。"
)


@dataclass(frozen=True)
class LockSettings:
    enabled: bool
    idle_minutes: int


def _hash(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM, dklen=32
    )


def lock_settings(db: Database) -> LockSettings:
    stored = settings.get(db, KEY_HASH)
    idle = settings.get(db, KEY_IDLE) or DEFAULT_IDLE_MINUTES
    return LockSettings(enabled=bool(stored), idle_minutes=int(idle))


def set_password(db: Database, password: str, confirm: str, idle_minutes: int) -> Changes:
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"密码至少需要 {MIN_LENGTH} 个字符。", field="password")
    if password != confirm:
        raise ValidationError("两次输入的密码不一致。", field="confirm")
    if not 1 <= idle_minutes <= 240:
        raise ValidationError("自动锁定时间应在 1 到 240 分钟之间。", field="idle_minutes")
    salt = secrets.token_bytes(16)
    record = {
        "scheme": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": salt.hex(),
        "hash": _hash(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P).hex(),
    }
    with db.write() as session:
        settings.set_value(session, KEY_HASH, record)
        settings.set_value(session, KEY_IDLE, idle_minutes)
    return Changes(security=True)


def verify(db: Database, password: str) -> bool:
    """True when no lock is set or ``password`` matches."""
    record = settings.get(db, KEY_HASH)
    if not record:
        return True
    digest = _hash(password, bytes.fromhex(record["salt"]), record["n"], record["r"], record["p"])
    return hmac.compare_digest(digest, bytes.fromhex(record["hash"]))


def clear_password(db: Database, current: str) -> Changes:
    if not verify(db, current):
        raise ValidationError("当前密码不正确，密码锁未取消。", field="current")
    with db.write() as session:
        settings.set_value(session, KEY_HASH, None)
    return Changes(security=True)


def set_idle_minutes(db: Database, minutes: int) -> Changes:
    if not 1 <= minutes <= 240:
        raise ValidationError("自动锁定时间应在 1 到 240 分钟之间。", field="idle_minutes")
    settings.put(db, KEY_IDLE, minutes)
    return Changes(security=True)
