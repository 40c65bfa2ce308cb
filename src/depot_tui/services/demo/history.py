"""The demo's last days, replayed through the services: a truck checked in at the counter two
nights ago, and the shift handovers with one dispute waiting.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from ...models import (
    Customer,
    Depot,
    LoadedPiece,
    Partner,
    Payment,
    Piece,
    Place,
    Quote,
    ReturnReceipt,
    User,
    Waybill,
)
from .. import arrival, clock, handover, pickup
from .data import INSTRUCTIONS
from .parts import _actor, _depart, _load, _manifest, _waybill


def _at_the_counter(
    depots: dict[str, Depot],
    users: dict[str, User],
    customers: list[Customer],
    seq: dict,
    now: dt.datetime,
    day_shifts: dict,
) -> None:
    """A truck from CS checked in at GZ two nights ago, replayed through the services as the
    clerks would have done it: its goods wait at the counter in every after-arrival state. One
    consignee was never called (overdue: fault 15 is proposed when F5 first lists it), one
    consignee's goods are held for the shipper's word, one waybill is for delivery and one
    consignee asked for delivery on the phone, one goes on to a partner line, and one was
    picked up with its return receipt still to sign. Its own random generator, so the rest
    of the demo is what it was before this was added."""
    rng = random.Random(20261124)
    cs_clerk, night, day = users["zhaoliu"], users["wangwu"], users["zhangsan"]
    gz = [c for c in customers if c.place.code.startswith("44")]
    hunan = [c for c in customers if c.place.code.startswith("43")]
    issued = (now - dt.timedelta(days=4)).replace(hour=10, minute=0, second=0, microsecond=0)
    waybills = [
        _waybill(
            rng,
            seq,
            depots["CS"],
            rng.choice(hunan),
            gz[n % len(gz)],
            cs_clerk,
            issued + dt.timedelta(minutes=35 * n),
            None,
        )
        for n in range(6)
    ]
    truck = _manifest(
        rng,
        depots["CS"],
        [depots["GZ"]],
        cs_clerk,
        now - dt.timedelta(days=3),
        "湘A·5C218",
        "邓国平",
        "13874012367",
    )
    _load(truck, waybills, cs_clerk, partial_last=False)
    _depart(truck, cs_clerk)
    # What each waybill was issued with (written after loading, which saves its own copies)
    never_called, held, to_deliver, asked, onward, collected = waybills
    Waybill.update(hold_for_release=True, remarks="等通知放货").where(Waybill.id == held.id).execute()
    Waybill.update(hold_for_release=False).where(Waybill.id != held.id).where(
        Waybill.id.in_([w.id for w in waybills])
    ).execute()
    Waybill.update(payment_method="collect").where(Waybill.id.in_([never_called.id, to_deliver.id])).execute()
    Payment.delete().where(Payment.waybill.in_([never_called.id, to_deliver.id])).execute()
    Waybill.update(
        delivery_mode="delivery", delivery_address=f"{to_deliver.consignee.place.name}工业大道 112 号 3 号仓"
    ).where(Waybill.id == to_deliver.id).execute()
    partner = Partner.get(Partner.name == "顺通中转物流")
    Waybill.update(
        is_transfer=True,
        partner=partner.id,
        transfer_fee=Decimal("30.00"),
        rebate=Decimal("5.00"),
        remarks="中转 顺通中转物流",
    ).where(Waybill.id == onward.id).execute()
    Waybill.update(receipt_required=True, receipt_copies=2).where(Waybill.id == collected.id).execute()
    # An upsert both databases accept (SQLite's INSERT OR REPLACE is not PostgreSQL's): a fresh,
    # unsigned receipt of two copies, whatever was there.
    ReturnReceipt.insert(waybill=collected.id, copies=2).on_conflict(
        conflict_target=[ReturnReceipt.waybill],
        update={
            ReturnReceipt.copies: 2,
            ReturnReceipt.status: "unsigned",
            ReturnReceipt.signed_by: None,
            ReturnReceipt.signed_at: None,
            ReturnReceipt.returned_by: None,
            ReturnReceipt.returned_at: None,
            ReturnReceipt.handed_by: None,
            ReturnReceipt.handed_at: None,
            ReturnReceipt.handed_to: "",
        },
    ).execute()

    night_before = (now - dt.timedelta(days=2)).replace(hour=3, minute=0, second=0, microsecond=0)
    with clock.at(night_before):
        check = arrival.start(_actor(night), truck.id)
    for n, piece in enumerate(
        Piece.select()
        .join(LoadedPiece, on=(LoadedPiece.piece == Piece.id))
        .where(LoadedPiece.manifest == truck.id)
        .order_by(Piece.id)
    ):
        with clock.at(night_before + dt.timedelta(seconds=20 * (n + 1))):
            arrival.scan(_actor(night), check.id, piece.label)
    with clock.at(night_before + dt.timedelta(minutes=25)):
        arrival.finish(_actor(night), check.id)
    counter = _actor(day, day_shifts.get(("zhangsan", 2)))
    morning = night_before.replace(hour=9)
    calls = [
        (held, "will_come", ""),
        (to_deliver, "will_come", ""),
        (asked, "deliver", "要求送到店里"),
        (collected, "will_come", ""),
    ]
    for n, (waybill, answer, note) in enumerate(calls):
        with clock.at(morning + dt.timedelta(minutes=6 * n)):
            pickup.notify(counter, waybill.number, "phone", answer, note)
    with clock.at(morning.replace(hour=10, minute=40)):
        pickup.pickup(
            counter,
            collected.number,
            pickup.PickupForm(
                collector_name="刘建国", id_number="440106199003071231", signature_name="刘建国"
            ),
        )


def _handovers(users: dict[str, User], day_shifts: dict) -> None:
    """The last days' handovers at GZ, replayed through the services at the shifts' ends:
    each past shift to the shift of another clerk under way at its end (the latest begun:
    the night clerk at the early one's 20:00, not the middle one), the keys and the scanners
    counted, the cash counted as the system had it, a superior's instruction passed on now
    and then. Two were disputed: the keys at the first early shift's end (陈静 settled it
    the next morning), and the instruction at the last one's, still waiting for her in the
    log (Ctrl+O). Paired by time, so a demo built at any hour has the same story."""
    rng = random.Random(20261125)
    supervisor = _actor(users["chenjing"])
    shifts_ = sorted(day_shifts.items(), key=lambda kv: kv[1].planned_end)
    pairs = []
    for (name, _back), going in shifts_:
        under_way = [
            (other, s)
            for (other, _b), s in day_shifts.items()
            if other != name and s.planned_start <= going.planned_end < s.planned_end
        ]
        if under_way:
            pairs.append((name, going, *max(under_way, key=lambda pair: pair[1].planned_start)))
    early = [going for name, going, _, _ in pairs if name == "zhangsan"]
    for n, (name, going, taker, coming) in enumerate(pairs):
        outgoing, incoming = _actor(users[name], going), _actor(users[taker], coming)
        told = going is early[-1] or rng.random() < 0.5
        with clock.at(going.planned_end - dt.timedelta(minutes=12)):
            draft = handover.start(outgoing)
            keys = None
            for subject, count in (("钥匙（前门、仓库）", "2"), ("扫码枪", "2")):
                line = handover.add_item(
                    outgoing,
                    draft.id,
                    handover.ItemForm(kind="count", subject=subject, expected=count, counted=count),
                )
                keys = keys or line
            instruction = (
                handover.add_item(
                    outgoing,
                    draft.id,
                    handover.ItemForm(kind="instruction", subject=rng.choice(INSTRUCTIONS)),
                )
                if told
                else None
            )
        with clock.at(going.planned_end - dt.timedelta(minutes=8)):
            handover.submit(outgoing, draft.id, f"{handover.summary(outgoing).cash:.2f}")
        disputes = {}
        if going is early[0]:
            disputes = {keys.id: "仓库钥匙挂钩上没有，说在抽屉里"}
        elif going is early[-1]:
            disputes = {instruction.id: "没说加车的时间，请主管明确"}
        with clock.at(max(going.planned_end, coming.planned_start) + dt.timedelta(minutes=3 + n % 3)):
            handover.accept(incoming, draft.id, disputes)
        if going is early[0]:
            with clock.at(coming.planned_end + dt.timedelta(hours=1, minutes=10)):
                handover.settle(supervisor, keys.id, "钥匙在抽屉里找到，已挂回")


def _quotes(users: dict[str, User], waybills: list[Waybill], now: dt.datetime) -> None:
    """The phone quotes of the last days (R-3.2): three callers came and shipped (two issued
    from the recalled quote, one typed afresh), two did not; and 黄丽华 called two days ago
    about 8 pieces of lamps to 湘潭县 and has not come yet (type 15018845523 as F2's
    destination to find her quote). Its own random generator, as `_at_the_counter`."""
    rng = random.Random(20261126)
    clerks = [users["zhangsan"], users["lisi"]]
    shipped = rng.sample([w for w in waybills if w.issued_at < now - dt.timedelta(days=1)], 3)
    rows = []
    for n, w in enumerate(shipped):
        rows.append(
            {
                "at": w.issued_at - dt.timedelta(days=1 + n, hours=2),
                "customer_name": w.shipper_name,
                "customer_phone": w.shipper_phone,
                "dest_place": w.dest_place_id,
                "goods_name": w.goods_name,
                "pieces": w.pieces,
                "packaging": w.packaging,
                "weight_kg": w.weight_kg,
                "volume_m3": w.volume_m3,
                "declared_value": w.declared_value,
                "delivery_mode": w.delivery_mode,
                "amount": w.total,
                "waybill": w.id if n < 2 else None,
            }
        )
    xtx = Place.get(Place.code == "430321")
    for phone, name, goods, pieces, weight, days, place in (
        ("15018845523", "黄丽华", "灯具", 8, Decimal("96"), 2, xtx.id),
        ("13632481120", "", "五金配件", 2, Decimal("45"), 3, shipped[0].dest_place_id),
        ("18819203344", "吴先生", "布料", 5, Decimal("160"), 5, shipped[1].dest_place_id),
    ):
        rows.append(
            {
                "at": (now - dt.timedelta(days=days)).replace(hour=15, minute=rng.randint(0, 59), second=0),
                "customer_name": name,
                "customer_phone": phone,
                "dest_place": place,
                "goods_name": goods,
                "pieces": pieces,
                "packaging": "纸箱",
                "weight_kg": weight,
                "volume_m3": Decimal(pieces) / 10,
                "declared_value": Decimal(0),
                "delivery_mode": "pickup",
                "amount": Decimal(30) + weight / 2,
                "waybill": None,
            }
        )
    depot = clerks[0].depot_id
    Quote.insert_many([{**row, "depot": depot, "user": rng.choice(clerks).id} for row in rows]).execute()
