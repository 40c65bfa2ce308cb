"""Customers, partners, the price table, prohibited goods, quotes, waybills with their revisions
and drafts, pieces, and the counters numbers come from.
"""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from ..codes import DeliveryMode, PieceStatus, WaybillStatus
from .base import BaseModel, DecimalField, _money
from .people import Depot, Place, Shift, User


class Customer(BaseModel):
    """A shipper or consignee, found again by phone number or pinyin initials."""

    name = CharField(max_length=60)
    phone = CharField(max_length=20, index=True)
    pinyin = CharField(max_length=60, index=True)
    address = CharField(max_length=200, default="")
    place = ForeignKeyField(Place, null=True, backref="+", on_delete="RESTRICT")
    monthly_account = BooleanField(default=False)  # 月结 allowed
    created_at = DateTimeField()
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    # A monthly account's limit (what its unsettled monthly waybills may come to; null: none)
    # and the day of the month its statement (对账单) is drawn up.
    credit_limit = _money(null=True)
    statement_day = IntegerField(null=True)


class Agreement(BaseModel):
    """A customer's agreed price (协议价) at a depot: the table's freight times `discount`
    (0.9 = 9折), from a day on, once a supervisor approved it."""

    customer_id: int  # the foreign keys' raw values (peewee adds them), for the type checker
    depot_id: int
    proposed_by_id: int | None

    customer = ForeignKeyField(Customer, backref="agreements", on_delete="RESTRICT")
    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    discount = DecimalField(max_digits=5, decimal_places=4, auto_round=False)
    valid_from = DateField()
    valid_to = DateField(null=True)
    status = CharField(max_length=12)  # proposed, approved, rejected
    note = TextField(default="")
    proposed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    proposed_at = DateTimeField()
    decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    decided_at = DateTimeField(null=True)


class Partner(BaseModel):
    """A partner line that takes goods on by transfer (中转), with the transfer fee and rebate
    the form offers when it is chosen."""

    name = CharField(max_length=60, unique=True)
    contact = CharField(max_length=40, default="")
    phone = CharField(max_length=20, default="")
    active = BooleanField(default=True)
    default_transfer_fee = _money(default=0)
    default_rebate = _money(default=0)


class PartnerArea(BaseModel):
    """A place a partner line reaches: a county, or a whole prefecture or province."""

    partner_id: int  # the foreign keys' raw values (peewee adds them), for the type checker
    place_id: int

    partner = ForeignKeyField(Partner, backref="areas", on_delete="CASCADE")
    place = ForeignKeyField(Place, backref="+", on_delete="RESTRICT")

    class Meta:
        indexes = ((("partner", "place"), True),)


class PriceRule(BaseModel):
    """One line of a depot's price table: rates to a destination, valid from a date (to the
    day before the next line's). The destination is a county, or a whole prefecture or
    province at once: the most particular line in force prices a county."""

    dest_place_id: int  # the foreign key's raw value (peewee adds it), for the type checker

    depot = ForeignKeyField(Depot, backref="price_rules", on_delete="RESTRICT")
    dest_place = ForeignKeyField(Place, backref="+", on_delete="RESTRICT")
    per_kg = _money()
    per_m3 = _money()
    min_charge = _money()
    delivery_fee = _money(default=0)
    upstairs_fee = _money(default=0)
    # Weight bands (重量段) as JSON, [["100", "1.2"], ["500", "1"]]: a waybill of up to 100 kg
    # pays 1.2 a kg for all its weight, up to 500 kg 1.0, above the last band `per_kg`.
    weight_breaks = TextField(default="")
    valid_from = DateField()
    valid_to = DateField(null=True)
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    created_at = DateTimeField()

    class Meta:
        indexes = ((("depot", "dest_place", "valid_from"), True),)


class ProhibitedKeyword(BaseModel):
    """Goods refused at the counter (R-1.4); a supervisor extends the list."""

    word = CharField(max_length=40, unique=True)
    category = CharField(max_length=20)  # flammable, explosive, corrosive, ...
    active = BooleanField(default=True)
    added_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    added_at = DateTimeField()


