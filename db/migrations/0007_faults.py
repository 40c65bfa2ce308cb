"""Faults (issue 17): a session names the host its process runs on, so the next start on that
host can close the sessions of processes that died (by pid and host, not by user and
terminal); a waybill issued from a screen is marked unseen until that screen has shown its
number, so a waybill that a crash hid between its commit and the screen is offered again at
the clerk's next login.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('session', 'host', CharField(max_length=64, default='')),
        migrator.add_column('waybill', 'unseen', BooleanField(default=False)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('session', 'host'),
        migrator.drop_column('waybill', 'unseen'),
    )
