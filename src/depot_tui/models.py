"""The depot's data model (the rules it keeps: docs/rules.md), as Peewee models on a deferred database.

The database is not opened here (see db.py): `database_proxy` is bound at start-up to SQLite
through APSW (the library that carries the WAL-reset fix) or to PostgreSQL. (APSW binds only plain
values; db.py's SQLite class turns dates and Decimals into text on the way in.)

Money and measures are Decimals, never floats. Enumerated states are short text codes listed
in the StrEnum classes below, so the database stays readable with the sqlite3 shell.
Nothing issued is updated without an AuditLog row (old -> new, who, why); the audit log itself
is append-only, enforced by triggers in the migration.
"""

from __future__ import annotations

from decimal import Decimal

import peewee
from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    ModelSelect,
    Select,
    TextField,
)

from .codes import (  # noqa: F401 - the models' states, named from here by the services
    DeliveryMode,
    ExceptionKind,
    ManifestStatus,
    PaymentMethod,
    PieceStatus,
    PlaceLevel,
    Role,
    ScoreStatus,
    Severity,
    ShiftCode,
    WaybillStatus,
)

database_proxy = DatabaseProxy()


def locked(query: ModelSelect) -> ModelSelect:
    """`query` taking a lock on the rows it reads until the transaction ends: the check a
    service makes before it writes stays true while it writes. PostgreSQL has row locks (SELECT
    … FOR UPDATE); SQLite holds the whole database from BEGIN IMMEDIATE, so the query is left as
    it is there. Use inside `database_proxy.atomic()`."""
    return query.for_update() if database_proxy.obj.for_update else query


def scalars(*queries: ModelSelect) -> tuple:
    """The values of several one-value queries (counts, sums), asked in one statement: on a
    database server each statement is a round trip, which costs more than the query itself."""
    return Select(columns=list(queries)).bind(database_proxy.obj).tuples().get()


class DecimalField(peewee.DecimalField):
    """Decimals read back the same from both databases: the shortest exact form (168, 0.9,
    -2), as SQLite's numeric columns give them. PostgreSQL's NUMERIC(12,2) gives 168.00, which
    showed scores as 99.0 and money as 310.0 in exports."""

    def python_value(self, value):  # noqa: ANN001, ANN201 (peewee's signature)
        value = super().python_value(value)
        if value is None or not value.is_finite():
            return value
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _money(**kw) -> DecimalField:
    return DecimalField(max_digits=12, decimal_places=2, auto_round=False, **kw)


class BaseModel(Model):
    id: int  # every table's key (peewee's implicit AutoField), for the type checker

    class Meta:
        database = database_proxy
        legacy_table_names = False


# --- places, depots, people -------------------------------------------------------------------


class Place(BaseModel):
    """A GB/T 2260 division. Waybill destinations must be county level (县级, R-2.1)."""

    code = CharField(max_length=6, unique=True)
    name = CharField(max_length=40, index=True)
    level = CharField(max_length=12)
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    pinyin = CharField(max_length=40, index=True)  # initials: 湘潭县 -> xtx
    active = BooleanField(default=True)


class Depot(BaseModel):
    """A depot or station of the line (网点/站点); several share one database."""

    code = CharField(max_length=8, unique=True)  # station short code typed at the counter
    name = CharField(max_length=40)
    place = ForeignKeyField(Place, backref="depots", on_delete="RESTRICT")
    address = CharField(max_length=200, default="")
    phone = CharField(max_length=20, default="")
    active = BooleanField(default=True)


class DepotArea(BaseModel):
    """Counties a depot delivers to: decides which depot a destination county arrives at."""

    depot = ForeignKeyField(Depot, backref="areas", on_delete="CASCADE")
    place = ForeignKeyField(Place, backref="served_by", on_delete="RESTRICT")

    class Meta:
        indexes = ((("depot", "place"), True),)


class User(BaseModel):
    """A person who logs in: clerk (开单员), supervisor (主管) or admin."""

    depot = ForeignKeyField(Depot, backref="users", on_delete="RESTRICT")
    username = CharField(max_length=32, unique=True)
    name = CharField(max_length=40)
    role = CharField(max_length=12)
    shift_code = CharField(max_length=12, null=True)  # the shift this person normally works
    password_hash = CharField(max_length=200)
    active = BooleanField(default=True)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    must_change_password = BooleanField(default=False)
    created_at = DateTimeField()
    last_login_at = DateTimeField(null=True)


class ShiftDefinition(BaseModel):
    """Shift times (R-6) as data; a shift whose end is before its start crosses midnight."""

    code = CharField(max_length=12, unique=True)
    start = CharField(max_length=5)  # "HH:MM"
    end = CharField(max_length=5)


