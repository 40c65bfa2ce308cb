"""The customer-service log (客服记录, SOP 004; issue 23, part 6): every enquiry and complaint
by phone or at the counter — who, which waybill, what was asked, the answer promised by a time,
the answer and who gave it. A complaint opens an exception at once. Overdue lines come first.

A supervisor cites a line as the evidence of fault 14 (no timely answer) or 19 (a complaint
upheld): the score event carries the line (`cite`). Lines are answered, never deleted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from ...codes import ExceptionKind, Severity
from ...models import Enquiry, Role, User, Waybill, database_proxy
from .. import audit, checks, clock, depots, scoring, settings
from ..actor import Actor, requires
from ..errors import FormError, ServiceError
from .life import Report, report

KINDS = ("enquiry", "complaint")
CHANNELS = ("phone", "counter")
#: The faults a log line is evidence of (R-5.14 and R-5.19).
CITED = ("F14", "F19")
MAX_HOURS = 72


@dataclass(frozen=True)
class Entry:
    """A call or a visit as typed."""

    kind: str = "enquiry"
    channel: str = "phone"
    caller_name: str = ""
    caller_phone: str = ""
    waybill: str = ""
    question: str = ""
    within: str = ""  # hours to answer in; blank: service.answer_hours
    severity: str = Severity.MAJOR.value  # a complaint's exception


@dataclass(frozen=True)
class LogLine:
    id: int
    kind: str
    channel: str
    caller: str  # name and phone as given
    waybill: str
    question: str
    taken_by: str
    taken_at: dt.datetime
    promised_at: dt.datetime
    answer: str
    answered_by: str
    answered_at: dt.datetime | None
    exception_id: int | None
    overdue: bool  # not answered by its time (still open, or answered late)


def _hours(text: str, depot_id: int | None) -> int:
    if not checks.normal(text):
        return int(settings.get("service.answer_hours", depot_id))
    return checks.whole_number(text, "within", minimum=1, maximum=MAX_HOURS)


def take(actor: Actor, entry: Entry) -> int:
    """Log a call or a visit; a complaint also opens an exception (kind complaint) with the
    waybill and what the customer said, so the supervisor is told at once."""
    errors: list[ServiceError] = []
    if entry.kind not in KINDS:
        errors.append(ServiceError("error.choice", field="kind"))
    if entry.channel not in CHANNELS:
        errors.append(ServiceError("error.choice", field="channel"))
    values: dict[str, object] = {}
    for name, step in (
        ("caller_name", lambda: checks.optional_text(entry.caller_name, "caller_name", max_length=60)),
        (
            "caller_phone",
            lambda: checks.phone(entry.caller_phone, "caller_phone") if entry.caller_phone.strip() else "",
        ),
        ("question", lambda: checks.clean_text(entry.question, field="question", max_length=200)),
        ("within", lambda: _hours(entry.within, actor.depot_id)),
    ):
        try:
            values[name] = step()
        except ServiceError as exc:
            errors.append(ServiceError(exc.key, field=name, **exc.params))
    waybill = None
    if entry.waybill.strip():
        waybill = Waybill.get_or_none(Waybill.number == entry.waybill.strip().upper())
        if waybill is None:
            errors.append(
                ServiceError("error.waybill_unknown", field="waybill", number=entry.waybill.strip())
            )
    if errors:
        raise FormError(errors)
    now = clock.now()
    with database_proxy.atomic():
        exception_id = None
        if entry.kind == "complaint":
            exception_id = report(
                actor,
                Report(
                    kind=ExceptionKind.COMPLAINT.value,
                    severity=entry.severity,
                    waybill=waybill.number if waybill else "",
                    seen=f"{values['caller_name'] or values['caller_phone'] or '客户'}：{values['question']}",
                ),
            )
        row = Enquiry.create(
            depot=actor.depot_id,
            kind=entry.kind,
            channel=entry.channel,
            caller_name=values["caller_name"],
            caller_phone=values["caller_phone"],
            waybill=waybill.id if waybill else None,
            question=values["question"],
            taken_by=actor.user_id,
            taken_at=now,
            promised_at=now + dt.timedelta(hours=int(values["within"])),  # type: ignore[call-overload]
            exception=exception_id,
        )
        audit.record(
            actor,
            "enquiry.take",
            "enquiry",
            row.id,
            new={"kind": entry.kind, "waybill": waybill.number if waybill else "", "exception": exception_id},
        )
    return row.id


def _get(actor: Actor, enquiry_id: int) -> Enquiry:
    row = Enquiry.get_or_none(Enquiry.id == enquiry_id)
    if row is None or (row.depot_id != actor.depot_id and actor.role != Role.ADMIN):
        raise ServiceError("error.enquiry_unknown")
    return row


def answer(actor: Actor, enquiry_id: int, text: str) -> None:
    """The answer given (by anyone at the depot), with its time: on time or late against the
    promise. Answered once; what follows is the exception's business."""
    said = checks.clean_text(text, field="answer", max_length=200)
    with database_proxy.atomic():
        row = _get(actor, enquiry_id)
        if row.answered_at is not None:
            raise ServiceError("error.enquiry_answered", field="answer")
        now = clock.now()
        Enquiry.update(answer=said, answered_by=actor.user_id, answered_at=now).where(
            Enquiry.id == row.id
        ).execute()
        audit.record(
            actor, "enquiry.answer", "enquiry", row.id, new={"answer": said, "late": now > row.promised_at}
        )


