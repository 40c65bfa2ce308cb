"""Customers in the back office (issue 20): a monthly account's credit limit and statement day,
and agreed prices (协议价), each a discount off the depot's table from a day on, in force once
a supervisor approved it.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    class Depot(Model):
        class Meta:
            database = db
            table_name = 'depot'

    class User(Model):
        class Meta:
            database = db
            table_name = 'user'

    class Customer(Model):
        class Meta:
            database = db
            table_name = 'customer'

    class Agreement(Model):
        customer = ForeignKeyField(Customer, field=Customer.id, backref='agreements', on_delete='RESTRICT')
        depot = ForeignKeyField(Depot, field=Depot.id, backref='+', on_delete='RESTRICT')
        discount = DecimalField(max_digits=5, decimal_places=4, auto_round=False)
        valid_from = DateField()
        valid_to = DateField(null=True)
        status = CharField(max_length=12)
        note = TextField(default='')
        proposed_by = ForeignKeyField(User, field=User.id, null=True, backref='+', on_delete='RESTRICT')
        proposed_at = DateTimeField()
        decided_by = ForeignKeyField(User, field=User.id, null=True, backref='+', on_delete='RESTRICT')
        decided_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = 'agreement'

    migrator.migrate(
        migrator.add_column(
            'customer', 'credit_limit', DecimalField(max_digits=12, decimal_places=2, auto_round=False, null=True)),
        migrator.add_column('customer', 'statement_day', IntegerField(null=True)),
    )
    db.create_tables([Agreement])


def down(migrator, db):
    migrator.migrate(
        migrator.drop_table('agreement'),
        migrator.drop_column('customer', 'credit_limit'),
        migrator.drop_column('customer', 'statement_day'),
    )
