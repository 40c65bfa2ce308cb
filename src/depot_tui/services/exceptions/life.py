"""An exception's life: reported, noted, owned, resolved, reopened (SOP 004 ch.3)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...codes import ExceptionKind, Severity
from ...models import ExceptionNote, OperationException, Role, User, Waybill, database_proxy
from .. import audit, checks, clock, scoring
from ..actor import Actor, requires
from ..errors import FormError, ServiceError

#: What caused it, as the head of department finds it. `intake_count` is fault 10's (R-5.10):
#: the pieces were counted wrong when the waybill was issued.
CAUSES = ("intake_count", "loading", "transit", "scan_error", "packing", "customer", "partner", "other")
#: Who bears it (fault 22's "负责产生的费用" falls on a clerk named here).
RESPONSIBLE = ("depot", "clerk", "driver", "partner", "customer", "none")


@dataclass(frozen=True)
class Report:
    """An exception reported by hand (异常业务汇报表), as typed."""

    kind: str
    severity: str = Severity.MINOR.value
    waybill: str = ""  # its number, if a waybill is at hand
    pieces: str = ""
    seen: str = ""  # what was seen


@dataclass(frozen=True)
class Resolution:
    """What the head of department decided, as typed."""

    cause: str
    result: str
    responsible: str = "none"
    responsible_user: str = ""  # a user name, when a clerk is responsible
    compensation: str = ""
    charges: str = ""


def _step(actor: Actor, exception_id: int, kind: str, text: str) -> None:
    ExceptionNote.create(exception=exception_id, at=clock.now(), by=actor.user_id, kind=kind, text=text)


def _concerned(actor: Actor, row: OperationException) -> bool:
    """The depot that found it, and the depot the waybill came from, follow it up."""
    if actor.role == Role.ADMIN or row.depot_id == actor.depot_id:
        return True
    origin = Waybill.select(Waybill.origin_depot).where(Waybill.id == row.waybill_id).scalar()
    return origin == actor.depot_id


def _get(actor: Actor, exception_id: int) -> OperationException:
    row = OperationException.get_or_none(OperationException.id == exception_id)
    if row is None or not _concerned(actor, row):
        raise ServiceError("error.exception_unknown")
    return row


def report(actor: Actor, form: Report) -> int:
    """A clerk reports what he found (a complaint, late goods, damage at the counter, a rule
    broken): kind, severity, the waybill if one is at hand, pieces, what was seen."""
    errors: list[ServiceError] = []
    if form.kind not in ExceptionKind.__members__.values():
        errors.append(ServiceError("error.choice", field="kind"))
    if form.severity not in Severity.__members__.values():
        errors.append(ServiceError("error.choice", field="severity"))
    waybill = None
    if form.waybill.strip():
        waybill = Waybill.get_or_none(Waybill.number == form.waybill.strip().upper())
        if waybill is None:
            errors.append(ServiceError("error.waybill_unknown", field="waybill", number=form.waybill.strip()))
    pieces = 0
    if form.pieces.strip():
        try:
            pieces = checks.pieces(form.pieces)
        except ServiceError as exc:
            errors.append(ServiceError(exc.key, field="pieces", **exc.params))
    seen = ""
    try:
        seen = checks.reason(form.seen)
    except ServiceError as exc:
        errors.append(ServiceError(exc.key, field="seen", **exc.params))
    if errors:
        raise FormError(errors)
    with database_proxy.atomic():
        row = OperationException.create(
            depot=actor.depot_id,
            kind=form.kind,
            severity=form.severity,
            waybill=waybill.id if waybill else None,
            pieces=pieces,
            description=seen,
            found_by=actor.user_id,
            found_at=clock.now(),
        )
        _step(actor, row.id, "report", seen)
        audit.record(
            actor,
            "exception.report",
            "exception",
            row.id,
            new={"kind": form.kind, "severity": form.severity, "waybill": waybill.number if waybill else ""},
        )
    return row.id


def note(actor: Actor, exception_id: int, text: str) -> None:
    """A follow-up (called the consignee, searched the truck): with its time and author."""
    said = checks.reason(text)
    with database_proxy.atomic():
        row = _get(actor, exception_id)
        _step(actor, row.id, "note", said)
        audit.record(actor, "exception.note", "exception", row.id, new={"note": said})


@requires(Role.SUPERVISOR, Role.ADMIN)
def assign(actor: Actor, exception_id: int, username: str) -> None:
    """Who follows it up, named by the supervisor."""
    with database_proxy.atomic():
        row = _get(actor, exception_id)
        owner = User.get_or_none((User.username == username.strip()) & User.active)
        if owner is None:
            raise ServiceError("error.user_unknown", field="owner", username=username.strip())
        old = row.owner_id
        row.owner_id = owner.id
        row.save()
        _step(actor, row.id, "owner", owner.name)
        audit.record(
            actor, "exception.assign", "exception", row.id, old={"owner": old}, new={"owner": owner.id}
        )


def _money(text: str, field: str) -> Decimal:
    return checks.money(text, field) if text.strip() else Decimal("0")


@requires(Role.SUPERVISOR, Role.ADMIN)
def resolve(actor: Actor, exception_id: int, form: Resolution) -> None:
    """Closed with a result (nothing is closed without one): the cause, who is responsible, the
    money. A short or over piece resolved as counted wrong at intake proposes fault 10 against
    the clerk who issued the waybill."""
    errors: list[ServiceError] = []
    if form.cause not in CAUSES:
        errors.append(ServiceError("error.choice", field="cause"))
    if form.responsible not in RESPONSIBLE:
        errors.append(ServiceError("error.choice", field="responsible"))
    if not form.result.strip():
        errors.append(ServiceError("error.resolve_needs_result", field="result"))
    values: dict[str, Decimal] = {}
    for name in ("compensation", "charges"):
        try:
            values[name] = _money(getattr(form, name), name)
        except ServiceError as exc:
            errors.append(exc)
    person = None
    if form.responsible_user.strip():
        person = User.get_or_none(User.username == form.responsible_user.strip())
        if person is None:
            errors.append(
                ServiceError("error.user_unknown", field="responsible_user", username=form.responsible_user)
            )
    if errors:
        raise FormError(errors)
    result = checks.reason(form.result)
    with database_proxy.atomic():
        row = _get(actor, exception_id)
        if row.resolved_at is not None:
            raise ServiceError("error.exception_resolved")
        now = clock.now()
        row.resolved_by_id, row.resolved_at, row.resolution = actor.user_id, now, result
        row.cause, row.responsible = form.cause, form.responsible
        row.responsible_user_id = person.id if person else None
        row.compensation, row.charges = values["compensation"], values["charges"]
        row.save()
        _step(actor, row.id, "resolve", result)
        audit.record(
            actor,
            "exception.resolve",
            "exception",
            row.id,
            new={"cause": form.cause, "responsible": form.responsible, **values},
            reason=result,
        )
        if form.cause == "intake_count" and row.kind in (ExceptionKind.SHORT, ExceptionKind.OVER):
            _propose_intake_count(actor, row, result)


def _propose_intake_count(actor: Actor, row: OperationException, result: str) -> None:
    waybill = Waybill.get_or_none(Waybill.id == row.waybill_id)
    if waybill is None:
        return
    scoring.propose(
        actor,
        "F10",
        user_id=waybill.issued_by_id,
        depot_id=waybill.origin_depot_id,
        note=f"{row.description}；{result}",
        waybill_id=waybill.id,
        exception_id=row.id,
        # R-5.10 "并负责少件的责任": the money decided, when the head found the clerk responsible
        liable=Decimal(row.compensation) + Decimal(row.charges) if row.responsible == "clerk" else Decimal(0),
    )


@requires(Role.SUPERVISOR, Role.ADMIN)
def reopen(actor: Actor, exception_id: int, reason: str) -> None:
    """Open again, with the reason (the goods turned up after all, the customer came back);
    the resolution it had stays in its history."""
    why = checks.reason(reason)
    with database_proxy.atomic():
        row = _get(actor, exception_id)
        if row.resolved_at is None:
            raise ServiceError("error.exception_open")
        old = {"resolved_at": f"{row.resolved_at:%Y-%m-%d %H:%M}", "resolution": row.resolution}
        row.resolved_by_id, row.resolved_at = None, None
        row.save()
        _step(actor, row.id, "reopen", why)
        audit.record(actor, "exception.reopen", "exception", row.id, old=old, reason=why)
