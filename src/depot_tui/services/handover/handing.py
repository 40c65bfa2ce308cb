"""The outgoing clerk's handover (R-4): open matters, instructions and counts as items, the cash
counted, checked and submitted; a supervisor may override a refusal.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from decimal import Decimal

from ...models import Handover, HandoverItem, OperationException, Role, database_proxy
from .. import audit, checks, clock
from ..actor import Actor, requires
from ..errors import FormError, ServiceError
from .summary import ShiftSummary, summary

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
                subject=(
                    f"{e.waybill} {e.description}".strip() + (f"（跟进：{e.owner}）" if e.owner else "")
                )[:120],
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