class Waybill(BaseModel):
    """运单: issued once by the on-duty clerk; corrections are WaybillRevision rows beside it."""

    origin_depot_id: int
    dest_depot_id: int | None
    shipper_id: int | None
    dest_place_id: int  # the foreign key's raw value (peewee adds it), for the type checker
    issued_by_id: int

    number = CharField(max_length=20, unique=True)
    origin_depot = ForeignKeyField(Depot, backref="waybills", on_delete="RESTRICT")
    dest_place = ForeignKeyField(Place, backref="+", on_delete="RESTRICT")
    dest_depot = ForeignKeyField(Depot, null=True, backref="incoming_waybills", on_delete="RESTRICT")
    shipper = ForeignKeyField(Customer, null=True, backref="+", on_delete="RESTRICT")
    shipper_name = CharField(max_length=60)
    shipper_phone = CharField(max_length=20)
    consignee = ForeignKeyField(Customer, null=True, backref="+", on_delete="RESTRICT")
    consignee_name = CharField(max_length=60)
    consignee_phone = CharField(max_length=20, index=True)
    goods_name = CharField(max_length=60)
    pieces = IntegerField()
    packaging = CharField(max_length=20, default="")
    weight_kg = DecimalField(max_digits=10, decimal_places=2, auto_round=False)
    volume_m3 = DecimalField(max_digits=10, decimal_places=3, auto_round=False)
    declared_value = _money(default=0)
    insurance_fee = _money(default=0)
    freight = _money()
    table_freight = _money(default=0)  # what the price table asked for, at issue (fault 8)
    below_table_reason = TextField(default="")  # why freight was billed below the table
    delivery_fee = _money(default=0)
    upstairs_fee = _money(default=0)
    transfer_fee = _money(default=0)
    rebate = _money(default=0)
    total = _money()
    payment_method = CharField(max_length=12)
    delivery_mode = CharField(max_length=12, default=DeliveryMode.PICKUP)
    delivery_address = CharField(max_length=200, default="")
    receipt_required = BooleanField(default=False)
    receipt_copies = IntegerField(default=0)
    hold_for_release = BooleanField(default=False)  # 等通知放货
    is_transfer = BooleanField(default=False)
    partner = ForeignKeyField(Partner, null=True, backref="+", on_delete="RESTRICT")
    fragile = BooleanField(default=False)  # 易碎: adds the remark 货损自负
    intake_damage = TextField(default="")  # damage found at intake, told to the shipper
    # R-1.2's questions: orientation (free, up, no_stack); dangerous goods (no, yes = declared
    # in `hazard_category`; "" on waybills issued before it was asked); R-1.4's inspection
    # (sealed as received, or opened and checked, with what was seen).
    orientation = CharField(max_length=10, default="free")
    hazard = CharField(max_length=8, default="")
    hazard_category = CharField(max_length=20, default="")
    inspection = CharField(max_length=8, default="")
    inspection_note = TextField(default="")
    # the clerk called the number back or had the customer repeat it.
    consignee_phone_confirmed = BooleanField(default=False)
    shipper_phone_confirmed = BooleanField(default=False)
    remarks = TextField(default="")
    # Tracking (SOP 004): the class at intake (A followed at every step, B normal, C economy;
    # "" on waybills issued before it was asked), the date the shipper requires, the arrival the
    # route's transit time promises, the earlier of the two (late after it), and when the goods
    # were counted in at their destination, on time or not.
    cargo_class = CharField(max_length=1, default="")
    required_by = DateField(null=True)
    expected_at = DateTimeField(null=True)
    due_at = DateTimeField(null=True, index=True)
    arrived_at = DateTimeField(null=True)
    arrived_on_time = BooleanField(null=True)
    status = CharField(max_length=16, index=True, default=WaybillStatus.ISSUED)
    issued_by = ForeignKeyField(User, backref="issued_waybills", on_delete="RESTRICT")
    issued_at = DateTimeField(index=True)
    shipper_confirmed_at = DateTimeField(null=True)  # the shipper checked the slip and signed
    unseen = BooleanField(default=False)  # issued from a screen that has not shown its number yet
    shift = ForeignKeyField(Shift, null=True, backref="waybills", on_delete="RESTRICT")
    revision = IntegerField(default=0)
    voided_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    voided_at = DateTimeField(null=True)
    void_reason = TextField(default="")


