"""The slip (红单) the shipper checks and signs (R-2.10), and printing a waybill with its piece
labels (R-2.11).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from ...models import Depot, Place, User, Waybill, WaybillRevision, WaybillStatus
from .. import lookup, printing, settings


def print_waybill(waybill: Waybill, piece_labels: list[str], outbox: Path) -> list[printing.Printed]:
    depot_id = waybill.origin_depot_id
    station = Depot.get_by_id(waybill.dest_depot_id).code if waybill.dest_depot_id else ""
    label = printing.LabelText(
        labels=piece_labels,
        number=waybill.number,
        station=station,
        destination=Place.get_by_id(waybill.dest_place_id).name,
        consignee=waybill.consignee_name,
        pieces=waybill.pieces,
    )
    form = str(settings.get("print.slip_form", depot_id))
    layout = printing.FORMS.get(form)
    text = printing.forms.render(layout, form_values(waybill)) if layout else slip_text(waybill)
    slip = printing.deliver(outbox, f"slip-{waybill.number}.txt", text, depot_id)
    if form != "ruled" and layout is None:  # named, but not in this server's config file
        slip = printing.Printed(slip.path, f"no form {form[:40]!r} in this server's config file ([forms])")
    return [slip, printing.deliver_labels(outbox, label, depot_id)]


def _yuan(value: object) -> str:
    """An amount as the slip and the form print it: 197.00."""
    return f"{Decimal(str(value)):.2f}"


def form_values(waybill: Waybill) -> dict[str, str]:
    """The waybill's values for a pre-printed form's boxes (printing/forms.py FIELDS)."""
    origin = Depot.get_by_id(waybill.origin_depot_id)
    place = lookup.place(Place.get_by_id(waybill.dest_place_id).code)
    station = Depot.get_by_id(waybill.dest_depot_id) if waybill.dest_depot_id else None

    return {
        "number": waybill.number,
        "date": f"{waybill.issued_at:%Y-%m-%d}",
        "origin": origin.name,
        "origin_phone": origin.phone,
        "destination": place.full_name if place else "",
        "station": f"{station.code} {station.name}" if station else "",
        "shipper_name": waybill.shipper_name,
        "shipper_phone": waybill.shipper_phone,
        "consignee_name": waybill.consignee_name,
        "consignee_phone": waybill.consignee_phone,
        "consignee_address": waybill.delivery_address or "",
        "goods": waybill.goods_name,
        "pieces": str(waybill.pieces),
        "packaging": waybill.packaging or "",
        "weight": str(waybill.weight_kg),
        "volume": str(waybill.volume_m3),
        "declared_value": _yuan(waybill.declared_value),
        "insurance_fee": _yuan(waybill.insurance_fee),
        "freight": _yuan(waybill.freight),
        "delivery_fee": _yuan(waybill.delivery_fee),
        "upstairs_fee": _yuan(waybill.upstairs_fee),
        "transfer_fee": _yuan(waybill.transfer_fee),
        "total": _yuan(waybill.total),
        "total_capital": printing.forms.capital_yuan(Decimal(str(waybill.total))),
        "payment": _PAYMENT_ZH.get(waybill.payment_method, waybill.payment_method),
        "delivery": _DELIVERY_ZH.get(waybill.delivery_mode, waybill.delivery_mode),
        "receipt": f"{waybill.receipt_copies} 份" if waybill.receipt_required else "不要",
        "remarks": waybill.remarks or "",
        "clerk": User.get_by_id(waybill.issued_by_id).name,
    }


# --- the slip -----------------------------------------------------------------------------------

_PAYMENT_ZH = {"cash": "现付", "collect": "提付", "monthly": "月结", "on_receipt": "回单付"}
_DELIVERY_ZH = {
    "pickup": "自提",
    "delivery": "配送",
    "special": "专车",
    "direct": "直送",
    "upstairs": "送货上楼",
}


_CLASS_ZH = {"A": "（逐步跟踪）", "B": "（普通）", "C": "（经济）"}
_ORIENTATION_ZH = {"free": "不限", "up": "向上勿倒置", "no_stack": "勿压"}
_INSPECTION_ZH = {"sealed": "原封未开", "opened": "已开箱查验"}
#: The declared categories (checks.DECLARED_CATEGORIES) as the declaration names them.
_DECLARED_ZH = {"lithium_battery": "锂电池", "aerosol": "香水及气雾剂"}


def _declarations(waybill: Waybill) -> list[str]:
    """R-1.2 / R-1.4 / R-2.4 on the slip: orientation, inspection, damage found at intake, and
    the shipper's dangerous-goods answer that the signature below confirms (SOP 004 ch.1 2.1)."""
    width = printing.WIDTH
    inspection = _INSPECTION_ZH.get(waybill.inspection, "未记录")
    if waybill.inspection_note:
        inspection += f"：{waybill.inspection_note}"
    lines = printing.fit(
        printing.pad(f"朝向   {_ORIENTATION_ZH.get(waybill.orientation, waybill.orientation)}", 30)
        + f"查验 {inspection}",
        width,
    )
    if waybill.intake_damage:
        lines += printing.fit(f"收货时破损 {waybill.intake_damage}（已告知发货人）", width)
    if waybill.hazard == "yes":
        kind = _DECLARED_ZH.get(waybill.hazard_category, waybill.hazard_category)
        lines += printing.fit(f"危险品申报：{waybill.goods_name}，属{kind}，发货人如实申报并签字确认", width)
    elif waybill.hazard == "no":
        lines += printing.fit("发货人声明：所托货物不含危险品及违禁品，品名属实，签字确认", width)
    return lines


