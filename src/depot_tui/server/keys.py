"""The service account's SSH keys: each runs the app and nothing else."""

from __future__ import annotations

import base64
import os
import re
import shlex
from pathlib import Path

from .common import Finding, mode_of

_KEY_TYPES = {
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
}
#: Key options that give back what `restrict` takes away.
_REOPENING = (
    "port-forwarding",
    "agent-forwarding",
    "x11-forwarding",
    "user-rc",
    "permitopen",
    "permitlisten",
    "tunnel",
    "environment",
)


class BadKey(ValueError):
    """A public key that cannot be added, said in one line."""


def key_line(public_key: str, *, program: str, name: str, options: list[str]) -> str:
    """The authorized_keys line for one clerk's (or one counter PC's) key: it runs `program`
    with `options` (--config, --charset gb18030 …) and nothing else."""
    parts = public_key.strip().split()
    if len(parts) < 2 or parts[0] not in _KEY_TYPES:
        raise BadKey("not an OpenSSH public key (ssh-ed25519 AAAA… as in the .pub file)")
    try:
        base64.b64decode(parts[1], validate=True)
    except ValueError as exc:
        raise BadKey("the key's base64 is damaged") from exc
    label = re.sub(r"[^\w.@-]+", "-", name).strip("-")[:40] or "clerk"
    command = " ".join(shlex.quote(part) for part in [program, *options])
    if '"' in command or "\\" in command:
        raise BadKey("the program's path cannot be written in a key's command")
    return f'restrict,pty,command="{command}" {parts[0]} {parts[1]} {label}'


def add_key(authorized_keys: Path, line: str) -> bool:
    """Add `line` to the account's authorized_keys (the folder 700, the file 600, as sshd's
    StrictModes wants); False when that key is there already."""
    key = line.split()[-2]
    authorized_keys.parent.mkdir(mode=0o700, exist_ok=True)
    existing = authorized_keys.read_text(encoding="utf-8") if authorized_keys.exists() else ""
    if any(key in row.split() for row in existing.splitlines()):
        return False
    fd = os.open(authorized_keys, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        if existing and not existing.endswith("\n"):
            handle.write("\n")
        handle.write(line + "\n")
    return True


def keys_findings(file: Path, user: str) -> list[Finding]:
    if not file.exists():
        return (
            []
            if file.name.endswith("2")
            else [
                Finding(
                    False, "server.no_keys", {"path": file}, "depot-tui server add-key KEY.pub --name NAME"
                )
            ]
        )
    findings = []
    if file.stat().st_mode & 0o077:  # sshd's StrictModes refuses the file
        findings.append(
            Finding(False, "server.keys_mode", {"path": file, "mode": mode_of(file)}, f"chmod 600 {file}")
        )
    count = 0
    for number, line in enumerate(file.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        count += 1
        problem = _key_problem(line)
        if problem:
            findings.append(
                Finding(
                    False,
                    "server.key_open",
                    {"path": file, "line": number, "problem": problem},
                    f"depot-tui server add-key KEY.pub --name NAME  # and delete line {number}",
                )
            )
    if count and not any(not f.ok for f in findings):
        findings.append(Finding(True, "server.keys_ok", {"path": file, "count": count}))
    return findings


def _key_problem(line: str) -> str:
    """What a key line lets its holder do beyond running the app ('' when nothing)."""
    options, _key = _split_options(line)
    if not options:
        return "no options: a shell on the service account"
    names = {o.split("=", 1)[0].lower() for o in options}
    if "restrict" not in names:
        return "no restrict: tunnels, agent and X11 forwarding, ~/.ssh/rc"
    if "command" not in names:
        return "no command=: a shell on the service account"
    reopened = sorted(names & set(_REOPENING))
    if reopened:
        return "gives back " + ", ".join(reopened)
    command = next(o.split("=", 1)[1].strip('"') for o in options if o.lower().startswith("command="))
    program = shlex.split(command)[0] if command.strip() else ""
    if not program.endswith("depot-tui") or not os.access(program, os.X_OK):
        return f"command= runs {program or 'nothing'}, not an installed depot-tui"
    if "pty" not in names:
        return "no pty: the app gets no terminal"
    return ""


def _split_options(line: str) -> tuple[list[str], str]:
    """authorized_keys: [options] keytype base64 [comment]. Options are comma-separated and
    end at the first space outside quotes; a quoted value may hold commas and spaces."""
    text = line.strip()
    if text.split(maxsplit=1)[0] in _KEY_TYPES:
        return [], text
    options: list[str] = []
    current, quoted = "", False
    for index, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in " \t":
            return [*options, current], text[index + 1 :].strip()
        elif not quoted and ch == ",":
            options.append(current)
            current = ""
            continue
        current += ch
    return [*options, current], ""
