"""What every scan loop shares (loading, arrival check): the label as stored, its first check,
and the answer a screen shows.

Each scan is its own transaction with its `ScanEvent`, good or bad, so the record of a loading
or an arrival check is the record of its scans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import checks
from .labels import LabelError, parse_label


@dataclass(frozen=True)
class ScanResult:
    """What a scan did. `code` is ok (or another good outcome: unloaded, damaged) or the
    refusal; `key`/`params` are the message for the screen; `counts` are the loop's own
    counters after it (loading.Counts, arrival.Counts)."""

    ok: bool
    code: str
    key: str
    params: dict
    label: str
    counts: Any


def scanned(raw: str) -> str:
    """What the scanner (or the clerk) typed, as stored: NFKC, printable only, 64 at most."""
    return "".join(ch for ch in checks.normal(raw) if ch.isprintable())[:64]


def label_problem(raw: str) -> str | None:
    """'format' (not a piece label), 'bad_check' (check character wrong) or None: a label."""
    try:
        parse_label(raw)
    except LabelError as exc:
        return "bad_check" if exc.reason == "check" else "format"
    return None
