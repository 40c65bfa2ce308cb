"""Typed work kept when the process ended before it could reach the database, saved now.

A screen describes what it holds as a `faults.Keep` (kind + plain data). On logout and hang-up
the app saves each through `save` in a worker thread; what could not be saved in time (a
full disk, a lock held) goes to a local recovery file, and at the clerk's next login `save`
runs again on each kept item. Every kind is safe to save twice: a draft is written over, the
handover's cash and disputes are set, a scan already recorded is answered as such.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from ..faults import Keep
from . import arrival, handover, loading, waybills
from .actor import Actor
from .errors import ServiceError


def save(actor: Actor, keep: Keep) -> None:
    """Save one kept item as `actor`. A refusal (the truck closed meanwhile, the handover
    already accepted) is final: nothing more can be done with it, and it is not kept. Each
    scan is its own: one refused does not stop those behind it."""
    data = keep.data
    if keep.kind == "waybill":
        _final(waybills.save_draft, actor, waybills.WaybillForm.from_json(data["form"]), data.get("draft_id"))
    elif keep.kind == "handover_cash":
        _final(handover.keep, actor, data["handover_id"], data["cash_counted"], data["cash_note"])
    elif keep.kind == "disputes":
        _final(
            handover.keep_disputes,
            actor,
            data["handover_id"],
            {int(k): v for k, v in data["disputes"].items()},
        )
    elif keep.kind == "loading_scans":
        for raw, reason in data["scans"]:
            _final(loading.take, actor, data["run_id"], raw, reason)
    elif keep.kind == "arrival_scans":
        for raw, _mode in data["scans"]:
            _final(arrival.scan, actor, data["check_id"], raw)
    else:
        raise ValueError(f"unknown kind of kept work {keep.kind!r}")


def _final(func: Callable[..., object], *args: object) -> None:
    with contextlib.suppress(ServiceError):
        func(*args)
