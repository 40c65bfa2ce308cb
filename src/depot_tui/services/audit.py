"""The append-only audit log: one record per business write, inside that write's transaction."""

from __future__ import annotations

import json
from typing import Any

from ..models import AuditLog
from . import clock
from .actor import Actor


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object = None,
    *,
    old: Any = None,
    new: Any = None,
    reason: str = "",
    depot_id: int | None = None,
) -> AuditLog:
    """Write who did `action` to `entity` and when, with old -> new and why.

    Call it inside the operation's own `atomic()` block so the record and the change stand or
    fall together. Console actions carry no user id; their OS account is in `new`/`reason`.
    """
    return AuditLog.create(**_row(actor, action, entity, entity_id, old, new, reason, depot_id))


def _row(
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object,
    old: Any,
    new: Any,
    reason: str,
    depot_id: int | None,
) -> dict[str, Any]:
    return {
        "at": clock.now(),
        "user": actor.user_id,
        "session": actor.session_id,
        "depot": depot_id if depot_id is not None else actor.depot_id,
        "action": action,
        "entity": entity,
        "entity_id": None if entity_id is None else str(entity_id),
        "old": _json(old),
        "new": _json(new),
        "reason": reason if actor.user_id is not None else f"[{actor.username}] {reason}".strip(),
    }


def record_many(
    actor: Actor,
    action: str,
    entity: str,
    changes: list[tuple[object, Any, Any]],
    *,
    reason: str = "",
    depot_id: int | None = None,
) -> int:
    """One record per (entity id, old, new) of a bulk write (an imported price table), written
    200 to a statement rather than one statement each (a round trip each on PostgreSQL)."""
    rows = [_row(actor, action, entity, key, old, new, reason, depot_id) for key, old, new in changes]
    for start in range(0, len(rows), 200):
        AuditLog.insert_many(rows[start : start + 200]).execute()
    return len(rows)