class Shift(BaseModel):
    """One person's duty on one planned shift, from clock-in to clock-out (attendance, R-6)."""

    user = ForeignKeyField(User, backref="shifts", on_delete="RESTRICT")
    depot = ForeignKeyField(Depot, backref="shifts", on_delete="RESTRICT")
    code = CharField(max_length=12)
    planned_start = DateTimeField(index=True)
    planned_end = DateTimeField()
    clock_in = DateTimeField()
    clock_out = DateTimeField(null=True)
    handed_over = BooleanField(default=False)  # set by an accepted handover (交接班)
    may_issue = BooleanField(default=True)  # False until the incoming clerk accepts the handover

    class Meta:
        indexes = ((("user", "planned_start"), True),)


class Session(BaseModel):
    """One login on one terminal; scans and writes name the session they came from."""

    user = ForeignKeyField(User, backref="sessions", on_delete="RESTRICT")
    shift = ForeignKeyField(Shift, null=True, backref="sessions", on_delete="RESTRICT")
    terminal = CharField(max_length=80)
    pid = IntegerField()
    host = CharField(max_length=64, default="")  # where pid runs: a dead one's session is swept
    started_at = DateTimeField()
    ended_at = DateTimeField(null=True)
    end_reason = CharField(max_length=20, null=True)  # logout, hangup, terminated, stale


class LeaveRequest(BaseModel):
    """Leave, going out or overtime applied for in advance (R-6.11); unapplied ones do not count."""

    user = ForeignKeyField(User, backref="leave_requests", on_delete="RESTRICT")
    kind = CharField(max_length=12)  # leave, out, overtime
    starts_at = DateTimeField()
    ends_at = DateTimeField()
    reason = TextField(default="")
    applied_at = DateTimeField()
    approved_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    approved_at = DateTimeField(null=True)


class Setting(BaseModel):
    """A business setting (insurance rate, rounding, grade bands...), per depot or global (null)."""

    key = CharField(max_length=60)
    depot = ForeignKeyField(Depot, null=True, backref="settings", on_delete="CASCADE")
    value = TextField()  # JSON
    changed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    changed_at = DateTimeField()

    class Meta:
        indexes = ((("key", "depot"), True),)


class AuditLog(BaseModel):
    """Append-only trail of every write: who, when, what, old -> new, why."""

    id = AutoField()
    at = DateTimeField(index=True)
    user = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    session = ForeignKeyField(Session, null=True, backref="+", on_delete="RESTRICT")
    depot = ForeignKeyField(Depot, null=True, backref="+", on_delete="RESTRICT")
    action = CharField(max_length=60, index=True)
    entity = CharField(max_length=40)
    entity_id = CharField(max_length=40, null=True)
    old = TextField(null=True)  # JSON
    new = TextField(null=True)  # JSON
    reason = TextField(default="")


# --- customers, prices, waybills ----------------------------------------------------------------


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


class Partner(BaseModel):
    """A partner line that takes goods on by transfer (中转)."""

    name = CharField(max_length=60, unique=True)
    contact = CharField(max_length=40, default="")
    phone = CharField(max_length=20, default="")
    active = BooleanField(default=True)


class PriceRule(BaseModel):
    """One line of a depot's price table: rates to a destination county, valid from a date."""

    depot = ForeignKeyField(Depot, backref="price_rules", on_delete="RESTRICT")
    dest_place = ForeignKeyField(Place, backref="+", on_delete="RESTRICT")
    per_kg = _money()
    per_m3 = _money()
    min_charge = _money()
    delivery_fee = _money(default=0)
    upstairs_fee = _money(default=0)
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


class Quote(BaseModel):
    """A phone quote, recorded as R-3.2 asks."""

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


class Waybill(BaseModel):
    """运单: issued once by the on-duty clerk; corrections are WaybillRevision rows beside it."""

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
    remarks = TextField(default="")
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


# --- loading and arrival ------------------------------------------------------------------------


class Manifest(BaseModel):
    """A truck run (车次) and its departure manifest (发车清单)."""

    number = CharField(max_length=24, unique=True)
    origin_depot = ForeignKeyField(Depot, backref="manifests", on_delete="RESTRICT")
    plate = CharField(max_length=12)
    driver_name = CharField(max_length=40)
    driver_phone = CharField(max_length=20)
    planned_departure = DateTimeField()
    status = CharField(max_length=12, index=True, default=ManifestStatus.OPEN)
    note = TextField(default="")  # written on the manifest before departure
    created_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    created_at = DateTimeField()
    departed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    departed_at = DateTimeField(null=True)
    arrived_at = DateTimeField(null=True)
    printed_text = TextField(null=True)  # the departure manifest as printed (单车跟单明细)


