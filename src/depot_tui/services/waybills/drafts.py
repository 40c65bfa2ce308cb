"""Drafts: a half-typed waybill survives a dropped link, Ctrl+Q or a crash of the terminal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...models import WaybillDraft, database_proxy
from .. import audit, clock
from ..actor import Actor
from .form import WaybillForm


@dataclass(frozen=True)
class Draft:
    id: int
    form: WaybillForm
    updated_at: dt.datetime


def save_draft(actor: Actor, form: WaybillForm, draft_id: int | None = None) -> int:
    """Keep what was typed; returns the draft's id (the same one on later saves). The same
    form kept twice without its id (a hang-up whose save landed just as the recovery file
    was written, both then saved) is one draft, not two."""
    now = clock.now()
    data = form.to_json()
    with database_proxy.atomic():
        mine = WaybillDraft.user == actor.user_id
        row = (
            WaybillDraft.get_or_none((WaybillDraft.id == draft_id) & mine)
            if draft_id
            else WaybillDraft.get_or_none((WaybillDraft.data == data) & mine)
        )
        if row is None:
            row = WaybillDraft.create(
                user=actor.user_id, depot=actor.depot_id, data=data, created_at=now, updated_at=now
            )
        else:
            row.data, row.updated_at = data, now
            row.save()
        audit.record(actor, "waybill.draft", "waybill_draft", row.id)
    return row.id


def latest_draft(actor: Actor) -> Draft | None:
    row = (
        WaybillDraft.select()
        .where(WaybillDraft.user == actor.user_id)
        .order_by(WaybillDraft.updated_at.desc())
        .first()
    )
    return Draft(row.id, WaybillForm.from_json(row.data), row.updated_at) if row else None


def discard_draft(actor: Actor, draft_id: int) -> None:
    with database_proxy.atomic():
        deleted = (
            WaybillDraft.delete()
            .where((WaybillDraft.id == draft_id) & (WaybillDraft.user == actor.user_id))
            .execute()
        )
        if deleted:
            audit.record(actor, "waybill.draft_discard", "waybill_draft", draft_id)
