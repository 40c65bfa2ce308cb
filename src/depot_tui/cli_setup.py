"""Setting a depot up from the console: `init` (a new database that can issue, or says what it
still lacks), `user` and `depot`. They call the same services the back office does, as the
console actor (the audit log names the operating-system account)."""

from __future__ import annotations

import argparse
import getpass
import sys

from . import config
from .cli import CliError, _console, _new_database_file
from .i18n import t


def add_parser(sub: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser]) -> None:
    """`depot-tui depot ...` and `depot-tui user ...` (`init` is with the app's own options)."""
    places = sub.add_parser("depot", help="depots of the line").add_subparsers(
        dest="depot_command", parser_class=parser_class
    )
    places.required = True
    p = places.add_parser("add", help="add a depot (a station goods are sent to or from)")
    p.add_argument("code", help="station short code, e.g. CS")
    p.add_argument("--name", required=True)
    p.add_argument("--county", required=True, help="county it is in: name or GB/T 2260 code")
    p.add_argument("--counties", help="counties it delivers to besides its own, comma-separated")
    p.add_argument("--address", default="")
    p.add_argument("--phone", default="")
    places.add_parser("list", help="list depots and the counties each delivers to")

    users = sub.add_parser("user", help="manage accounts").add_subparsers(
        dest="user_command", parser_class=parser_class
    )
    users.required = True
    p = users.add_parser("add", help="add an account")
    p.add_argument("username")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=["clerk", "supervisor", "admin"])
    p.add_argument("--depot", required=True, help="depot code")
    p.add_argument("--shift", choices=["early", "middle", "night"])
    p.add_argument("--password-stdin", action="store_true")
    users.add_parser("list", help="list accounts")
    p = users.add_parser("disable", help="disable an account")
    p.add_argument("username")
    p.add_argument("--reason", required=True)
    p = users.add_parser("reset-password", help="set a temporary password and unlock")
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true")


def _ask(value: str | None, option: str, prompt: str) -> str:
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(t("cli.prompt.missing", option=option))
    return input(f"{prompt}: ").strip()


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CliError(t("cli.password_no_tty"))
    first = getpass.getpass(t("cli.password"))
    if getpass.getpass(t("cli.password_again")) != first:
        raise CliError(t("cli.password_mismatch"))
    return first


def init(args: argparse.Namespace, cfg: config.Config) -> int:
    from .db import open_database, redact
    from .models import User, database_proxy
    from .services import checks, depots, seed, users

    _new_database_file(cfg.db)
    open_database(cfg.db)
    if User.select().exists():
        raise CliError(t("cli.init.exists", db=redact(cfg.db)))
    code = _ask(args.depot_code, "--depot-code", "depot code")
    name = _ask(args.depot_name, "--depot-name", "depot name")
    county = _ask(args.county, "--county", "county")
    username = _ask(args.admin_user, "--admin-user", "admin user name")
    full_name = _ask(args.admin_name, "--admin-name", "admin full name")
    counties = _offer(args.counties, "counties it delivers to, besides its own (comma-separated)")
    table = _offer(args.price_table, "price table to import (XLSX or CSV file)")
    password = _password(args.password_stdin)
    console = _console()
    with database_proxy.atomic():
        seed.install_reference_data(console)
        depot = depots.add_depot(console, code=code, name=name, place=county)
        depots.add_areas(console, depot.code, checks.listed(counties))
        users.add_user(
            console, username=username, name=full_name, role="admin", depot_code=depot.code, password=password
        )
    print(t("cli.init.done", db=redact(cfg.db), depot=depot.code, user=username))
    if table:
        _import(console, table, depot.code, cfg)
    _say_missing(console, depot.id)
    return 0


def _offer(value: str | None, prompt: str) -> str:
    """An optional answer: the option's value, else asked at a terminal (Enter skips), else none."""
    if value is not None:
        return value
    if not sys.stdin.isatty():
        return ""
    return input(f"{prompt} [Enter: none]: ").strip()


def _import(console, path: str, depot_code: str, cfg: config.Config) -> None:  # noqa: ANN001
    """The price table into the new depot; a refused file leaves the depot made and says why,
    row by row (import it again from the back office, F12, once it is put right)."""
    from pathlib import Path

    from .services import prices

    try:
        done = prices.import_table(
            console, str(Path(path).expanduser().resolve()), cfg.outbox, "", depot_code
        )
    except prices.ImportRefused as exc:
        print(t("cli.error", message=t(exc.key, **exc.params)), file=sys.stderr)
        for number, error in exc.rows[:20]:
            print(f"  {number}: {error.field or ''} {t(error.key, **error.params)}", file=sys.stderr)
        return
    print(t("cli.init.prices", count=done.applied.started))


def _say_missing(console, depot_id: int) -> None:  # noqa: ANN001
    from .services import readiness

    gaps = readiness.missing(console, depot_id)
    if gaps:
        print(t("ready.title"))
        for gap in gaps:
            print("  - " + t(gap.key, **gap.params))


def depot(args: argparse.Namespace) -> int:
    from .services import depots

    console = _console()
    if args.depot_command == "add":
        made = depots.new_depot(
            console,
            code=args.code,
            name=args.name,
            county=args.county,
            counties=args.counties or "",
            address=args.address,
            phone=args.phone,
        )
        print(t("cli.depot.added", code=made.code))
    elif args.depot_command == "list":
        for line in depots.listing():
            print(f"{line.code:<8} {line.name:<16} {line.county:<10} {' '.join(line.areas)}")
    return 0


def user(args: argparse.Namespace) -> int:
    from .services import clock, users

    console = _console()
    if args.user_command == "add":
        password = _password(args.password_stdin)
        users.add_user(
            console,
            username=args.username,
            name=args.name,
            role=args.role,
            depot_code=args.depot,
            password=password,
            shift_code=args.shift,
        )
        print(t("cli.user.added", username=args.username))
    elif args.user_command == "list":
        for user in users.list_users(console):
            state = "" if user.active else " (disabled)"
            locked = " (locked)" if user.locked_until and user.locked_until > clock.now() else ""
            print(
                f"{user.username:<16} {user.depot.code:<6} {user.role:<10} "
                f"{user.shift_code or '-':<7} {user.name}{state}{locked}"
            )
    elif args.user_command == "disable":
        users.disable_user(console, args.username, args.reason)
        print(t("cli.user.disabled", username=args.username))
    elif args.user_command == "reset-password":
        users.reset_password(console, args.username, _password(args.password_stdin))
        print(t("cli.user.reset", username=args.username))
    return 0
