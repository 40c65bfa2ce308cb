"""Waybill entry: the price-table freight and the reason for billing below it (fault 8), the
fragile mark (R-2.5), and when the shipper confirmed the slip (R-2.10).

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('waybill', 'table_freight',
                            DecimalField(max_digits=12, decimal_places=2, default=0)),
        migrator.add_column('waybill', 'below_table_reason', TextField(default='')),
        migrator.add_column('waybill', 'fragile', BooleanField(default=False)),
        migrator.add_column('waybill', 'shipper_confirmed_at', DateTimeField(null=True)),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column('waybill', 'shipper_confirmed_at'),
        migrator.drop_column('waybill', 'fragile'),
        migrator.drop_column('waybill', 'below_table_reason'),
        migrator.drop_column('waybill', 'table_freight'),
    )
