"""Today's figures for the home screen: what this depot and this shift have in hand."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from ..models import (
    Manifest,
    ManifestStatus,
    OperationException,
    Piece,
    PieceStatus,
    Shift,
    Waybill,
    WaybillStatus,
)
from . import arrival, auth, clock, handover, pickup, readiness, uploads
from .actor import Actor


@dataclass(frozen=True)
class Figures:
    shift_code: str | None
    shift_start: dt.datetime | None
    shift_end: dt.datetime | None
    issued_today: int
    pieces_today: int
    issued_this_shift: int
    pieces_in_stock: int
    trucks_loading: int
    trucks_incoming: int
    trucks_to_check: int
    waybills_to_notify: int
    held_goods: int
    open_exceptions: int
    handover_from: str | None = None  # the clerk whose submitted handover this one must accept first
    #: For a supervisor: accounts locked now by repeated wrong passwords (name, until), which
    #: the login screen no longer tells whoever is at the keyboard.
    locked: tuple[tuple[str, dt.datetime], ...] = ()
    #: For a supervisor or admin: what the depot still lacks before its first waybill.
    missing: tuple[readiness.Missing, ...] = ()
    #: Today's real-name uploads (R-2.18): the actor's, the depot's, and a clerk's quota.
    uploads: uploads.Today | None = None


def figures(actor: Actor) -> Figures:
    """Counts for the actor's depot today (calendar day) and the actor's current shift."""
    depot = actor.depot_id
    now = clock.now()
    midnight = dt.datetime.combine(now.date(), dt.time())
    shift = Shift.get_or_none(Shift.id == actor.shift_id) if actor.shift_id else None

    today = Waybill.select(fn.COUNT(Waybill.id), fn.COALESCE(fn.SUM(Waybill.pieces), 0)).where(
        (Waybill.origin_depot == depot)
        & (Waybill.issued_at >= midnight)
        & (Waybill.status != WaybillStatus.VOID)
    )
    issued_today, pieces_today = today.tuples().get()
    issued_this_shift = 0
    if shift is not None:
        issued_this_shift = (
            Waybill.select()
            .where((Waybill.shift == shift.id) & (Waybill.status != WaybillStatus.VOID))
            .count()
        )
    in_stock = Piece.select().where((Piece.depot == depot) & (Piece.status == PieceStatus.IN_STOCK)).count()
    loading = (
        Manifest.select()
        .where((Manifest.origin_depot == depot) & (Manifest.status == ManifestStatus.OPEN))
        .count()
    )
    # As F4 lists them: by this stop's own state (a truck checked here and gone on to its next
    # stop is departed again, but no longer coming here), trucks that bring something here.
    states = [truck.state for truck in arrival.incoming(actor)]
    incoming = states.count("on_way")
    to_check = states.count("arrived") + states.count("checking")
    to_notify = pickup.unnotified(depot).count()
    held = pickup.held_here(depot).count()
    exceptions = (
        OperationException.select()
        .where((OperationException.depot == depot) & OperationException.resolved_at.is_null())
        .count()
    )
    waiting = handover.blocking_issue(actor)
    return Figures(
        uploads=uploads.today(actor),
        shift_code=shift.code if shift else None,
        shift_start=shift.planned_start if shift else None,
        shift_end=shift.planned_end if shift else None,
        issued_today=issued_today,
        pieces_today=int(pieces_today),
        issued_this_shift=issued_this_shift,
        pieces_in_stock=in_stock,
        trucks_loading=loading,
        trucks_incoming=incoming,
        trucks_to_check=to_check,
        waybills_to_notify=to_notify,
        held_goods=held,
        open_exceptions=exceptions,
        handover_from=waiting.from_shift.user.name if waiting is not None else None,
        locked=tuple((name, until) for _user, name, until in auth.locked_accounts(actor))
        if actor.is_supervisor
        else (),
        missing=tuple(readiness.missing(actor)) if actor.is_supervisor else (),
    )
