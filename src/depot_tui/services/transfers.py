"""Transfer register (中转登记, R-2.17): goods handed on to a partner line.

Each transfer records the partner, the partner's own waybill number, the transfer fee and the
rebate (中转回扣). A rebate left blank is refused, not flagged: 0 is typed when there is none,
so fault 6 (rebate not marked) cannot be committed through this register.

Goods can be handed on from here when they are in stock here (a waybill issued here to a place
no depot of ours serves) or arrived here; goods held for the shipper's word go nowhere until a
release is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..models import Partner, Piece, PieceStatus, Transfer, Waybill, WaybillStatus, database_proxy, locked
from . import audit, checks, clock
from .actor import Actor
from .errors import FormError, ServiceError
from .pickup import hand_over, released

_HERE = (PieceStatus.IN_STOCK, PieceStatus.ARRIVED)


def _pieces_here(waybill_id: int, depot_id: int):  # noqa: ANN202 - a Peewee select
    return Piece.select().where(
        (Piece.waybill == waybill_id) & (Piece.depot == depot_id) & Piece.status.in_(_HERE)
    )


def partners() -> list[str]:
    """The partner lines goods can be handed to (active ones), by name."""
    return [p.name for p in Partner.select(Partner.name).where(Partner.active).order_by(Partner.name)]


@dataclass(frozen=True)
class ToTransfer:
    """A waybill marked for transfer with goods here, and what its slip says of the transfer."""

    number: str
    destination: str
    consignee_name: str
    partner: str
    fee: Decimal
    rebate: Decimal
    here: int
    held: bool


def to_transfer(actor: Actor) -> list[ToTransfer]:
    """Waybills issued as transfers whose goods are here and not yet handed on, oldest first."""
    here = Piece.select(Piece.waybill).where((Piece.depot == actor.depot_id) & Piece.status.in_(_HERE))
    rows = (
        Waybill.select()
        .where(Waybill.is_transfer & Waybill.id.in_(here) & (Waybill.status != WaybillStatus.VOID))
        .order_by(Waybill.issued_at, Waybill.number)
    )
    return [
        ToTransfer(
            number=w.number,
            destination=w.dest_place.name,
            consignee_name=w.consignee_name,
            partner=w.partner.name if w.partner_id else "",
            fee=Decimal(str(w.transfer_fee)),
            rebate=Decimal(str(w.rebate)),
            here=_pieces_here(w.id, actor.depot_id).count(),
            held=not released(w),
        )
        for w in rows
    ]


@dataclass
class TransferForm:
    partner: str = ""
    partner_number: str = ""  # the partner line's own waybill number
    fee: str = ""  # what the partner charges us (中转费)
    rebate: str = ""  # 中转回扣: required, 0 when there is none (fault 6)


@dataclass(frozen=True)
class Transferred:
    number: str
    partner: str
    pieces: int


def register(actor: Actor, number: str, form: TransferForm) -> Transferred:
    """Hand every piece of the waybill that is here to the partner line and register it."""

    errors: list[ServiceError] = []
    partner = Partner.get_or_none((Partner.name == form.partner.strip()) & Partner.active)
    if partner is None:
        errors.append(ServiceError("error.partner_unknown", field="partner", name=form.partner.strip()))
    values: dict[str, object] = {}
    for name, check in (
        (
            "partner_number",
            lambda: checks.optional_text(form.partner_number, "partner_number", max_length=40),
        ),
        ("fee", lambda: checks.money(form.fee, "fee", blank_is_zero=False)),
        ("rebate", lambda: _rebate(form.rebate)),
    ):
        try:
            values[name] = check()
        except ServiceError as exc:
            errors.append(exc)
    if values.get("partner_number") == "":
        errors.insert(1 if partner is None else 0, ServiceError("error.required", field="partner_number"))
    with database_proxy.atomic():
        waybill = locked(Waybill.select().where(Waybill.number == checks.normal(number).upper())).first()
        if waybill is None or waybill.status == WaybillStatus.VOID:
            raise ServiceError("error.transfer_unknown", number=number)
        pieces = list(_pieces_here(waybill.id, actor.depot_id).order_by(Piece.index))
        if not pieces:
            raise ServiceError("error.pickup_nothing_here", number=waybill.number)
        if not released(waybill):
            raise ServiceError("error.pickup_held", number=waybill.number)
        if errors:
            raise FormError(errors)
        now = clock.now()
        Transfer.create(
            waybill=waybill.id,
            partner=partner.id,
            partner_waybill_number=values["partner_number"],
            fee=values["fee"],
            rebate=values["rebate"],
            rebate_marked=True,
            pieces=len(pieces),
            by=actor.user_id,
            at=now,
        )
        hand_over(waybill, pieces, WaybillStatus.TRANSFERRED)
        audit.record(
            actor,
            "waybill.transfer",
            "waybill",
            waybill.number,
            new={
                "partner": partner.name,
                "partner_number": values["partner_number"],
                "fee": f"{values['fee']:.2f}",
                "rebate": f"{values['rebate']:.2f}",
                "pieces": len(pieces),
            },
        )
    return Transferred(waybill.number, partner.name, len(pieces))


def _rebate(text: str) -> Decimal:
    if not checks.normal(text):
        raise ServiceError("error.rebate_required", field="rebate")
    return checks.money(text, "rebate")
