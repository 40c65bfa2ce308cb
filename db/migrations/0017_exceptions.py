"""An exception's life (issue 23, part 1): the cause, who is responsible and the money decided
when it is resolved, who follows it up, and every step as a note that is never changed.

Exceptions resolved before keep their resolution text; nothing else is invented for them.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class OperationException(Model):
        class Meta:
            database = db
            table_name = "operation_exception"

    class ExceptionNote(Model):
        exception = ForeignKeyField(
            OperationException, field=OperationException.id, backref="notes", on_delete="RESTRICT"
        )
        at = DateTimeField()
        by = ForeignKeyField(User, field=User.id, backref="+", on_delete="RESTRICT")
        kind = CharField(max_length=8)
        text = TextField(default="")

        class Meta:
            database = db
            table_name = "exception_note"

    db.create_tables([ExceptionNote])
    money = dict(max_digits=12, decimal_places=2, auto_round=False)
    migrator.migrate(
        migrator.add_column("operation_exception", "cause", CharField(max_length=16, default="")),
        migrator.add_column("operation_exception", "responsible", CharField(max_length=10, default="")),
        migrator.add_column(
            "operation_exception",
            "responsible_user_id",
            ForeignKeyField(User, field=User.id, null=True, on_delete="RESTRICT"),
        ),
        migrator.add_column("operation_exception", "compensation", DecimalField(default=0, **money)),
        migrator.add_column("operation_exception", "charges", DecimalField(default=0, **money)),
        migrator.add_column(
            "operation_exception",
            "owner_id",
            ForeignKeyField(User, field=User.id, null=True, on_delete="RESTRICT"),
        ),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("operation_exception", "owner_id"),
        migrator.drop_column("operation_exception", "charges"),
        migrator.drop_column("operation_exception", "compensation"),
        migrator.drop_column("operation_exception", "responsible_user_id"),
        migrator.drop_column("operation_exception", "responsible"),
        migrator.drop_column("operation_exception", "cause"),
        migrator.drop_table("exception_note"),
    )
