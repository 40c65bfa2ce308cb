"""Money on score events (issue 24, part 6): the amount a clerk is liable for beside the points
(R-5.8's freight short, R-5.10's pieces short, R-5.22's costs). Events before carry none.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""

from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column(
            "score_event", "liable", DecimalField(max_digits=10, decimal_places=2, auto_round=False, default=0)
        ),
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_column("score_event", "liable"))
