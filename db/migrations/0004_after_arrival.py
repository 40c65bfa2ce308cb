"""After arrival: a delivery records how many pieces it handed over and who recorded the
outcome (delivered or failed) and when, beside who planned it; a return receipt handed back
records who took it for the shipper; a transfer, how many pieces went to the partner. Receipts are found by
status (the open ones are few among every receipt ever issued).

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = 'user'

    migrator.migrate(
        migrator.add_column('delivery', 'pieces', IntegerField(default=0)),
        migrator.add_column('delivery', 'done_by_id',
                            ForeignKeyField(User, null=True, field=User.id, on_delete='RESTRICT')),
        migrator.add_column('delivery', 'done_at', DateTimeField(null=True)),
        migrator.add_column('return_receipt', 'handed_to', CharField(max_length=60, default='')),
        migrator.add_column('transfer', 'pieces', IntegerField(default=0)),
        migrator.add_index('return_receipt', ('status',), False),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index('return_receipt', 'returnreceipt_status'),
        migrator.drop_column('transfer', 'pieces'),
        migrator.drop_column('return_receipt', 'handed_to'),
        migrator.drop_column('delivery', 'done_at'),
        migrator.drop_column('delivery', 'done_by_id'),
        migrator.drop_column('delivery', 'pieces'),
    )
