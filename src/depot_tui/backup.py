"""Backups of a live SQLite database: a checked copy made while clerks work, and keeping the last
N.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import apsw

from .db import MIGRATION_TABLE, busy_timeout
from .dbfaults import DatabaseError
from .i18n import t


@dataclass(frozen=True)
class BackupDone:
    pages: int
    size: int
    seconds: float


def backup_to(source: Path, target: Path, *, step_pages: int = 1024) -> BackupDone:
    """Copy a live SQLite database to `target` with SQLite's online backup API (APSW): a
    consistent copy while clerks go on writing (each step holds the read lock briefly), then
    check the copy opens, is sound (quick_check) and holds the depot's tables. A copy that
    fails its check is removed and the reason raised: a backup nobody can restore is worse
    than none, because it is trusted."""
    import time

    started = time.monotonic()
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = apsw.Connection(str(source), flags=apsw.SQLITE_OPEN_READONLY)
    src.setbusytimeout(int(busy_timeout() * 1000))
    dst = apsw.Connection(str(partial))
    try:
        with dst.backup("main", src, "main") as copying:
            while not copying.done:
                copying.step(step_pages)
        pages = dst.execute("PRAGMA page_count").fetchone()[0]
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        dst.close()
        src.close()
    check = apsw.Connection(str(partial), flags=apsw.SQLITE_OPEN_READONLY)
    try:
        result = [row[0] for row in check.execute("PRAGMA quick_check")]
        tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        check.close()
    if result != ["ok"] or not {"waybill", MIGRATION_TABLE} <= tables:
        partial.unlink(missing_ok=True)
        raise DatabaseError(t("db.backup_bad", db=source, problems="; ".join(result[:3])), "damaged")
    os.replace(partial, target)
    return BackupDone(pages, target.stat().st_size, time.monotonic() - started)


def prune_backups(folder: Path, *, keep: int) -> list[Path]:
    """Remove all but the newest `keep` copies `depot-*.sqlite3` in `folder`; returns the removed."""
    copies = sorted(folder.glob("depot-*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)
    removed = copies[max(keep, 1) :]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed
