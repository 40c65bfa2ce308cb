"""The depot's data model (the rules it keeps: docs/rules.md), as Peewee models on a deferred database.

The database is not opened here (see db.py): `database_proxy` is bound at start-up to SQLite
through APSW (the library that carries the WAL-reset fix) or to PostgreSQL. (APSW binds only plain
values; db.py's SQLite class turns dates and Decimals into text on the way in.)

Money and measures are Decimals, never floats. Enumerated states are short text codes listed
in the StrEnum classes of codes.py (re-exported here), so the database stays readable with the sqlite3 shell.
Nothing issued is updated without an AuditLog row (old -> new, who, why); the audit log itself
is append-only, enforced by triggers in the migration.

A package by area: base.py (the deferred database, locks, Decimal fields, BaseModel), people.py
(places, depots, users, shifts, sessions, settings, the audit log), waybills.py (customers,
prices, quotes, waybills and pieces), trucks.py (runs, scans, arrival checks, exceptions),
counter.py (after arrival: notices, releases, payments, pickups, deliveries, transfers,
receipts), handover.py, score.py; ALL_MODELS below lists them in creation order. The states
they store are in codes.py. Callers import from the package.
"""

from __future__ import annotations

from ..codes import (
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
from .base import BaseModel, DecimalField, database_proxy, ids_in, locked, scalars
from .counter import ConsigneeNotice, Delivery, Payment, Pickup, Release, ReturnReceipt, Transfer
from .handover import Handover, HandoverItem
from .people import (
    AuditLog,
    Depot,
    DepotArea,
    LeaveRequest,
    Place,
    Session,
    Setting,
    Shift,
    ShiftDefinition,
    User,
)
from .score import Appeal, ScoreEvent, ScoreMonth, ScoreRule
from .trucks import (
    ArrivalCheck,
    CheckedPiece,
    LoadedPiece,
    Manifest,
    ManifestStop,
    ManifestWaybill,
    OperationException,
    ScanEvent,
)
from .waybills import (
    Agreement,
    Customer,
    NumberCounter,
    Partner,
    PartnerArea,
    Piece,
    PriceRule,
    ProhibitedKeyword,
    Quote,
    Waybill,
    WaybillDraft,
    WaybillRevision,
)

#: Every model, in the order their tables are created.
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
    Agreement,
    Partner,
    PartnerArea,
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

__all__ = [
    "ALL_MODELS",
    "Agreement",
    "Appeal",
    "ArrivalCheck",
    "AuditLog",
    "BaseModel",
    "CheckedPiece",
    "ConsigneeNotice",
    "Customer",
    "DecimalField",
    "Delivery",
    "DeliveryMode",
    "Depot",
    "DepotArea",
    "ExceptionKind",
    "Handover",
    "HandoverItem",
    "LeaveRequest",
    "LoadedPiece",
    "Manifest",
    "ManifestStatus",
    "ManifestStop",
    "ManifestWaybill",
    "NumberCounter",
    "OperationException",
    "Partner",
    "PartnerArea",
    "Payment",
    "PaymentMethod",
    "Pickup",
    "Piece",
    "PieceStatus",
    "Place",
    "PlaceLevel",
    "PriceRule",
    "ProhibitedKeyword",
    "Quote",
    "Release",
    "ReturnReceipt",
    "Role",
    "ScanEvent",
    "ScoreEvent",
    "ScoreMonth",
    "ScoreRule",
    "ScoreStatus",
    "Session",
    "Setting",
    "Severity",
    "Shift",
    "ShiftCode",
    "ShiftDefinition",
    "Transfer",
    "User",
    "Waybill",
    "WaybillDraft",
    "WaybillRevision",
    "WaybillStatus",
    "database_proxy",
    "ids_in",
    "locked",
    "scalars",
]
