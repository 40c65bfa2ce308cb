"""PostgreSQL as a first-class home (issue 19): waybill and run numbers come from a counter row
per depot, kind and day, taken under the row's lock in the transaction that uses the number
(never MAX + 1, which two terminals on PostgreSQL could both read); and the audit log's
append-only trigger on PostgreSQL raises an integrity error (SQLSTATE 23000), as SQLite's
RAISE(ABORT) does, so both databases refuse a change to the log the same way.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    class Depot(Model):
        class Meta:
            database = db
            table_name = 'depot'

    class NumberCounter(Model):
        depot = ForeignKeyField(Depot, field=Depot.id, backref='+', on_delete='RESTRICT')
        kind = CharField(max_length=10)
        day = DateField()
        last = IntegerField()

        class Meta:
            database = db
            table_name = 'number_counter'
            indexes = ((('depot', 'kind', 'day'), True),)

    db.create_tables([NumberCounter])
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'integrity_constraint_violation'; "
            "END $$ LANGUAGE plpgsql")


def down(migrator, db):
    migrator.migrate(migrator.drop_table('number_counter'))
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'audit_log is append-only'; END $$ LANGUAGE plpgsql")