class Quote(BaseModel):
    """A phone quote, recorded as R-3.2 asks."""

    dest_place_id: int  # the foreign key's raw value (peewee adds it), for the type checker
    user_id: int
    depot_id: int
    waybill_id: int | None

    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    user = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    at = DateTimeField()
    customer_name = CharField(max_length=60, default="")
    customer_phone = CharField(max_length=20, default="")
    dest_place = ForeignKeyField(Place, backref="+", on_delete="RESTRICT")
    goods_name = CharField(max_length=60)
    pieces = IntegerField()
    packaging = CharField(max_length=20, default="")
    weight_kg = DecimalField(max_digits=10, decimal_places=2, auto_round=False)
    volume_m3 = DecimalField(max_digits=10, decimal_places=3, auto_round=False)
    amount = _money()
    declared_value = _money(default=0)
    delivery_mode = CharField(max_length=12, default=DeliveryMode.PICKUP)
    # The waybill issued from this quote when the customer came (R-3.2: quotes recalled).
    waybill = ForeignKeyField(Waybill, null=True, backref="+", on_delete="RESTRICT")


class WaybillRevision(BaseModel):
    """A signed correction (R-2.13): what changed, old -> new, why, by whom."""

    waybill = ForeignKeyField(Waybill, backref="revisions", on_delete="RESTRICT")
    revision = IntegerField()
    changes = TextField()  # JSON {field: [old, new]}
    reason = TextField()
    made_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    made_at = DateTimeField()
    approved_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")

    class Meta:
        indexes = ((("waybill", "revision"), True),)


class WaybillDraft(BaseModel):
    """A waybill form saved as typed, so a dropped link or Esc loses nothing."""

    user = ForeignKeyField(User, backref="drafts", on_delete="CASCADE")
    depot = ForeignKeyField(Depot, backref="+", on_delete="CASCADE")
    data = TextField()  # JSON of the form fields
    created_at = DateTimeField()
    updated_at = DateTimeField()


class Piece(BaseModel):
    """One labelled piece of a waybill; the label encodes waybill number, index and a check digit."""

    waybill_id: int

    waybill = ForeignKeyField(Waybill, backref="piece_rows", on_delete="RESTRICT")
    index = IntegerField()
    label = CharField(max_length=32, unique=True)
    status = CharField(max_length=12, default=PieceStatus.IN_STOCK)
    depot = ForeignKeyField(Depot, null=True, backref="+", on_delete="RESTRICT")  # where it is now

    class Meta:
        indexes = ((("waybill", "index"), True),)


class NumberCounter(BaseModel):
    """The last number given out per depot, kind (`waybill`, `run`) and day. Numbers are taken
    from this row inside the transaction that uses them, never as MAX + 1: on PostgreSQL two
    terminals taking the next number wait for each other on the row's lock instead of
    colliding, and a transaction that fails gives its number back (no gaps)."""

    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    kind = CharField(max_length=10)
    day = DateField()
    last = IntegerField()

    class Meta:
        indexes = ((("depot", "kind", "day"), True),)


class RealNameUpload(BaseModel):
    """A waybill entered in the real-name app (云递安, R-2.18: at least 5 a day; fault 21 is the
    day short): marked by the clerk, or read from the app's daily export."""

    user_id: int
    waybill_id: int

    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    waybill = ForeignKeyField(Waybill, backref="+", unique=True, on_delete="RESTRICT")
    user = ForeignKeyField(User, backref="+", on_delete="RESTRICT")  # who uploaded it
    at = DateTimeField(index=True)
    source = CharField(max_length=8)  # key, import
