"""Shift handover (交接班, R-4, R-5.20): what the outgoing clerk hands over, assembled from what
the system already recorded during the shift.

The summary: the shift's waybills (count, pieces, money by payment
method and the cash to hand over), trucks departed or still loading, trucks checked in, and
the open matters the next clerk inherits: unresolved exceptions (major ones first: no handover
while one is open, R-4), held goods with no release, arrivals not yet notified, return
receipts with a step to take here, waybill drafts left open.

The run: the outgoing clerk starts a handover (a draft, one per shift; each open exception is
a matter on it), writes each matter's cause, course and result, adds superiors' instructions
and what was counted face to face (keys, equipment; the cash counted against the system's),
and submits. A major or urgent exception still open refuses the submit unless a supervisor
overrides it with a reason. The incoming clerk reads it, disputes items (each with a note; the
supervisor sees them) and accepts the rest: that closes the outgoing shift (clock-out, handed
over) and lets the incoming clerk issue waybills, which a pending handover refuses until then.
A shift that ended without an accepted handover becomes a proposed fault 20 (once).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from peewee import JOIN, fn

from ..models import (
    ArrivalCheck,
    Handover,
    HandoverItem,
    Manifest,
    ManifestStatus,
    OperationException,
    Payment,
    Role,
    ScoreEvent,
    ScoreRule,
    Severity,
    Shift,
    User,
    Waybill,
    WaybillDraft,
    WaybillStatus,
    database_proxy,
    locked,
)
from . import audit, checks, clock, depots, pickup, receipts, scoring
from .actor import Actor, requires
from .errors import FormError, ServiceError

_ORDER = {Severity.URGENT: 0, Severity.MAJOR: 1, Severity.MINOR: 2}


@dataclass(frozen=True)
class OpenException:
    id: int
    kind: str
    severity: str
    waybill: str
    description: str
    found_at: dt.datetime


@dataclass(frozen=True)
class ShiftSummary:
    """The outgoing clerk's shift as the system saw it, from clock-in to `at`."""

    shift_id: int
    code: str
    clock_in: dt.datetime
    at: dt.datetime
    waybills: int
    pieces: int
    money: dict[str, Decimal]  # taken this shift by how it was paid: cash, wechat, alipay, bank
    by_purpose: dict[str, Decimal]  # freight at issue, collect at pickup, delivery fees
    cash: Decimal  # the cash to hand over
    departed: list[str]  # truck runs departed this shift
    loading: list[str]  # runs still open here
    checked: list[str]  # trucks checked in here this shift
    exceptions: list[OpenException] = field(default_factory=list)  # open at the depot, worst first
    held: list[str] = field(default_factory=list)  # held goods here with no release
    to_notify: int = 0
    receipts_pending: int = 0
    receipts_overdue: int = 0
    drafts: int = 0  # waybill drafts this clerk left open

    @property
    def blocking(self) -> list[OpenException]:
        """The exceptions that stop a handover (R-4: a major or urgent incident unresolved)."""
        return [e for e in self.exceptions if e.severity in (Severity.MAJOR, Severity.URGENT)]


