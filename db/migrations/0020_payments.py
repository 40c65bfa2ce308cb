"""Payments as the accountant needs them (issue 24, part 1): the transaction number of a WeChat,
Alipay or bank payment, and the reason of a refund (a negative payment, a supervisor's).

Payments recorded before keep an empty reference: cash, or never asked.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column("payment", "reference", CharField(max_length=40, default="")),
        migrator.add_column("payment", "reason", TextField(default="")),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("payment", "reason"),
        migrator.drop_column("payment", "reference"),
    )
