"""Partners in the back office (issue 20): a partner line's default transfer fee and rebate,
offered by the waybill form when it is chosen, and the places it reaches.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    class Partner(Model):
        class Meta:
            database = db
            table_name = 'partner'

    class Place(Model):
        class Meta:
            database = db
            table_name = 'place'

    class PartnerArea(Model):
        partner = ForeignKeyField(Partner, field=Partner.id, backref='areas', on_delete='CASCADE')
        place = ForeignKeyField(Place, field=Place.id, backref='+', on_delete='RESTRICT')

        class Meta:
            database = db
            table_name = 'partner_area'
            indexes = ((('partner', 'place'), True),)

    migrator.migrate(
        migrator.add_column(
            'partner', 'default_transfer_fee',
            DecimalField(max_digits=12, decimal_places=2, auto_round=False, default=0)),
        migrator.add_column(
            'partner', 'default_rebate', DecimalField(max_digits=12, decimal_places=2, auto_round=False, default=0)),
    )
    db.create_tables([PartnerArea])


def down(migrator, db):
    migrator.migrate(
        migrator.drop_table('partner_area'),
        migrator.drop_column('partner', 'default_transfer_fee'),
        migrator.drop_column('partner', 'default_rebate'),
    )