def summary(actor: Actor) -> ShiftSummary:
    """The summary of the actor's own shift (the one their session clocked in to)."""
    if actor.shift_id is None:
        raise ServiceError("error.handover_no_shift")
    shift = Shift.get_by_id(actor.shift_id)
    now = clock.now()
    depot = shift.depot_id
    issued = (
        Waybill.select(fn.COUNT(Waybill.id), fn.COALESCE(fn.SUM(Waybill.pieces), 0))
        .where((Waybill.shift == shift.id) & (Waybill.status != WaybillStatus.VOID))
        .tuples()
        .get()
    )
    money: dict[str, Decimal] = {}
    by_purpose: dict[str, Decimal] = {}
    for purpose, method, amount in (
        Payment.select(Payment.purpose, Payment.method, fn.SUM(Payment.amount))
        .where(Payment.shift == shift.id)
        .group_by(Payment.purpose, Payment.method)
        .tuples()
    ):
        cents = Decimal(str(amount)).quantize(Decimal("0.01"))
        money[method] = money.get(method, Decimal("0.00")) + cents
        by_purpose[purpose] = by_purpose.get(purpose, Decimal("0.00")) + cents
    departed = [
        m.number
        for m in Manifest.select(Manifest.number)
        .where(
            (Manifest.origin_depot == depot)
            & (Manifest.departed_at >= shift.clock_in)
            & (Manifest.departed_at <= now)
        )
        .order_by(Manifest.departed_at)
    ]
    loading = [
        m.number
        for m in Manifest.select(Manifest.number)
        .where(
            (Manifest.origin_depot == depot)
            & (Manifest.status == ManifestStatus.OPEN)
            & (Manifest.created_at <= now)
        )
        .order_by(Manifest.number)
    ]
    checked = [
        c.manifest.number
        for c in ArrivalCheck.select(ArrivalCheck, Manifest)
        .join(Manifest)
        .where(
            (ArrivalCheck.depot == depot)
            & (ArrivalCheck.finished_at >= shift.clock_in)
            & (ArrivalCheck.finished_at <= now)
        )
        .order_by(ArrivalCheck.finished_at)
    ]
    exceptions = sorted(
        (
            OpenException(
                e.id, e.kind, e.severity, e.waybill.number if e.waybill_id else "", e.description, e.found_at
            )
            for e in OperationException.select().where(
                (OperationException.depot == depot) & OperationException.resolved_at.is_null()
            )
        ),
        key=lambda e: (_ORDER.get(e.severity, 3), e.found_at),
    )
    held = [w.number for w in pickup.held_here(depot).order_by(Waybill.number)]
    pending = receipts.receipts(actor)
    return ShiftSummary(
        shift_id=shift.id,
        code=shift.code,
        clock_in=shift.clock_in,
        at=now,
        waybills=issued[0],
        pieces=int(issued[1]),
        money=money,
        by_purpose=by_purpose,
        cash=money.get("cash", Decimal("0.00")),
        departed=departed,
        loading=loading,
        checked=checked,
        exceptions=exceptions,
        held=held,
        to_notify=pickup.unnotified(depot).count(),
        receipts_pending=len(pending),
        receipts_overdue=sum(1 for r in pending if r.overdue),
        drafts=WaybillDraft.select().where(WaybillDraft.user == actor.user_id).count(),
    )


# --- the handover run ---------------------------------------------------------------------------

KINDS = ("matter", "instruction", "count")
MISSED_GRACE = dt.timedelta(hours=1)  # a shift is missed this long after its planned end
#: A shift starting up to this long before another ends is the one taking over from it (shift
#: times may overlap for the handover itself: night from 19:30 while early ends at 20:00).
HANDOVER_OVERLAP = dt.timedelta(hours=1)


def _snapshot(got: ShiftSummary) -> str:
    return json.dumps(asdict(got), ensure_ascii=False, default=str, sort_keys=True)


def _own_draft(actor: Actor, handover_id: int) -> Handover:
    row = Handover.get_or_none(Handover.id == handover_id)
    if row is None or row.from_shift_id != actor.shift_id:
        raise ServiceError("error.handover_not_yours")
    if row.status != "draft":
        raise ServiceError("error.handover_not_draft", status_key=f"handover.state.{row.status}")
    return row


