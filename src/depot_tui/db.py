"""Opening the database: SQLite through APSW or PostgreSQL by URL, pragmas, numbered migrations.

Nothing here runs at import time; the CLI (or a test) calls `open_database(target)` once.

Why APSW: many clerk processes writing one WAL file is exactly the pattern that triggers
SQLite's WAL-reset corruption bug (3.7.0 to 3.51.2, fixed in 3.51.3). Python's own sqlite3
here links 3.40.1, so SQLite files are always opened through APSW, whose wheels bundle a fixed
SQLite, and any library older than the fix is refused.

Why BEGIN IMMEDIATE: a deferred transaction that reads and then writes fails at once with
"database is locked" when another process is writing, whatever the busy timeout. Taking the
write lock at BEGIN makes such a transaction wait its turn instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import enum
import fcntl
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import apsw
from peewee import Database, PeeweeException, PostgresqlDatabase
from playhouse.apsw_ext import APSWDatabase

from .models import database_proxy
from .resources import resource_dir

log = logging.getLogger(__name__)

#: The first SQLite release without the WAL-reset bug (sqlite.org/wal.html#walresetbug).
MIN_SQLITE = (3, 51, 3)
BUSY_TIMEOUT_S = 15.0
MIGRATION_TABLE = "schema_migration"


class DatabaseError(Exception):
    """The database cannot be used; the message is one line a person can act on."""


def _bindable(value: object) -> object:
    """APSW binds only None, int, float, str and bytes: give it dates and Decimals as the text
    Peewee's SQLite fields write and read back (ISO dates, plain decimal strings)."""
    if isinstance(value, (dt.datetime, dt.date, dt.time, decimal.Decimal)):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


class DepotSQLite(APSWDatabase):
    """APSWDatabase that binds dates, times and Decimals, including in Peewee's own
    migration history table, which the playhouse field classes would not reach."""

    def execute_sql(self, sql, params=None):  # noqa: ANN001 (peewee's signature)
        if params:
            params = [_bindable(p) for p in params]
        return super().execute_sql(sql, params)


def sqlite_library_version() -> tuple[int, ...]:
    return tuple(int(part) for part in apsw.sqlite_lib_version().split("."))


def _sqlite(path: str) -> DepotSQLite:
    version = sqlite_library_version()
    if version < MIN_SQLITE:
        have = ".".join(map(str, version))
        need = ".".join(map(str, MIN_SQLITE))
        raise DatabaseError(
            f"SQLite {have} has the WAL-reset corruption bug; a shared depot database needs "
            f"{need} or newer (pip install --upgrade apsw)"
        )
    if path != ":memory:":
        parent = Path(path).expanduser().resolve().parent
        if not parent.is_dir():
            raise DatabaseError(f"folder {parent} does not exist")
        path = str(Path(path).expanduser())
    return DepotSQLite(
        path,
        pragmas=[
            ("journal_mode", "wal"),
            ("foreign_keys", 1),
            # FULL: a scan or waybill acknowledged on screen survives a power cut.
            ("synchronous", "full"),
            ("cache_size", -16000),
        ],
        timeout=float(os.environ.get("DEPOT_BUSY_TIMEOUT") or BUSY_TIMEOUT_S),
        lock_type="IMMEDIATE",
    )


def sqlite_path(target: str) -> str | None:
    """The file a SQLite target names (a path, `sqlite:///path`, `apsw:///path`), else None."""
    if "://" not in target:
        return target
    url = urlparse(target)
    if url.scheme in ("sqlite", "apsw"):
        return url.path[1:] if url.path.startswith("//") else url.path
    return None


def make_database(target: str) -> Database:
    """A Database for `target`: a file path, `sqlite:///path`, `apsw:///path` or `postgresql://`."""
    path = sqlite_path(target)
    if path is not None:
        # Never through the stdlib sqlite3 driver: see the module docstring.
        return _sqlite(path)
    url = urlparse(target)
    if url.scheme in ("postgres", "postgresql"):
        return PostgresqlDatabase(
            url.path.lstrip("/"),
            user=url.username,
            password=url.password,
            host=url.hostname,
            port=url.port,
        )
    raise DatabaseError(f"unsupported database URL scheme {url.scheme!r} (use a path or postgresql://)")


def migrations_dir() -> str:
    return str(resource_dir("db") / "migrations")


