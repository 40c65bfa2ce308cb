"""Real-name uploads (issue 26, item 6): each waybill entered in the real-name app (云递安,
R-2.18), marked by its clerk or read from the app's daily export, counted against the daily
quota; a shift short of it is proposed as fault 21.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    class Depot(Model):
        class Meta:
            database = db
            table_name = 'depot'

    class User(Model):
        class Meta:
            database = db
            table_name = 'user'

    class Waybill(Model):
        class Meta:
            database = db
            table_name = 'waybill'

    class RealNameUpload(Model):
        depot = ForeignKeyField(Depot, field=Depot.id, backref='+', on_delete='RESTRICT')
        waybill = ForeignKeyField(Waybill, field=Waybill.id, backref='+', unique=True, on_delete='RESTRICT')
        user = ForeignKeyField(User, field=User.id, backref='+', on_delete='RESTRICT')
        at = DateTimeField(index=True)
        source = CharField(max_length=8)

        class Meta:
            database = db
            table_name = 'real_name_upload'

    db.create_tables([RealNameUpload])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('real_name_upload'))
