"""What went wrong with a database, whichever one raised it: the kinds of fault a clerk is told
about (FAULTS), the driver's errors named as one of them, and a database's name fit to show (no
password).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

import apsw
from peewee import PeeweeException

from .i18n import t


class DatabaseError(Exception):
    """The database cannot be used; the message is one line a person can act on, in the UI's
    language (the CLI sets it before opening). `kind` says which fault it is (FAULTS)."""

    def __init__(self, message: str, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind


#: What can go wrong with a database under a running app, each with a message for the clerk
#: (i18n `db.<kind>`): the one-line reason, and what to do about it.
FAULTS = ("busy", "full", "readonly", "cantopen", "damaged", "gone", "io", "connection", "other")


class FileGone(Exception):
    """The database file was deleted or replaced under the running app. SQLite would go on
    writing into the deleted file, which nobody will ever read again: refused instead."""


@dataclass(frozen=True)
class Failure:
    """A database fault: its kind (FAULTS) and the driver's own first line, for the log."""

    kind: str
    detail: str

    def message(self, *, opening: bool = False) -> str:
        """For the clerk whose work was not saved; or, `opening`, for whoever started the app."""
        return t(f"{'dbopen' if opening else 'db'}.{self.kind}", detail=self.detail)


def redact(target: str) -> str:
    """The database named for a message: a URL's password is never shown on a clerk's screen."""
    url = urlparse(target)
    if url.password:
        return target.replace(f":{url.password}@", ":***@", 1)
    return target


def failure(exc: BaseException) -> Failure | None:
    """What went wrong when `exc` is the database failing under a running app (locked past
    the busy timeout, disk full, read-only, damaged, file gone, server down), so a screen can
    say so and carry on; None for anything else, which is a bug and must not be hidden."""
    if isinstance(exc, FileGone):
        return Failure("gone", "the database file was deleted or replaced")
    original = next(
        (e for e in (exc, *exc.args, exc.__cause__, exc.__context__) if isinstance(e, apsw.Error)), None
    )
    if original is not None:
        return Failure(_apsw_kind(original), _first_line(original))
    if isinstance(exc, PeeweeException):
        # Peewee keeps the driver's exception as `orig` (and as the context it was raised in).
        driver = next(
            (
                e
                for e in (getattr(exc, "orig", None), *exc.args, exc.__cause__, exc.__context__)
                if isinstance(e, BaseException)
            ),
            exc,
        )
        return Failure(_pg_kind(driver, exc), _first_line(driver))
    return None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def _apsw_kind(exc: apsw.Error) -> str:
    kinds: list[tuple[type[apsw.Error], str]] = [
        (apsw.BusyError, "busy"),
        (apsw.LockedError, "busy"),
        (apsw.FullError, "full"),
        (apsw.ReadOnlyError, "readonly"),
        (apsw.PermissionsError, "readonly"),
        (apsw.CantOpenError, "cantopen"),
        (apsw.NotADBError, "damaged"),
        (apsw.CorruptError, "damaged"),
        (apsw.IOError, "io"),
    ]
    return next((kind for cls, kind in kinds if isinstance(exc, cls)), "other")


#: PostgreSQL's SQLSTATE classes and codes for the same faults (psycopg2's `pgcode`).
_PG_KINDS = {
    "53100": "full",
    "25006": "readonly",
    "55P03": "busy",
    "40P01": "busy",
    "40001": "busy",
    "57014": "busy",
    "XX001": "damaged",
    "XX002": "damaged",
    "58030": "io",
    "57P01": "connection",
    "57P02": "connection",
    "57P03": "connection",
}


def _pg_kind(driver: BaseException, wrapper: BaseException) -> str:
    code = getattr(driver, "pgcode", None) or ""
    if code in _PG_KINDS:
        return _PG_KINDS[code]
    if code.startswith("08") or type(wrapper).__name__ in ("OperationalError", "InterfaceError") and not code:
        return "connection"
    return "other"
