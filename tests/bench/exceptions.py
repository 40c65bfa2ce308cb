"""The exceptions bench (issue 23): the list a supervisor opens (home, Ctrl+E), the poll of
the 5-minute report, the late list, the service log and the month's summary, on the
million-waybill database.

    .venv/bin/python tests/bench/exceptions.py [--runs 20] [--exceptions 20000] [--late 300]
        [--enquiries 20000]

A copy of the big database (tests/bench/bigdb.py) gets `--exceptions` exceptions over its
history on waybills of all three depots (a year and more of night checks: short, over,
damaged), nineteen in twenty resolved and seen, the rest open, a few grave and unseen. Then,
in-process, median and p95 of `--runs`: GZ's open list, the list with the resolved (the newest
200), the supervisor's poll (once a second per supervisor's session), one read whole; with the
history tracked (every waybill due a day after issue, `--late` of them late on the road) the late
list; with `--enquiries` log lines (30 open) the log and the month's summary.
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


def exceptions_in_bulk(count: int) -> int:
    from depot_tui.models import ExceptionNote, OperationException, User, Waybill, database_proxy

    rng = random.Random(23)
    night = User.get(User.username == "wangwu")
    picked = list(
        Waybill.select(Waybill.id, Waybill.dest_depot, Waybill.issued_at)
        .where(Waybill.shipper_name.startswith("历史发货人"))
        .order_by(Waybill.id)
        .limit(count * 5)
    )
    rows = []
    for n, w in enumerate(rng.sample(picked, count)):
        found = w.issued_at + dt.timedelta(days=1, hours=rng.randint(0, 20))
        closed = n % 20 != 0
        rows.append(
            {
                "depot": w.dest_depot_id,
                "kind": rng.choice(["short", "over", "damaged"]),
                "severity": "major" if n % 7 == 0 else "minor",
                "waybill": w.id,
                "pieces": 1,
                "description": f"bench {n}",
                "found_by": night.id,
                "found_at": found,
                "resolved_by": night.id if closed else None,
                "resolved_at": found + dt.timedelta(hours=5) if closed else None,
                "resolution": "bench" if closed else "",
                "seen_by": night.id if closed or n % 3 else None,
                "seen_at": found + dt.timedelta(minutes=3) if closed or n % 3 else None,
            }
        )
    with database_proxy.atomic():
        for chunk in range(0, len(rows), 500):
            OperationException.insert_many(rows[chunk : chunk + 500]).execute()
        ExceptionNote.insert_many(
            [
                {"exception": e.id, "at": e.found_at, "by": night.id, "kind": "report", "text": "bench"}
                for e in OperationException.select(OperationException.id, OperationException.found_at).limit(
                    2000
                )
            ]
        ).execute()
    return len(rows)


def tracked_history(late: int) -> int:
    """The bulk history as tracking would have left it: every waybill due a day after issue,
    one in ten class A, arrived on time but one in eight; then the `late` newest of them put
    back on the road (departed, due in the past), as a truck that broke down would leave them.
    Returns how many are late now."""
    from depot_tui.models import Waybill, database_proxy

    with database_proxy.atomic():
        database_proxy.execute_sql(
            "UPDATE waybill SET cargo_class = CASE WHEN id % 10 = 0 THEN 'A' ELSE 'B' END, "
            "expected_at = datetime(issued_at, '+1 day'), due_at = datetime(issued_at, '+1 day'), "
            "arrived_at = datetime(issued_at, CASE WHEN id % 8 = 0 THEN '+30 hours' ELSE '+20 hours' END), "
            "arrived_on_time = (id % 8 != 0) WHERE shipper_name LIKE '历史发货人%'"
        )
        newest = [
            w.id
            for w in Waybill.select(Waybill.id)
            .where(Waybill.shipper_name.startswith("历史发货人") & (Waybill.origin_depot == 1))
            .order_by(Waybill.id.desc())
            .limit(late)
        ]
        Waybill.update(status="departed", arrived_at=None, arrived_on_time=None).where(
            Waybill.id.in_(newest)
        ).execute()
    return len(newest)


def log_in_bulk(count: int) -> int:
    """A year of the customer-service log at GZ: `count` lines, all answered but the last 30."""
    from depot_tui.models import Enquiry, User, database_proxy

    clerk = User.get(User.username == "zhangsan")
    start = dt.datetime(2025, 11, 1, 9)
    rows = [
        {
            "depot": clerk.depot_id,
            "kind": "complaint" if n % 10 == 0 else "enquiry",
            "channel": "phone",
            "caller_name": f"客户{n}",
            "question": "货到哪了",
            "taken_by": clerk.id,
            "taken_at": start + dt.timedelta(minutes=25 * n),
            "promised_at": start + dt.timedelta(minutes=25 * n + 120),
            "answer": "" if n >= count - 30 else "明天到",
            "answered_by": None if n >= count - 30 else clerk.id,
            "answered_at": None if n >= count - 30 else start + dt.timedelta(minutes=25 * n + 60),
        }
        for n in range(count)
    ]
    with database_proxy.atomic():
        for chunk in range(0, len(rows), 500):
            Enquiry.insert_many(rows[chunk : chunk + 500]).execute()
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--exceptions", type=int, default=20000)
    parser.add_argument("--late", type=int, default=300)
    parser.add_argument("--enquiries", type=int, default=20000)
    args = parser.parse_args()
    big = ensure(DEFAULT)
    work = Path(tempfile.mkdtemp(prefix="depot-exceptions-"))
    db = work / "exceptions.sqlite3"
    shutil.copy(big, db)

    from depot_tui import db as database
    from depot_tui.models import OperationException
    from depot_tui.services import auth, exceptions, registers, tracking

    started = time.perf_counter()
    database.open_database(str(db))
    migrated = time.perf_counter() - started
    made = exceptions_in_bulk(args.exceptions)
    late_made = tracked_history(args.late)
    logged = log_in_bulk(args.enquiries)
    chen = auth.login("chenjing", "depot123", terminal="bench", pid=os.getpid()).actor
    month = f"{dt.date.today():%Y-%m-01}"
    one = OperationException.select(OperationException.id).order_by(OperationException.id).first().id
    open_here = len(exceptions.listing(chen))
    cases = [
        ("Ctrl+E: GZ's open exceptions", lambda: exceptions.listing(chen)),
        ("Ctrl+A: with the resolved (newest 200)", lambda: exceptions.listing(chen, open_only=False)),
        ("the 5-minute poll (each second)", lambda: exceptions.unseen(chen)),
        ("Enter: one read whole", lambda: exceptions.read(chen, one)),
        ("Ctrl+L: the late list", lambda: tracking.late(chen)),
        ("Ctrl+K: the service log, open", lambda: exceptions.log(chen)),
        ("Ctrl+A there: with the answered (newest 500)", lambda: exceptions.log(chen, open_only=False)),
        ("Ctrl+P: the month's summary", lambda: registers.build(chen, "summary", month, "")),
    ]
    print(
        f"exceptions bench, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, {big.name} (opened in {migrated:.1f} s) + {made} exceptions "
        f"({open_here} open concern GZ), {late_made} late, {logged} log lines"
    )
    print("| call | median (ms) | p95 (ms) |")
    for name, call in cases:
        took = timed(call, args.runs)
        print(f"| {name} | {statistics.median(took) * 1000:.1f} | {p(took, 0.95):.1f} |")
    auth.logout(chen)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