def start(actor: Actor, got: ShiftSummary | None = None) -> Handover:
    """The draft handover of the actor's shift: made on first call with the summary as it
    stands (`got`, when the caller has just taken it) and a matter for each open exception
    (its cause, course and result to write); each later call while it is a draft adds a
    matter for each exception opened since."""
    got = got or summary(actor)
    with database_proxy.atomic():
        row = Handover.get_or_none(Handover.from_shift == actor.shift_id)
        if row is None:
            row = Handover.create(
                depot=actor.depot_id,
                from_shift=actor.shift_id,
                summary=_snapshot(got),
                cash_system=got.cash,
                started_at=got.at,
            )
            audit.record(
                actor,
                "handover.start",
                "handover",
                row.id,
                new={
                    "shift": actor.shift_id,
                    "cash_system": f"{got.cash:.2f}",
                    "matters": len(got.exceptions),
                },
            )
        elif row.status != "draft":
            return row
        linked = {i.exception_id for i in row.items if i.exception_id is not None}
        new = [e for e in got.exceptions if e.id not in linked]
        for e in new:
            HandoverItem.create(
                handover=row.id,
                kind="matter",
                exception=e.id,
                subject=f"{e.waybill} {e.description}".strip()[:120],
            )
        if new and linked:
            audit.record(
                actor, "handover.matters", "handover", row.id, new={"exceptions": [e.id for e in new]}
            )
        return row


@dataclass
class ItemForm:
    kind: str = "matter"
    subject: str = ""
    cause: str = ""
    course: str = ""
    result: str = ""
    expected: str = ""  # a count: what should be there (keys: 3)
    counted: str = ""  # what was counted face to face


def _item_values(form: ItemForm) -> dict[str, str]:

    if form.kind not in KINDS:
        raise ServiceError("error.handover_kind", field="kind")
    errors: list[ServiceError] = []
    values: dict[str, str] = {}
    for name, limit in (
        ("subject", 120),
        ("cause", 500),
        ("course", 500),
        ("result", 500),
        ("expected", 40),
        ("counted", 40),
    ):
        try:
            values[name] = checks.optional_text(getattr(form, name), name, max_length=limit)
        except ServiceError as exc:
            errors.append(exc)
    if not errors and not values["subject"]:
        errors.append(ServiceError("error.required", field="subject"))
    if not errors and form.kind == "count":
        for name in ("expected", "counted"):
            if not values[name]:
                errors.append(ServiceError("error.required", field=name))
        if not errors and values["expected"] != values["counted"] and not values["result"]:
            errors.append(ServiceError("error.handover_count_differs", field="result"))
    if errors:
        raise FormError(errors)
    return values


def add_item(actor: Actor, handover_id: int, form: ItemForm) -> HandoverItem:
    """A matter (its cause, course and result, filled in by submit time), an instruction from
    a superior to pass on, or an item counted face to face (a difference needs its reason)."""
    values = _item_values(form)
    with database_proxy.atomic():
        row = _own_draft(actor, handover_id)
        item = HandoverItem.create(handover=row.id, kind=form.kind, **values)
        audit.record(actor, "handover.item", "handover", row.id, new={"kind": form.kind, **values})
        return item


def update_item(actor: Actor, item_id: int, form: ItemForm) -> None:
    """Change a line of the draft (a matter's cause, course and result written in)."""
    values = _item_values(form)
    with database_proxy.atomic():
        item = HandoverItem.get_or_none(HandoverItem.id == item_id)
        if item is None:
            raise ServiceError("error.handover_not_yours")
        _own_draft(actor, item.handover_id)
        old = {k: getattr(item, k) for k in values}
        HandoverItem.update(kind=form.kind, **values).where(HandoverItem.id == item.id).execute()
        audit.record(
            actor,
            "handover.item_change",
            "handover",
            item.handover_id,
            old=old,
            new={"item": item.id, **values},
        )


def remove_item(actor: Actor, item_id: int) -> None:
    """Take a line off the draft (added by mistake). A matter made for an exception still
    open stays: the next clerk inherits the exception whether it is written down or not."""
    with database_proxy.atomic():
        item = HandoverItem.get_or_none(HandoverItem.id == item_id)
        if item is None:
            raise ServiceError("error.handover_not_yours")
        _own_draft(actor, item.handover_id)
        still_open = OperationException.select().where(
            (OperationException.id == item.exception_id) & OperationException.resolved_at.is_null()
        )
        if item.exception_id is not None and still_open.exists():
            raise ServiceError("error.handover_matter_open", subject=item.subject)
        old = {
            k: getattr(item, k)
            for k in ("kind", "subject", "cause", "course", "result", "expected", "counted")
        }
        item.delete_instance()
        audit.record(
            actor, "handover.item_remove", "handover", item.handover_id, old={"item": item.id, **old}
        )


