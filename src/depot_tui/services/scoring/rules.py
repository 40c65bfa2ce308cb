"""The score rules in force on a day (rules change from a date on), and proposals: a fault the
system sees becomes a proposal that counts for nothing until a supervisor confirms it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ...models import Role, ScoreEvent, ScoreMonth, ScoreRule, ScoreStatus, database_proxy
from .. import audit, checks, clock
from ..actor import Actor, requires
from ..errors import PermissionDenied, ServiceError


def rule_in_force(code: str, day: dt.date) -> ScoreRule:
    """The version of rule `code` that applies on `day` (rules change from a date on)."""
    return (
        ScoreRule.select()
        .where(
            (ScoreRule.code == code)
            & (ScoreRule.valid_from <= day)
            & (ScoreRule.valid_to.is_null() | (ScoreRule.valid_to >= day))
        )
        .order_by(ScoreRule.valid_from.desc())
        .get()
    )


#: Faults a clerk's own work shows to the system, proposed from that clerk's session: a
#: correction after issue (F02-F05, F07), an unpaid quote (F08), a re-weigh off by more than the
#: tolerance (F09), a short arrival (F10), a late notice (F15), a missed handover (F20).
SYSTEM_PROPOSED = frozenset({"F02", "F03", "F04", "F05", "F07", "F08", "F09", "F10", "F15", "F20"})


def propose(
    actor: Actor,
    code: str,
    *,
    user_id: int,
    depot_id: int,
    note: str,
    waybill_id: int | None = None,
    manifest_id: int | None = None,
    exception_id: int | None = None,
    shift_id: int | None = None,
    handover_id: int | None = None,
    roster_day_id: int | None = None,
    at: dt.datetime | None = None,
    liable: Decimal = Decimal("0.00"),
) -> ScoreEvent:
    """Propose fault `code` against a clerk. Call inside the transaction that saw the fault.

    The services propose as whoever's work showed the fault, a clerk's session too; so a
    clerk's session may propose only the faults the system itself sees (SYSTEM_PROPOSED),
    never a bonus, nor any other rule: a clerk could otherwise put a +10 for himself in the
    supervisor's queue. Supervisors enter the rest (`enter`)."""
    if not actor.is_supervisor and code not in SYSTEM_PROPOSED:
        raise PermissionDenied("error.permission", action="propose", role_key=f"role.{actor.role.value}")
    at = at or clock.now()
    rule = rule_in_force(code, at.date())
    event = ScoreEvent.create(
        user=user_id,
        depot=depot_id,
        rule=rule.id,
        month=f"{at:%Y-%m}",
        occurred_at=at,
        points=rule.points,
        status=ScoreStatus.PROPOSED,
        source="auto",
        waybill=waybill_id,
        manifest=manifest_id,
        exception=exception_id,
        shift=shift_id,
        handover=handover_id,
        roster_day=roster_day_id,
        liable=liable,
        note=note,
        proposed_by=actor.user_id,
        proposed_at=clock.now(),
    )
    audit.record(
        actor,
        "score.propose",
        "score_event",
        event.id,
        depot_id=depot_id,
        new={
            "rule": code,
            "user": user_id,
            "points": rule.points,
            "waybill": waybill_id,
            "note": note,
            "liable": f"{liable:.2f}",
        },
    )
    return event


def _month(day: dt.date | dt.datetime) -> str:
    return f"{day:%Y-%m}"


def _open_month(depot_id: int, month: str) -> None:
    """Refuse a change to a closed month: it was paid as it stands."""
    row = ScoreMonth.get_or_none((ScoreMonth.depot == depot_id) & (ScoreMonth.month == month))
    if row is not None and row.closed:
        raise ServiceError("error.score_month_closed", month=month)


def _last_day(month: str) -> dt.date:
    year, number = (int(x) for x in month.split("-"))
    first_next = dt.date(year + number // 12, number % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _points(text: str) -> Decimal:
    """Points as typed for a rule: -100 to 100, one decimal at most (-1, -2, 0.5, +10)."""
    raw = checks.normal(text).replace("＋", "+")
    try:
        value = Decimal(raw)
    except ArithmeticError:
        raise ServiceError("error.score_points", field="points") from None
    if not value.is_finite() or abs(value) > 100 or value != value.quantize(Decimal("0.1")):
        raise ServiceError("error.score_points", field="points")
    return value.quantize(Decimal("0.1"))


@requires(Role.SUPERVISOR, Role.ADMIN)
def change_rule(actor: Actor, code: str, points: str, from_day: str) -> ScoreRule:
    """A rule's points from a day on: the version in force ends the day before, events of open
    months from that day take the new points, and a closed month keeps what it was paid.
    Refused from a day inside a closed month."""
    today = clock.now().date()
    when = checks.day(from_day, "from_day", today)
    value = _points(points)
    with database_proxy.atomic():
        try:
            current = rule_in_force(code, when)
        except ScoreRule.DoesNotExist:
            raise ServiceError("error.score_rule_unknown", field="code", code=code) from None
        if ScoreMonth.select().where(ScoreMonth.closed & (ScoreMonth.month >= _month(when))).exists():
            raise ServiceError("error.score_rule_closed_month", field="from_day", month=_month(when))
        if ScoreRule.select().where((ScoreRule.code == code) & (ScoreRule.valid_from > when)).exists():
            raise ServiceError("error.score_rule_later", field="from_day")
        if current.valid_from == when:
            raise ServiceError("error.score_rule_same_day", field="from_day")
        ScoreRule.update(valid_to=when - dt.timedelta(days=1)).where(ScoreRule.id == current.id).execute()
        rule = ScoreRule.create(
            code=code,
            name_zh=current.name_zh,
            name_en=current.name_en,
            points=value,
            unit=current.unit,
            escalation=current.escalation,
            valid_from=when,
            created_by=actor.user_id,
            created_at=clock.now(),
        )
        moved = (
            ScoreEvent.update(points=value, rule=rule.id)
            .where(
                (ScoreEvent.rule == current.id)
                & (ScoreEvent.occurred_at >= dt.datetime.combine(when, dt.time()))
                & ScoreEvent.status.in_([ScoreStatus.PROPOSED, ScoreStatus.CONFIRMED])
            )
            .execute()
        )
        audit.record(
            actor,
            "score.rule_change",
            "score_rule",
            rule.id,
            old={"code": code, "points": f"{current.points}", "valid_from": current.valid_from},
            new={"points": f"{value}", "valid_from": when, "events_moved": moved},
        )
        return rule


def rules_on(day: dt.date) -> list[ScoreRule]:
    """Every rule as it stands on `day`, by code (F7's rule list)."""
    rows = (
        ScoreRule.select()
        .where((ScoreRule.valid_from <= day) & (ScoreRule.valid_to.is_null() | (ScoreRule.valid_to >= day)))
        .order_by(ScoreRule.code, ScoreRule.valid_from.desc())
    )
    latest: dict[str, ScoreRule] = {}
    for rule in rows:
        latest.setdefault(rule.code, rule)
    return list(latest.values())
