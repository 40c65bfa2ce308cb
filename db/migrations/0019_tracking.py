"""Tracking and the customer-service log (issue 23, parts 5 and 6): a waybill's class, the date
the shipper requires, the arrival its route promises and when it really arrived; the calls that
told a shipper or consignee their goods were late; the log of enquiries and complaints, which a
supervisor may cite as the evidence of a score event (faults 14 and 19).

Waybills issued before keep an empty class and no dates: they were never asked, and nothing is
invented for them, so they never show as late.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""

from peewee import *


def up(migrator, db):
    class Depot(Model):
        class Meta:
            database = db
            table_name = "depot"

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class Waybill(Model):
        class Meta:
            database = db
            table_name = "waybill"

    class OperationException(Model):
        class Meta:
            database = db
            table_name = "operation_exception"

    def fk(model, null=False):
        return ForeignKeyField(model, field=model.id, null=null, backref="+", on_delete="RESTRICT")

    class LateCall(Model):
        waybill = fk(Waybill)
        depot = fk(Depot)
        step = CharField(max_length=8)
        party = CharField(max_length=10)
        answer = CharField(max_length=10)
        note = TextField(default="")
        by = fk(User)
        at = DateTimeField()

        class Meta:
            database = db
            table_name = "late_call"

    class Enquiry(Model):
        depot = fk(Depot)
        kind = CharField(max_length=10)
        channel = CharField(max_length=8)
        caller_name = CharField(max_length=60, default="")
        caller_phone = CharField(max_length=20, default="")
        waybill = fk(Waybill, null=True)
        question = TextField()
        taken_by = fk(User)
        taken_at = DateTimeField(index=True)
        promised_at = DateTimeField()
        answer = TextField(default="")
        answered_by = fk(User, null=True)
        answered_at = DateTimeField(null=True)
        exception = fk(OperationException, null=True)

        class Meta:
            database = db
            table_name = "enquiry"

    db.create_tables([LateCall, Enquiry])
    migrator.migrate(
        migrator.add_column("waybill", "cargo_class", CharField(max_length=1, default="")),
        migrator.add_column("waybill", "required_by", DateField(null=True)),
        migrator.add_column("waybill", "expected_at", DateTimeField(null=True)),
        migrator.add_column("waybill", "due_at", DateTimeField(null=True)),
        migrator.add_column("waybill", "arrived_at", DateTimeField(null=True)),
        migrator.add_column("waybill", "arrived_on_time", BooleanField(null=True)),
        migrator.add_index("waybill", ("due_at",), False),
        migrator.add_column("score_event", "enquiry_id", fk(Enquiry, null=True)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("score_event", "enquiry_id"),
        migrator.drop_index("waybill", "waybill_due_at"),
        migrator.drop_column("waybill", "arrived_on_time"),
        migrator.drop_column("waybill", "arrived_at"),
        migrator.drop_column("waybill", "due_at"),
        migrator.drop_column("waybill", "expected_at"),
        migrator.drop_column("waybill", "required_by"),
        migrator.drop_column("waybill", "cargo_class"),
        migrator.drop_table("enquiry"),
        migrator.drop_table("late_call"),
    )