class ManifestStop(BaseModel):
    """The truck's route: ordered destination depots."""

    manifest = ForeignKeyField(Manifest, backref="stops", on_delete="CASCADE")
    seq = IntegerField()
    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")

    class Meta:
        indexes = ((("manifest", "seq"), True),)


class ManifestWaybill(BaseModel):
    """A waybill planned onto a truck, with the note a partial load must carry."""

    manifest = ForeignKeyField(Manifest, backref="planned", on_delete="CASCADE")
    waybill = ForeignKeyField(Waybill, backref="manifest_rows", on_delete="RESTRICT")
    planned_pieces = IntegerField()
    note = TextField(default="")

    class Meta:
        indexes = ((("manifest", "waybill"), True),)


class LoadedPiece(BaseModel):
    """A piece on a truck. An unloaded (卸车) piece keeps its row with the reason."""

    manifest = ForeignKeyField(Manifest, backref="loaded", on_delete="RESTRICT")
    piece = ForeignKeyField(Piece, backref="loads", on_delete="RESTRICT")
    loaded_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    loaded_at = DateTimeField()
    unloaded_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    unloaded_at = DateTimeField(null=True)
    unload_reason = TextField(default="")
    # 1 while on the truck, NULL once unloaded: the unique index below then lets a piece be on
    # at most one truck at a time, even with two terminals scanning at once.
    on_board = IntegerField(null=True, default=1)

    class Meta:
        indexes = ((("piece", "on_board"), True),)


class ArrivalCheck(BaseModel):
    """到货清点 of one arriving manifest at this depot; resumable, shared by terminals."""

    manifest = ForeignKeyField(Manifest, backref="arrival_checks", on_delete="RESTRICT")
    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    started_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    started_at = DateTimeField()
    finished_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    finished_at = DateTimeField(null=True)
    note = TextField(default="")

    class Meta:
        indexes = ((("manifest", "depot"), True),)


class ScanEvent(BaseModel):
    """Every scan as it came in, good or bad, in arrival order (id), loading or arrival."""

    id = AutoField()
    kind = CharField(max_length=10)  # load, unload, arrival
    manifest = ForeignKeyField(Manifest, null=True, backref="scans", on_delete="RESTRICT")
    arrival_check = ForeignKeyField(ArrivalCheck, null=True, backref="scans", on_delete="RESTRICT")
    piece = ForeignKeyField(Piece, null=True, backref="scans", on_delete="RESTRICT")
    raw = CharField(max_length=64)
    result = CharField(max_length=20)  # ok, unknown, bad_check, repeat, over, ...
    message = CharField(max_length=200, default="")
    user = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    session = ForeignKeyField(Session, null=True, backref="+", on_delete="RESTRICT")
    at = DateTimeField()


class CheckedPiece(BaseModel):
    """A piece counted in an arrival check, once (unique), with damage if marked."""

    arrival_check = ForeignKeyField(ArrivalCheck, backref="checked", on_delete="RESTRICT")
    piece = ForeignKeyField(Piece, backref="+", on_delete="RESTRICT")
    expected = BooleanField()  # False: over (多件), not on this manifest
    damaged = BooleanField(default=False)
    damage_note = TextField(default="")
    checked_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    checked_at = DateTimeField()

    class Meta:
        indexes = ((("arrival_check", "piece"), True),)


class OperationException(BaseModel):
    """运作异常汇报表: over, short, damaged, late or a rule break, reported within minutes."""

    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    kind = CharField(max_length=12)
    severity = CharField(max_length=8, default=Severity.MINOR)
    waybill = ForeignKeyField(Waybill, null=True, backref="exceptions", on_delete="RESTRICT")
    manifest = ForeignKeyField(Manifest, null=True, backref="+", on_delete="RESTRICT")
    arrival_check = ForeignKeyField(ArrivalCheck, null=True, backref="+", on_delete="RESTRICT")
    pieces = IntegerField(default=0)
    description = TextField()
    found_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    found_at = DateTimeField()
    resolved_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    resolved_at = DateTimeField(null=True)
    resolution = TextField(default="")


# --- after arrival ------------------------------------------------------------------------------


class ConsigneeNotice(BaseModel):
    """通知提货: who told the consignee, when, how and what they answered."""

    waybill = ForeignKeyField(Waybill, backref="notices", on_delete="RESTRICT")
    by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    at = DateTimeField()
    method = CharField(max_length=10)  # phone, sms, other
    answer = CharField(max_length=12)  # will_come, deliver, no_answer
    note = TextField(default="")


