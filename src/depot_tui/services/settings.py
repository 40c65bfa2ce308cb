"""Business settings the company changes (rates, limits, shift rules), stored as data.

A setting is looked up for a depot first, then globally, then in DEFAULTS below.
"""

from __future__ import annotations

import json
from typing import Any

from ..models import Role, Setting, database_proxy
from . import audit, clock
from .actor import Actor, requires

DEFAULTS: dict[str, Any] = {
    # insurance fee 3 per mille of declared value, rounded up to a whole yuan.
    "insurance.rate": "0.003",
    "insurance.rounding": "up_yuan",
    # Login: this many wrong passwords in a row lock the account for this many minutes.
    "auth.max_failures": 5,
    "auth.lock_minutes": 15,
    "auth.min_password_length": 8,
    # Printing: "outbox" writes files to the outbox folder; anything else is a shell command.
    "print.command": "outbox",
    # The printer font for Chinese on ZPL labels (a font stored on the label printer).
    "print.label_font": "E:SIMSUN.TTF",
    # a clerk may issue from this many minutes before their shift until this many after.
    "issue.grace_minutes": 60,
    # Consignee must be notified within this many hours of arrival (fault 15).
    "notify.deadline_hours": 24,
    # Return receipts: a step is overdue this many days after the one before it (goods handed
    # over -> signed -> returned to the origin depot -> handed to the shipper).
    "receipt.sign_days": 1,
    "receipt.return_days": 7,
    "receipt.hand_days": 3,
    # Score: bands are lower bounds, checked top down; money per point is a setting.
    "score.grades": [[90, "A"], [80, "B"], [70, "C"], [65, "D"], [60, "E"], [0, "F"]],
    "score.money_per_point": "10",
    "score.money_base": 80,  # the score paid neither more nor less (a peer pays 10 yuan a point around 80)
}


def get(key: str, depot_id: int | None = None) -> Any:
    rows = {
        row.depot_id: row.value
        for row in Setting.select().where(
            (Setting.key == key) & ((Setting.depot == depot_id) | Setting.depot.is_null())
        )
    }
    if depot_id is not None and depot_id in rows:
        return json.loads(rows[depot_id])
    if None in rows:
        return json.loads(rows[None])
    if key not in DEFAULTS:
        raise KeyError(key)
    return DEFAULTS[key]


@requires(Role.SUPERVISOR, Role.ADMIN)
def put(actor: Actor, key: str, value: Any, *, depot_id: int | None = None, reason: str = "") -> None:
    """Change a setting for one depot (or all, with depot_id None); audited old -> new."""
    if key not in DEFAULTS:
        raise KeyError(key)
    with database_proxy.atomic():
        old = get(key, depot_id)
        row = Setting.get_or_none(
            (Setting.key == key)
            & (Setting.depot.is_null() if depot_id is None else Setting.depot == depot_id)
        )
        text = json.dumps(value, ensure_ascii=False)
        if row is None:
            Setting.create(
                key=key, depot=depot_id, value=text, changed_by=actor.user_id, changed_at=clock.now()
            )
        else:
            row.value, row.changed_by, row.changed_at = text, actor.user_id, clock.now()
            row.save()
        audit.record(
            actor, "setting.put", "setting", key, old=old, new=value, reason=reason, depot_id=depot_id
        )
