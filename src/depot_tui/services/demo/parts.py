"""Pieces of the demo made as the services make them: pinyin initials, a price table, a waybill
with its pieces, a truck run loaded and departed, the actor of a demo user.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from ...models import (
    Customer,
    Depot,
    DepotArea,
    LoadedPiece,
    Manifest,
    ManifestStatus,
    ManifestStop,
    ManifestWaybill,
    Payment,
    Piece,
    PieceStatus,
    PriceRule,
    ReturnReceipt,
    Role,
    Shift,
    User,
    Waybill,
    WaybillStatus,
)
from .. import labels, pricing, tracking
from ..actor import Actor
from ..waybills import suggested_remarks
from .data import GOODS


def _initials(name: str) -> str:
    from pypinyin import Style, lazy_pinyin  # imported only where pinyin is made

    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()


def _price_table(depots: dict[str, Depot], rng: random.Random, now: dt.datetime) -> None:
    valid_from = (now - dt.timedelta(days=365)).date()
    routes = [
        ("GZ", "CS", "0.80", "180"),
        ("GZ", "XT", "0.90", "200"),
        ("CS", "GZ", "0.80", "180"),
        ("XT", "GZ", "0.90", "200"),
    ]
    for origin, dest, per_kg, per_m3 in routes:
        for area in DepotArea.select().where(DepotArea.depot == depots[dest].id):
            PriceRule.create(
                depot=depots[origin].id,
                dest_place=area.place_id,
                per_kg=Decimal(per_kg),
                per_m3=Decimal(per_m3),
                min_charge=Decimal("30"),
                delivery_fee=Decimal("50"),
                upstairs_fee=Decimal("30"),
                valid_from=valid_from,
                created_at=now - dt.timedelta(days=365),
            )


def _waybill(
    rng: random.Random,
    seq: dict,
    origin: Depot,
    shipper: Customer,
    consignee: Customer,
    clerk: User,
    issued: dt.datetime,
    shift: Shift | None,
) -> Waybill:
    day = issued.strftime("%y%m%d")
    seq[(origin.code, day)] = seq.get((origin.code, day), 0) + 1
    number = labels.waybill_number(origin.code, day, seq[(origin.code, day)])
    goods, packaging = rng.choice(GOODS)
    pieces = rng.randint(1, 8)
    weight = Decimal(rng.randint(8, 60) * pieces)
    volume = (Decimal(rng.randint(4, 30)) / 100 * pieces).quantize(Decimal("0.001"))
    dest_area = DepotArea.get(DepotArea.place == consignee.place_id)
    rates = pricing.rates_for(origin.id, consignee.place_id, issued.date())
    freight = pricing.freight(rates, weight, volume) if rates else Decimal("30.00")
    declared = Decimal(rng.choice([0, 0, 2000, 3000, 5000]))
    fee = pricing.insurance_fee(declared, origin.id, issued.date())
    method = "monthly" if shipper.monthly_account else rng.choice(["cash", "cash", "collect"])
    hold = rng.random() < 0.15
    remarks = suggested_remarks(
        fragile=goods in ("陶瓷餐具", "灯具"), packaging=packaging, declared=bool(declared), hold=hold
    )
    tracked = tracking.plan(
        origin.id,
        dest_area.depot_id,
        chosen="",
        delivery="pickup",
        required=None,
        shipper=shipper,
        declared_value=declared,
        now=issued,
    )
    waybill = Waybill.create(
        number=number,
        origin_depot=origin.id,
        dest_place=consignee.place_id,
        dest_depot=dest_area.depot_id,
        shipper=shipper.id,
        shipper_name=shipper.name,
        shipper_phone=shipper.phone,
        consignee=consignee.id,
        consignee_name=consignee.name,
        consignee_phone=consignee.phone,
        goods_name=goods,
        pieces=pieces,
        packaging=packaging,
        fragile=goods in ("陶瓷餐具", "灯具"),
        hazard="no",  # asked at the counter; the fragile ones were opened and looked at
        inspection="opened" if goods in ("陶瓷餐具", "灯具") else "sealed",
        inspection_note="内件完好" if goods in ("陶瓷餐具", "灯具") else "",
        weight_kg=weight,
        volume_m3=volume,
        declared_value=declared,
        insurance_fee=fee,
        freight=freight,
        table_freight=freight,
        total=freight + fee,
        payment_method=method,
        hold_for_release=hold,
        receipt_required=rng.random() < 0.2,
        remarks="；".join(remarks),
        cargo_class=tracked.cargo_class,
        expected_at=tracked.expected_at,
        due_at=tracked.due_at,
        status=WaybillStatus.ISSUED,
        issued_by=clerk.id,
        issued_at=issued,
        shipper_confirmed_at=issued,
        shift=shift.id if shift else None,
    )
    if waybill.receipt_required:
        waybill.receipt_copies = 1
        waybill.save()
        ReturnReceipt.create(waybill=waybill.id, copies=1)
    Piece.insert_many(
        [
            {
                "waybill": waybill.id,
                "index": i,
                "label": labels.piece_label(number, i),
                "status": PieceStatus.IN_STOCK,
                "depot": origin.id,
            }
            for i in range(1, pieces + 1)
        ]
    ).execute()
    if method == "cash":
        Payment.create(
            waybill=waybill.id,
            purpose="freight",
            amount=waybill.total,
            method="cash",
            by=clerk.id,
            shift=shift.id if shift else None,
            at=issued,
        )
    return waybill


def _actor(user: User, shift: Shift | None = None) -> Actor:
    return Actor(
        user.id,
        user.username,
        user.name,
        Role(user.role),
        user.depot_id,
        shift_id=shift.id if shift else None,
    )


def _manifest(
    rng: random.Random,
    origin: Depot,
    stops: list[Depot],
    clerk: User,
    day: dt.datetime,
    plate: str,
    driver: str,
    phone: str,
) -> Manifest:
    departure = day.replace(hour=21, minute=0, second=0)
    manifest = Manifest.create(
        number=f"{origin.code}{departure:%y%m%d}-{rng.randint(1, 9):02d}",
        origin_depot=origin.id,
        plate=plate,
        driver_name=driver,
        driver_phone=phone,
        planned_departure=departure,
        created_by=clerk.id,
        created_at=departure - dt.timedelta(hours=3),
    )
    for seq, depot in enumerate(stops, 1):
        ManifestStop.create(manifest=manifest.id, seq=seq, depot=depot.id)
    return manifest


def _load(manifest: Manifest, waybills: list[Waybill], clerk: User, *, partial_last: bool) -> None:
    at = manifest.planned_departure - dt.timedelta(hours=2)
    for n, waybill in enumerate(waybills):
        pieces = list(waybill.piece_rows.order_by(Piece.index))
        partial = partial_last and n == len(waybills) - 1 and len(pieces) > 1
        take = pieces[:-1] if partial else pieces
        ManifestWaybill.create(
            manifest=manifest.id,
            waybill=waybill.id,
            planned_pieces=len(pieces),
            note="余1件留库，下一车补发" if partial else "",
        )
        for piece in take:
            LoadedPiece.create(manifest=manifest.id, piece=piece.id, loaded_by=clerk.id, loaded_at=at)
            piece.status = PieceStatus.IN_TRANSIT
            piece.depot = None
            piece.save()
        waybill.status = WaybillStatus.PARTLY_LOADED if partial else WaybillStatus.DEPARTED
        waybill.save()


def _depart(manifest: Manifest, clerk: User) -> None:
    manifest.status = ManifestStatus.DEPARTED
    manifest.departed_by = clerk.id
    manifest.departed_at = manifest.planned_departure
    if (
        ManifestWaybill.select()
        .where((ManifestWaybill.manifest == manifest.id) & (ManifestWaybill.note != ""))
        .exists()
    ):
        manifest.note = "部分运单未装完，见明细备注"
    manifest.save()
