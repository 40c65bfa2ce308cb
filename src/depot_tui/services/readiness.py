"""What a depot still lacks before its first waybill (a freshly `init`ed one lacks most of it):
said by `depot-tui init`, and on home to the admin and supervisors until it is done."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Depot, PriceRule, Role, User
from . import clock
from .actor import Actor


@dataclass(frozen=True)
class Missing:
    """One thing missing: a catalogue key (`ready.<what>`) naming it and how to add it."""

    key: str
    params: dict[str, object]


def missing(actor: Actor, depot_id: int | None = None) -> list[Missing]:
    """What the depot (the actor's, or `depot_id`) needs before a clerk can issue there: a price
    table (a line in force today or set to start later), a clerk or supervisor who issues, and
    another depot to send goods to (a destination station). Empty once ready."""
    depot = Depot.get_or_none(Depot.id == (depot_id if depot_id is not None else actor.depot_id))
    if depot is None:
        return []
    today = clock.now().date()
    gaps = []
    priced = PriceRule.select().where(
        (PriceRule.depot == depot.id) & (PriceRule.valid_to.is_null() | (PriceRule.valid_to >= today))
    )
    if not priced.exists():
        gaps.append(Missing("ready.no_prices", {"depot": depot.code}))
    issuers = User.select().where(
        (User.depot == depot.id) & User.active & User.role.in_([Role.CLERK, Role.SUPERVISOR])
    )
    if not issuers.exists():
        gaps.append(Missing("ready.no_clerk", {"depot": depot.code}))
    if not Depot.select().where((Depot.id != depot.id) & Depot.active).exists():
        gaps.append(Missing("ready.no_other_depot", {"depot": depot.code}))
    return gaps
