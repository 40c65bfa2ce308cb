"""Every model, in the order their tables are created."""

from __future__ import annotations

from ..codes import (  # noqa: F401 - the models' states, named from here by the services
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
from .base import BaseModel
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
    Customer,
    NumberCounter,
    Partner,
    Piece,
    PriceRule,
    ProhibitedKeyword,
    Quote,
    Waybill,
    WaybillDraft,
    WaybillRevision,
)

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
