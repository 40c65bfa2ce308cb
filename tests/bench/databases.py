"""PostgreSQL beside SQLite: the hot service calls on the demo depot, timed in one run.

    .venv/bin/python tests/bench/databases.py [--calls 200]

Both databases get the same demo built on the same clock, then, in-process and one after the
other, the same work through the real services, timed per call (median and p95):
- issue: a waybill of two pieces at GZ (F2's F10);
- loading scan: each of those pieces onto a truck (F3's scan loop);
- arrival scan: a truck from CS checked in at GZ, piece by piece (F4's scan loop);
- F7: a supervisor's month table with the six months behind its sparklines (scoring.history).
SQLite is a file with synchronous=FULL; PostgreSQL a throw-away server on loopback with fsync
on (tests/pgserver.py): each commits durably. Before each part the PostgreSQL planner's
statistics are brought up to date (ANALYZE), as autovacuum keeps them on a server in use; on
a fresh server its guesses (one row where there are two hundred) made the counts after a
scan three times slower. Beside the times, the statements each call sends
(round trips: on a server each costs a network round trip; on loopback about 0.05 ms), and what
a 1 ms round trip, a depot's link to a central server, would add to a call.

A bare Textual app is not measured here: these are service calls, the same under any screen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from peewee import PostgresqlDatabase  # noqa: E402
from pgserver import PgServer  # noqa: E402
from support import xt_form  # noqa: E402

AT = dt.datetime(2026, 11, 23, 10, 0)  # a Monday morning: 张三 (GZ) and 赵六 (CS) on duty


class Counted:
    """Counts the statements the bound database runs (wraps its class's execute_sql)."""

    def __init__(self, database) -> None:  # noqa: ANN001
        self.cls, self.n = type(database), 0
        self.real = self.cls.execute_sql
        counter = self

        def execute_sql(db, sql, params=None):  # noqa: ANN001, ANN202
            counter.n += 1
            return counter.real(db, sql, params)

        self.cls.execute_sql = execute_sql

    def close(self) -> None:
        self.cls.execute_sql = self.real


def timed(calls: list[Callable[[], object]], counted: Counted) -> dict[str, float]:
    seconds, statements = [], []
    for call in calls:
        before = counted.n
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
        statements.append(counted.n - before)
    ordered = sorted(seconds)
    return {
        "median_ms": statistics.median(seconds) * 1000,
        "p95_ms": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000,
        "statements": statistics.median(statements),
    }


def settled(database) -> None:  # noqa: ANN001
    """The planner's statistics brought up to date, as autovacuum keeps them on a server that
    has run for a while (a minute after a burst of writes); SQLite's planner needs none."""
    if isinstance(database, PostgresqlDatabase):
        database.execute_sql("ANALYZE")


def measure(target: str, calls: int, outbox: Path) -> dict[str, dict[str, float]]:
    from depot_tui import db
    from depot_tui.services import arrival, auth, clock, demo, loading, scoring, waybills
    from depot_tui.services.actor import console_actor

    clock.fix(AT)
    database = db.open_database(target)
    demo.build(console_actor("bench"))
    gz = auth.login("zhangsan", "depot123", terminal="bench", pid=1).actor
    cs = auth.login("zhaoliu", "depot123", terminal="bench", pid=2).actor
    boss = auth.login("chenjing", "depot123", terminal="bench", pid=3).actor
    settled(database)
    counted = Counted(database)
    out: dict[str, dict[str, float]] = {}
    try:
        issued: list[str] = []

        def issue() -> None:
            issued.extend(waybills.issue(gz, xt_form(2), shipper_confirmed=True, outbox=outbox).labels)

        out["issue"] = timed([issue] * calls, counted)
        run = loading.create_run(
            gz,
            loading.RunForm(
                plate="粤A 5C218",
                driver_name="刘建国",
                driver_phone="13922815506",
                stops="XT",
                departure="23:30",
            ),
        )
        settled(database)
        out["loading scan"] = timed(
            [lambda label=label: loading.scan(gz, run.id, label) for label in issued[:calls]], counted
        )

        form = waybills.WaybillForm(
            destination="440106",
            hazard="no",
            consignee_phone="13925067732",
            consignee_name="刘建国",
            shipper_phone="18673155290",
            shipper_name="周敏",
            goods_name="陶瓷",
            pieces="4",
            packaging="纸箱",
            weight="80",
            volume="0.4",
            declared_value="2000",
        )
        coming = [
            label
            for _ in range(-(-calls // 4))
            for label in waybills.issue(cs, form, shipper_confirmed=True, outbox=outbox).labels
        ]
        truck = loading.create_run(
            cs,
            loading.RunForm(
                plate="湘A·5K310",
                driver_name="罗志勇",
                driver_phone="13974156620",
                stops="GZ",
                departure="12:00",
            ),
        )
        for label in coming:
            loading.scan(cs, truck.id, label)
        loading.depart(cs, truck.id, outbox)
        check = arrival.start(gz, truck.id)
        settled(database)
        out["arrival scan"] = timed(
            [lambda label=label: arrival.scan(gz, check.id, label) for label in coming[:calls]], counted
        )
        month = f"{AT:%Y-%m}"
        out["F7 (month and history)"] = timed(
            [lambda: scoring.history(boss, month)] * max(calls // 10, 5), counted
        )
    finally:
        counted.close()
        database.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="depot-bench-db-"))
    server = PgServer.start()
    try:
        sqlite = measure(str(folder / "bench.sqlite3"), args.calls, folder / "outbox-sqlite")
        postgres = measure(server.create("bench"), args.calls, folder / "outbox-pg")
    finally:
        server.stop()
    print(
        f"{'call':<24}{'SQLite ms':>12}{'PostgreSQL ms':>15}{'ratio':>8}{'statements':>12}{'+1 ms RTT':>11}"
    )
    for name, lite in sqlite.items():
        pg = postgres[name]
        print(
            f"{name:<24}{lite['median_ms']:>12.2f}{pg['median_ms']:>15.2f}"
            f"{pg['median_ms'] / lite['median_ms']:>8.2f}{pg['statements']:>12.0f}"
            f"{pg['statements']:>10.0f}ms"
        )
        print(f"{'  p95':<24}{lite['p95_ms']:>12.2f}{pg['p95_ms']:>15.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
