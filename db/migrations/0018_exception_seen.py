"""The 5-minute report (issue 23, part 2): when a supervisor first opened an exception, and who.

Exceptions found before stay unseen: they are counted from when a supervisor opens them.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    migrator.migrate(
        migrator.add_column(
            "operation_exception",
            "seen_by_id",
            ForeignKeyField(User, field=User.id, null=True, on_delete="RESTRICT"),
        ),
        migrator.add_column("operation_exception", "seen_at", DateTimeField(null=True)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("operation_exception", "seen_at"),
        migrator.drop_column("operation_exception", "seen_by_id"),
    )