@requires(Role.SUPERVISOR, Role.ADMIN)
def override(actor: Actor, handover_id: int, reason: str) -> None:
    """A supervisor lets a handover go while a major exception is open (R-4 otherwise refuses
    it): who, and why, recorded."""
    why = checks.reason(reason)
    with database_proxy.atomic():
        row = Handover.get_or_none(Handover.id == handover_id)
        if row is None or row.depot_id != actor.depot_id:
            raise ServiceError("error.handover_not_yours")
        Handover.update(override_by=actor.user_id, override_reason=why).where(Handover.id == row.id).execute()
        audit.record(
            actor, "handover.override", "handover", row.id, new={"override_by": actor.user_id}, reason=why
        )


def _checked(
    actor: Actor, handover_id: int, cash_counted: str, cash_note: str
) -> tuple[Handover, ShiftSummary, Decimal, str]:
    """What submit refuses, all of it: the draft, the summary as of now, the cash and note."""

    got = summary(actor)
    errors: list[ServiceError] = []
    counted = None
    try:
        counted = checks.money(cash_counted, "cash_counted", blank_is_zero=False)
    except ServiceError as exc:
        errors.append(exc)
    try:
        note = checks.optional_text(cash_note, "cash_note", max_length=500)
    except ServiceError as exc:
        errors.append(exc)
        note = ""
    if counted is not None and counted != got.cash and not note:
        errors.append(
            ServiceError(
                "error.handover_cash_differs",
                field="cash_note",
                system=f"{got.cash:.2f}",
                counted=f"{counted:.2f}",
            )
        )
    row = _own_draft(actor, handover_id)
    if got.blocking and row.override_by_id is None:
        raise ServiceError(
            "error.handover_blocked", count=len(got.blocking), what=got.blocking[0].description
        )
    for item in row.items.where(HandoverItem.kind == "matter"):
        if not (item.cause and item.course and item.result):
            errors.append(ServiceError("error.handover_matter", field="items", subject=item.subject))
            break
    if errors:
        raise FormError(errors)
    assert counted is not None
    return row, got, counted, note


def ready(actor: Actor, handover_id: int, cash_counted: str, cash_note: str = "") -> None:
    """Raise what submit would refuse, writing nothing: the screen asks "hand over?" only
    of a handover that would go."""
    _checked(actor, handover_id, cash_counted, cash_note)


def submit(actor: Actor, handover_id: int, cash_counted: str, cash_note: str = "") -> Handover:
    """Hand the shift over: refused while a major or urgent exception is open (unless a
    supervisor overrode), while a matter lacks its cause, course or result, without the cash
    counted, or with a cash difference unexplained. The summary is taken again now."""
    with database_proxy.atomic():
        row, got, counted, note = _checked(actor, handover_id, cash_counted, cash_note)
        now = clock.now()
        Handover.update(
            status="submitted",
            summary=_snapshot(got),
            cash_system=got.cash,
            cash_counted=counted,
            cash_note=note,
            submitted_at=now,
        ).where(Handover.id == row.id).execute()
        audit.record(
            actor,
            "handover.submit",
            "handover",
            row.id,
            new={
                "cash_system": f"{got.cash:.2f}",
                "cash_counted": f"{counted:.2f}",
                "cash_note": note,
                "blocking": len(got.blocking),
                "override_by": row.override_by_id,
            },
        )
        return Handover.get_by_id(row.id)


