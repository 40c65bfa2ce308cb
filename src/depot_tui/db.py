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
from urllib.parse import parse_qsl, urlparse

import apsw
from peewee import Database, PostgresqlDatabase
from playhouse.apsw_ext import APSWDatabase

# What a fault is lives in dbfaults.py and backups in backup.py; named here too, where callers
# have always found them.
from .dbfaults import FAULTS, DatabaseError, Failure, FileGone, failure, redact  # noqa: F401
from .i18n import t
from .models import database_proxy
from .resources import resource_dir

log = logging.getLogger(__name__)

#: The first SQLite release without the WAL-reset bug (sqlite.org/wal.html#walresetbug).
MIN_SQLITE = (3, 51, 3)
BUSY_TIMEOUT_S = 15.0
MIGRATION_TABLE = "schema_migration"


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

    #: The file's identity when first opened (device, inode), see `begin`.
    identity: tuple[int, int] | None = None

    def execute_sql(self, sql, params=None):  # noqa: ANN001 (peewee's signature)
        if params:
            params = [_bindable(p) for p in params]
        return super().execute_sql(sql, params)

    def _connect(self):  # noqa: ANN202 (peewee's signature)
        conn = super()._connect()
        if self.identity is None and self.database != ":memory:":
            self.identity = _identity(self.database)
        return conn

    def begin(self, lock_type=None):  # noqa: ANN001, ANN201 (peewee's signature)
        """Every write transaction first checks that the file it writes is still the depot's:
        a file deleted (or moved, or restored over) under a running app keeps its open
        connections writing into a file nobody will read. A stat, a few microseconds."""
        if self.identity is not None and _identity(self.database) != self.identity:
            raise FileGone(self.database)
        return super().begin(lock_type)


class DepotPostgres(PostgresqlDatabase):
    """PostgreSQL as clerks' terminals need it (see `make_database` for the connection's
    settings), counting the statements each thread has sent that could change something, so
    that a call which lost its connection before sending any (the server restarted while the
    terminal was idle) can be made again: reading twice changes nothing (`writes_sent`)."""

    _READS = ("SELECT", "SHOW", "SET")

    def execute_sql(self, sql, params=None):  # noqa: ANN001, ANN201 (peewee's signature)
        if not sql.lstrip()[:6].upper().startswith(self._READS):
            # Counted before it is sent: a write the server may have done before the link broke.
            self._state.writes = getattr(self._state, "writes", 0) + 1
        return super().execute_sql(sql, params)


def writes_sent() -> int:
    """How many statements that could change something this thread has sent to the bound
    database (0 on SQLite, which has no server to lose): compare before and after a call."""
    database = database_proxy.obj
    return getattr(database._state, "writes", 0) if isinstance(database, DepotPostgres) else 0


def wait_at_most(seconds: float) -> None:
    """This thread's connection waits `seconds` at most for another's lock, then fails busy."""
    database = database_proxy.obj
    if isinstance(database, DepotPostgres):
        database.execute_sql(f"SET lock_timeout = {int(seconds * 1000)}")
    else:
        database.connection().setbusytimeout(int(seconds * 1000))


