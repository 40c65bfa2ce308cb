"""The incoming clerk's side: disputing items, accepting (until then nobody issues, R-2.12), the
supervisor settling disputes; a shift that ended without a handover becomes a proposed F20
(R-5.20).
"""

from __future__ import annotations

from peewee import fn

from ...codes import Severity
from ...models import (
    Handover,
    HandoverItem,
    OperationException,
    Role,
    ScoreEvent,
    ScoreRule,
    Shift,
    User,
    database_proxy,
    locked,
)
from .. import audit, checks, clock, scoring
from ..actor import Actor, requires
from ..errors import ServiceError
from .handing import HANDOVER_OVERLAP, MISSED_GRACE


def keep_disputes(actor: Actor, handover_id: int, disputes: dict[int, str]) -> None:
    """The disputes the incoming clerk had written when the link dropped: kept on the lines
    (still pending) and offered again when the handover is opened; accept() decides them."""
    with database_proxy.atomic():
        # Locked: two clerks taking it over at once take turns; the second finds it accepted.
        row = locked(
            Handover.select().where((Handover.id == handover_id) & (Handover.depot == actor.depot_id))
        ).first()
        if row is None or row.status != "submitted":
            return
        for item in row.items:
            note = checks.kept_text(disputes.get(item.id, ""), 500)
            HandoverItem.update(dispute_note=note).where(HandoverItem.id == item.id).execute()
        audit.record(
            actor,
            "handover.keep_disputes",
            "handover",
            row.id,
            new={"disputed": {str(k): v for k, v in disputes.items()}},
        )


def pending(actor: Actor) -> list[Handover]:
    """Handovers submitted at this depot, waiting for an incoming clerk (not the actor's own);
    loading it files the missed handovers it finds (propose_missed)."""
    propose_missed(actor)
    return list(
        Handover.select()
        .join(Shift, on=(Handover.from_shift == Shift.id))
        .where(
            (Handover.depot == actor.depot_id)
            & (Handover.status == "submitted")
            & (Shift.user != actor.user_id)
        )
        .order_by(Handover.submitted_at)
    )


def accept(actor: Actor, handover_id: int, disputes: dict[int, str] | None = None) -> Handover:
    """The incoming clerk's answer: each disputed item with its note (recorded for the
    supervisor), the rest accepted. Closes the outgoing shift (clock-out, handed over) and
    opens the incoming one for issuing."""
    disputes = {
        item_id: checks.optional_text(text, "dispute_note", max_length=500)
        for item_id, text in (disputes or {}).items()
    }
    if any(not text for text in disputes.values()):
        raise ServiceError("error.handover_dispute_note", field="dispute_note")
    if actor.shift_id is None:
        raise ServiceError("error.handover_no_shift")
    with database_proxy.atomic():
        # Locked: two clerks taking it over at once take turns; the second finds it accepted.
        row = locked(
            Handover.select().where((Handover.id == handover_id) & (Handover.depot == actor.depot_id))
        ).first()
        if row is None or row.status != "submitted":
            raise ServiceError("error.handover_not_pending")
        outgoing = Shift.get_by_id(row.from_shift_id)
        if outgoing.user_id == actor.user_id:
            raise ServiceError("error.handover_self")
        items = {item.id: item for item in row.items}
        if set(disputes) - set(items):
            raise ServiceError("error.handover_not_yours")
        now = clock.now()
        for item_id in items:
            note = disputes.get(item_id)
            HandoverItem.update(status="disputed" if note else "accepted", dispute_note=note or "").where(
                HandoverItem.id == item_id
            ).execute()
        Handover.update(status="accepted", to_shift=actor.shift_id, accepted_at=now).where(
            Handover.id == row.id
        ).execute()
        Shift.update(handed_over=True, clock_out=fn.COALESCE(Shift.clock_out, now)).where(
            Shift.id == outgoing.id
        ).execute()
        Shift.update(may_issue=True).where(Shift.id == actor.shift_id).execute()
        audit.record(
            actor,
            "handover.accept",
            "handover",
            row.id,
            new={"to_shift": actor.shift_id, "disputed": {str(k): v for k, v in disputes.items()}},
        )
        return Handover.get_by_id(row.id)