def keep(actor: Actor, handover_id: int, cash_counted: str, cash_note: str) -> None:
    """What was typed under the lines when the link dropped or the clerk logged out: the
    note, and the cash counted when it reads as money (anything else is not kept; the clerk
    counts again). Nothing is checked further: submit does that."""
    try:
        counted = checks.money(cash_counted, "cash_counted", blank_is_zero=False)
    except ServiceError:
        counted = None
    note = checks.kept_text(cash_note, 500)
    with database_proxy.atomic():
        row = _own_draft(actor, handover_id)
        Handover.update(cash_counted=counted, cash_note=note).where(Handover.id == row.id).execute()
        audit.record(
            actor,
            "handover.keep",
            "handover",
            row.id,
            new={"cash_counted": None if counted is None else f"{counted:.2f}", "cash_note": note},
        )


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


def propose_missed(actor: Actor) -> int:
    """Fault 20 (交接班未完成): a clerk's shift here that ended more than MISSED_GRACE ago with
    no accepted handover, proposed once per shift against its clerk."""
    now = clock.now()
    filed = (
        ScoreEvent.select(ScoreEvent.shift)
        .join(ScoreRule)
        .where((ScoreRule.code == "F20") & ScoreEvent.shift.is_null(False))
    )
    accepted = Handover.select(Handover.from_shift).where(Handover.status == "accepted")
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
                & Shift.id.not_in(accepted)
                & Shift.id.not_in(filed)
            )
        ):
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


# --- the log ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogLine:
    """One handover as the log lists it. `day` is the outgoing shift's planned start (a night
    shift handed over at 08:00 belongs to the evening it began)."""

    id: int
    day: dt.date
    code: str
    from_name: str
    to_name: str
    status: str
    started_at: dt.datetime
    submitted_at: dt.datetime | None
    accepted_at: dt.datetime | None
    cash_system: Decimal
    cash_counted: Decimal | None
    items: int
    disputed: int  # disputed and not yet settled by a supervisor
    override: bool

    @property
    def cash_difference(self) -> Decimal | None:
        return None if self.cash_counted is None else self.cash_counted - self.cash_system


def log(actor: Actor, day: str = "", clerk: str = "", disputed_only: bool = False) -> list[LogLine]:
    """This depot's handovers of the day typed (blank: today; `checks.day`), by either clerk
    when `clerk` is given (part of a name or user name); or, disputed_only, every handover
    with a dispute still to settle, whatever its day."""
    today = clock.now().date()
    outgoing, incoming = Shift.alias(), Shift.alias()
    query = (
        Handover.select(Handover, outgoing, incoming)
        .join(outgoing, on=(Handover.from_shift == outgoing.id))
        .switch(Handover)
        .join(incoming, JOIN.LEFT_OUTER, on=(Handover.to_shift == incoming.id))
        .where(Handover.depot == actor.depot_id)
    )
    disputed = HandoverItem.select(HandoverItem.handover).where(HandoverItem.status == "disputed")
    if disputed_only:
        query = query.where(Handover.id.in_(disputed))
    else:
        first = checks.day(day, "day", today)
        begin = dt.datetime.combine(first, dt.time())
        query = query.where(
            (outgoing.planned_start >= begin) & (outgoing.planned_start < begin + dt.timedelta(days=1))
        )
    wanted = checks.optional_text(clerk, "clerk", max_length=40).lower()
    if wanted:
        users = [
            u.id
            for u in User.select(User.id).where(
                fn.LOWER(User.name).contains(wanted) | fn.LOWER(User.username).contains(wanted)
            )
        ]
        query = query.where(outgoing.user.in_(users) | incoming.user.in_(users))
    return _lines(list(query.order_by(outgoing.planned_start, Handover.id)))


