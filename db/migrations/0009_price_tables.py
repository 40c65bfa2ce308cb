"""Price tables (issue 20): a line of the price table carries its weight bands (重量段), the
per-kg rate by band that line price sheets are written in.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column('price_rule', 'weight_breaks', TextField(default='')))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('price_rule', 'weight_breaks'))
