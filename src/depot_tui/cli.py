"""The depot-tui command: run the app (default), init, user, demo, check.

Every failure a person can fix prints one line `depot-tui: ...` and exits non-zero; a traceback
means a bug. Textual is imported only when the app itself runs, so admin commands stay quick.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import getpass
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, config, i18n
from .i18n import t


class CliError(Exception):
    """One line for the person at the console."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage + error
        self.exit(2, f"depot-tui: {message} (depot-tui --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="depot-tui", description="Freight-line depot counter and dock (专线物流网点).")
    parser.add_argument("--version", action="version", version=f"depot-tui {__version__}")
    parser.add_argument("--db", help="database: a SQLite file path or postgresql://... (env DEPOT_DB)")
    parser.add_argument("--lang", choices=["zh", "en"], help="interface language (env DEPOT_LANG)")
    parser.add_argument(
        "--demo", action="store_true", help="run on the demo database, building it if missing"
    )
    parser.add_argument(
        "--config",
        help="config file (env DEPOT_CONFIG; else ~/.config/depot-tui/, then /etc/depot-tui/config.toml)",
    )
    parser.add_argument(
        "--charset",
        help="the terminal's: utf-8 or gb18030 (GBK terminals; env DEPOT_CHARSET; default from the locale)",
    )
    parser.add_argument(
        "--function-keys",
        choices=["xterm", "sco"],
        help="sco for a terminal sending SCO function keys (env DEPOT_FUNCTION_KEYS)",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("run", help="run the app (the default)")
    # `depot-tui serve` runs one app per browser tab with the tab's name: not for people.
    p.add_argument("--browser-tab", help=argparse.SUPPRESS)
    parser.set_defaults(browser_tab=None)  # `depot-tui` alone runs the app too

    p = sub.add_parser("init", help="create a new database with its first depot and administrator")
    p.add_argument("--depot-code", help="station short code, e.g. GZ")
    p.add_argument("--depot-name", help="e.g. 广州白云站")
    p.add_argument("--county", help="county the depot is in: name or GB/T 2260 code, e.g. 440111")
    p.add_argument("--admin-user", help="administrator's user name")
    p.add_argument("--admin-name", help="administrator's full name")
    p.add_argument("--counties", help="counties it delivers to besides its own, comma-separated")
    p.add_argument("--price-table", help="a price table to import (XLSX or CSV, as the back office exports)")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    p = sub.add_parser("demo", help="run on the demo database (build it if missing)")
    p.add_argument("--reset", action="store_true", help="throw the demo database away and build it anew")
    p.add_argument("--no-run", action="store_true", help="only build it")

    sub.add_parser("check", help="open the database, upgrade it, check it can be used and report its state")

    p = sub.add_parser("backup", help="copy the live database to a verified backup, keeping the last N")
    p.add_argument("dest", help="folder for the copies (depot-YYYY-MM-DD-HHMMSS.sqlite3), or a file name")
    p.add_argument("--keep", type=int, default=14, help="copies to keep in the folder (default 14)")

    from .cli_server import add_parser as add_server
    from .cli_server import add_serve_parser
    from .cli_setup import add_parser as add_setup

    add_server(sub, _Parser)
    add_serve_parser(sub)

    add_setup(sub, _Parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # What the app writes (the database, its -wal and -shm, slips, recovery files with typed
    # work) is the account's alone, whatever umask the SSH session or the shell set: on a
    # server the service account owns the data and nobody else reads it (issue 25, item 1).
    os.umask(os.umask(0o077) | 0o077)
    try:
        cfg = config.load(
            db=args.db,
            lang=args.lang,
            demo=args.demo or args.command == "demo",
            charset=args.charset,
            function_keys=args.function_keys,
            config_file=args.config,
        )
    except config.ConfigError as exc:
        print(f"depot-tui: {exc}", file=sys.stderr)
        return 2
    if cfg.charset != "utf-8":  # a GBK terminal: every line it is shown, the app's and ours
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, io.TextIOWrapper):
                stream.reconfigure(encoding=cfg.charset, errors="replace")
    i18n.set_language(cfg.lang)
    from .db import DatabaseError
    from .services.errors import ServiceError

    try:
        return _dispatch(args, cfg)
    except (CliError, DatabaseError) as exc:
        print(t("cli.error", message=exc), file=sys.stderr)
    except ServiceError as exc:
        field = f"{exc.field}: " if exc.field else ""
        print(t("cli.error", message=field + t(exc.key, **exc.params)), file=sys.stderr)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except Exception as exc:  # the database failing mid-command: one line, not a traceback
        from .db import failure

        fault = failure(exc)
        if fault is None:
            raise
        print(t("cli.error", message=fault.message(opening=True)), file=sys.stderr)
    return 1


def _dispatch(args: argparse.Namespace, cfg: config.Config) -> int:
    from .db import open_database

    command = args.command or "run"
    if command == "demo" or (cfg.demo and command == "run"):
        _ensure_demo(cfg.db, reset=getattr(args, "reset", False))
        if getattr(args, "no_run", False):
            return 0
        return _run_app(cfg, args.browser_tab)
    if command == "init":
        from .cli_setup import init

        return init(args, cfg)
    if command == "server":
        from .cli_server import run

        return run(args, cfg)
    if command == "serve" and cfg.demo:
        _ensure_demo(cfg.db, reset=False)
    else:
        _require_existing(cfg.db)
    if command == "serve":
        from .cli_server import serve

        open_database(cfg.db, create=False)  # said here, in one line, before any tab opens
        return serve(args, cfg)
    if command == "run":
        open_database(cfg.db, create=False)
        return _run_app(cfg, args.browser_tab)
    if command == "check":
        return _check(cfg)
    if command == "backup":
        return _backup(cfg, args)
    if command in ("user", "depot"):
        from .cli_setup import depot, user

        open_database(cfg.db, create=False)
        return user(args) if command == "user" else depot(args)
    raise CliError(f"unknown command {command}")


def _require_existing(target: str) -> None:
    """Only init and demo create databases: a mistyped --db must not become an empty database
    nobody can log in to."""
    from .db import sqlite_path

    path = sqlite_path(target)
    if path is not None and path != ":memory:" and not Path(path).expanduser().exists():
        raise CliError(t("cli.no_database", db=target))


def _console():
    from .services.actor import console_actor

    return console_actor(getpass.getuser())


def _new_database_file(target: str) -> Path | None:
    """For init and demo, which may create a SQLite file: its path, with its folder made."""
    from .db import sqlite_path

    path = sqlite_path(target)
    if path is None or path == ":memory:":
        return None
    file = Path(path).expanduser()
    file.parent.mkdir(parents=True, exist_ok=True)
    return file


def _ensure_demo(target: str, *, reset: bool) -> None:
    from .db import open_database, redact
    from .models import User

    file = _new_database_file(target)
    if reset:
        _reset_demo(target, file)
    open_database(target)
    if not User.select().exists():
        from .services import demo

        print(t("cli.demo.building", db=redact(target)), file=sys.stderr)
        demo.build(_console())


def _reset_demo(target: str, file: Path | None) -> None:
    """Throw the demo away: the file, or on a server the app's tables. Refused when the
    database has accounts the demo does not make: it is a depot's own, not a demo."""
    from .db import drop_depot_tables, make_database, redact
    from .services.demo_accounts import DEMO_USERS

    if file is not None and (not file.exists() or file.stat().st_size == 0):
        file.unlink(missing_ok=True)  # nothing in it to keep (an empty file is no database)
        return
    database = make_database(target, create=False)
    try:
        database.connect()
        if "user" in database.get_tables():
            names = {row[0] for row in database.execute_sql('SELECT username FROM "user"')}
            foreign = sorted(names - {username for username, *_ in DEMO_USERS})
            if foreign:
                raise CliError(t("cli.demo.not_demo", db=redact(target), users=", ".join(foreign[:3])))
        if file is None:
            drop_depot_tables(database)
    finally:
        database.close()
    if file is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{file}{suffix}").unlink(missing_ok=True)


def _run_app(cfg: config.Config, browser_tab: str | None = None) -> int:
    """Run the app on the database the caller has already opened (errors are one line there);
    in a browser tab of `depot-tui serve`, the tab's terminal name given."""
    from . import driver, keys
    from .app import DepotApp
    from .services import printing

    try:  # a form's layout wrong in the config file: said now, not at the first waybill
        printing.use_printers(cfg.printers, cfg.forms)
    except ValueError as exc:
        raise CliError(f"{cfg.config_file}: {exc}") from exc
    if browser_tab is not None:  # textual-serve speaks to it through pipes, not a terminal
        keys.show_browser_keys()
        cfg = dataclasses.replace(cfg, terminal=browser_tab)
        driver_class = driver.browser()
    elif not (sys.stdin.isatty() and sys.stdout.isatty()):
        # `ssh -T host`, sftp, scp, a pipe: no terminal to draw on. Textual would read an empty
        # stdin for ever (6,400 reads a second each, issue 25 item 5); say so and go.
        print(t("cli.no_terminal"), file=sys.stderr)
        return 2
    else:
        driver_class = driver.prepare(cfg.charset, cfg.function_keys, cfg.link_check)
    app = DepotApp(cfg, driver_class=driver_class)
    steady_gc()
    app.run()
    return app.return_code or 0


#: Container allocations between two of the collector's youngest collections (Python's default
#: is 700). See steady_gc.
GC_YOUNGEST = 10_000


def steady_gc() -> None:
    """The cyclic garbage collector tuned for a clerk's session, once everything the app needs
    at start is loaded: what exists now (modules, the pinyin dictionary, Textual) is frozen,
    never scanned again, and the youngest collection runs every GC_YOUNGEST allocations.

    Textual makes and drops thousands of small objects a key. With Python's defaults a counter
    rush's waybill (73 keys in one burst, F2 in the pilot) paid 20-22 collections, 12-16 ms in
    all on average, and about one waybill in four a full collection over the ~100,000 objects
    of the app at rest, 37-68 ms in the middle of the clerk's typing; tuned, one collection,
    4-5 ms on average, 22 ms at most (tests/bench/gc_pauses.py). The test suite runs under the
    same settings (conftest)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNGEST, *gc.get_threshold()[1:])


def _check(cfg: config.Config) -> int:
    """What an administrator needs to know before clerks start: the file opens, its pages are
    sound (quick_check), this user can write the file and its folder (WAL needs both), the
    schema is this app's, and which version it is."""
    from .db import (
        applied_migrations,
        failure,
        open_database,
        pending_migrations,
        redact,
        sqlite_library_version,
        sqlite_path,
    )

    db = open_database(cfg.db, create=False)
    path = sqlite_path(cfg.db)
    if path is not None and path != ":memory:":
        try:
            problems = [row[0] for row in db.execute_sql("PRAGMA quick_check").fetchall() if row[0] != "ok"]
        except Exception as exc:  # a page too damaged to walk
            fault = failure(exc)
            if fault is None:
                raise
            problems = [fault.detail]
        if problems:
            raise CliError(t("cli.check.damaged", db=cfg.db, problems="; ".join(problems[:3])))
        _probe_writable(Path(path).expanduser())
    with db.atomic():  # a write taken and given back: the database takes this user's writes
        db.execute_sql("CREATE TEMP TABLE IF NOT EXISTS depot_check (x integer)")
    pending = pending_migrations(db)
    if pending:
        raise CliError(f"pending migrations: {', '.join(pending)}")
    applied = applied_migrations(db)
    if path is None:
        engine = "PostgreSQL " + db.execute_sql("SHOW server_version").fetchone()[0].split()[0]
    else:
        engine = "SQLite " + ".".join(map(str, sqlite_library_version()))
    print(
        t(
            "cli.check.ok",
            db=redact(cfg.db),
            engine=engine,
            tables=len(db.get_tables()),
            migration=applied[-1] if applied else "-",
        )
    )
    return 0


def _probe_writable(file: Path) -> None:
    """SQLite in WAL mode writes the file and creates -wal and -shm beside it: both the file
    and its folder must be writable by whoever runs the app. Blame the right one."""
    import os
    import tempfile

    if not os.access(file, os.W_OK):
        raise CliError(t("cli.check.file_readonly", db=file))
    try:
        with tempfile.NamedTemporaryFile(dir=file.parent, prefix=".depot-check-"):
            pass
    except OSError as exc:
        raise CliError(t("cli.check.folder_readonly", folder=file.parent, reason=exc.strerror)) from exc


def _backup(cfg: config.Config, args: argparse.Namespace) -> int:
    """Copy the live database through SQLite's online backup (clerks keep working), check the
    copy (quick_check, and it opens as a depot database), then keep the newest `--keep`."""
    import datetime as dt

    from .backup import backup_to, prune_backups
    from .db import sqlite_path

    path = sqlite_path(cfg.db)
    if path is None or path == ":memory:":
        raise CliError(t("cli.backup.not_sqlite"))
    dest = Path(args.dest).expanduser()
    if dest.is_dir() or not dest.suffix:
        dest.mkdir(parents=True, exist_ok=True)
        stamp = f"depot-{dt.datetime.now():%Y-%m-%d-%H%M%S}"
        target = dest / f"{stamp}.sqlite3"
        for n in range(2, 100):  # two backups in one second keep both
            if not target.exists():
                break
            target = dest / f"{stamp}-{n}.sqlite3"
    else:
        target = dest
    done = backup_to(Path(path).expanduser(), target)
    removed = prune_backups(target.parent, keep=args.keep) if target.parent == dest else []
    print(
        t(
            "cli.backup.done",
            copy=target,
            pages=done.pages,
            mib=f"{done.size / 2**20:.1f}",
            seconds=f"{done.seconds:.1f}",
            removed=len(removed),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
