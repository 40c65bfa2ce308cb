"""Settings of this installation: command line > environment (DEPOT_*) > config file > defaults.

The config file is TOML: --config, else DEPOT_CONFIG, else $XDG_CONFIG_HOME/depot-tui/config.toml,
else the server's /etc/depot-tui/config.toml (see the README's "Over SSH"), e.g.

    db = "/srv/depot/depot.sqlite3"
    lang = "zh"
    outbox = "/srv/depot/outbox"
    charset = "gb18030"        # the terminals' (default: from the locale)
    link_check = 60            # seconds of silence before the app asks the terminal (0: never)

    [printers]                 # what the depot's print.command setting may name (only here)
    counter = "lp -d counter -o raw {file}"
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass, field
from pathlib import Path

#: The server's config file, for every account on it (the README's "Over SSH").
SYSTEM_CONFIG = Path("/etc/depot-tui/config.toml")
PRINTER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def _xdg(var: str, fallback: str) -> Path:
    return Path(os.environ.get(var) or Path.home() / fallback) / "depot-tui"


@dataclass(frozen=True)
class Config:
    db: str
    lang: str
    demo: bool
    outbox: Path
    terminal: str
    #: The log of faults and program errors, and recovery files (DEPOT_STATE, else
    #: $XDG_STATE_HOME/depot-tui): this user's, on this machine.
    state: Path = Path("~/.local/state/depot-tui")
    #: Keys moved from their defaults, by binding id (keys.KeyAction.id): {"save": "f12"}.
    keys: dict[str, str] = field(default_factory=dict)
    #: The terminal's charset (terminal.charset_of) and the function keys it sends.
    charset: str = "utf-8"
    function_keys: str = "xterm"
    #: Seconds without a key before the app asks the terminal whether it is there; no answer
    #: within LINK_ANSWER_S and the link is taken as dropped (0: never ask).
    link_check: int = 60
    #: Print commands by name: the only commands the app runs (the print.command setting, which
    #: an admin changes in the app, may only name one). The server's config file, not the database.
    printers: dict[str, str] = field(default_factory=dict)
    #: Pre-printed forms' layouts by name (services/printing/forms.py), as the file has them.
    forms: dict[str, object] = field(default_factory=dict)
    #: The config file that was read, if any.
    config_file: Path | None = None

    @property
    def log_file(self) -> Path:
        return self.state / "depot-tui.log"


class ConfigError(Exception):
    pass


def default_db() -> str:
    return str(_xdg("XDG_DATA_HOME", ".local/share") / "depot.sqlite3")


def demo_db() -> str:
    return str(_xdg("XDG_DATA_HOME", ".local/share") / "demo.sqlite3")


def terminal_name() -> str:
    """Where this session sits: the tty and, over SSH, the client's address."""
    try:
        tty = os.ttyname(0).removeprefix("/dev/")
    except OSError:
        tty = "notty"
    client = os.environ.get("SSH_CLIENT", "").split(" ")[0]
    return f"{socket.gethostname()}:{tty}" + (f" from {client}" if client else "")


def load(
    *,
    db: str | None = None,
    lang: str | None = None,
    demo: bool = False,
    charset: str | None = None,
    function_keys: str | None = None,
    config_file: str | None = None,
) -> Config:
    own = _xdg("XDG_CONFIG_HOME", ".config") / "config.toml"
    path = Path(config_file or os.environ.get("DEPOT_CONFIG") or (SYSTEM_CONFIG if _absent(own) else own))
    data: dict = {}
    try:
        exists = path.is_file()
    except OSError as exc:  # a folder on the way this user may not read
        raise ConfigError(f"{path}: {exc.strerror or exc}") from exc
    if exists:
        import tomllib  # only when there is a file to read

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise ConfigError(f"{path}: {exc}") from exc
    demo = demo or os.environ.get("DEPOT_DEMO") == "1"
    if demo:
        chosen_db = db or demo_db()
    else:
        chosen_db = db or os.environ.get("DEPOT_DB") or data.get("db") or default_db()
    chosen_lang = lang or os.environ.get("DEPOT_LANG") or data.get("lang") or "zh"
    if chosen_lang not in ("zh", "en"):
        raise ConfigError(f"unknown language {chosen_lang!r} (zh or en)")
    outbox = Path(
        os.environ.get("DEPOT_OUTBOX")
        or data.get("outbox")
        or _xdg("XDG_DATA_HOME", ".local/share") / "outbox"
    )
    state = Path(os.environ.get("DEPOT_STATE") or _xdg("XDG_STATE_HOME", ".local/state"))
    from . import terminal

    try:
        chosen_charset = terminal.charset_of(
            charset or os.environ.get("DEPOT_CHARSET") or data.get("charset"), os.environ
        )
        keys = terminal.function_keys_of(
            function_keys or os.environ.get("DEPOT_FUNCTION_KEYS") or data.get("function_keys"), os.environ
        )
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    return Config(
        db=str(chosen_db),
        lang=chosen_lang,
        demo=demo,
        outbox=outbox,
        terminal=terminal_name(),
        state=state,
        keys=_keymap(data.get("keys", {}), path),
        charset=chosen_charset,
        function_keys=keys,
        link_check=_seconds(os.environ.get("DEPOT_LINK_CHECK") or data.get("link_check", 60), "link_check"),
        printers=_printers(data.get("printers", {}), path),
        forms=_table(data.get("forms", {}), path, "forms"),
        config_file=path if exists else None,
    )


def _table(value: object, path: Path, name: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [{name}] is not a table")
    return dict(value)


def _absent(path: Path) -> bool:
    try:
        return not path.exists()
    except OSError:
        return False  # a folder on the way this user may not read: said when it is opened


def _seconds(value: object, name: str) -> int:
    try:
        seconds = int(str(value))
    except ValueError:
        seconds = -1
    if not 0 <= seconds <= 86400:
        raise ConfigError(f"{name} takes whole seconds from 0 (never) to 86400, not {value!r}")
    return seconds


def _printers(table: object, path: Path) -> dict[str, str]:
    """The config file's [printers]: name = "command {file}" (a name of letters, digits, - _)."""
    if not isinstance(table, dict) or not all(
        isinstance(command, str)
        and command.strip()
        and isinstance(name, str)
        and PRINTER_NAME.fullmatch(name)
        for name, command in table.items()
    ):
        raise ConfigError(
            f'{path}: [printers] takes name = "command" lines, e.g. counter = "lp -d counter -o raw {{file}}"'
        )
    return dict(table)


def _keymap(table: object, path: Path) -> dict[str, str]:
    """The config file's [keys]: binding id = "key" or "key,key" (Textual key names: f12,
    ctrl+s, escape)."""
    if not isinstance(table, dict) or not all(
        isinstance(value, str) and value.strip() and isinstance(name, str) for name, value in table.items()
    ):
        raise ConfigError(f'{path}: [keys] takes id = "key" lines, e.g. save = "f12"')
    return {name: value.replace(" ", "") for name, value in table.items()}
