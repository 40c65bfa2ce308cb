"""sshd's settings for the service account, as sshd reads them, and the recipe's own."""

from __future__ import annotations

import contextlib
import glob
import grp
import os
import pwd
import subprocess
from collections.abc import Iterator
from fnmatch import fnmatchcase
from pathlib import Path

from .common import Finding

#: sshd settings the recipe needs, and what each must be ("<=60" a number of seconds at most).
SSHD_WANTED: dict[str, str] = {
    "clientaliveinterval": "15",
    "clientalivecountmax": "4",
    "disableforwarding": "yes",
    "allowtcpforwarding": "no",
    "allowstreamlocalforwarding": "no",
    "allowagentforwarding": "no",
    "x11forwarding": "no",
    "permittunnel": "no",
    "permituserrc": "no",
    "permituserenvironment": "no",
}
#: OpenSSH 9's defaults for the settings above (sshd_config(5)).
SSHD_DEFAULTS: dict[str, str] = {
    "clientaliveinterval": "0",
    "clientalivecountmax": "3",
    "disableforwarding": "no",
    "allowtcpforwarding": "yes",
    "allowstreamlocalforwarding": "yes",
    "allowagentforwarding": "yes",
    "x11forwarding": "no",
    "permittunnel": "no",
    "permituserrc": "yes",
    "permituserenvironment": "no",
    "acceptenv": "",
    "authorizedkeysfile": ".ssh/authorized_keys .ssh/authorized_keys2",
}
#: The longest a silent link may keep a clerk's session (ClientAliveInterval x CountMax), s.
SILENT_LINK_MAX_S = 120
#: Names a client must not set through AcceptEnv: each changes what the app or Python does.
_DANGEROUS_ENV = (
    "DEPOT_DB",
    "DEPOT_CONFIG",
    "PYTHONPATH",
    "LD_PRELOAD",
    "TEXTUAL_DRIVER",
    "XDG_CONFIG_HOME",
    "HOME",
    "PATH",
)


def sshd_snippet(account: str) -> str:
    """The recipe's /etc/ssh/sshd_config.d/depot-tui.conf for `account`."""
    wanted = dict(SSHD_WANTED)
    del wanted["permituserenvironment"]  # not allowed under Match; its default, no, is right
    alive = "\n".join(
        f"{_KEYWORDS[k]} {wanted.pop(k)}" for k in ("clientaliveinterval", "clientalivecountmax")
    )
    block = "\n".join(f"    {_KEYWORDS[k]} {v}" for k, v in wanted.items())
    return (
        "# depot-tui: a silent link (a pulled cable) ends its session within a minute\n"
        f"{alive}\n"
        f"# the service account runs the app, and nothing else\n"
        f"Match User {account}\n{block}\n"
    )


_KEYWORDS = {
    "clientaliveinterval": "ClientAliveInterval",
    "clientalivecountmax": "ClientAliveCountMax",
    "disableforwarding": "DisableForwarding",
    "allowtcpforwarding": "AllowTcpForwarding",
    "allowstreamlocalforwarding": "AllowStreamLocalForwarding",
    "allowagentforwarding": "AllowAgentForwarding",
    "x11forwarding": "X11Forwarding",
    "permittunnel": "PermitTunnel",
    "permituserrc": "PermitUserRC",
    "permituserenvironment": "PermitUserEnvironment",
}


SSHD_CONFIG = Path("/etc/ssh/sshd_config")
#: Where the recipe puts sshd_snippet().
SNIPPET_FILE = "/etc/ssh/sshd_config.d/depot-tui.conf"
RELOAD = "systemctl reload ssh"


# --- sshd's settings, as sshd would read them for one account ----------------------------------


def sshd_settings(user: str, config: Path) -> dict[str, str]:
    """The settings of interest for `user`: from `sshd -T` when this account may run it (root),
    else read from the config files (readable by anyone on Debian) with sshd's rules: the
    first value wins, a Match block that applies overrides the global section, Include is read
    in place. A Match on what is not known here (Address, Host) is taken as not applying."""
    dumped = _sshd_dump(user, config)
    if dumped is not None:
        return dumped
    groups = {g.gr_name for g in grp.getgrall() if user in g.gr_mem}
    with contextlib.suppress(KeyError):
        groups.add(grp.getgrgid(pwd.getpwnam(user).pw_gid).gr_name)
    found_global: dict[str, str] = {}
    found_match: dict[str, str] = {}
    for applies, keyword, value in _lines(config, user, groups):
        target = found_global if applies is None else found_match if applies else None
        if target is not None and keyword not in target:
            target[keyword] = value
    return {**SSHD_DEFAULTS, **found_global, **found_match}


