"""Truck runs and their stops and plans, pieces loaded, arrival checks and every scan, and
exceptions (over, short, damaged).
"""

from __future__ import annotations

from peewee import AutoField, BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from ..codes import ManifestStatus, Severity
from .base import BaseModel, _money
from .people import Depot, Session, User
from .waybills import Piece, Waybill


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


class Route(BaseModel):
    """A line's usual run from a depot (长沙线: CS then XT), with its normal transit time: a
    new truck run may take its stops by name."""

    depot_id: int  # the foreign key's raw value (peewee adds it), for the type checker

    depot = ForeignKeyField(Depot, backref="routes", on_delete="RESTRICT")
    name = CharField(max_length=30)
    transit_hours = IntegerField()
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("depot", "name"), True),)


class RouteStop(BaseModel):
    """One stop of a route, in order."""

    route_id: int  # the foreign key's raw value (peewee adds it), for the type checker

    route = ForeignKeyField(Route, backref="stops", on_delete="CASCADE")
    seq = IntegerField()
    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")

    class Meta:
        indexes = ((("route", "seq"), True),)


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

    depot_id: int  # the foreign keys' raw values (peewee adds them), for the type checker
    waybill_id: int | None
    found_by_id: int
    owner_id: int | None
    responsible_user_id: int | None
    resolved_by_id: int | None
    seen_by_id: int | None

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
    # What the head of department decided (SOP 004 ch.3): the cause, who is responsible, the
    # money (compensation paid, and charges: fault 22's "负责产生的费用"), who follows it up.
    cause = CharField(max_length=16, default="")
    responsible = CharField(max_length=10, default="")  # depot, clerk, driver, partner, customer, none
    responsible_user = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    compensation = _money(default=0)
    charges = _money(default=0)
    owner = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    # The 5-minute report (SOP 004 ch.3): when a supervisor first opened it.
    seen_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    seen_at = DateTimeField(null=True)


class ExceptionNote(BaseModel):
    """One step of an exception's life, never changed: a follow-up note, a new owner, the
    resolution, a reopening, each with its time and author."""

    exception_id: int
    by_id: int

    exception = ForeignKeyField(OperationException, backref="notes", on_delete="RESTRICT")
    at = DateTimeField()
    by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    kind = CharField(max_length=8)  # report, note, owner, resolve, reopen
    text = TextField(default="")


class LateCall(BaseModel):
    """Goods late at a step, and the shipper or the consignee told (SOP 004: told at once, the
    cause found): who called whom, when, and what was said. Never changed or deleted."""

    waybill_id: int  # the foreign key's raw value (peewee adds it), for the type checker

    waybill = ForeignKeyField(Waybill, backref="+", on_delete="RESTRICT")
    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    step = CharField(max_length=8)  # depart, arrive, notify
    party = CharField(max_length=10)  # shipper, consignee
    answer = CharField(max_length=10)  # told, no_answer
    note = TextField(default="")
    by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    at = DateTimeField()


class Enquiry(BaseModel):
    """One line of the customer-service log (SOP 004): an enquiry or a complaint, by phone or at
    the counter, with the answer promised by a time and given by someone. A complaint opens an
    exception. Lines are answered, never deleted."""

    depot_id: int  # the foreign keys' raw values (peewee adds them), for the type checker
    waybill_id: int | None
    taken_by_id: int
    answered_by_id: int | None
    exception_id: int | None

    depot = ForeignKeyField(Depot, backref="+", on_delete="RESTRICT")
    kind = CharField(max_length=10)  # enquiry, complaint
    channel = CharField(max_length=8)  # phone, counter
    caller_name = CharField(max_length=60, default="")
    caller_phone = CharField(max_length=20, default="")
    waybill = ForeignKeyField(Waybill, null=True, backref="+", on_delete="RESTRICT")
    question = TextField()
    taken_by = ForeignKeyField(User, backref="+", on_delete="RESTRICT")
    taken_at = DateTimeField(index=True)
    promised_at = DateTimeField()
    answer = TextField(default="")
    answered_by = ForeignKeyField(User, null=True, backref="+", on_delete="RESTRICT")
    answered_at = DateTimeField(null=True)
    exception = ForeignKeyField(OperationException, null=True, backref="+", on_delete="RESTRICT")
