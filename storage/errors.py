"""Storage errors in two kinds (after qutebrowser's sql.py): the user's situation, with a plain Chinese
message and nothing lost, versus our bug, which is logged with detail."""

from __future__ import annotations


class UserFacingError(Exception):
    """Something the person can understand and act on. `str(error)` is the Chinese message."""


class WrongPasswordError(UserFacingError):
    def __init__(self) -> None:
        super().__init__("用户名或密码不正确")


class NotSetUpError(UserFacingError):
    pass


class DatabaseTooNewError(UserFacingError):
    pass


class DatabaseUnreadableError(UserFacingError):
    """Wrong key, a damaged file, or not a GridLedger database at all."""


class DatabaseBusyError(UserFacingError):
    pass


class DiskError(UserFacingError):
    """Disk full, read-only medium, or no permission."""


class RecordNotFoundError(UserFacingError):
    pass


class RecordValidationError(UserFacingError):
    """Input that fails validation: `errors` maps each field to its Chinese reason."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("；".join(self.errors.values()))


class StaleRevisionError(UserFacingError):
    def __init__(self) -> None:
        super().__init__("该记录已被修改，请重新打开后再保存")


class PermissionDeniedError(UserFacingError):
    pass
