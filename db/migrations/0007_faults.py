"""Faults (issue 17): a session names the host its process runs on, so the next start on that
host can close the sessions of processes that died (by pid and host, not by user and
terminal); a waybill records when the clerk's screen acknowledged it, so a waybill that a
crash hid between its commit and the screen is offered again at the clerk's next login.
Waybills issued before this migration count as acknowledged.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('session', 'host', CharField(max_length=64, default='')),
        migrator.add_column('waybill', 'acknowledged_at', DateTimeField(null=True)),
    )
    db.execute_sql('UPDATE waybill SET acknowledged_at = issued_at')


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('session', 'host'),
        migrator.drop_column('waybill', 'acknowledged_at'),
    )
