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


class DatabaseBusyError(UserError):
    """Another program holds the database."""
