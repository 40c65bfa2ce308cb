"""`depot-tui server …`: set up and check a depot server at its console (server/, the README's
"Over SSH"). Run as the service account: `sudo -u depot depot-tui server check`."""

from __future__ import annotations

import argparse
import getpass
import os
import socket
import sys
from pathlib import Path

from . import config, server
from .db import sqlite_path
from .i18n import t


def add_parser(sub: argparse._SubParsersAction, parser_class: type[argparse.ArgumentParser]) -> None:
    commands = sub.add_parser("server", help="set up and check a depot server (run as its service account)")
    inner = commands.add_subparsers(dest="server_command", parser_class=parser_class)
    inner.required = True
    p = inner.add_parser(
        "check", help="owner and modes of the data, the keys, the account, sshd: each with its fix"
    )
    p.add_argument("--sshd-config", default=str(server.SSHD_CONFIG), help="sshd's config file")
    p = inner.add_parser("sshd-config", help="print the sshd settings of the recipe for this account")
    p.add_argument("--user", default=None, help="the service account (default: this one)")
    p = inner.add_parser("add-key", help="let a clerk's SSH key run the app, and nothing else")
    p.add_argument("public_key", help="the key's .pub file, or - to read it from standard input")
    p.add_argument("--name", required=True, help="whose key or which counter PC, e.g. counter-1")
    p.add_argument("--charset", help="that terminal's charset (gb18030 for a GBK terminal)")
    p.add_argument(
        "--function-keys", choices=["xterm", "sco"], help="sco for a terminal sending SCO function keys"
    )


def add_serve_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="the app in a browser on the depot's LAN: one session per tab")
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (0.0.0.0: every one of this PC's)"
    )
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--tabs", type=int, default=10, help="tabs open at once at most (each runs the app; default 10)"
    )
    p.add_argument(
        "--public-url",
        help="the address browsers use to reach it, e.g. http://depot-server:8000 (default: host:port)",
    )


def serve(args: argparse.Namespace, cfg: config.Config) -> int:
    """`depot-tui serve`: each tab's app gets this command's database, language and config file,
    in its environment (server/web.py says why not on its command line)."""
    from .server import web

    environment = {"DEPOT_DB": cfg.db, "DEPOT_LANG": cfg.lang, "DEPOT_CHARSET": "utf-8"}
    if cfg.config_file is not None:
        environment["DEPOT_CONFIG"] = str(cfg.config_file)
    options = ["--demo", "--db", cfg.db] if cfg.demo else []  # a file's path: nothing secret
    tabs = max(1, args.tabs)
    public_url = args.public_url
    if public_url is None and args.host in ("0.0.0.0", "::", ""):  # a browser cannot go to 0.0.0.0
        public_url = f"http://{socket.gethostname()}:{args.port}"
    try:
        web.serve(
            host=args.host,
            port=args.port,
            public_url=public_url,
            environment=environment,
            options=options,
            greeting=t("server.serving", url=public_url or f"http://{args.host}:{args.port}"),
            tabs=tabs,
            full=t("server.tabs_full", tabs=tabs),
        )
    except OSError as exc:  # the port taken, or an address this PC does not have
        from .cli import CliError

        raise CliError(
            t("server.cannot_listen", address=f"{args.host}:{args.port}", reason=exc.strerror or exc)
        ) from exc
    return 0


def run(args: argparse.Namespace, cfg: config.Config) -> int:
    if args.server_command == "sshd-config":
        print(server.sshd_snippet(args.user or getpass.getuser()), end="")
        return 0
    if args.server_command == "add-key":
        return _add_key(args, cfg)
    return _check(args, cfg)


def _check(args: argparse.Namespace, cfg: config.Config) -> int:
    database = sqlite_path(cfg.db)
    place = server.Place(
        database=Path(database).expanduser() if database not in (None, ":memory:") else None,
        outbox=cfg.outbox,
        state=cfg.state,
        config_file=cfg.config_file,
    )
    findings = server.check(place, sshd_config=Path(args.sshd_config))
    for finding in findings:
        mark = t("server.ok_mark" if finding.ok else "server.bad_mark")
        print(f"{mark}  {t(finding.what, **finding.params)}")
        if not finding.ok and finding.fix:
            print(t("server.fix", fix=finding.fix))
    bad = sum(not finding.ok for finding in findings)
    print(t("server.some_bad", count=bad) if bad else t("server.all_ok"))
    return 1 if bad else 0


def _add_key(args: argparse.Namespace, cfg: config.Config) -> int:
    from .cli import CliError

    text = sys.stdin.read() if args.public_key == "-" else Path(args.public_key).read_text(encoding="utf-8")
    options = []
    if cfg.config_file is not None and cfg.config_file != config.SYSTEM_CONFIG:
        options += ["--config", str(cfg.config_file)]
    if args.charset:
        options += ["--charset", args.charset]
    if args.function_keys:
        options += ["--function-keys", args.function_keys]
    program = os.path.abspath(sys.argv[0])
    try:
        line = server.key_line(text, program=program, name=args.name, options=options)
    except server.BadKey as exc:
        raise CliError(f"{args.public_key}: {exc}") from exc
    keys = Path.home() / ".ssh" / "authorized_keys"
    if server.add_key(keys, line):
        print(t("server.key_added", path=keys, line=line))
    else:
        print(t("server.key_there", path=keys))
    return 0
