"""The demo database: three depots of a Guangzhou-Hunan line with a few days of real-looking work.

Built relative to the clock (fix the clock for identical databases, as the snapshot tests do)
and from a seeded random generator, so two builds at the same moment are the same.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from ..models import (
    Customer,
    Depot,
    DepotArea,
    LoadedPiece,
    Manifest,
    ManifestStatus,
    ManifestStop,
    ManifestWaybill,
    Partner,
    Payment,
    Piece,
    PieceStatus,
    Place,
    PriceRule,
    ReturnReceipt,
    Role,
    Shift,
    User,
    Waybill,
    WaybillStatus,
    database_proxy,
)
from . import audit, clock, labels, pricing, seed, shifts
from .actor import Actor
from .auth import hash_password
from .demo_accounts import DEMO_PASSWORD, DEMO_USERS
from .waybills import suggested_remarks

# code, name, county it stands in, counties it delivers to (by GB/T 2260 code prefix or code)
DEPOTS = [
    ("GZ", "广州白云站", "440111", ["4401", "4406"]),
    ("CS", "长沙岳麓站", "430104", ["4301"]),
    ("XT", "湘潭雨湖站", "430302", ["4303"]),
]

CUSTOMERS = [
    ("广州市白云区恒达五金店", "13802451187", "440111", True),
    ("刘建国", "13925067732", "440106", False),
    ("佛山顺德美佳家具厂", "18922356610", "440606", True),
    ("黄丽华", "15018845523", "440111", False),
    ("广州卓越服装有限公司", "020-86317745", "440111", True),
    ("陈志强", "17620193348", "440113", False),
    ("长沙岳麓区锦程建材", "13787120456", "430104", False),
    ("周敏", "18673155290", "430121", False),
    ("湘潭县易俗河杨氏百货", "13975201688", "430321", False),
    ("李卫东", "19973285431", "430302", False),
    ("谭雪梅", "16673121907", "430181", False),
    ("湘乡市龙洞电器行", "0731-56782210", "430381", False),
    ("王海波", "14773248865", "430304", False),
    ("岳麓区优品汇超市", "15574180023", "430104", True),
]

GOODS = [
    ("五金配件", "纸箱"),
    ("服装", "编织袋"),
    ("家具配件", "木架"),
    ("电器配件", "纸箱"),
    ("陶瓷餐具", "纸箱"),
    ("灯具", "纸箱"),
    ("建材样品", "托盘"),
    ("日用百货", "纸箱"),
    ("布料", "编织袋"),
    ("汽车配件", "纸箱"),
]


def build(console: Actor) -> None:
    """Fill an empty, migrated database with the demo. One transaction."""
    rng = random.Random(20261123)
    now = clock.now()
    with database_proxy.atomic():
        seed.install_reference_data(console)
        places = {p.code: p for p in Place.select()}
        depots: dict[str, Depot] = {}
        for code, name, county, served in DEPOTS:
            depot = Depot.create(
                code=code,
                name=name,
                place=places[county].id,
                address=f"{places[county].name}物流园{rng.randint(1, 30)}号",
                phone=f"0{rng.randint(20, 799)}-{rng.randint(8000000, 8999999)}",
            )
            depots[code] = depot
            for place in places.values():
                if place.level == "county" and any(place.code.startswith(s) for s in served):
                    DepotArea.create(depot=depot.id, place=place.id)
        users: dict[str, User] = {}
        # Every demo account has the one published password: one hash serves them all (a
        # tenth of a second each otherwise, at every `--demo` start).
        demo_hash = hash_password(DEMO_PASSWORD)
        for username, name, role, depot_code, shift_code in DEMO_USERS:
            users[username] = User.create(
                depot=depots[depot_code].id,
                username=username,
                name=name,
                role=role.value,
                shift_code=shift_code,
                password_hash=demo_hash,
                created_at=now - dt.timedelta(days=60),
            )
        Partner.create(name="顺通中转物流", contact="何经理", phone="13600135500")
        Partner.create(name="湘中快运", contact="罗师傅", phone="13807322211")

        _price_table(depots, rng, now)
        customers = [
            Customer.create(
                name=n,
                phone=ph,
                pinyin=_initials(n),
                place=places[pl].id,
                monthly_account=m,
                created_at=now - dt.timedelta(days=90),
            )
            for n, ph, pl, m in CUSTOMERS
        ]
        gz_shippers = [c for c in customers if c.place.code.startswith("44")]
        hunan = [c for c in customers if c.place.code.startswith("43")]

        # Three days of work at GZ: each clerk's past shifts, and waybills to Changsha/Xiangtan.
        gz_clerks = [users["zhangsan"], users["lisi"]]
        day_shifts = {}
        for back in (3, 2, 1):
            for clerk in gz_clerks + [users["wangwu"]]:
                planned = shifts.planned_for(clerk.shift_code, now - dt.timedelta(days=back))
                late = dt.timedelta(minutes=rng.choice([-10, -5, 0, 0, 3, 12]))
                day_shifts[(clerk.username, back)] = Shift.create(
                    user=clerk.id,
                    depot=clerk.depot_id,
                    code=clerk.shift_code,
                    planned_start=planned.start,
                    planned_end=planned.end,
                    clock_in=planned.start + late,
                    clock_out=planned.end + dt.timedelta(minutes=5),
                    handed_over=True,
                )
        seq: dict[tuple[str, str], int] = {}
        waybills_by_day: dict[int, list[Waybill]] = {3: [], 2: [], 1: [], 0: []}
        for back in (3, 2, 1, 0):
            for i in range(rng.randint(7, 10) if back else 5):
                clerk = gz_clerks[i % 2]
                issued = (now - dt.timedelta(days=back)).replace(
                    hour=9 + i, minute=rng.randint(0, 59), second=0
                )
                if issued > now:
                    issued = now - dt.timedelta(minutes=5 * (5 - i))
                shift = day_shifts.get((clerk.username, back))
                waybills_by_day[back].append(
                    _waybill(
                        rng,
                        seq,
                        depots["GZ"],
                        rng.choice(gz_shippers),
                        rng.choice(hunan),
                        clerk,
                        issued,
                        shift,
                    )
                )
        # Waybills issued at CS for Guangzhou consignees: they came on the truck that arrived.
        inbound = []
        cs_clerk = users["zhaoliu"]
        for i in range(6):
            issued = (now - dt.timedelta(days=2)).replace(hour=10 + i, minute=15, second=0)
            inbound.append(
                _waybill(
                    rng, seq, depots["CS"], rng.choice(hunan), rng.choice(gz_shippers), cs_clerk, issued, None
                )
            )

        # A truck from GZ to CS and XT that left last night: in transit.
        in_transit = _manifest(
            rng,
            depots["GZ"],
            [depots["CS"], depots["XT"]],
            users["lisi"],
            now - dt.timedelta(days=1),
            "粤A·3K729",
            "黄建军",
            "13711458802",
        )
        _load(in_transit, waybills_by_day[2] + waybills_by_day[3], users["lisi"], partial_last=True)
        _depart(in_transit, users["lisi"])
        # A truck from CS that reached GZ in the small hours: waiting for the arrival check.
        arrived = _manifest(
            rng,
            depots["CS"],
            [depots["GZ"]],
            cs_clerk,
            now - dt.timedelta(days=1),
            "湘A·7Q215",
            "邓国平",
            "13874012367",
        )
        _load(arrived, inbound, cs_clerk, partial_last=False)
        _depart(arrived, cs_clerk)
        arrived.status = ManifestStatus.ARRIVED
        arrived.arrived_at = now.replace(hour=2, minute=40, second=0) if now.hour >= 3 else now
        arrived.save()
        # Tonight's truck to XT, being loaded now: today's XT waybills are on its plan, the
        # first on board, the next two pieces so far.
        tonight = Manifest.create(
            number=f"GZ{now:%y%m%d}-01",
            origin_depot=depots["GZ"].id,
            plate="粤A·8M360",
            driver_name="周志强",
            driver_phone="13560281947",
            planned_departure=now.replace(hour=21, minute=0, second=0, microsecond=0),
            created_by=users["zhangsan"].id,
            created_at=now - dt.timedelta(minutes=20),
        )
        ManifestStop.create(manifest=tonight.id, seq=1, depot=depots["XT"].id)
        to_xt = [w for w in waybills_by_day[0] if w.dest_depot_id == depots["XT"].id][:2]
        for n, waybill in enumerate(to_xt):
            pieces = list(waybill.piece_rows.order_by(Piece.index))
            ManifestWaybill.create(manifest=tonight.id, waybill=waybill.id, planned_pieces=len(pieces))
            for piece in pieces if n == 0 else pieces[:2]:
                LoadedPiece.create(
                    manifest=tonight.id,
                    piece=piece.id,
                    loaded_by=users["zhangsan"].id,
                    loaded_at=now - dt.timedelta(minutes=10),
                )
                piece.status = PieceStatus.LOADED
                piece.save()
        # A waybill the shipper called off yesterday: voided, its goods still here to be collected.
        supervisor = users["chenjing"]
        voided = next(w for w in waybills_by_day[1] if w.dest_depot_id == depots["CS"].id)
        voided.status = WaybillStatus.VOID
        voided.voided_by, voided.voided_at = supervisor.id, voided.issued_at + dt.timedelta(hours=2)
        voided.void_reason = "发货人取消托运，货待发货人取回"
        voided.save()
        audit.record(
            Actor(
                supervisor.id,
                supervisor.username,
                supervisor.name,
                Role(supervisor.role),
                supervisor.depot_id,
            ),
            "waybill.void",
            "waybill",
            voided.number,
            old={"status": WaybillStatus.ISSUED.value},
            new={"status": WaybillStatus.VOID.value},
            reason=voided.void_reason,
            depot_id=supervisor.depot_id,
        )
        _at_the_counter(depots, users, customers, seq, now, day_shifts)
        _handovers(users, day_shifts)
        audit.record(
            console,
            "demo.build",
            "database",
            None,
            new={"depots": len(depots), "users": len(users), "waybills": Waybill.select().count()},
        )


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
    rule = pricing.rule_for(origin.id, consignee.place_id, issued.date())
    freight = pricing.freight(rule, weight, volume) if rule else Decimal("30.00")
    declared = Decimal(rng.choice([0, 0, 2000, 3000, 5000]))
    fee = pricing.insurance_fee(declared, origin.id)
    method = "monthly" if shipper.monthly_account else rng.choice(["cash", "cash", "collect"])
    hold = rng.random() < 0.15
    remarks = suggested_remarks(
        fragile=goods in ("陶瓷餐具", "灯具"), packaging=packaging, declared=bool(declared), hold=hold
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
    from . import arrival, pickup

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


INSTRUCTIONS = [
    "陈主管：XT 线周末加一趟车，提前通知月结客户",
    "陈主管：易碎品一律贴标签单独码放",
    "陈主管：月结客户对账单周五前发出",
]


def _handovers(users: dict[str, User], day_shifts: dict) -> None:
    """The last days' handovers at GZ, replayed through the services at the shifts' ends:
    each past shift to the shift of another clerk under way at its end (the latest begun:
    the night clerk at the early one's 20:00, not the middle one), the keys and the scanners
    counted, the cash counted as the system had it, a superior's instruction passed on now
    and then. Two were disputed: the keys at the first early shift's end (陈静 settled it
    the next morning), and the instruction at the last one's, still waiting for her in the
    log (Ctrl+O). Paired by time, so a demo built at any hour has the same story."""
    from . import handover

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