def _lines(rows: list[Handover]) -> list[LogLine]:
    """Log lines of handovers read with their shifts: the item counts in one query."""
    counts: dict[int, list[int]] = {}
    counted = (
        HandoverItem.select(HandoverItem.handover, HandoverItem.status, fn.COUNT(1))
        .where(HandoverItem.handover.in_([r.id for r in rows]))
        .group_by(HandoverItem.handover, HandoverItem.status)
    )
    for handover_id, status, n in counted.tuples():
        total = counts.setdefault(handover_id, [0, 0])
        total[0] += n
        if status == "disputed":
            total[1] += n
    names = depots.user_names()
    lines = []
    for row in rows:
        going = row.from_shift
        coming = row.to_shift if row.to_shift_id is not None else None
        items, open_disputes = counts.get(row.id, [0, 0])
        lines.append(
            LogLine(
                id=row.id,
                day=going.planned_start.date(),
                code=going.code,
                from_name=names.get(going.user_id, ""),
                to_name=names.get(coming.user_id, "") if coming else "",
                status=row.status,
                started_at=row.started_at,
                submitted_at=row.submitted_at,
                accepted_at=row.accepted_at,
                cash_system=Decimal(str(row.cash_system)),
                cash_counted=None if row.cash_counted is None else Decimal(str(row.cash_counted)),
                items=items,
                disputed=open_disputes,
                override=row.override_by_id is not None,
            )
        )
    return lines


@dataclass(frozen=True)
class ItemLine:
    id: int
    kind: str
    subject: str
    cause: str
    course: str
    result: str
    expected: str
    counted: str
    status: str
    dispute_note: str
    settled_by: str
    settled_note: str
    exception_open: bool  # a matter for an exception not yet resolved


@dataclass(frozen=True)
class HandoverView:
    """A handover whole: its log line, the summary as submitted (or as it stands, a draft's),
    the cash note, the override, every item."""

    line: LogLine
    summary: ShiftSummary
    cash_note: str
    override_by: str
    override_reason: str
    items: list[ItemLine]


def _summary_from(text: str) -> ShiftSummary:
    """The JSON snapshot back as a ShiftSummary (Decimal and datetime restored)."""
    raw = json.loads(text)
    when = dt.datetime.fromisoformat
    raw["clock_in"], raw["at"] = when(raw["clock_in"]), when(raw["at"])
    for name in ("money", "by_purpose"):
        raw[name] = {k: Decimal(v) for k, v in raw[name].items()}
    raw["cash"] = Decimal(raw["cash"])
    raw["exceptions"] = [OpenException(**{**e, "found_at": when(e["found_at"])}) for e in raw["exceptions"]]
    return ShiftSummary(**raw)


def detail(actor: Actor, handover_id: int, got: ShiftSummary | None = None) -> HandoverView:
    """One handover of the actor's depot, read-only. A draft shows its summary as it stands
    now to its own clerk (`got`, when the caller has just taken it), as last snapshotted to
    anyone else."""
    row = Handover.get_or_none((Handover.id == handover_id) & (Handover.depot == actor.depot_id))
    if row is None:
        raise ServiceError("error.handover_not_yours")
    line = _lines([row])[0]
    own_draft = row.status == "draft" and row.from_shift_id == actor.shift_id
    got = (got or summary(actor)) if own_draft else _summary_from(row.summary)
    names = depots.user_names()
    open_ids = {
        e.id
        for e in OperationException.select(OperationException.id).where(
            OperationException.resolved_at.is_null() & (OperationException.depot == actor.depot_id)
        )
    }
    items = [
        ItemLine(
            i.id,
            i.kind,
            i.subject,
            i.cause,
            i.course,
            i.result,
            i.expected,
            i.counted,
            i.status,
            i.dispute_note,
            names.get(i.settled_by_id, "") if i.settled_by_id else "",
            i.settled_note,
            i.exception_id in open_ids,
        )
        for i in row.items.order_by(HandoverItem.id)
    ]
    return HandoverView(
        line,
        got,
        row.cash_note,
        names.get(row.override_by_id, "") if row.override_by_id else "",
        row.override_reason,
        items,
    )


def run(actor: Actor) -> HandoverView:
    """F6 for the outgoing clerk: the draft of their shift (started now if need be, with a
    matter for each exception opened since) and everything on it. The summary is taken once
    for both."""
    got = summary(actor)
    return detail(actor, start(actor, got).id, got)
