"""After arrival: consignee notices, releases on notice, payments, pickups, deliveries, transfers
to partner lines, return receipts; monthly customers' statements (对账单).
"""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from .base import BaseModel, _money
from .people import Depot, Shift, User
from .waybills import Customer, Partner, Waybill


class ConsigneeNotice(BaseModel):
    """通知提货: who told the consignee, when, how and what they answered."""

    waybill = ForeignKeyField(Waybill, backref="notices", on_delete="RESTRICT")
    by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    at = DateTimeField()
    method = CharField(max_length=10)  # phone, sms, other
    answer = CharField(max_length=12)  # will_come, deliver, no_answer
    note = TextField(default="")


class Release(BaseModel):
    """等通知放货 released (R-3.3): the shipper's 可放货 photo or a confirming call."""

    waybill = ForeignKeyField(Waybill, backref="releases", on_delete="RESTRICT")
    authorised_by = CharField(max_length=60)  # the shipper's name
    method = CharField(max_length=10)  # photo, phone
    evidence = TextField(default="")  # photo reference or the number called
    recorded_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    recorded_at = DateTimeField()


class Payment(BaseModel):
    """Money taken at the counter: freight now, collect-freight, delivery fee; a refund is a
    negative amount with its reason (services/money.py). Feeds handover cash and the day's money."""

    by_id: int  # the foreign key's raw value (peewee adds it), for the type checker

    waybill = ForeignKeyField(Waybill, backref="payments", on_delete="RESTRICT")
    purpose = CharField(max_length=12)  # freight, collect, delivery
    amount = _money()
    method = CharField(max_length=12)  # cash, wechat, alipay, bank
    reference = CharField(max_length=40, default="")  # the transaction number of wechat, alipay, bank
    reason = TextField(default="")  # why, for a refund (a negative amount)
    by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    shift = ForeignKeyField(Shift, null=True, backref="payments", on_delete="RESTRICT")
    at = DateTimeField()


class Pickup(BaseModel):
    """提货登记: the collector's ID number (GB 11643) and signature name, pieces taken."""

    waybill = ForeignKeyField(Waybill, backref="pickups", on_delete="RESTRICT")
    pieces = IntegerField()
    collector_name = CharField(max_length=60)
    collector_id_number = CharField(max_length=18)
    signature_name = CharField(max_length=60)
    by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    at = DateTimeField()


class Delivery(BaseModel):
    """送货: planned for a day (who planned it: recorded_by/at), then delivered or failed with
    a reason and the signer (who recorded that: done_by/at). A failed delivery stays as it was;
    the next attempt is a new row."""

    waybill = ForeignKeyField(Waybill, backref="deliveries", on_delete="RESTRICT")
    day = DateField(index=True)
    mode = CharField(max_length=12)
    address = CharField(max_length=200)
    agreed_time = CharField(max_length=40, default="")
    status = CharField(max_length=10, default="planned")  # planned, delivered, failed
    failure_reason = TextField(default="")
    signer = CharField(max_length=60, default="")
    pieces = IntegerField(default=0)  # handed over on delivery
    recorded_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    recorded_at = DateTimeField()
    done_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    done_at = DateTimeField(null=True)


class Transfer(BaseModel):
    """中转登记: goods handed to a partner line; the rebate must be marked (fault 6)."""

    waybill = ForeignKeyField(Waybill, backref="transfers", on_delete="RESTRICT")
    partner = ForeignKeyField(Partner, backref="transfers", on_delete="RESTRICT")
    partner_waybill_number = CharField(max_length=40)
    fee = _money()
    rebate = _money(default=0)
    rebate_marked = BooleanField(default=False)
    pieces = IntegerField(default=0)  # handed to the partner
    by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    at = DateTimeField()


class ReturnReceipt(BaseModel):
    """回单登记: not yet signed -> signed -> returned to origin depot -> handed to the shipper."""

    waybill = ForeignKeyField(Waybill, backref="return_receipts", on_delete="RESTRICT", unique=True)
    copies = IntegerField()
    status = CharField(max_length=10, default="unsigned", index=True)  # the open ones are few
    signed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    signed_at = DateTimeField(null=True)
    returned_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    returned_at = DateTimeField(null=True)
    handed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    handed_at = DateTimeField(null=True)
    handed_to = CharField(max_length=60, default="")  # who took it for the shipper


class Statement(BaseModel):
    """对账单 (SOP 004 ch.7): a monthly customer's waybills of a period, drawn up by a clerk,
    checked by a supervisor (finance), sent, confirmed by the customer (or disputed line by
    line), invoiced and paid. Each step's time and who; never deleted."""

    customer_id: int  # the foreign keys' raw values (peewee adds them), for the type checker
    depot_id: int
    issued_by_id: int
    checked_by_id: int | None

    number = CharField(max_length=24, unique=True)
    customer = ForeignKeyField(Customer, backref="+", on_delete="RESTRICT")
    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    start = DateField()
    end = DateField()
    total = _money()
    status = CharField(
        max_length=10, index=True
    )  # issued, checked, sent, disputed, confirmed, invoiced, paid
    issued_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    issued_at = DateTimeField()
    checked_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    checked_at = DateTimeField(null=True)
    sent_at = DateTimeField(null=True)
    confirmed_at = DateTimeField(null=True)
    invoice_no = CharField(max_length=40, default="")
    invoiced_at = DateTimeField(null=True)
    paid_at = DateTimeField(null=True)


class StatementLine(BaseModel):
    """One waybill on a statement, at most one statement each (unique), with the customer's
    dispute of it if any."""

    statement_id: int  # the foreign keys' raw values (peewee adds them), for the type checker
    waybill_id: int

    statement = ForeignKeyField(Statement, backref="lines", on_delete="RESTRICT")
    waybill = ForeignKeyField(Waybill, unique=True, backref="+", on_delete="RESTRICT")
    amount = _money()
    disputed = BooleanField(default=False)
    dispute_note = TextField(default="")
