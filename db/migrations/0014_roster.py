"""Roster, leave and the score read as the rule sheet reads (issue 22): a clerk's planned days
(排班), a hiring day (the first months move no pay), leave asked and decided with a reason, and
on a score event when the clerk was shown it (the appeal window opens then) and the rostered
day it was proposed for (a shift nobody worked).

Leave's approved_by/approved_at become decided_by/decided_at with a status: a refusal is decided
too. Rows approved before keep their approval. Events decided before keep the appeal window they
had, from the decision (notified_at = decided_at).

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""

from peewee import *


def up(migrator, db):
    class Depot(Model):
        class Meta:
            database = db
            table_name = "depot"

    class User(Model):
        class Meta:
            database = db
            table_name = "user"

    class RosterDay(Model):
        user = ForeignKeyField(User, field=User.id, backref="roster", on_delete="RESTRICT")
        depot = ForeignKeyField(Depot, field=Depot.id, backref="+", on_delete="RESTRICT")
        day = DateField()
        shift_code = CharField(max_length=12, null=True)
        set_by = ForeignKeyField(User, field=User.id, backref="+", on_delete="RESTRICT")
        set_at = DateTimeField()

        class Meta:
            database = db
            table_name = "roster_day"
            indexes = ((("user", "day"), True), (("depot", "day"), False))

    db.create_tables([RosterDay])
    migrator.migrate(
        migrator.add_column("user", "hired_on", DateField(null=True)),
        migrator.rename_column("leave_request", "approved_by_id", "decided_by_id"),
        migrator.rename_column("leave_request", "approved_at", "decided_at"),
        migrator.add_column("leave_request", "status", CharField(max_length=12, default="asked")),
        migrator.add_column("leave_request", "decision_reason", TextField(default="")),
        migrator.add_column("score_event", "notified_at", DateTimeField(null=True)),
        migrator.add_column(
            "score_event",
            "roster_day_id",
            ForeignKeyField(RosterDay, field=RosterDay.id, null=True, on_delete="RESTRICT"),
        ),
    )
    db.execute_sql("UPDATE leave_request SET status = 'approved' WHERE decided_by_id IS NOT NULL")
    # Deductions decided before the window ran from being told: their window stays the one they
    # had (from the decision), not a fresh one at the clerk's next login.
    db.execute_sql(
        "UPDATE score_event SET notified_at = decided_at WHERE status <> 'proposed' AND decided_at IS NOT NULL"
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("score_event", "roster_day_id"),
        migrator.drop_column("score_event", "notified_at"),
        migrator.drop_column("leave_request", "decision_reason"),
        migrator.drop_column("leave_request", "status"),
        migrator.rename_column("leave_request", "decided_at", "approved_at"),
        migrator.rename_column("leave_request", "decided_by_id", "approved_by_id"),
        migrator.drop_column("user", "hired_on"),
        migrator.drop_table("roster_day"),
    )
