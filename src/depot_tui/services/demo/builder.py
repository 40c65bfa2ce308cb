"""Build the demo database: three depots, clerks on three shifts, a supervisor, a few days of
waybills, trucks in transit and being loaded.
"""

from __future__ import annotations

import datetime as dt
import random

from ...models import (
    Customer,
    Depot,
    DepotArea,
    LoadedPiece,
    Manifest,
    ManifestStatus,
    ManifestStop,
    ManifestWaybill,
    Partner,
    PartnerArea,
    Piece,
    PieceStatus,
    Place,
    Role,
    Route,
    RouteStop,
    Shift,
    User,
    Waybill,
    WaybillStatus,
    database_proxy,
)
from .. import audit, clock, seed, shifts
from ..actor import Actor
from ..auth import hash_password
from ..demo_accounts import DEMO_PASSWORD, DEMO_USERS
from .data import CUSTOMERS, DEPOTS
from .history import _at_the_counter, _handovers, _quotes
from .parts import _depart, _initials, _load, _manifest, _price_table, _waybill


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
        # Partner lines with their usual terms and where they go (湖南 beyond the line's own
        # stations; 广西 for 顺通).
        for name, contact, phone, fee, rebate, reach in (
            ("顺通中转物流", "何经理", "13600135500", "30", "5", "450000"),
            ("湘中快运", "罗师傅", "13807322211", "20", "3", "430000"),
        ):
            partner = Partner.create(
                name=name, contact=contact, phone=phone, default_transfer_fee=fee, default_rebate=rebate
            )
            PartnerArea.create(partner=partner.id, place=Place.get(Place.code == reach).id)

        _price_table(depots, rng, now)
        # The line's usual runs and their transit times: what a waybill's expected arrival is
        # reckoned from (services/tracking.py).
        for origin, name, stops in (("GZ", "湘线", ("CS", "XT")), ("CS", "广州线", ("GZ",))):
            route = Route.create(depot=depots[origin].id, name=name, transit_hours=24)
            for n, code in enumerate(stops, 1):
                RouteStop.create(route=route.id, seq=n, depot=depots[code].id)
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
        gz_waybills = [
            w for day in waybills_by_day.values() for w in day if w.origin_depot_id == depots["GZ"].id
        ]
        _quotes(users, gz_waybills, now)
        _handovers(users, day_shifts)
        audit.record(
            console,
            "demo.build",
            "database",
            None,
            new={"depots": len(depots), "users": len(users), "waybills": Waybill.select().count()},
        )
