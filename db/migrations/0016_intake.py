"""Intake declarations and quotes recalled (issue 26, items 1, 2, 4, 5): R-1.2's orientation and
dangerous-goods answer, R-1.4's inspection, R-2.2's confirmed phone numbers on the waybill; a
quote keeps its declared value and delivery mode and the waybill issued from it.

Waybills issued before keep an empty hazard and inspection answer (never asked, and not
invented now). The prohibited-goods list gains the words and categories of db/prohibited.tsv
that a depot's list lacks; a word a supervisor switched off stays off.

Written by hand after the model change; tests/unit/test_db.py checks it matches the models.
"""

import datetime as dt
from pathlib import Path

from peewee import *


def up(migrator, db):
    class Waybill(Model):
        class Meta:
            database = db
            table_name = "waybill"

    money = dict(max_digits=12, decimal_places=2, auto_round=False)
    migrator.migrate(
        migrator.add_column("waybill", "orientation", CharField(max_length=10, default="free")),
        migrator.add_column("waybill", "hazard", CharField(max_length=8, default="")),
        migrator.add_column("waybill", "hazard_category", CharField(max_length=20, default="")),
        migrator.add_column("waybill", "inspection", CharField(max_length=8, default="")),
        migrator.add_column("waybill", "inspection_note", TextField(default="")),
        migrator.add_column("waybill", "consignee_phone_confirmed", BooleanField(default=False)),
        migrator.add_column("waybill", "shipper_phone_confirmed", BooleanField(default=False)),
        migrator.add_column("quote", "declared_value", DecimalField(default=0, **money)),
        migrator.add_column("quote", "delivery_mode", CharField(max_length=12, default="pickup")),
        migrator.add_column(
            "quote",
            "waybill_id",
            ForeignKeyField(Waybill, field=Waybill.id, null=True, on_delete="RESTRICT"),
        ),
    )
    tsv = Path(__file__).resolve().parents[1] / "prohibited.tsv"
    rows = [line.split("\t") for line in tsv.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    known = {word for (word,) in db.execute_sql("SELECT word FROM prohibited_keyword").fetchall()}
    now = dt.datetime.now().replace(microsecond=0)
    for word, category in rows:
        if word.strip() not in known:
            db.execute_sql(
                "INSERT INTO prohibited_keyword (word, category, active, added_at) VALUES "
                f"({db.param}, {db.param}, {db.param}, {db.param})",
                (word.strip(), category.strip(), True, now),
            )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_column("quote", "waybill_id"),
        migrator.drop_column("quote", "delivery_mode"),
        migrator.drop_column("quote", "declared_value"),
        migrator.drop_column("waybill", "shipper_phone_confirmed"),
        migrator.drop_column("waybill", "consignee_phone_confirmed"),
        migrator.drop_column("waybill", "inspection_note"),
        migrator.drop_column("waybill", "inspection"),
        migrator.drop_column("waybill", "hazard_category"),
        migrator.drop_column("waybill", "hazard"),
        migrator.drop_column("waybill", "orientation"),
    )