def _sshd_dump(user: str, config: Path) -> dict[str, str] | None:
    if os.getuid() != 0 or not Path("/usr/sbin/sshd").exists():
        return None
    done = subprocess.run(
        ["/usr/sbin/sshd", "-T", "-f", str(config), "-C", f"user={user},host=localhost,addr=127.0.0.1"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        return None
    values: dict[str, str] = {}
    for row in done.stdout.splitlines():
        keyword, _, value = row.partition(" ")
        keyword = keyword.lower()
        if keyword == "acceptenv" and keyword in values:  # one line per name
            values[keyword] += " " + value.strip()
        else:
            values.setdefault(keyword, value.strip())
    return {**SSHD_DEFAULTS, **values}


def _lines(
    config: Path, user: str, groups: set[str], applies: bool | None = None
) -> Iterator[tuple[bool | None, str, str]]:
    try:
        text = config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        keyword, _, value = line.partition(" ") if " " in line else line.partition("=")
        keyword, value = keyword.lower().rstrip("="), value.strip().lstrip("=").strip()
        if keyword == "match":
            applies = _match(value, user, groups)
            continue
        if keyword == "include":
            for pattern in value.split():
                path = pattern if pattern.startswith("/") else str(config.parent / pattern)
                for included in sorted(glob.glob(path)):
                    yield from _lines(Path(included), user, groups, applies)
            continue
        yield applies, keyword, value


def _match(criteria: str, user: str, groups: set[str]) -> bool:
    words = criteria.split()
    if words and words[0].lower() == "all":
        return True
    for kind, patterns in zip(words[::2], words[1::2], strict=False):
        names = {"user": {user}, "group": groups}.get(kind.lower())
        if names is None or not _matches(patterns, names):
            return False
    return bool(words)


def _matches(patterns: str, names: set[str]) -> bool:
    hit = False
    for pattern in patterns.split(","):
        negated = pattern.startswith("!")
        if any(fnmatchcase(name, pattern.lstrip("!")) for name in names):
            if negated:
                return False
            hit = True
    return hit


def sshd_findings(settings: dict[str, str]) -> list[Finding]:
    findings = []
    interval = int(settings.get("clientaliveinterval", "0").rstrip("s") or 0)
    count = int(settings.get("clientalivecountmax", "3") or 3)
    fix_alive = f"ClientAliveInterval 15 / ClientAliveCountMax 4 in {SNIPPET_FILE}; {RELOAD}"
    if interval <= 0 or interval * count > SILENT_LINK_MAX_S:
        findings.append(
            Finding(
                False,
                "server.alive",
                {"interval": interval, "count": count, "most": SILENT_LINK_MAX_S},
                fix_alive,
            )
        )
    else:
        findings.append(Finding(True, "server.alive_ok", {"seconds": interval * count}))
    forwarding_off = settings.get("disableforwarding") == "yes"
    for keyword, want in SSHD_WANTED.items():
        if keyword.startswith("clientalive") or keyword == "disableforwarding":
            continue
        if forwarding_off and keyword in (
            "allowtcpforwarding",
            "allowstreamlocalforwarding",
            "allowagentforwarding",
            "x11forwarding",
        ):
            continue
        have = settings.get(keyword, SSHD_DEFAULTS[keyword])
        if have != want:
            findings.append(
                Finding(
                    False,
                    "server.sshd",
                    {"keyword": _KEYWORDS[keyword], "have": have, "want": want},
                    f"{_KEYWORDS[keyword]} {want} under Match User in {SNIPPET_FILE}; {RELOAD}",
                )
            )
    accepted = settings.get("acceptenv", "").split()
    risky = [name for name in accepted if any(fnmatchcase(probe, name) for probe in _DANGEROUS_ENV)]
    if risky:
        findings.append(
            Finding(
                False,
                "server.acceptenv",
                {"names": " ".join(risky)},
                f"AcceptEnv LANG LC_* (only) in {SSHD_CONFIG}; {RELOAD}",
            )
        )
    if not any(not f.ok for f in findings[1:]):
        findings.append(Finding(True, "server.sshd_ok", {}))
    return findings
