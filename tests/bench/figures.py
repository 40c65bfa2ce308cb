"""The month's figures bench (业务统计, issue 26 item 8): building them for a depot on the
million-waybill database, as F5 Ctrl+P shows, prints or exports them.

    .venv/bin/python tests/bench/figures.py [--runs 20] [--quotes 3000]

A copy of the big database (tests/bench/bigdb.py) gets `--quotes` phone quotes at GZ in a
month of its history (September 2025, about 30,000 GZ waybills): two thirds by callers who
then shipped (half of those issued from the recalled quote, the rest typed afresh), a third by
callers who did not. Then, in-process, median and p95 of `--runs` builds of:
- this month at GZ for its supervisor (the demo's month: what the screen opens on);
- the busy history month for the supervisor, and for one clerk (his own only);
- the busy month read on screen (built and rendered as the 80-column text).
Service calls, what the supervisor waits for less the paint, like counter.py and score.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bigdb import DEFAULT, ensure  # noqa: E402
from counter import p, timed  # noqa: E402

MONTH = ("2025-09-01", "2025-09-30")


def quotes(count: int) -> int:
    """`count` quotes at GZ in MONTH, in bulk: two thirds followed by a waybill from the same
    phone to the same place (every other one linked to it), a third not followed."""
    from depot_tui.models import Depot, Quote, User, Waybill, database_proxy

    rng = random.Random(26)
    gz = Depot.get(Depot.code == "GZ")
    clerk = User.get(User.username == "zhangsan")
    start, end = (dt.datetime.fromisoformat(d) for d in MONTH)
    shipped = list(
        Waybill.select(Waybill.id, Waybill.shipper_phone, Waybill.dest_place, Waybill.issued_at)
        .where((Waybill.origin_depot == gz.id) & (Waybill.issued_at >= start) & (Waybill.issued_at < end))
        .limit(count * 2 // 3)
    )
    rows = []
    for n, w in enumerate(shipped):
        rows.append(
            {
                "depot": gz.id,
                "user": clerk.id,
                "at": w.issued_at - dt.timedelta(hours=rng.randint(2, 60)),
                "customer_phone": w.shipper_phone,
                "dest_place": w.dest_place_id,
                "goods_name": "日用百货",
                "pieces": 5,
                "weight_kg": 50,
                "volume_m3": "0.3",
                "amount": 60,
                "waybill": w.id if n % 2 else None,
            }
        )
    place = shipped[0].dest_place_id
    for n in range(count - len(rows)):
        rows.append(
            {
                "depot": gz.id,
                "user": clerk.id,
                "at": start + dt.timedelta(minutes=rng.randint(0, 29 * 24 * 60)),
                "customer_phone": f"137{n:08d}",
                "dest_place": place,
                "goods_name": "布料",
                "pieces": 2,
                "weight_kg": 30,
                "volume_m3": "0.1",
                "amount": 45,
            }
        )
    with database_proxy.atomic():
        for chunk in range(0, len(rows), 500):
            Quote.insert_many(rows[chunk : chunk + 500]).execute()
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--quotes", type=int, default=3000)
    args = parser.parse_args()
    big = ensure(DEFAULT)
    work = Path(tempfile.mkdtemp(prefix="depot-figures-"))
    db = work / "figures.sqlite3"
    shutil.copy(big, db)

    from depot_tui import db as database
    from depot_tui.services import auth, clock, registers

    started = time.perf_counter()
    database.open_database(str(db))  # migrates the copy if the big database is older
    migrated = time.perf_counter() - started
    made = quotes(args.quotes)
    chen = auth.login("chenjing", "depot123", terminal="bench", pid=os.getpid()).actor
    zhang = auth.login("zhangsan", "depot123", terminal="bench", pid=os.getpid()).actor
    busy = registers.build(chen, "figures", *MONTH)
    today = clock.now().date()
    this_month = (f"{today.replace(day=1)}", f"{today}")
    cases = [
        ("this month at GZ, the supervisor", lambda: registers.build(chen, "figures", *this_month)),
        (f"{MONTH[0][:7]} at GZ, the supervisor", lambda: registers.build(chen, "figures", *MONTH)),
        (f"{MONTH[0][:7]}, one clerk's own", lambda: registers.build(zhang, "figures", *MONTH)),
        (f"{MONTH[0][:7]} read on screen (built + text)", lambda: registers.view(chen, "figures", *MONTH)),
    ]
    print(
        f"figures bench, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, {big.name} (opened and migrated in {migrated:.1f} s) + {made} quotes; "
        f"{MONTH[0][:7]} at GZ: {busy.total}"
    )
    print("| call | median (ms) | p95 (ms) |")
    for name, call in cases:
        took = timed(call, args.runs)
        print(f"| {name} | {statistics.median(took) * 1000:.1f} | {p(took, 0.95):.1f} |")
    auth.logout(chen)
    auth.logout(zhang)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