def _identity(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


def sqlite_library_version() -> tuple[int, ...]:
    return tuple(int(part) for part in apsw.sqlite_lib_version().split("."))


def _sqlite(path: str, *, create: bool) -> DepotSQLite:
    version = sqlite_library_version()
    if version < MIN_SQLITE:
        have = ".".join(map(str, version))
        need = ".".join(map(str, MIN_SQLITE))
        raise DatabaseError(t("db.old_sqlite", have=have, need=need))
    flags = apsw.SQLITE_OPEN_READWRITE | (apsw.SQLITE_OPEN_CREATE if create else 0)
    if path != ":memory:":
        file = Path(path).expanduser()
        parent = file.resolve().parent
        if not parent.is_dir():
            raise DatabaseError(t("db.no_folder", folder=parent), "cantopen")
        if file.is_file() and file.stat().st_size == 0 and not create:
            # An empty file would silently become an empty database nobody can log in to.
            raise DatabaseError(t("db.empty_file", db=file), "damaged")
        path = str(file)
    return DepotSQLite(
        path,
        pragmas=[
            ("journal_mode", "wal"),
            ("foreign_keys", 1),
            # FULL: a scan or waybill acknowledged on screen survives a power cut.
            ("synchronous", "full"),
            ("cache_size", -16000),
        ],
        timeout=busy_timeout(),
        lock_type="IMMEDIATE",
        # Not created when missing (only init and demo create one): a file deleted under a
        # running app must fail its next connection, not become a new empty database.
        flags=flags,
    )


def busy_timeout() -> float:
    """How long a write waits for another program's lock (DEPOT_BUSY_TIMEOUT, seconds)."""
    return float(os.environ.get("DEPOT_BUSY_TIMEOUT") or BUSY_TIMEOUT_S)


def sqlite_path(target: str) -> str | None:
    """The file a SQLite target names (a path, `sqlite:///path`, `apsw:///path`), else None."""
    if "://" not in target:
        return target
    url = urlparse(target)
    if url.scheme in ("sqlite", "apsw"):
        return url.path[1:] if url.path.startswith("//") else url.path
    return None


def make_database(target: str, *, create: bool = True) -> Database:
    """A Database for `target`: a file path, `sqlite:///path`, `apsw:///path` or `postgresql://`.
    With `create` False a SQLite file that does not exist (or is empty) is refused."""
    path = sqlite_path(target)
    if path is not None:
        # Never through the stdlib sqlite3 driver: see the module docstring.
        return _sqlite(path, create=create)
    url = urlparse(target)
    if url.scheme in ("postgres", "postgresql"):
        wait_ms = int(busy_timeout() * 1000)
        params = {
            "user": url.username,
            "password": url.password,
            "host": url.hostname,
            "port": url.port,
            "application_name": "depot-tui",
            # A server that does not answer is said at once, not after the system's 2 min.
            "connect_timeout": 5,
            # A dead link (pulled cable, server gone) is found within a minute, not 2 h 11 min.
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
            # Wait for another terminal's row lock as long as SQLite waits for its file lock;
            # and a terminal frozen inside a transaction frees its locks after a minute.
            "options": f"-c lock_timeout={wait_ms} -c idle_in_transaction_session_timeout=60000",
        }
        params.update(parse_qsl(url.query))  # ?sslmode=require and the like, as libpq takes them
        return DepotPostgres(url.path.lstrip("/"), **{k: v for k, v in params.items() if v is not None})
    raise DatabaseError(t("db.bad_scheme", scheme=url.scheme))


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


def known_migrations() -> list[str]:
    """The migrations this version of the app knows, oldest first."""
    return sorted(path.stem for path in Path(migrations_dir()).glob("[0-9]*.py"))


def applied_migrations(db: Database) -> list[str]:
    if MIGRATION_TABLE not in db.get_tables():
        return []
    return sorted(row[0] for row in db.execute_sql(f'SELECT name FROM "{MIGRATION_TABLE}"'))


def pending_migrations(db: Database) -> list[str]:
    """Names of migration files not yet applied, oldest first. Cheap: a folder listing and one
    query, so the usual start (nothing to do) does not load the migration runner at all."""
    applied = set(applied_migrations(db))
    return [name for name in known_migrations() if name not in applied]


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


def open_database(target: str, *, create: bool = True) -> Database:
    """Open `target`, bind the models to it and bring its schema up to date.

    Raises DatabaseError with a one-line message for anything a person must fix. With
    `create` False (running the app, check, user) a missing or empty SQLite file is refused,
    and later connections never create one either.
    """
    shown = redact(target)
    db = make_database(target, create=create)
    try:
        db.connect(reuse_if_open=True)
        if isinstance(db, APSWDatabase):
            mode = db.execute_sql("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal" and db.database != ":memory:":
                raise DatabaseError(t("db.no_wal", db=shown, mode=mode), "readonly")
            # Reading the schema fails at once on a file that is not a database; a quick_check
            # would read the whole file, which grows with every waybill.
            db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
        # One look at what is applied serves both: an older app must not write to a database a
        # newer one has migrated (it knows neither the new tables' rules nor their columns,
        # and its writes would break them silently); and the usual start has nothing to do.
        applied, known = set(applied_migrations(db)), known_migrations()
        unknown = sorted(applied - set(known))
        if unknown:
            raise DatabaseError(t("db.newer", db=shown, migrations=", ".join(unknown)), "newer")
        database_proxy.initialize(db)
        if not applied.issuperset(known):
            migrate(db)
    except DatabaseError:
        db.close()
        raise
    except Exception as exc:  # the driver's errors, wrapped by Peewee or not
        db.close()
        fault = failure(exc)
        if fault is None:
            raise
        raise DatabaseError(f"{shown}: {fault.message(opening=True)}", fault.kind) from exc
    return db


def drop_depot_tables(database: Database) -> None:
    """Every table of the app and its migration history (`demo --reset` on a server, where
    there is no file to delete); other tables in the database are left alone."""
    from .models import ALL_MODELS

    with database.bind_ctx(ALL_MODELS), database.atomic():
        database.drop_tables(ALL_MODELS, safe=True, cascade=isinstance(database, PostgresqlDatabase))
        database.execute_sql(f'DROP TABLE IF EXISTS "{MIGRATION_TABLE}"')
        if isinstance(database, PostgresqlDatabase):
            database.execute_sql("DROP FUNCTION IF EXISTS audit_log_append_only() CASCADE")
