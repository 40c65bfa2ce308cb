"""A depot server for real (issue 25, item 1): one service account owns the data, and clerks
reach the app through SSH keys that can do nothing else.

- `sshd_snippet(account)`: the sshd settings of the README's recipe, for that account.
- `key_line(...)`: an authorized_keys line that runs the app and only the app: `restrict` (no
  forwarding of any kind, no ~/.ssh/rc, no agent, no X11), `pty` (the app needs a terminal),
  `command=` (whatever the client asks to run, sftp and scp included, it gets the app).
- `check(...)`: what `depot-tui server check` reports, each finding with the line that fixes it:
  the folders and files the app keeps (owner, mode), the config file (it names the commands the
  app runs), the account's keys and shell, and the sshd settings readable here.

No Textual and no database here: it runs as the service account at the console, before anyone
logs in, and reads only files.
"""

from __future__ import annotations

import os
import pwd
import shlex
from dataclasses import dataclass
from pathlib import Path

from .common import Finding, mode_of, owner_of
from .keys import BadKey, add_key, key_line, keys_findings
from .sshd import SSHD_CONFIG, SSHD_DEFAULTS, sshd_findings, sshd_settings, sshd_snippet

__all__ = ["BadKey", "Finding", "Place", "add_key", "check", "key_line", "sshd_snippet"]


@dataclass
class Place:
    """What the app keeps on this server, from its config."""

    database: Path | None  # a SQLite file; None for PostgreSQL
    outbox: Path
    state: Path
    config_file: Path | None


def check(place: Place, *, sshd_config: Path = SSHD_CONFIG) -> list[Finding]:
    """Everything `depot-tui server check` reports, in order, for the account running it."""
    me = pwd.getpwuid(os.getuid())
    findings: list[Finding] = []
    if me.pw_uid == 0:
        findings.append(Finding(False, "server.root", {}, "sudo -u depot depot-tui server check"))
    if place.database is not None:
        findings += _private(place.database.parent, me.pw_name, folder=True)
        for suffix in ("", "-wal", "-shm"):
            file = Path(f"{place.database}{suffix}")
            if file.exists() or not suffix:
                findings += _private(file, me.pw_name, folder=False)
    findings += _private(place.outbox, me.pw_name, folder=True)
    findings += _private(place.state, me.pw_name, folder=True)
    if place.config_file is not None:
        findings.append(_config_file(place.config_file))
    findings += _account(me)
    settings = sshd_settings(me.pw_name, sshd_config)
    findings += sshd_findings(settings)
    home = Path(me.pw_dir)
    for name in settings.get("authorizedkeysfile", SSHD_DEFAULTS["authorizedkeysfile"]).split():
        file = Path(name.replace("%h", str(home)).replace("%u", me.pw_name).replace("%%", "%"))
        findings += keys_findings(file if file.is_absolute() else home / file, me.pw_name)
    return findings


def _private(path: Path, user: str, *, folder: bool) -> list[Finding]:
    want = "700" if folder else "600"
    if not path.exists():
        parent = next(p for p in path.parents if p.exists())
        if folder and owner_of(parent.stat().st_uid) == user and os.access(parent, os.W_OK):
            return [Finding(True, "server.made_later", {"path": path})]  # the app makes it, 700
        fix = f"install -d -o {user} -m 700 {shlex.quote(str(path))}" if folder else ""
        return [Finding(False, "server.missing", {"path": path}, fix)]
    info = path.stat()
    owner = owner_of(info.st_uid)
    if owner != user or info.st_mode & 0o077:
        fix = f"chown {user}: {shlex.quote(str(path))} && chmod {want} {shlex.quote(str(path))}"
        return [
            Finding(
                False,
                "server.not_private",
                {"path": path, "owner": owner, "mode": mode_of(path), "user": user, "want": want},
                fix,
            )
        ]
    return [Finding(True, "server.private", {"path": path})]


def _config_file(path: Path) -> Finding:
    """It names the commands the app runs: only root (or the account itself) may change it."""
    info = path.stat()
    if info.st_mode & 0o022:
        return Finding(
            False,
            "server.config_writable",
            {"path": path, "mode": mode_of(path)},
            f"chown root: {path} && chmod 644 {path}",
        )
    return Finding(True, "server.config_ok", {"path": path, "owner": owner_of(info.st_uid)})


def _account(me: pwd.struct_passwd) -> list[Finding]:
    home = Path(me.pw_dir)
    findings = []
    shell = os.path.basename(me.pw_shell)
    if shell in ("bash", "zsh", "ksh"):  # Debian's bash reads ~/.bashrc before the key's command
        findings.append(
            Finding(False, "server.shell", {"shell": me.pw_shell}, f"usermod -s /bin/sh {me.pw_name}")
        )
    elif shell in ("nologin", "false"):
        findings.append(
            Finding(False, "server.no_shell", {"shell": me.pw_shell}, f"usermod -s /bin/sh {me.pw_name}")
        )
    else:
        findings.append(Finding(True, "server.shell_ok", {"shell": me.pw_shell}))
    if home.exists() and (
        home.stat().st_mode & 0o022 or owner_of(home.stat().st_uid) not in (me.pw_name, "root")
    ):
        findings.append(
            Finding(False, "server.home", {"path": home, "mode": mode_of(home)}, f"chmod go-w {home}")
        )
    return findings