def blocking_issue(actor: Actor) -> Handover | None:
    """The handover that must be accepted before the actor may issue waybills: one submitted
    here by another clerk whose shift ends as the actor's begins (HANDOVER_OVERLAP early at
    most), i.e. the shift the actor takes over. A clerk already on duty beside the outgoing one
    (the middle shift at the early shift's 20:00) is not stopped by it."""
    if actor.shift_id is None:
        return None
    mine = Shift.get_by_id(actor.shift_id)
    return (
        Handover.select()
        .join(Shift, on=(Handover.from_shift == Shift.id))
        .where(
            (Handover.depot == mine.depot_id)
            & (Handover.status == "submitted")
            & (Shift.planned_end <= mine.planned_start + HANDOVER_OVERLAP)
            & (Shift.planned_start < mine.planned_start)
            & (Shift.user != actor.user_id)
        )
        .order_by(Handover.submitted_at)
        .first()
    )


def _refused_at(depot_id: int | None, end: object) -> bool:
    """Whether a major or urgent exception was open here when a shift ended: the handover was
    then refused by the system (R-4), not skipped by the clerk."""
    grave = OperationException.severity.in_([Severity.MAJOR, Severity.URGENT])
    return (
        OperationException.select()
        .where(
            (OperationException.depot == depot_id)
            & grave
            & (OperationException.found_at <= end)
            & (OperationException.resolved_at.is_null() | (OperationException.resolved_at > end))
        )
        .exists()
    )


def propose_missed(actor: Actor) -> int:
    """Fault 20 (交接班未完成): a clerk's shift here that ended more than MISSED_GRACE ago
    without handing over, proposed once per shift against its clerk. Not a shift whose
    handover was submitted and nobody accepted (the incoming shift's absence is the roster's
    business), nor one the system refused because a grave exception was open (issue 23)."""
    now = clock.now()
    filed = (
        ScoreEvent.select(ScoreEvent.shift)
        .join(ScoreRule)
        .where((ScoreRule.code == "F20") & ScoreEvent.shift.is_null(False))
    )
    handed = Handover.select(Handover.from_shift).where(Handover.status != "draft")
    count = 0
    with database_proxy.atomic():
        for shift in (
            Shift.select(Shift, User)
            .join(User)
            .where(
                (Shift.depot == actor.depot_id)
                & (User.role == Role.CLERK)
                & (Shift.planned_end < now - MISSED_GRACE)
                & ~Shift.handed_over
                & Shift.id.not_in(handed)
                & Shift.id.not_in(filed)
            )
        ):
            if _refused_at(actor.depot_id, shift.planned_end):
                continue
            scoring.propose(
                actor,
                "F20",
                user_id=shift.user_id,
                depot_id=actor.depot_id,
                shift_id=shift.id,
                note=f"{shift.planned_start:%m-%d %H:%M} {shift.code} 班未完成交接",
                at=shift.planned_end,
            )
            count += 1
    return count


@requires(Role.SUPERVISOR, Role.ADMIN)
def settle(actor: Actor, item_id: int, note: str) -> None:
    """A supervisor answers an item the incoming clerk disputed (what was decided): it leaves
    the list of disputes; the dispute and the answer both stay on the handover."""
    answer = checks.optional_text(note, "settled_note", max_length=500)
    if not answer:
        raise ServiceError("error.required", field="settled_note")
    with database_proxy.atomic():
        item = (
            HandoverItem.select(HandoverItem, Handover)
            .join(Handover)
            .where((HandoverItem.id == item_id) & (Handover.depot == actor.depot_id))
            .first()
        )
        if item is None:
            raise ServiceError("error.handover_not_yours")
        if item.status != "disputed":
            raise ServiceError("error.handover_not_disputed")
        now = clock.now()
        HandoverItem.update(
            status="settled", settled_by=actor.user_id, settled_at=now, settled_note=answer
        ).where(HandoverItem.id == item.id).execute()
        audit.record(
            actor,
            "handover.settle",
            "handover",
            item.handover_id,
            old={"item": item.id},
            new={"status": "settled", "note": answer},
        )