@contextlib.contextmanager
def _migration_lock(db: Database) -> Iterator[None]:
    """One process migrates at a time; the others wait and then find nothing to do.

    Not a transaction: SQLite's migrator must switch foreign keys off around table rebuilds,
    which it can only do outside one.
    """
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql("SELECT pg_advisory_lock(724501)")
        try:
            yield
        finally:
            db.execute_sql("SELECT pg_advisory_unlock(724501)")
        return
    if db.database == ":memory:":
        yield
        return
    with open(f"{db.database}.migrate-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def pending_migrations(db: Database) -> list[str]:
    """Names of migration files not yet applied, oldest first. Cheap: a folder listing and one
    query, so the usual start (nothing to do) does not load the migration runner at all."""
    names = sorted(path.stem for path in Path(migrations_dir()).glob("[0-9]*.py"))
    if MIGRATION_TABLE not in db.get_tables():
        return names
    applied = {row[0] for row in db.execute_sql(f'SELECT name FROM "{MIGRATION_TABLE}"')}
    return [name for name in names if name not in applied]


def migrate(db: Database, target: str | None = None) -> list[str]:
    """Apply the pending numbered migrations (up to `target`), oldest first. Returns their names.

    Before upgrading a SQLite file that already holds data, a copy is kept beside it
    (`<file>.before-<migration>`), so a failed upgrade can never cost a row.
    """
    if target is None and not pending_migrations(db):
        return []
    from playhouse.migrations import Runner

    with _migration_lock(db):
        runner = Runner(db, migrations_dir(), MIGRATION_TABLE)
        status = runner.status()
        pending = [m.name for m in status if not m.applied and m.path]
        if not pending:
            return []
        if any(m.applied for m in status) and isinstance(db, APSWDatabase) and db.database != ":memory:":
            backup = f"{db.database}.before-{pending[0]}"
            if not os.path.exists(backup):
                db.execute_sql("VACUUM INTO ?", (backup,))
                log.info("kept a copy of the database before upgrading: %s", backup)
        return runner.up(target)


def open_database(target: str) -> Database:
    """Open `target`, bind the models to it and bring its schema up to date.

    Raises DatabaseError with a one-line message for anything a person must fix.
    """
    shown = redact(target)
    db = make_database(target)
    try:
        db.connect(reuse_if_open=True)
        if isinstance(db, APSWDatabase):
            mode = db.execute_sql("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal" and db.database != ":memory:":
                raise DatabaseError(f"{shown}: cannot switch to WAL mode (got {mode})")
            # Reading the schema fails at once on a file that is not a database; a quick_check
            # would read the whole file, which grows with every waybill.
            db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        database_proxy.initialize(db)
        migrate(db)
    except DatabaseError:
        db.close()
        raise
    except Exception as exc:  # the driver's errors, wrapped by Peewee or not
        db.close()
        raise DatabaseError(f"{shown}: {_reason(exc)}") from exc
    return db


def redact(target: str) -> str:
    """The database named for a message: a URL's password is never shown on a clerk's screen."""
    url = urlparse(target)
    if url.password:
        return target.replace(f":{url.password}@", ":***@", 1)
    return target


def failure(exc: BaseException) -> str | None:
    """One line for a person when `exc` is the database failing under a running app (locked
    past the busy timeout, disk full, file gone), so a screen can say so and carry on; None
    for anything else, which is a bug and must not be hidden."""
    if isinstance(exc, (PeeweeException, apsw.Error)):
        return _reason(exc)
    return None


def _reason(exc: BaseException) -> str:
    """One line for a person, from the APSW error inside Peewee's wrapper where there is one."""
    original = next((e for e in (exc, *exc.args, exc.__cause__, exc.__context__)
                     if isinstance(e, apsw.Error)), None)
    if original is not None:
        return _apsw_reason(original)
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def _apsw_reason(exc: apsw.Error) -> str:
    if isinstance(exc, apsw.NotADBError):
        return "not a depot database (the file is not SQLite, or is damaged)"
    if isinstance(exc, apsw.BusyError):
        return "locked by another program for too long; try again, or check who holds it"
    if isinstance(exc, apsw.CantOpenError):
        return "cannot open the file (check the path and its permissions)"
    if isinstance(exc, apsw.ReadOnlyError):
        return "the file is read-only for this user"
    return str(exc).splitlines()[0]
