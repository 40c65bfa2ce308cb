"""Leave, going out and overtime (R-6.11: "请假外出加班未按公司要求…申请者,将不算请假或外出及加班"):
a clerk asks in advance, a supervisor of the depot approves or refuses with a reason.

Approved leave shows on the roster, excuses lateness and absence on the shifts it covers, and
(kind "leave") costs full attendance (全勤) for its month; going out approved is not leaving
the post; overtime approved is on record for pay. A request asked and not yet decided may be
withdrawn by the clerk; nothing decided is changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import LeaveRequest, Role, User, database_proxy, ids_in, locked
from . import audit, checks, clock
from .actor import Actor, requires
from .errors import ServiceError

KINDS = ("leave", "out", "overtime")

#: The longest one request may run (a longer absence is several requests, or HR's business).
LONGEST = dt.timedelta(days=31)

#: How far back a start may lie when asked: the minute being typed, not an hour already gone.
SLACK = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class LeaveLine:
    id: int
    user_id: int
    name: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    reason: str
    status: str
    decided_by: str
    decision_reason: str


def _line(row: LeaveRequest, names: dict[int, str]) -> LeaveLine:
    return LeaveLine(
        row.id,
        row.user_id,
        names.get(row.user_id, ""),
        row.kind,
        row.starts_at,
        row.ends_at,
        row.reason,
        row.status,
        names.get(row.decided_by_id, "") if row.decided_by_id else "",
        row.decision_reason,
    )


def _names(rows: list[LeaveRequest]) -> dict[int, str]:
    ids = {r.user_id for r in rows} | {r.decided_by_id for r in rows if r.decided_by_id}
    return {u.id: u.name for u in User.select(User.id, User.name).where(ids_in(User, list(ids)))}


def ask(actor: Actor, kind: str, starts_at: dt.datetime, ends_at: dt.datetime, reason: str) -> LeaveRequest:
    """The actor asks, in advance, for leave, going out or overtime from `starts_at` to
    `ends_at`, with the reason. Refused: an unknown kind, an end not after the start, longer
    than a month, a start already past, or overlapping a request of theirs still standing."""
    if kind not in KINDS:
        raise ServiceError("error.leave_kind", field="kind")
    why = checks.optional_text(reason, "reason", max_length=200)
    if not why:
        raise ServiceError("error.required", field="reason")
    if ends_at <= starts_at:
        raise ServiceError("error.leave_order", field="ends_at")
    if ends_at - starts_at > LONGEST:
        raise ServiceError("error.leave_long", field="ends_at", days=LONGEST.days)
    now = clock.now()
    if starts_at < now - SLACK:
        raise ServiceError("error.leave_past", field="starts_at", now=f"{now:%m-%d %H:%M}")
    with database_proxy.atomic():
        clash = (
            LeaveRequest.select()
            .where(
                (LeaveRequest.user == actor.user_id)
                & LeaveRequest.status.in_(["asked", "approved"])
                & (LeaveRequest.starts_at < ends_at)
                & (LeaveRequest.ends_at > starts_at)
            )
            .first()
        )
        if clash is not None:
            raise ServiceError(
                "error.leave_overlap",
                field="starts_at",
                start=f"{clash.starts_at:%m-%d %H:%M}",
                end=f"{clash.ends_at:%m-%d %H:%M}",
            )
        row = LeaveRequest.create(
            user=actor.user_id, kind=kind, starts_at=starts_at, ends_at=ends_at, reason=why, applied_at=now
        )
        audit.record(
            actor,
            "leave.ask",
            "leave_request",
            row.id,
            new={"kind": kind, "starts_at": starts_at, "ends_at": ends_at},
            reason=why,
        )
        return row


def moment(text: str, field: str) -> dt.datetime:
    """A time as typed: 11-25 08:00, 2026-11-25 8:00 or 11-25 (the day's start); refused at
    `field` otherwise."""
    parts = checks.normal(text).split()
    if not parts or len(parts) > 2:
        raise ServiceError("error.leave_time", field=field)
    day = checks.day(parts[0], field, clock.now().date())
    hour, minute = 0, 0
    if len(parts) == 2:
        hh, sep, mm = parts[1].replace("：", ":").partition(":")
        if not (hh.isdigit() and (mm.isdigit() or not sep)) or int(hh) > 23 or int(mm or 0) > 59:
            raise ServiceError("error.leave_time", field=field)
        hour, minute = int(hh), int(mm or 0)
    return dt.datetime.combine(day, dt.time(hour, minute))


def ask_typed(actor: Actor, kind: str, starts: str, ends: str, reason: str) -> LeaveRequest:
    """`ask` with the times as the clerk typed them (see `moment`)."""
    return ask(actor, kind, moment(starts, "starts_at"), moment(ends, "ends_at"), reason)


def withdraw(actor: Actor, leave_id: int) -> None:
    """The clerk takes back a request of their own not yet decided."""
    with database_proxy.atomic():
        row = locked(LeaveRequest.select().where(LeaveRequest.id == leave_id)).first()
        if row is None or row.user_id != actor.user_id:
            raise ServiceError("error.leave_not_found")
        if row.status != "asked":
            raise ServiceError("error.leave_decided", status_key=f"leave.state.{row.status}")
        LeaveRequest.update(status="withdrawn").where(LeaveRequest.id == row.id).execute()
        audit.record(
            actor,
            "leave.withdraw",
            "leave_request",
            row.id,
            old={"status": "asked"},
            new={"status": "withdrawn"},
        )


@requires(Role.SUPERVISOR, Role.ADMIN)
def decide(actor: Actor, leave_id: int, approve: bool, reason: str = "") -> LeaveRequest:
    """Approve or refuse a request of a clerk of this depot; a refusal needs its reason."""
    why = checks.optional_text(reason, "reason", max_length=200)
    if not approve and not why:
        raise ServiceError("error.required", field="reason")
    with database_proxy.atomic():
        row = locked(
            LeaveRequest.select()
            .join(User, on=(LeaveRequest.user == User.id))
            .where((LeaveRequest.id == leave_id) & (User.depot == actor.depot_id))
        ).first()
        if row is None:
            raise ServiceError("error.leave_not_found")
        if row.status != "asked":
            raise ServiceError("error.leave_decided", status_key=f"leave.state.{row.status}")
        status = "approved" if approve else "refused"
        now = clock.now()
        LeaveRequest.update(
            status=status, decided_by=actor.user_id, decided_at=now, decision_reason=why
        ).where(LeaveRequest.id == row.id).execute()
        audit.record(
            actor,
            f"leave.{status}",
            "leave_request",
            row.id,
            old={"status": "asked"},
            new={"status": status},
            reason=why,
        )
        return LeaveRequest.get_by_id(row.id)


def mine(actor: Actor, limit: int = 50) -> list[LeaveLine]:
    """The actor's own requests, newest first."""
    rows = list(
        LeaveRequest.select()
        .where(LeaveRequest.user == actor.user_id)
        .order_by(LeaveRequest.starts_at.desc(), LeaveRequest.applied_at.desc())
        .limit(limit)
    )
    names = _names(rows)
    return [_line(r, names) for r in rows]


@requires(Role.SUPERVISOR, Role.ADMIN)
def listing(actor: Actor, limit: int = 200) -> list[LeaveLine]:
    """The depot's requests: those waiting for a decision first (oldest first), then the rest
    that have not ended, newest first."""
    now = clock.now()
    here = User.select(User.id).where(User.depot == actor.depot_id)
    waiting = list(
        LeaveRequest.select()
        .where(LeaveRequest.user.in_(here) & (LeaveRequest.status == "asked"))
        .order_by(LeaveRequest.applied_at)
    )
    rest = list(
        LeaveRequest.select()
        .where(LeaveRequest.user.in_(here) & (LeaveRequest.status != "asked") & (LeaveRequest.ends_at >= now))
        .order_by(LeaveRequest.starts_at.desc(), LeaveRequest.applied_at.desc())
        .limit(limit)
    )
    names = _names(waiting + rest)
    return [_line(r, names) for r in waiting + rest]
