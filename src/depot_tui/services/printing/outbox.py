"""The outbox as a clerk sees it: every file printed or exported, newest first, those whose
print failed marked with why; and a file printed again (home, Ctrl+O)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ...db import database_proxy
from .. import audit, settings
from ..actor import Actor
from ..errors import ServiceError
from . import Printed, failed_mark, send

#: The most a list shows: an outbox keeps years of slips.
SHOWN = 300


@dataclass(frozen=True)
class Job:
    name: str
    at: dt.datetime
    size: int
    error: str | None  # the last print of it failed, and why


def jobs(outbox: Path, limit: int = SHOWN) -> list[Job]:
    """The outbox's files, those whose print failed first, then newest first."""
    if not outbox.is_dir():
        return []
    found = []
    try:
        for path in outbox.iterdir():
            if path.name.startswith(".") or not path.is_file():
                continue
            info = path.stat()
            mark = failed_mark(path)
            error = mark.read_text(encoding="utf-8", errors="replace") if mark.exists() else None
            found.append(Job(path.name, dt.datetime.fromtimestamp(info.st_mtime), info.st_size, error))
    except OSError as exc:  # the folder's mode, a disk gone: said on the list's line
        raise ServiceError(
            "error.outbox_unreadable", folder=str(outbox), reason=exc.strerror or str(exc)
        ) from exc
    found.sort(key=lambda job: (job.error is None, -job.at.timestamp()))
    return found[:limit]


def reprint(actor: Actor, outbox: Path, name: str) -> Printed:
    """Print an outbox file again on the printer of its kind (labels on the label printer),
    audited: a second slip in circulation is something a supervisor may ask about."""
    path = outbox / name
    if "/" in name or name.startswith(".") or not path.is_file():
        raise ServiceError("error.outbox_gone", name=name)
    kind = "print.label_printer" if name.startswith("labels-") else "print.command"
    with database_proxy.atomic():
        audit.record(actor, "outbox.reprint", "outbox", name)
    return send(path, str(settings.get(kind, actor.depot_id)))
