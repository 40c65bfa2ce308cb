"""Notifying the consignee (通知提货, R-2.16): who waits to be told, each call recorded, and notices
gone past their deadline proposed as fault 15.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from peewee import fn

from ...models import (
    ArrivalCheck,
    CheckedPiece,
    ConsigneeNotice,
    Payment,
    Piece,
    PieceStatus,
    Release,
    Role,
    ScoreEvent,
    ScoreRule,
    Shift,
    User,
    Waybill,
    WaybillStatus,
    database_proxy,
)
from .. import audit, checks, clock, labels, money, scoring, settings
from ..actor import Actor
from ..errors import ServiceError
from .counter import _AT_COUNTER, NOTICE_ANSWERS, NOTICE_METHODS, _due, at_counter


def _arrivals(waybill_ids: list[int], depot_id: int) -> dict[int, dt.datetime]:
    """When the first piece of each waybill was counted off a truck here (its check's finish),
    for many waybills in one query: the lists show dozens, and a query each cost 1.5 ms a line
    on the million-waybill database."""
    if not waybill_ids:
        return {}
    rows = (
        Piece.select(Piece.waybill, fn.MIN(ArrivalCheck.finished_at).alias("first"))
        .join(CheckedPiece)
        .join(ArrivalCheck)
        .where(
            Piece.waybill.in_(waybill_ids)
            & (ArrivalCheck.depot == depot_id)
            & ArrivalCheck.finished_at.is_null(False)
        )
        .group_by(Piece.waybill)
        .tuples()
    )
    return {waybill_id: _when(first) for waybill_id, first in rows}


def _when(value: object) -> dt.datetime:
    """An aggregate's datetime (SQLite hands MIN() back as text)."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


@dataclass(frozen=True)
class Waiting:
    """One waybill at the counter: who to call, what they must bring, what is held."""

    number: str
    consignee_name: str
    consignee_phone: str
    shipper_name: str  # who may release held goods, and the number to call for it
    shipper_phone: str
    pieces: int  # on the waybill
    here: int  # arrived and not yet handed over
    arrived_at: dt.datetime | None
    collect_due: Decimal  # 提付 still to take
    receipt_copies: int  # return receipt copies the consignee signs (0: none)
    held: bool  # 等通知放货 and no release recorded yet
    notified: bool  # told, with an answer (a call nobody answered does not count)
    attempts: int  # notices recorded, answered or not
    overdue: bool  # not notified within notify.deadline_hours of arriving


def _deadline(arrived: dt.datetime | None, depot_id: int) -> dt.datetime | None:
    if arrived is None:
        return None
    return arrived + dt.timedelta(hours=float(settings.get("notify.deadline_hours", depot_id)))


def _waiting_lines(rows: list[Waybill], depot_id: int, now: dt.datetime) -> list[Waiting]:
    """The lines of many waybills, each fact gathered for all of them in one query."""
    ids = [w.id for w in rows]
    if not ids:
        return []
    notices: dict[int, list[ConsigneeNotice]] = {}
    for n in ConsigneeNotice.select().where(ConsigneeNotice.waybill.in_(ids)).order_by(ConsigneeNotice.at):
        notices.setdefault(n.waybill_id, []).append(n)
    arrived = _arrivals(ids, depot_id)
    here = dict(
        Piece.select(Piece.waybill, fn.COUNT(Piece.id))
        .where(Piece.waybill.in_(ids) & (Piece.depot == depot_id) & (Piece.status == PieceStatus.ARRIVED))
        .group_by(Piece.waybill)
        .tuples()
    )
    taken = dict(
        Payment.select(Payment.waybill, fn.SUM(Payment.amount))
        .where(Payment.waybill.in_(ids) & Payment.purpose.in_(money.FREIGHT))  # what was paid toward it
        .group_by(Payment.waybill)
        .tuples()
    )
    releases = {r.waybill_id for r in Release.select(Release.waybill).where(Release.waybill.in_(ids))}
    hours = float(settings.get("notify.deadline_hours", depot_id))
    lines = []
    for w in rows:
        told = notices.get(w.id, [])
        deadline = arrived[w.id] + dt.timedelta(hours=hours) if w.id in arrived else None
        told_in_time = any(deadline is None or n.at <= deadline for n in told)
        lines.append(
            Waiting(
                number=w.number,
                consignee_name=w.consignee_name,
                consignee_phone=w.consignee_phone,
                shipper_name=w.shipper_name,
                shipper_phone=w.shipper_phone,
                pieces=w.pieces,
                here=here.get(w.id, 0),
                arrived_at=arrived.get(w.id),
                collect_due=_due(w, taken.get(w.id)),
                receipt_copies=w.receipt_copies if w.receipt_required else 0,
                held=bool(w.hold_for_release) and w.id not in releases,
                notified=any(n.answer != "no_answer" for n in told),
                attempts=len(told),
                overdue=deadline is not None and now > deadline and not told_in_time,
            )
        )
    return lines


def held_here(depot_id: int):  # noqa: ANN201 - a Peewee select
    """Waybills at the depot's counter held for the shipper's word with no release recorded:
    the home screen's count of them, and the handover's list."""
    return Waybill.select().where(
        (Waybill.dest_depot == depot_id)
        & Waybill.hold_for_release
        & Waybill.status.in_(_AT_COUNTER)
        & Waybill.id.not_in(Release.select(Release.waybill))
    )


def unnotified(depot_id: int):  # noqa: ANN201 - a Peewee select
    """Waybills arrived at the depot whose consignee has not been told (no answered notice),
    transfers aside: the list to call, and the home screen's count of it."""
    answered = ConsigneeNotice.select(ConsigneeNotice.waybill).where(ConsigneeNotice.answer != "no_answer")
    return Waybill.select().where(
        (Waybill.dest_depot == depot_id)
        & (Waybill.status == WaybillStatus.ARRIVED)
        & ~Waybill.is_transfer
        & Waybill.id.not_in(answered)
    )


def to_notify(actor: Actor) -> list[Waiting]:
    """Arrived waybills whose consignee has not yet been told (a call nobody answered keeps
    it here), oldest arrival first; each says whether it is overdue. Transfers are not here:
    the partner line tells its consignee. Loading the list first
    files the late notices it finds (propose_late_notices)."""
    propose_late_notices(actor)
    now = clock.now()
    lines = _waiting_lines(list(unnotified(actor.depot_id)), actor.depot_id, now)
    lines = [line for line in lines if line.here]
    return sorted(lines, key=lambda line: (line.arrived_at or dt.datetime.max, line.number))


def find(actor: Actor, text: str) -> list[Waiting]:
    """Waybills at this counter by waybill number, a piece label, or the consignee's phone."""
    raw = checks.normal(text).upper()
    if not raw:
        raise ServiceError("error.required", field="query")
    at_counter = (Waybill.dest_depot == actor.depot_id) & Waybill.status.in_(_AT_COUNTER)
    try:
        number = labels.parse_label(raw).waybill_number  # a piece's label names its waybill
    except labels.LabelError:
        number = raw
    rows = list(Waybill.select().where(at_counter & (Waybill.number == number)))
    if not rows:
        try:
            phone = checks.phone(raw, "query")
        except ServiceError:
            phone = None
        if phone:
            rows = list(
                Waybill.select()
                .where(at_counter & (Waybill.consignee_phone == phone))
                .order_by(Waybill.issued_at)
            )
    now = clock.now()
    return _waiting_lines(rows, actor.depot_id, now)


def _on_duty(depot_id: int, at: dt.datetime) -> int | None:
    """The clerk whose shift here covered the moment `at` (the first to clock in), if any."""
    shift = (
        Shift.select(Shift.user)
        .join(User)
        .where(
            (Shift.depot == depot_id)
            & (Shift.planned_start <= at)
            & (Shift.planned_end > at)
            & (User.role == Role.CLERK)
        )
        .order_by(Shift.clock_in)
        .first()
    )
    return shift.user_id if shift else None


def propose_late_notices(actor: Actor) -> int:
    """Fault 15 (未及时通知客户提货): a waybill here whose consignee was not told (not even a
    call nobody answered) within notify.deadline_hours of arriving becomes a proposed
    deduction, once, for the supervisor to confirm or reject. Against the clerk on duty here
    when the deadline passed; with no shift on record then, the clerk who checked the truck
    in. Returns how many were filed now."""
    now = clock.now()
    filed = (
        ScoreEvent.select(ScoreEvent.waybill)
        .join(ScoreRule)
        .where(ScoreRule.code.in_(["F15", "F15B"]) & ScoreEvent.waybill.is_null(False))
    )
    count = 0
    hours = settings.get("notify.deadline_hours", actor.depot_id)
    with database_proxy.atomic():
        rows = list(
            Waybill.select().where(
                (Waybill.dest_depot == actor.depot_id)
                & ~Waybill.is_transfer
                & Waybill.status.in_(_AT_COUNTER)
                & Waybill.id.not_in(filed)
            )
        )
        arrivals = _arrivals([w.id for w in rows], actor.depot_id)
        first_notice = dict(
            ConsigneeNotice.select(ConsigneeNotice.waybill, fn.MIN(ConsigneeNotice.at))
            .where(ConsigneeNotice.waybill.in_([w.id for w in rows]))
            .group_by(ConsigneeNotice.waybill)
            .tuples()
        )
        for w in rows:
            arrived = arrivals.get(w.id)
            deadline = _deadline(arrived, actor.depot_id)
            if deadline is None or now <= deadline:
                continue
            if w.id in first_notice and _when(first_notice[w.id]) <= deadline:
                continue
            clerk = _on_duty(actor.depot_id, deadline)
            if clerk is None:
                check = (
                    ArrivalCheck.select(ArrivalCheck.finished_by)
                    .join(CheckedPiece)
                    .join(Piece)
                    .where((Piece.waybill == w.id) & (ArrivalCheck.depot == actor.depot_id))
                    .order_by(ArrivalCheck.finished_at)
                    .first()
                )
                clerk = check.finished_by_id if check else None
            if clerk is None:
                continue
            scoring.propose(
                actor,
                "F15",
                user_id=clerk,
                depot_id=actor.depot_id,
                waybill_id=w.id,
                note=f"{w.number} 到货 {arrived:%m-%d %H:%M}，{hours} 小时内未通知收货人",
                at=deadline,
            )
            count += 1
    return count


# --- notify (通知提货) ----------------------------------------------------------------------------


def notify(actor: Actor, number: str, method: str, answer: str, note: str = "") -> Waiting:
    """Record that the consignee was told (or that nobody answered): who, when, how, the answer.
    An answered notice makes the waybill NOTIFIED; a call nobody answered keeps it on the list."""
    if method not in NOTICE_METHODS:
        raise ServiceError("error.notice_method", field="method")
    if answer not in NOTICE_ANSWERS:
        raise ServiceError("error.notice_answer", field="answer")
    note = checks.optional_text(note, "note", max_length=200)
    if method == "other" and not note:
        raise ServiceError("error.notice_other_note", field="note")
    with database_proxy.atomic():
        waybill = at_counter(actor, number)
        now = clock.now()
        ConsigneeNotice.create(
            waybill=waybill.id, by=actor.user_id, at=now, method=method, answer=answer, note=note
        )
        if answer != "no_answer" and waybill.status == WaybillStatus.ARRIVED:
            Waybill.update(status=WaybillStatus.NOTIFIED).where(Waybill.id == waybill.id).execute()
        audit.record(
            actor,
            "waybill.notify",
            "waybill",
            waybill.number,
            new={"method": method, "answer": answer, "note": note},
        )
        return _waiting_lines([Waybill.get_by_id(waybill.id)], actor.depot_id, now)[0]
