"""Shift handovers and their items."""

from __future__ import annotations

from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from .base import BaseModel, _money
from .people import Depot, Shift, User
from .trucks import OperationException


class Handover(BaseModel):
    """交接班: the outgoing shift's summary, the items counted, and the incoming clerk's answer."""

    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    from_shift = ForeignKeyField(Shift, backref="handovers_out", on_delete="RESTRICT")
    to_shift = ForeignKeyField(Shift, null=True, backref="handovers_in", on_delete="RESTRICT")
    status = CharField(max_length=12, default="draft")  # draft, submitted, accepted, disputed
    summary = TextField()  # JSON snapshot assembled by the system
    instructions = TextField(default="")  # unused: instructions are items (kind instruction), each disputable
    cash_system = _money(default=0)
    cash_counted = _money(null=True)
    cash_note = TextField(default="")
    override_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    override_reason = TextField(default="")
    started_at = DateTimeField()
    submitted_at = DateTimeField(null=True)
    accepted_at = DateTimeField(null=True)


class HandoverItem(BaseModel):
    """One line of a handover: an open matter, an instruction or a counted item."""

    handover = ForeignKeyField(Handover, backref="items", on_delete="CASCADE")
    kind = CharField(max_length=12)  # matter, instruction, count
    subject = CharField(max_length=120)
    cause = TextField(default="")
    course = TextField(default="")
    result = TextField(default="")
    expected = CharField(max_length=40, default="")
    counted = CharField(max_length=40, default="")
    status = CharField(max_length=10, default="pending")  # pending, accepted, disputed, settled
    dispute_note = TextField(default="")
    # the exception a matter was made for
    exception = ForeignKeyField(OperationException, null=True, backref="+", on_delete="RESTRICT")
    settled_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")  # the supervisor
    settled_at = DateTimeField(null=True)
    settled_note = TextField(default="")
