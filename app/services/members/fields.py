"""Reading and checking one member's fields, shared by the edit dialog and the roster import.

Each ``parse_*`` takes what a person typed (or an Excel cell) and returns the stored form, or
raises ``ValueError`` with a short Chinese reason that callers put after the field's name.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from app.models.vocab import GENDERS, MEMBER_LEVELS, MEMBER_STATUSES
from app.text import clean_stored_text

MOBILE = re.compile(r"1[3-9]\d{9}")
# 0551-12345678, 055112345678, 010-1234567-801 (extension), or a local 7/8-digit number.
LANDLINE = re.compile(r"(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?")
_SPACES = re.compile(r"\s+")
_PHONE_SEPARATORS = re.compile(r"[、,，;；/]+")


def nfkc(text: str) -> str:
    """Full-width letters, digits, spaces and punctuation become their plain forms."""
    return unicodedata.normalize("NFKC", text)


def clean_text(value: object) -> str | None:
    """A cell or field as trimmed text; empty → None. Numbers lose a trailing ``.0``."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_stored_text(str(value)).replace("\u3000", " ").replace("\xa0", " ").strip()
    return text or None


def parse_name(value: object) -> str:
    """姓名 without any inner spaces: “王　丽” (full-width space) → 王丽."""
    text = clean_text(value)
    name = _SPACES.sub("", nfkc(text)) if text else ""
    if not name:
        raise ValueError("不能为空")
    if len(name) > 40:
        raise ValueError("姓名过长")
    return name


def _one_phone(text: str) -> str:
    text = text.strip()
    # “0551 12345678” is a landline written with a space; “138 0000 1001” one mobile.
    digits = re.sub(r"^\(?(0\d{2,3})\)?\s+(?=\d{7,8}$)", r"\1-", text)
    digits = digits.replace("(", "").replace(")", "").replace(" ", "")
    if digits.startswith("+86"):
        digits = digits[3:].lstrip("-")
    if "*" in digits:
        raise ValueError(f"号码“{text}”已打码，无法导入")
    plain = digits.replace("-", "")
    if MOBILE.fullmatch(plain):
        return plain
    if LANDLINE.fullmatch(digits):
        return digits
    raise ValueError(f"“{text}”不是有效的手机号码或固定电话")


def parse_phone(value: object) -> str | None:
    """联系电话: a mobile (11 digits) or a landline, several separated by 、 or ，.

    Numbers stored by Excel as numbers (13800001001.0) come back as digits.
    """
    text = clean_text(value)
    if text is None:
        return None
    parts = [p for p in _PHONE_SEPARATORS.split(nfkc(text).replace("－", "-")) if p.strip()]
    return "、".join(_one_phone(p) for p in parts) or None


_MONTH_TEXT = re.compile(
    r"(?P<y>\d{4})\s*(?:[.．/\-年]\s*(?P<m>\d{1,2})|(?P<m2>\d{2}))\s*(?:月)?"
    r"(?:\s*[.．/\-]?\s*(?P<d>\d{1,2})\s*日?)?"
)


def _checked(year: int, month: int) -> str:
    if not 1 <= month <= 12:
        raise ValueError(f"月份“{month}”不对")
    if not 1900 <= year <= date.today().year:
        raise ValueError(f"年份“{year}”不对")
    return f"{year:04d}-{month:02d}"


def parse_birth_month(value: object) -> str | None:
    """出生年月 as “YYYY-MM” from a date cell or text: 1975.03, 1975.3, 1975年3月, 1975-03, 197503.

    A number such as 1975.1 is what Excel keeps of a typed “1975.10”: it is read with two
    decimals (October), as the YYYY.MM roster convention intends.
    """
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return _checked(value.year, value.month)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer():
            value = str(int(value))
        else:
            year = int(value)
            return _checked(year, round((float(value) - year) * 100))
    text = clean_text(value)
    if text is None:
        return None
    match = _MONTH_TEXT.fullmatch(nfkc(text).strip())
    if not match:
        raise ValueError(f"无法识别“{text}”，请写成 1975.03 或 1975年3月")
    month = match.group("m") or match.group("m2")
    stored = _checked(int(match.group("y")), int(month))
    if match.group("d"):  # a whole date: its day must exist (not 1975-03-45, not 2月30日)
        try:
            date(int(match.group("y")), int(month), int(match.group("d")))
        except ValueError:
            raise ValueError(
                f"“{text}”不是有效日期（该月没有第 {int(match.group('d'))} 日）"
            ) from None
    return stored


def format_birth_month(stored: str | None) -> str:
    """“1975-03” → “1975.03”, the way rosters print it."""
    return stored.replace("-", ".") if stored else ""


def parse_choice(value: object, choices: tuple[str, ...], what: str) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    text = _SPACES.sub("", nfkc(text))
    if text in choices:
        return text
    for choice in choices:
        if text.startswith(choice) and choice:
            return choice
    raise ValueError(f"“{text}”不是有效的{what}（可填：{'、'.join(choices)}）")


def parse_gender(value: object) -> str | None:
    return parse_choice(value, GENDERS, "性别")


def parse_level(value: object) -> str | None:
    text = clean_text(value)
    if text in ("国家", "全国级", "全国政协"):
        return "全国"
    return parse_choice(value, MEMBER_LEVELS, "委员层级")


def parse_status(value: object) -> str | None:
    text = clean_text(value)
    if text in ("在职", "现任"):
        return "在任"
    if text in ("离职", "卸任", "已离任"):
        return "离任"
    return parse_choice(value, MEMBER_STATUSES, "在任/离任状态")


def parse_yes_no(value: object) -> bool | None:
    text = clean_text(value)
    if text is None:
        return None
    text = nfkc(text).strip()
    if text in ("是", "√", "✓", "Y", "y", "yes", "常委", "1", "TRUE", "True"):
        return True
    if text in ("否", "×", "N", "n", "no", "0", "FALSE", "False", "-", "/"):
        return False
    raise ValueError(f"“{text}”应填“是”或“否”")


def parse_date(value: object, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    text = clean_text(value)
    if text is None:
        return None
    match = re.fullmatch(r"(\d{4})\s*[.．/\-年]\s*(\d{1,2})\s*[.．/\-月]\s*(\d{1,2})\s*日?", text)
    try:
        if not match:
            raise ValueError
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValueError(f"{what}“{text}”不是有效日期，请写成 2024-03-15") from None


def mask_phone(phone: str | None) -> str:
    """138****1001 for lists that will be posted; landlines keep the area code."""
    if not phone:
        return ""
    masked = []
    for part in phone.split("、"):
        plain = part.replace("-", "")
        if MOBILE.fullmatch(plain):
            masked.append(plain[:3] + "****" + plain[-4:])
        elif len(part) > 4:
            masked.append(part[:-4].rstrip("0123456789") + "****" + part[-4:])
        else:
            masked.append("****")
    return "、".join(masked)
