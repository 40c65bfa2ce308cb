"""Handover: a matter item names the exception it was made for (so a second start adds only
the exceptions opened since, and a matter is not removed while its exception is open); a
disputed item records the supervisor who settled it, when, and how.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = 'user'

    class OperationException(Model):
        class Meta:
            database = db
            table_name = 'operation_exception'

    migrator.migrate(
        migrator.add_column('handover_item', 'exception_id',
                            ForeignKeyField(OperationException, null=True, field=OperationException.id,
                                            on_delete='RESTRICT')),
        migrator.add_column('handover_item', 'settled_by_id',
                            ForeignKeyField(User, null=True, field=User.id, on_delete='RESTRICT')),
        migrator.add_column('handover_item', 'settled_at', DateTimeField(null=True)),
        migrator.add_column('handover_item', 'settled_note', TextField(default='')),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('handover_item', 'settled_note'),
        migrator.drop_column('handover_item', 'settled_at'),
        migrator.drop_column('handover_item', 'settled_by_id'),
        migrator.drop_column('handover_item', 'exception_id'),
    )