class Release(BaseModel):
    """等通知放货 released (R-3.3): the shipper's 可放货 photo or a confirming call."""

    waybill = ForeignKeyField(Waybill, backref="releases", on_delete="RESTRICT")
    authorised_by = CharField(max_length=60)  # the shipper's name
    method = CharField(max_length=10)  # photo, phone
    evidence = TextField(default="")  # photo reference or the number called
    recorded_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    recorded_at = DateTimeField()


class Payment(BaseModel):
    """Money taken at the counter: freight now, collect-freight, delivery fee. Feeds handover cash."""

    waybill = ForeignKeyField(Waybill, backref="payments", on_delete="RESTRICT")
    purpose = CharField(max_length=12)  # freight, collect, delivery
    amount = _money()
    method = CharField(max_length=12)  # cash, wechat, alipay, bank
    by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    shift = ForeignKeyField(Shift, null=True, backref="payments", on_delete="RESTRICT")
    at = DateTimeField()


class Pickup(BaseModel):
    """提货登记: the collector's ID number (GB 11643) and signature name, pieces taken."""

    waybill = ForeignKeyField(Waybill, backref="pickups", on_delete="RESTRICT")
    pieces = IntegerField()
    collector_name = CharField(max_length=60)
    collector_id_number = CharField(max_length=18)
    signature_name = CharField(max_length=60)
    by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    at = DateTimeField()


class Delivery(BaseModel):
    """送货: planned for a day (who planned it: recorded_by/at), then delivered or failed with
    a reason and the signer (who recorded that: done_by/at). A failed delivery stays as it was;
    the next attempt is a new row."""

    waybill = ForeignKeyField(Waybill, backref="deliveries", on_delete="RESTRICT")
    day = DateField(index=True)
    mode = CharField(max_length=12)
    address = CharField(max_length=200)
    agreed_time = CharField(max_length=40, default="")
    status = CharField(max_length=10, default="planned")  # planned, delivered, failed
    failure_reason = TextField(default="")
    signer = CharField(max_length=60, default="")
    pieces = IntegerField(default=0)  # handed over on delivery
    recorded_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    recorded_at = DateTimeField()
    done_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    done_at = DateTimeField(null=True)


class Transfer(BaseModel):
    """中转登记: goods handed to a partner line; the rebate must be marked (fault 6)."""

    waybill = ForeignKeyField(Waybill, backref="transfers", on_delete="RESTRICT")
    partner = ForeignKeyField(Partner, backref="transfers", on_delete="RESTRICT")
    partner_waybill_number = CharField(max_length=40)
    fee = _money()
    rebate = _money(default=0)
    rebate_marked = BooleanField(default=False)
    pieces = IntegerField(default=0)  # handed to the partner
    by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    at = DateTimeField()


class ReturnReceipt(BaseModel):
    """回单登记: not yet signed -> signed -> returned to origin depot -> handed to the shipper."""

    waybill = ForeignKeyField(Waybill, backref="return_receipts", on_delete="RESTRICT", unique=True)
    copies = IntegerField()
    status = CharField(max_length=10, default="unsigned", index=True)  # the open ones are few
    signed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    signed_at = DateTimeField(null=True)
    returned_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    returned_at = DateTimeField(null=True)
    handed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    handed_at = DateTimeField(null=True)
    handed_to = CharField(max_length=60, default="")  # who took it for the shipper


# --- handover -----------------------------------------------------------------------------------


class Handover(BaseModel):
    """交接班: the outgoing shift's summary, the items counted, and the incoming clerk's answer."""

    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    from_shift = ForeignKeyField(Shift, backref="handovers_out", on_delete="RESTRICT")
    to_shift = ForeignKeyField(Shift, null=True, backref="handovers_in", on_delete="RESTRICT")
    status = CharField(max_length=12, default="draft")  # draft, submitted, accepted, disputed
    summary = TextField()  # JSON snapshot assembled by the system
    instructions = TextField(default="")  # unused: instructions are items (kind instruction), each disputable
    cash_system = _money(default=0)
    cash_counted = _money(null=True)
    cash_note = TextField(default="")
    override_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    override_reason = TextField(default="")
    started_at = DateTimeField()
    submitted_at = DateTimeField(null=True)
    accepted_at = DateTimeField(null=True)


