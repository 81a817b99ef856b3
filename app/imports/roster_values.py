"""What a roster cell means when clerks write it their own way.

Each ``read_*`` returns the value to store and, when the cell could not be taken as written,
a short Chinese note for the preview (the caller puts the row and column in front). Nothing
is dropped or bent without such a note.
"""

from __future__ import annotations

import re

from app.models.vocab import POLITICAL_STATUSES
from app.services.members import fields as mf

# Full names clerks sometimes write → the 界别 names of the default list.
SECTOR_ALIASES = {
    "中国共产党": "中共",
    "中共党员": "中共",
    "中国国民党革命委员会": "民革",
    "中国民主同盟": "民盟",
    "中国民主建国会": "民建",
    "中国民主促进会": "民进",
    "中国农工民主党": "农工党",
    "农工民主党": "农工党",
    "中国致公党": "致公党",
    "无党派": "无党派人士",
    "中国共产主义青年团": "共青团",
    "总工会": "工会",
    "妇女联合会": "妇联",
    "工商业联合会": "工商联",
    "科学技术协会": "科协",
    "台湾同胞联谊会": "台联",
    "归国华侨联合会": "侨联",
    "特邀代表": "特邀",
}

ETHNIC_GROUPS = tuple(
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 "
    "怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺".split()
)

# Short forms of 政治面貌 → the words of the member dialog's list.
POLITICAL_ALIASES = {
    "中共": "中共党员",
    "党员": "中共党员",
    "共产党员": "中共党员",
    "中国共产党党员": "中共党员",
    "预备党员": "中共预备党员",
    "中共预备": "中共预备党员",
    "团员": "共青团员",
    "共青团": "共青团员",
    "民革": "民革党员",
    "民盟": "民盟盟员",
    "民建": "民建会员",
    "民进": "民进会员",
    "农工党": "农工党党员",
    "农工": "农工党党员",
    "致公党": "致公党党员",
    "九三学社": "九三学社社员",
    "九三": "九三学社社员",
    "台盟": "台盟盟员",
    "无党派": "无党派人士",
    "无党派民主人士": "无党派人士",
    "无": "群众",
}
_PARTS = re.compile(r"[、,，;；/\n]+")
_LEVEL_WORDS = (("全国", "全国"), ("省", "省"), ("市", "市"), ("州", "市"), ("县", "县"))


def _plain(text: str) -> str:
    return "".join(mf.nfkc(text).split())


def read_ethnicity(value: object) -> tuple[str | None, str | None]:
    """民族: “汉” → 汉族; a word that is none of the 56 is kept as written, with a note."""
    text = mf.clean_text(value)
    if text is None:
        return None, None
    plain = _plain(text)
    bare = plain.removesuffix("族")
    if bare in ETHNIC_GROUPS:
        return bare + "族", None
    return plain, f"“{plain}”不是 56 个民族之一，已按原文导入，请核对"


def read_political_status(value: object) -> tuple[str | None, str | None]:
    """政治面貌: “中共” → 中共党员, “民盟” → 民盟盟员; other words kept as written, with a note."""
    text = mf.clean_text(value)
    if text is None:
        return None, None
    plain = _plain(text)
    if plain in POLITICAL_STATUSES:
        return plain, None
    if plain in POLITICAL_ALIASES:
        return POLITICAL_ALIASES[plain], None
    return plain, f"“{plain}”不在政治面貌列表中，已按原文导入，请核对"


def _level_of(part: str) -> str | None:
    for word, level in _LEVEL_WORDS:
        if word in part:
            return level
    if "区" in part:  # a district's 政协 is at county level
        return "县"
    return None


def read_category(value: object) -> tuple[str | None, bool | None, list[str]]:
    """委员类别 / 委员层级: “县政协常委” → (县, 常委), “市政协委员” → (市, 非常委), “市级” → 市.

    Returns (层级, 是否常委 or None when the cell does not say, notes). Several categories in
    one cell (“县政协常委、市政协委员”) keep the first and say so.
    """
    text = mf.clean_text(value)
    if text is None:
        return None, None, []
    plain = _plain(text)
    parts = [p for p in _PARTS.split(plain) if p]
    first = parts[0] if parts else plain
    notes: list[str] = []
    level = _level_of(first)
    standing: bool | None = None
    if "常委" in first or "常务委员" in first:
        standing = True
    elif "委员" in first:
        standing = False
    if level is None:
        notes.append(f"“{plain}”中看不出委员层级（县、市、省、全国），层级未导入，新委员按“县”记")
    elif level not in first:  # 州 → 市, 区 → 县
        notes.append(f"“{first}”按{level}级委员导入")
    if len(parts) > 1:
        notes.append(f"“{plain}”含多个类别，按第一个“{first}”导入")
    return level, standing, notes
