"""The monthly score (考核, R-5): faults the system sees for itself become proposals.

A proposal counts for nothing until a supervisor confirms it (the score issue builds the
deciding, appeals and month close on these rows).
"""

from __future__ import annotations

import datetime as dt

from ..models import ScoreEvent, ScoreRule, ScoreStatus
from . import audit, clock
from .actor import Actor


def rule_in_force(code: str, day: dt.date) -> ScoreRule:
    """The version of rule `code` that applies on `day` (rules change from a date on)."""
    return (ScoreRule.select()
            .where((ScoreRule.code == code) & (ScoreRule.valid_from <= day)
                   & (ScoreRule.valid_to.is_null() | (ScoreRule.valid_to >= day)))
            .order_by(ScoreRule.valid_from.desc()).get())


def propose(actor: Actor, code: str, *, user_id: int, depot_id: int, note: str,
            waybill_id: int | None = None, manifest_id: int | None = None,
            exception_id: int | None = None, shift_id: int | None = None,
            handover_id: int | None = None, at: dt.datetime | None = None) -> ScoreEvent:
    """Propose fault `code` against a clerk. Call inside the transaction that saw the fault."""
    at = at or clock.now()
    rule = rule_in_force(code, at.date())
    event = ScoreEvent.create(
        user=user_id, depot=depot_id, rule=rule.id, month=f"{at:%Y-%m}", occurred_at=at,
        points=rule.points, status=ScoreStatus.PROPOSED, source="auto", waybill=waybill_id,
        manifest=manifest_id, exception=exception_id, shift=shift_id, handover=handover_id, note=note,
        proposed_by=actor.user_id,
        proposed_at=clock.now())
    audit.record(actor, "score.propose", "score_event", event.id, depot_id=depot_id,
                 new={"rule": code, "user": user_id, "points": rule.points, "waybill": waybill_id,
                      "note": note})
    return event
