"""Expected problems carry a Chinese message for the user; anything else is a bug."""


class UserError(Exception):
    """A problem the user can understand and fix (bad file, unknown id, locked database…).

    The message is shown as-is: in a dialog in the window, one line on stderr on the command line.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFoundError(UserError):
    """A record the user named does not exist."""


class ValidationError(UserError):
    """Input that breaks a rule; ``field`` names the offending field when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


RECORD_NAMES = {
    "activity": "履职活动",
    "member": "委员信息",
    "room": "联络室信息",
    "topic": "议题",
    "reception": "接待来访记录",
    "follow_up": "督办事项",
}
NOT_SAVED = "您这次的修改没有保存，以免覆盖对方的修改。"
RELOAD_HINT = f"{NOT_SAVED[:-1]}；请重新载入这条记录，看过最新内容后再改。"


class StaleRecordError(UserError):
    """The record changed since the clerk opened it; ``table`` and ``record_id`` say which, so
    that the window can offer to reload it."""

    def __init__(self, message: str, table: str, record_id: int | None) -> None:
        super().__init__(message)
        self.table = table
        self.record_id = record_id


class DatabaseBusyError(UserError):
    """Another program holds the database."""


# Why a file operation failed, in words a clerk reads: Python's own text (“No space left on
# device”, “[Errno 13] Permission denied”) is English on most systems.
_ERRNO_REASONS = {
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "磁盘空间不足",
    "EACCES": "没有权限（文件可能正被 WPS、Excel 等程序打开，或文件夹是只读的）",
    "EPERM": "没有权限（文件可能正被 WPS、Excel 等程序打开，或文件夹是只读的）",
    "ENOENT": "找不到该文件或文件夹",
    "EROFS": "磁盘是只读的",
    "EBUSY": "文件正被其他程序占用",
    "ETXTBSY": "文件正被其他程序占用",
    "ENAMETOOLONG": "文件路径太长",
    "EIO": "读写磁盘出错（U 盘或磁盘可能有问题）",
    "EEXIST": "已有同名的文件",
    "EISDIR": "这是一个文件夹，不是文件",
    "ENOTDIR": "路径中有一项不是文件夹",
    "EINVAL": "文件名或路径无效",
    "ENOTEMPTY": "文件夹不是空的",
    "EMFILE": "打开的文件太多",
    "ELOOP": "路径中的快捷方式（符号链接）形成了循环",
    "EXDEV": "不能跨磁盘移动",
}
_WINERROR_REASONS = {
    2: "找不到该文件",
    3: "找不到该文件夹",
    5: "没有权限（文件可能正被 WPS、Excel 等程序打开，或文件夹是只读的）",
    19: "磁盘有写保护",
    21: "设备未就绪（U 盘可能已拔出）",
    32: "文件正被其他程序（如 WPS、Excel）打开，请先关闭该文件",
    33: "文件的一部分被其他程序锁定",
    112: "磁盘空间不足",
    123: "文件名、文件夹名或卷标语法不正确",
    206: "文件路径太长",
    1224: "文件正被其他程序打开",
}
_SQLITE_REASONS = (
    ("file is not a database", "不是本程序的数据库文件"),
    ("malformed", "数据库文件已损坏"),
    ("disk i/o error", "读写磁盘出错（U 盘或磁盘可能有问题）"),
    ("full", "磁盘空间不足"),
    ("locked", "数据库正被其他程序占用"),
    ("busy", "数据库正被其他程序占用"),
    ("readonly", "数据库文件或其所在文件夹是只读的"),
    ("unable to open", "无法打开数据库文件（找不到、没有权限或文件夹只读）"),
    ("no such table", "数据库缺少应有的表，不是本程序的数据库或已损坏"),
)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def os_reason(exc: OSError) -> str:
    """The reason of a failed file operation in Chinese (Windows's own text kept when Chinese)."""
    import errno

    winerror = getattr(exc, "winerror", None)
    if winerror in _WINERROR_REASONS:
        return _WINERROR_REASONS[winerror]
    for name, reason in _ERRNO_REASONS.items():
        if exc.errno is not None and exc.errno == getattr(errno, name, None):
            return reason
    if exc.strerror and _has_chinese(exc.strerror):
        return exc.strerror
    return f"读写文件时出错（错误代码 {exc.errno}）" if exc.errno else "读写文件时出错"


def sqlite_reason(exc: Exception) -> str:
    """The reason of an SQLite error in Chinese (its own text is English)."""
    text = str(exc).lower()
    for needle, reason in _SQLITE_REASONS:
        if needle in text:
            return reason
    return "数据库读写出错"
