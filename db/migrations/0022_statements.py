"""Monthly customers' statements (issue 24, part 3): 对账单 and their lines, one statement per
waybill at most.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""

from peewee import *


def up(migrator, db):
    def table(name):
        class Table(Model):
            class Meta:
                database = db
                table_name = name

        return Table

    Customer, Depot, User, Waybill = (table(n) for n in ("customer", "depot", "user", "waybill"))
    money = dict(max_digits=12, decimal_places=2, auto_round=False)

    def fk(model, null=False, **more):
        return ForeignKeyField(model, field=model.id, null=null, backref="+", on_delete="RESTRICT", **more)

    class Statement(Model):
        number = CharField(max_length=24, unique=True)
        customer = fk(Customer)
        depot = fk(Depot)
        start = DateField()
        end = DateField()
        total = DecimalField(**money)
        status = CharField(max_length=10, index=True)
        issued_by = fk(User)
        issued_at = DateTimeField()
        checked_by = fk(User, null=True)
        checked_at = DateTimeField(null=True)
        sent_at = DateTimeField(null=True)
        confirmed_at = DateTimeField(null=True)
        invoice_no = CharField(max_length=40, default="")
        invoiced_at = DateTimeField(null=True)
        paid_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "statement"

    class StatementLine(Model):
        statement = ForeignKeyField(Statement, field=Statement.id, backref="lines", on_delete="RESTRICT")
        waybill = fk(Waybill, unique=True)
        amount = DecimalField(**money)
        disputed = BooleanField(default=False)
        dispute_note = TextField(default="")

        class Meta:
            database = db
            table_name = "statement_line"

    db.create_tables([Statement, StatementLine])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("statement_line"), migrator.drop_table("statement"))
