"""The score: rules valid from a date, events proposed and decided, appeals, closed months."""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, TextField

from ..codes import ScoreStatus
from .base import BaseModel, DecimalField
from .handover import Handover
from .people import Depot, RosterDay, Shift, User
from .trucks import Enquiry, Manifest, OperationException
from .waybills import Waybill


class ScoreRule(BaseModel):
    """A fault, bonus or attendance rule (R-5, R-6) from a date on; past months keep theirs."""

    code = CharField(max_length=16)
    name_zh = CharField(max_length=80)
    name_en = CharField(max_length=80)
    points = DecimalField(max_digits=5, decimal_places=1, auto_round=False)  # - deduct, + bonus
    unit = CharField(max_length=10)  # waybill, time, day, truck, month
    escalation = TextField(default="")  # JSON, e.g. counts -> points for repeated short lateness
    valid_from = DateField()
    valid_to = DateField(null=True)
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    created_at = DateTimeField()

    class Meta:
        indexes = ((("code", "valid_from"), True),)


class ScoreEvent(BaseModel):
    """A proposed or entered deduction/bonus for one clerk; counts only once confirmed."""

    roster_day_id: int | None
    shift_id: int | None

    user = ForeignKeyField(User, backref="score_events", on_delete="RESTRICT")
    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    rule = ForeignKeyField(ScoreRule, backref="events", on_delete="RESTRICT")
    month = CharField(max_length=7, index=True)  # YYYY-MM
    occurred_at = DateTimeField()
    points = DecimalField(max_digits=5, decimal_places=1, auto_round=False)
    status = CharField(max_length=12, default=ScoreStatus.PROPOSED)
    source = CharField(max_length=8)  # auto, manual
    waybill = ForeignKeyField(Waybill, null=True, backref="+", on_delete="RESTRICT")
    manifest = ForeignKeyField(Manifest, null=True, backref="+", on_delete="RESTRICT")
    handover = ForeignKeyField(Handover, null=True, backref="+", on_delete="RESTRICT")
    shift = ForeignKeyField(Shift, null=True, backref="+", on_delete="RESTRICT")
    exception = ForeignKeyField(OperationException, null=True, backref="+", on_delete="RESTRICT")
    enquiry = ForeignKeyField(Enquiry, null=True, backref="+", on_delete="RESTRICT")  # F14/F19's evidence
    # Money the clerk is liable for beside the points (R-5.8 "并负责不够运费", R-5.10 "并负责少件的
    # 责任", R-5.22 "负责产生的费用"): the month's money shows and exports it.
    liable = DecimalField(max_digits=10, decimal_places=2, auto_round=False, default=0)
    note = TextField(default="")
    proposed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    proposed_at = DateTimeField()
    decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    decided_at = DateTimeField(null=True)
    decision_reason = TextField(default="")
    notified_at = DateTimeField(null=True)  # when the clerk was shown it confirmed: the appeal window opens
    roster_day = ForeignKeyField(
        RosterDay, null=True, backref="+", on_delete="RESTRICT"
    )  # a shift not worked


class Appeal(BaseModel):
    """A clerk's dispute of a score event, within 5 working days."""

    event = ForeignKeyField(ScoreEvent, backref="appeals", on_delete="RESTRICT")
    by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    at = DateTimeField()
    reason = TextField()
    status = CharField(max_length=12, default="open")  # open, upheld, overturned
    decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    decided_at = DateTimeField(null=True)
    decision_reason = TextField(default="")


class ScoreMonth(BaseModel):
    """Month close: a closed month is frozen; reopening needs an admin and a reason (audited)."""

    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    month = CharField(max_length=7)
    closed = BooleanField(default=False)
    closed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    closed_at = DateTimeField(null=True)
    praised = TextField(default="[]")  # JSON list of user ids praised this month (+10 bonus)
    result = TextField(default="")  # JSON: every clerk's score as closed (frozen: rule changes leave it)

    class Meta:
        indexes = ((("depot", "month"), True),)
