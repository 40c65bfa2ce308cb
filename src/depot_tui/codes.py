"""The short text codes the database stores for enumerated states (roles, payment methods,
waybill and piece states …), as StrEnums. Their own module so that screens can name them without
importing the models: the database stays readable with the sqlite3 shell, and the screens stay
away from peewee."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    HR = "hr"  # 人力资源部: decides the clerks' appeals (the company's appeal rule)


class ShiftCode(StrEnum):
    """R-6: early 08:00-20:00, middle 12:00-24:00, night 20:00-08:00 (times live in ShiftDefinition)."""

    EARLY = "early"
    MIDDLE = "middle"
    NIGHT = "night"


class PlaceLevel(StrEnum):
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"


class PaymentMethod(StrEnum):
    CASH = "cash"  # 现付
    COLLECT = "collect"  # 提付
    MONTHLY = "monthly"  # 月结
    ON_RECEIPT = "on_receipt"  # 回单付


class DeliveryMode(StrEnum):
    PICKUP = "pickup"  # 自提
    DELIVERY = "delivery"  # 配送
    SPECIAL = "special"  # 专车
    DIRECT = "direct"  # 直送
    UPSTAIRS = "upstairs"  # 送货卸货及上楼


class WaybillStatus(StrEnum):
    ISSUED = "issued"
    PARTLY_LOADED = "partly_loaded"
    DEPARTED = "departed"
    ARRIVED = "arrived"
    NOTIFIED = "notified"
    PICKED_UP = "picked_up"
    DELIVERED = "delivered"
    TRANSFERRED = "transferred"
    VOID = "void"


class PieceStatus(StrEnum):
    IN_STOCK = "in_stock"
    LOADED = "loaded"
    IN_TRANSIT = "in_transit"
    ARRIVED = "arrived"
    RELEASED = "released"  # picked up, delivered or handed to a partner
    MISSING = "missing"


class ManifestStatus(StrEnum):
    OPEN = "open"  # loading
    DEPARTED = "departed"  # in transit
    ARRIVED = "arrived"  # at the destination, not yet checked
    CHECKING = "checking"
    CHECKED = "checked"


class ExceptionKind(StrEnum):
    OVER = "over"  # 多件
    SHORT = "short"  # 少件
    DAMAGED = "damaged"  # 破损
    LATE = "late"
    RULE_BREAK = "rule_break"
    COMPLAINT = "complaint"  # 客户投诉: from the customer-service log, or reported by hand
    LOST = "lost"  # 丢失
    MISROUTED = "misrouted"  # 错发
    OTHER = "other"


class Severity(StrEnum):
    MINOR = "minor"
    MAJOR = "major"
    URGENT = "urgent"


#: Exceptions gravest first (the handover's open matters, the exception list).
SEVERITY_ORDER: dict[str, int] = {Severity.URGENT: 0, Severity.MAJOR: 1, Severity.MINOR: 2}


class ScoreStatus(StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    OVERTURNED = "overturned"  # confirmed, then overturned on appeal