def _phone(phone: str, confirmed: bool) -> str:
    """R-2.2's "联系电话确认": a number the clerk called back or heard repeated says so."""
    return f"电话 {phone}" + ("（已核实）" if confirmed else "")


def slip_text(waybill: Waybill) -> str:
    """The red slip (物流红单) as 80-column text. Always Chinese: it is the customer's document."""
    origin = Depot.get_by_id(waybill.origin_depot_id)
    place = lookup.place(Place.get_by_id(waybill.dest_place_id).code)
    station = Depot.get_by_id(waybill.dest_depot_id) if waybill.dest_depot_id else None
    clerk = User.get_by_id(waybill.issued_by_id)
    pad = printing.pad
    lines = [
        printing.center(f"{origin.name}  货物托运单"),
        printing.center(f"地址 {origin.address}  电话 {origin.phone}"),
        "=" * printing.WIDTH,
        pad(f"运单号 {waybill.number}", 30)
        + pad(f"开单 {waybill.issued_at:%Y-%m-%d %H:%M}", 26)
        + f"开单员 {clerk.name}",
        f"到站   {place.full_name if place else ''}"
        + (f"  ({station.code} {station.name})" if station else ""),
        pad(f"发货人 {waybill.shipper_name}", 50)
        + _phone(waybill.shipper_phone, waybill.shipper_phone_confirmed),
        pad(f"收货人 {waybill.consignee_name}", 50)
        + _phone(waybill.consignee_phone, waybill.consignee_phone_confirmed),
        pad(f"货名   {waybill.goods_name}", 30)
        + pad(f"件数 {waybill.pieces}", 12)
        + pad(f"包装 {waybill.packaging or '-'}", 16)
        + ("易碎" if waybill.fragile else ""),
        *_declarations(waybill),
        pad(f"重量   {waybill.weight_kg} kg", 30) + f"体积 {waybill.volume_m3} m³",
        pad(f"付款   {_PAYMENT_ZH.get(waybill.payment_method, waybill.payment_method)}", 30)
        + f"交货 {_DELIVERY_ZH.get(waybill.delivery_mode, waybill.delivery_mode)}",
    ]
    if waybill.delivery_address:
        lines += printing.fit(f"送货地址 {waybill.delivery_address}", printing.WIDTH)
    receipt = f"要 {waybill.receipt_copies} 份" if waybill.receipt_required else "不要"
    lines.append(
        pad(f"回单   {receipt}", 30)
        + pad(f"等通知放货 {'是' if waybill.hold_for_release else '否'}", 20)
        + (f"中转 {waybill.partner.name}" if waybill.is_transfer and waybill.partner_id else "")
    )
    if waybill.cargo_class:  # SOP 004 ch.2: the class the goods are followed by, the promised day
        lines.append(
            pad(f"类别   {waybill.cargo_class}类{_CLASS_ZH[waybill.cargo_class]}", 30)
            + (pad(f"要求到货 {waybill.required_by:%Y-%m-%d}", 20) if waybill.required_by else "")
            + (f"预计到达 {waybill.expected_at:%m-%d %H:%M}" if waybill.expected_at else "")
        )
    lines.append("-" * printing.WIDTH)
    lines.append(pad(f"保价   {_yuan(waybill.declared_value)}", 30) + f"保费 {_yuan(waybill.insurance_fee)}")
    fees = [f"运费 {_yuan(waybill.freight)}"]
    for label, value in (
        ("送货费", waybill.delivery_fee),
        ("上楼费", waybill.upstairs_fee),
        ("中转费", waybill.transfer_fee),
    ):
        if Decimal(value):
            fees.append(f"{label} {_yuan(value)}")
    lines.append("   ".join(fees))
    lines.append(f"合计   {_yuan(waybill.total)} 元")
    if waybill.remarks:
        lines += printing.fit(f"备注   {waybill.remarks}", printing.WIDTH)
    if waybill.status == WaybillStatus.VOID:
        lines.append(f"【作废】{waybill.voided_at:%Y-%m-%d %H:%M} {waybill.void_reason}")
    revisions = (
        waybill.revisions.order_by(WaybillRevision.revision) if waybill.id else []
    )  # a preview has none
    for rev in revisions:
        who = User.get_by_id(rev.made_by_id).name
        changed = "，".join(f"{k}: {v[0]} → {v[1]}" for k, v in json.loads(rev.changes).items())
        lines += printing.fit(
            f"【更正 {rev.revision}】{rev.made_at:%Y-%m-%d %H:%M} {who}：{changed}；原因：{rev.reason}",
            printing.WIDTH,
        )
    lines.append("-" * printing.WIDTH)
    lines.append(pad("发货人已核对签字：____________", 40) + f"开单员：{clerk.name}")
    return "\n".join(lines) + "\n"
