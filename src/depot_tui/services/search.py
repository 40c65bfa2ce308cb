"""Finding waybills (F8 查询): by number, label scan, phone, name or date; one waybill with its
pieces and history, read-only.

A user sees the waybills their depot sent or receives (an admin sees all). Each search is at
most one indexed query: the list shows the newest 50.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from ..models import AuditLog, Depot, Piece, Place, Role, Waybill
from . import checks, clock, depots, labels, money
from .actor import Actor
from .errors import ServiceError
from .waybills import get, slip_text

LIMIT = 50


@dataclass(frozen=True)
class Row:
    number: str
    issued_at: dt.datetime
    destination: str
    consignee: str
    consignee_phone: str
    goods: str
    pieces: int
    total: Decimal
    status: str


@dataclass(frozen=True)
class PieceLine:
    label: str
    status: str


@dataclass(frozen=True)
class HistoryLine:
    """One thing done to the waybill: its action code, and for a correction each field
    changed (form field name, before, after); the reason given, if any."""

    at: dt.datetime
    who: str
    action: str
    changes: tuple[tuple[str, str, str], ...]
    reason: str


@dataclass(frozen=True)
class Detail:
    waybill: Waybill
    origin: str
    destination: str
    issued_by: str
    pieces: list[PieceLine]
    history: list[HistoryLine]
    slip: str
    owed: money.Owed | None = None  # the freight paid and still owed (services/money.py)


def _day(text: str) -> dt.date | None:
    """2026-11-23, 2026/11/23, 11-23 or 1123 (this year) as a date, else None."""
    today = clock.now().date()
    for pattern, has_year in (
        (r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", True),
        (r"(\d{1,2})[-/.](\d{1,2})", False),
    ):
        match = re.fullmatch(pattern, text)
        if match:
            parts = [int(x) for x in match.groups()]
            try:
                return dt.date(*parts) if has_year else dt.date(today.year, *parts)
            except ValueError:
                return None
    return None


def find(actor: Actor, text: str) -> list[Row]:
    """Waybills matching `text`: a waybill number (or its start), a piece label, a phone
    number (or its last digits), a date, or part of a shipper's or consignee's name."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text or len(text) > 60:
        return []
    query = Waybill.select(Waybill, Place.name).join(Place, on=(Waybill.dest_place == Place.id))
    if actor.role != Role.ADMIN:
        query = query.where((Waybill.origin_depot == actor.depot_id) | (Waybill.dest_depot == actor.depot_id))
    upper = text.upper()
    day = _day(text)
    if "-" in upper and re.fullmatch(r"[A-Z0-9]+-\d{3,4}[0-9A-Z]", upper):
        try:
            parsed = labels.parse_label(upper)
        except labels.LabelError:
            raise ServiceError("error.label_check", field="query", label=text) from None
        query = query.where(Waybill.number == parsed.waybill_number)
    elif labels.looks_like_waybill_number(upper):
        if not labels.is_waybill_number(upper):
            raise ServiceError("error.number_check", field="query", number=text)
        query = query.where(Waybill.number == upper)
    elif re.fullmatch(r"[A-Z]{2,8}\d{1,10}", upper):
        query = query.where((Waybill.number >= upper) & (Waybill.number < upper + "\x7f"))
    elif day is not None:
        start = dt.datetime.combine(day, dt.time())
        query = query.where((Waybill.issued_at >= start) & (Waybill.issued_at < start + dt.timedelta(days=1)))
    elif re.fullmatch(r"\+?[\d\s-]{4,}", text):
        digits = re.sub(r"\D", "", text)
        if len(digits) >= 11 or "-" in text or "+" in text:
            # As stored: 13800138000 or 020-86317745, whatever was typed (+86, spaces, dashes).
            with contextlib.suppress(ServiceError):
                digits = checks.phone(text, "query")
            query = query.where(
                (Waybill.consignee_phone == text)
                | (Waybill.shipper_phone == text)
                | (Waybill.consignee_phone == digits)
                | (Waybill.shipper_phone == digits)
            )
        else:
            query = query.where(
                Waybill.consignee_phone.endswith(digits) | Waybill.shipper_phone.endswith(digits)
            )
    else:
        query = query.where(Waybill.consignee_name.contains(text) | Waybill.shipper_name.contains(text))
    rows = query.order_by(Waybill.issued_at.desc()).limit(LIMIT)
    return [
        Row(
            w.number,
            w.issued_at,
            w.dest_place.name,
            w.consignee_name,
            w.consignee_phone,
            w.goods_name,
            w.pieces,
            Decimal(w.total),
            w.status,
        )
        for w in rows
    ]


def detail(actor: Actor, number: str) -> Detail:
    """One waybill as issued and as it stands, its pieces, and every recorded change."""
    waybill = get(actor, number)
    names = depots.user_names()
    pieces = [PieceLine(p.label, p.status) for p in waybill.piece_rows.order_by(Piece.index)]
    history = [
        HistoryLine(a.at, names.get(a.user_id, a.reason), a.action, _changes(a.old, a.new), a.reason)
        for a in AuditLog.select()
        .where((AuditLog.entity == "waybill") & (AuditLog.entity_id == waybill.number))
        .order_by(AuditLog.id)
    ]
    origin = Depot.get_by_id(waybill.origin_depot_id)
    return Detail(
        waybill,
        f"{origin.code} {origin.name}",
        Place.get_by_id(waybill.dest_place_id).name,
        names.get(waybill.issued_by_id, ""),
        pieces,
        history,
        slip_text(waybill),
        money.owed(waybill),
    )


def _changes(old: str | None, new: str | None) -> tuple[tuple[str, str, str], ...]:
    """The fields a correction changed, before and after; nothing for a record that is not a
    change (an issue's whole form is the slip itself)."""
    before = json.loads(old) if old else {}
    after = json.loads(new) if new else {}
    if not isinstance(before, dict) or not isinstance(after, dict) or not before:
        return ()
    return tuple((str(k), str(before.get(k, "")), str(v)) for k, v in after.items())
