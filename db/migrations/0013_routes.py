"""Routes (issue 20): a line's usual runs from a depot, their ordered stops and their normal
transit time; a new truck run may take its stops by a route's name.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    class Depot(Model):
        class Meta:
            database = db
            table_name = 'depot'

    class Route(Model):
        depot = ForeignKeyField(Depot, field=Depot.id, backref='routes', on_delete='RESTRICT')
        name = CharField(max_length=30)
        transit_hours = IntegerField()
        active = BooleanField(default=True)

        class Meta:
            database = db
            table_name = 'route'
            indexes = ((('depot', 'name'), True),)

    class RouteStop(Model):
        route = ForeignKeyField(Route, field=Route.id, backref='stops', on_delete='CASCADE')
        seq = IntegerField()
        depot = ForeignKeyField(Depot, field=Depot.id, backref='+', on_delete='RESTRICT')

        class Meta:
            database = db
            table_name = 'route_stop'
            indexes = ((('route', 'seq'), True),)

    db.create_tables([Route, RouteStop])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('route_stop'), migrator.drop_table('route'))
