"""Fault 21 seen from the real-name uploads (R-2.18; R-5.21, "未按要求上传云递安APP扣1分/天"): a clerk's
shift here that ended with fewer uploads of his than `upload.daily_quota` is proposed once, for
the supervisor to decide (a quiet day with fewer than five waybills is hers to reject).

Counted only from the depot's first upload recorded: a depot that has not taken up the count is
not proposed against for every shift before it did.
"""

from __future__ import annotations

import datetime as dt

from ...models import RealNameUpload, Role, ScoreEvent, ScoreRule, Shift, User
from .. import clock, settings
from ..actor import Actor, requires
from .rules import _month, propose


@requires(Role.SUPERVISOR, Role.ADMIN)
def propose_shortfall(actor: Actor, window: dt.timedelta, closed: set[str]) -> int:
    """F21 once for each clerk's shift here that ended within `window` short of the quota.
    Caller holds the transaction."""
    first = (
        RealNameUpload.select(RealNameUpload.at)
        .where(RealNameUpload.depot == actor.depot_id)
        .order_by(RealNameUpload.at)
        .first()
    )
    if first is None:
        return 0
    quota = int(settings.get("upload.daily_quota", actor.depot_id))
    now = clock.now()
    shifts = list(
        Shift.select(Shift, User)
        .join(User)
        .where(
            (Shift.depot == actor.depot_id)
            & (User.role == Role.CLERK)
            & (Shift.planned_end < now)
            & (Shift.planned_end >= max(now - window, first.at))
        )
    )
    filed = {
        e.shift_id
        for e in ScoreEvent.select(ScoreEvent.shift)
        .join(ScoreRule)
        .where((ScoreRule.code == "F21") & ScoreEvent.shift.in_([s.id for s in shifts]))
    }
    count = 0
    for shift in shifts:
        if shift.id in filed or _month(shift.planned_start) in closed:
            continue
        made = (
            RealNameUpload.select()
            .where(
                (RealNameUpload.user == shift.user_id)
                & (RealNameUpload.at >= shift.planned_start)
                & (RealNameUpload.at < shift.planned_end)
            )
            .count()
        )
        if made >= quota:
            continue
        propose(
            actor,
            "F21",
            user_id=shift.user_id,
            depot_id=shift.depot_id,
            shift_id=shift.id,
            note=f"实名上传 {made} 票，少于 {quota} 票（{shift.planned_start:%m-%d %H:%M} 起的班）",
            at=shift.planned_start,
        )
        count += 1
    return count
