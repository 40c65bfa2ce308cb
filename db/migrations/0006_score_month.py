"""Month close keeps every clerk's score as it was closed, so a rule changed later leaves a
closed month as it was paid.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column('score_month', 'result', TextField(default='')))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('score_month', 'result'))
