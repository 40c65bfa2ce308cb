"""What the app does when something goes wrong, without Textual: the log of program errors and
database faults, the recovery files that keep typed work when the database cannot, and the
redaction that keeps secrets out of both.

A clerk never sees a traceback. A program error is written here, whole but without the values
of local variables (Textual's own crash screen prints them: the password typed at login was
among them), and the clerk sees one line with its reference (`app.bug`). Typed work that
cannot reach the database as the process ends (a hang-up while the disk is full or a lock is
held) is written to a recovery file, read back and saved at that clerk's next login.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import secrets
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger("depot_tui")

#: Argon2 hashes, a URL's password, and a `password=...` pair are never written anywhere.
_SECRETS = [
    (re.compile(r"\$argon2(id|i|d)\$[^\s'\"]+"), "$argon2…"),
    (re.compile(r"(://[^:/@\s]*:)[^@\s]+@"), r"\1***@"),
    (re.compile(r"(password\w*\s*[=:]\s*)('[^']*'|\"[^\"]*\"|\S+)", re.IGNORECASE), r"\1***"),
]


def redact(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


def start_log(path: Path) -> None:
    """Send the app's warnings and errors to `path` (made private to this user)."""
    for old in [h for h in log.handlers if getattr(h, "depot_log", False)]:
        if getattr(old, "baseFilename", None) == str(path.absolute()):
            return
        log.removeHandler(old)
        old.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        return  # nowhere to write: the clerk still gets the one line and the reference
    handler.depot_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def new_reference() -> str:
    """A short reference a clerk can read out over the phone: E + 6 hex digits."""
    return "E" + secrets.token_hex(3).upper()


def record_bug(error: BaseException, where: str) -> str:
    """Write a program error to the log (its traceback, no local values, secrets redacted);
    return its reference."""
    ref = new_reference()
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    log.error("%s program error in %s\n%s", ref, where, redact(text))
    return ref


def record_fault(kind: str, detail: str, where: str) -> None:
    log.warning("database %s in %s: %s", kind, where, redact(detail))


# --- recovery files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Keep:
    """Typed work a screen holds that must outlive the process: `kind` names how it is saved
    (services/recovery.py), `data` is plain JSON."""

    kind: str
    data: dict


def recovery_dir(state: Path) -> Path:
    return state / "recovery"


def write_recovery(state: Path, *, db: str, username: str, keeps: list[Keep]) -> Path | None:
    """Keep `keeps` on this machine for `username`'s next login on database `db`. Returns the
    file, or None when even that cannot be written (the local disk full too)."""
    if not keeps:
        return None
    folder = recovery_dir(state)
    body = {
        "db": db,
        "username": username,
        "at": dt.datetime.now().isoformat(timespec="seconds"),
        "pid": os.getpid(),
        "keeps": [asdict(k) for k in keeps],
    }
    path = folder / f"{username}-{os.getpid()}-{secrets.token_hex(2)}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(body, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError:
        log.exception("could not write the recovery file %s", path)
        return None
    log.warning("kept %d unsaved item(s) of %s in %s", len(keeps), username, path)
    return path


def read_recovery(state: Path, *, db: str, username: str) -> list[tuple[Path, list[Keep]]]:
    """The recovery files waiting for `username` on database `db`, oldest first."""
    folder = recovery_dir(state)
    found: list[tuple[float, Path, list[Keep]]] = []
    for path in folder.glob(f"{username}-*.json") if folder.is_dir() else []:
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if body.get("db") != db or body.get("username") != username:
            continue
        keeps = [Keep(k["kind"], k["data"]) for k in body.get("keeps", [])]
        found.append((path.stat().st_mtime, path, keeps))
    return [(path, keeps) for _, path, keeps in sorted(found, key=lambda f: f[0])]