class HandoverItem(BaseModel):
    """One line of a handover: an open matter, an instruction or a counted item."""

    handover = ForeignKeyField(Handover, backref="items", on_delete="CASCADE")
    kind = CharField(max_length=12)  # matter, instruction, count
    subject = CharField(max_length=120)
    cause = TextField(default="")
    course = TextField(default="")
    result = TextField(default="")
    expected = CharField(max_length=40, default="")
    counted = CharField(max_length=40, default="")
    status = CharField(max_length=10, default="pending")  # pending, accepted, disputed, settled
    dispute_note = TextField(default="")
    # the exception a matter was made for
    exception = ForeignKeyField(OperationException, null=True, backref="+", on_delete="RESTRICT")
    settled_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")  # the supervisor
    settled_at = DateTimeField(null=True)
    settled_note = TextField(default="")


# --- the monthly score --------------------------------------------------------------------------


class ScoreRule(BaseModel):
    """A fault, bonus or attendance rule (R-5, R-6) from a date on; past months keep theirs."""

    code = CharField(max_length=16)
    name_zh = CharField(max_length=80)
    name_en = CharField(max_length=80)
    points = DecimalField(max_digits=5, decimal_places=1, auto_round=False)  # - deduct, + bonus
    unit = CharField(max_length=10)  # waybill, time, day, truck, month
    escalation = TextField(default="")  # JSON, e.g. counts -> points for repeated short lateness
    valid_from = DateField()
    valid_to = DateField(null=True)
    created_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    created_at = DateTimeField()

    class Meta:
        indexes = ((("code", "valid_from"), True),)


class ScoreEvent(BaseModel):
    """A proposed or entered deduction/bonus for one clerk; counts only once confirmed."""

    user = ForeignKeyField(User, backref="score_events", on_delete="RESTRICT")
    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    rule = ForeignKeyField(ScoreRule, backref="events", on_delete="RESTRICT")
    month = CharField(max_length=7, index=True)  # YYYY-MM
    occurred_at = DateTimeField()
    points = DecimalField(max_digits=5, decimal_places=1, auto_round=False)
    status = CharField(max_length=12, default=ScoreStatus.PROPOSED)
    source = CharField(max_length=8)  # auto, manual
    waybill = ForeignKeyField(Waybill, null=True, backref="+", on_delete="RESTRICT")
    manifest = ForeignKeyField(Manifest, null=True, backref="+", on_delete="RESTRICT")
    handover = ForeignKeyField(Handover, null=True, backref="+", on_delete="RESTRICT")
    shift = ForeignKeyField(Shift, null=True, backref="+", on_delete="RESTRICT")
    exception = ForeignKeyField(OperationException, null=True, backref="+", on_delete="RESTRICT")
    note = TextField(default="")
    proposed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    proposed_at = DateTimeField()
    decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    decided_at = DateTimeField(null=True)
    decision_reason = TextField(default="")


class Appeal(BaseModel):
    """A clerk's dispute of a score event, within 5 working days."""

    event = ForeignKeyField(ScoreEvent, backref="appeals", on_delete="RESTRICT")
    by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    at = DateTimeField()
    reason = TextField()
    status = CharField(max_length=12, default="open")  # open, upheld, overturned
    decided_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    decided_at = DateTimeField(null=True)
    decision_reason = TextField(default="")


class ScoreMonth(BaseModel):
    """Month close: a closed month is frozen; reopening needs an admin and a reason (audited)."""

    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    month = CharField(max_length=7)
    closed = BooleanField(default=False)
    closed_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    closed_at = DateTimeField(null=True)
    praised = TextField(default="[]")  # JSON list of user ids praised this month (+10 bonus)
    result = TextField(default="")  # JSON: every clerk's score as closed (frozen: rule changes leave it)

    class Meta:
        indexes = ((("depot", "month"), True),)


ALL_MODELS: list[type[BaseModel]] = [
    Place,
    Depot,
    DepotArea,
    User,
    ShiftDefinition,
    Shift,
    Session,
    LeaveRequest,
    Setting,
    AuditLog,
    Customer,
    Partner,
    PriceRule,
    ProhibitedKeyword,
    Quote,
    Waybill,
    WaybillRevision,
    WaybillDraft,
    Piece,
    NumberCounter,
    Manifest,
    ManifestStop,
    ManifestWaybill,
    LoadedPiece,
    ArrivalCheck,
    ScanEvent,
    CheckedPiece,
    OperationException,
    ConsigneeNotice,
    Release,
    Payment,
    Pickup,
    Delivery,
    Transfer,
    ReturnReceipt,
    Handover,
    HandoverItem,
    ScoreRule,
    ScoreEvent,
    Appeal,
    ScoreMonth,
]
