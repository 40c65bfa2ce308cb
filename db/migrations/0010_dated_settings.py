"""Dated settings (issue 20): a setting that money depends on (the insurance rate and rounding,
the score's money and grades) changes from a day on, so a row carries the day it starts; the
setting's unique key takes the day in.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('setting', 'valid_from', DateField(null=True)),
        migrator.drop_index('setting', 'setting_key_depot_id'),
        migrator.add_index('setting', ('key', 'depot_id', 'valid_from'), True),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index('setting', 'setting_key_depot_id_valid_from'),
        migrator.drop_column('setting', 'valid_from'),
        migrator.add_index('setting', ('key', 'depot_id'), True),
    )
