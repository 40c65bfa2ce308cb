"""Waybills issued whose number the clerk never saw (a crash between commit and screen): listed at
the next login until acknowledged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ...models import Waybill, WaybillStatus, database_proxy
from .. import audit, clock
from ..actor import Actor


@dataclass(frozen=True)
class Unseen:
    """A waybill committed whose number the clerk's screen never showed."""

    number: str
    issued_at: dt.datetime
    consignee_name: str
    pieces: int
    total: Decimal


#: How far back a clerk is shown what a crash hid: past a week the goods have long gone.
UNSEEN_WINDOW = dt.timedelta(days=7)


def acknowledge(actor: Actor, number: str) -> None:
    """The clerk's screen showed `number` as issued (or its print failure). Until then, a
    crash between the commit and the screen leaves a waybill the clerk does not know exists
    and would issue again: `unacknowledged` offers it at the next login."""
    with database_proxy.atomic():
        done = (
            Waybill.update(unseen=False)
            .where((Waybill.number == number) & (Waybill.issued_by == actor.user_id) & Waybill.unseen)
            .execute()
        )
        if done:
            audit.record(actor, "waybill.acknowledge", "waybill", number)


def unacknowledged(actor: Actor) -> list[Unseen]:
    """The actor's waybills of the last UNSEEN_WINDOW that were committed but never shown on
    their screen (a crash, a kill or a dropped link right after F10), newest first."""
    rows = (
        Waybill.select(
            Waybill.number, Waybill.issued_at, Waybill.consignee_name, Waybill.pieces, Waybill.total
        )
        .where(
            (Waybill.issued_by == actor.user_id)
            & Waybill.unseen
            & (Waybill.status != WaybillStatus.VOID)
            & (Waybill.issued_at >= clock.now() - UNSEEN_WINDOW)
        )
        .order_by(Waybill.issued_at.desc())
        .limit(20)
    )
    return [Unseen(w.number, w.issued_at, w.consignee_name, w.pieces, Decimal(w.total)) for w in rows]