def log(actor: Actor, *, open_only: bool = True, now: dt.datetime | None = None) -> list[LogLine]:
    """The depot's log: unanswered lines, overdue first (the longest overdue first), then by the
    time promised; with `open_only` False the answered ones follow, newest first."""
    now = now or clock.now()
    query = (
        Enquiry.select(Enquiry, Waybill.number)
        .join(Waybill, JOIN.LEFT_OUTER, on=(Enquiry.waybill == Waybill.id))
        .where(Enquiry.depot == actor.depot_id)
    )
    if open_only:
        query = query.where(Enquiry.answered_at.is_null())
    else:
        query = query.order_by(Enquiry.taken_at.desc()).limit(500)
    rows = list(query)
    names = depots.user_names()
    lines = [
        LogLine(
            id=r.id,
            kind=r.kind,
            channel=r.channel,
            caller=" ".join(x for x in (r.caller_name, r.caller_phone) if x),
            waybill=r.waybill.number if r.waybill is not None else "",
            question=r.question,
            taken_by=names.get(r.taken_by_id, ""),
            taken_at=r.taken_at,
            promised_at=r.promised_at,
            answer=r.answer,
            answered_by=names.get(r.answered_by_id or 0, ""),
            answered_at=r.answered_at,
            exception_id=r.exception_id,
            overdue=(r.answered_at or now) > r.promised_at,
        )
        for r in rows
    ]
    open_ = sorted((x for x in lines if x.answered_at is None), key=lambda x: (not x.overdue, x.promised_at))
    done = sorted((x for x in lines if x.answered_at is not None), key=lambda x: x.taken_at, reverse=True)
    return open_ + done


@requires(Role.SUPERVISOR, Role.ADMIN)
def cite(actor: Actor, enquiry_id: int, code: str, note: str, username: str = "") -> int:
    """Enter fault 14 or 19 with this log line as its evidence, against the clerk who took it
    (or `username`). Counts at once, as every fault a supervisor enters."""
    code = code.strip().upper()
    if code not in CITED:
        raise ServiceError("error.enquiry_fault", field="code")
    row = _get(actor, enquiry_id)
    user_id = row.taken_by_id
    if username.strip():
        clerk = User.get_or_none((User.username == username.strip()) & (User.depot == actor.depot_id))
        if clerk is None:
            raise ServiceError("error.user_unknown", field="username", username=username.strip())
        user_id = clerk.id
    waybill = Waybill.get_by_id(row.waybill_id).number if row.waybill_id else ""
    event = scoring.enter(
        actor, code, user_id, f"{row.taken_at:%Y-%m-%d}", note, waybill=waybill, enquiry_id=row.id
    )
    return event.id
