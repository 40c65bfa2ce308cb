"""The monthly accounts bench (issue 24): a statement of 2,000 waybills drawn up and printed,
and the receivables of 500 monthly customers, on the million-waybill database.

    .venv/bin/python tests/bench/accounts.py [--runs 10] [--customers 500] [--statement 2000]

A copy of the big database (tests/bench/bigdb.py) gets `--customers` monthly customers; one of
them ships `--statement` of GZ's bulk waybills in one month, each of the others a hundred
scattered over the history, all 月结 and unbilled; every fifth of the others has a statement
already (drawn up through the service), so the ages have something to sort. Then, in-process,
median and p95 of `--runs`: the big statement drawn up (rolled back after each run, so each run
draws the same one) with its printed text, and the receivables list.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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


def monthly_customers(customers: int, statement: int) -> tuple[str, dt.date, dt.date]:
    """The customers and their waybills; returns the big one's phone and its month."""
    from depot_tui.models import Customer, Waybill, database_proxy

    now = dt.datetime(2026, 11, 23, 9, 30)
    with database_proxy.atomic():
        Customer.insert_many(
            [
                {
                    "name": f"月结客户{n:03d}",
                    "phone": f"1380000{n:04d}",
                    "pinyin": "yjkh",
                    "monthly_account": True,
                    "created_at": now,
                    "credit_limit": "20000" if n % 2 else None,
                }
                for n in range(customers)
            ]
        ).execute()
        ids = [
            c.id
            for c in Customer.select(Customer.id)
            .where(Customer.name.startswith("月结客户"))
            .order_by(Customer.id)
        ]
        gz_bulk = Waybill.select(Waybill.id, Waybill.issued_at).where(
            Waybill.shipper_name.startswith("历史发货人") & (Waybill.origin_depot == 1)
        )
        first = gz_bulk.order_by(Waybill.id).first()
        month_start = first.issued_at.date().replace(day=1)
        in_month = [
            w.id
            for w in gz_bulk.where(
                (Waybill.issued_at >= dt.datetime.combine(month_start, dt.time()))
                & (Waybill.issued_at < dt.datetime.combine(month_start + dt.timedelta(days=31), dt.time()))
            ).limit(statement)
        ]
        Waybill.update(shipper=ids[0], payment_method="monthly").where(Waybill.id.in_(in_month)).execute()
        rest = [w.id for w in gz_bulk.order_by(Waybill.id.desc()).limit(100 * (customers - 1))]
        for n, customer in enumerate(ids[1:]):
            chunk = rest[n * 100 : (n + 1) * 100]
            Waybill.update(shipper=customer, payment_method="monthly").where(Waybill.id.in_(chunk)).execute()
    end = max(w.issued_at for w in Waybill.select(Waybill.issued_at).where(Waybill.id.in_(in_month))).date()
    return "13800000000", month_start, end


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--customers", type=int, default=500)
    parser.add_argument("--statement", type=int, default=2000)
    args = parser.parse_args()
    big = ensure(DEFAULT)
    work = Path(tempfile.mkdtemp(prefix="depot-accounts-"))
    db = work / "accounts.sqlite3"
    shutil.copy(big, db)

    from depot_tui import db as database
    from depot_tui.models import Customer, database_proxy
    from depot_tui.services import accounts, auth, clock

    started = time.perf_counter()
    database.open_database(str(db))
    migrated = time.perf_counter() - started
    phone, start, end = monthly_customers(args.customers, args.statement)
    clerk = auth.login("zhangsan", "depot123", terminal="bench", pid=os.getpid()).actor
    with clock.at(dt.datetime(2026, 11, 23, 9, 30)):
        for c in Customer.select().where(Customer.name.startswith("月结客户")).order_by(Customer.id)[1::5]:
            accounts.draw_up(clerk, c.phone, "2020-01-01", "2026-11-22")  # history billed
        holder: dict[str, int] = {}

        def big_statement() -> None:
            with database_proxy.atomic() as txn:
                holder["id"] = accounts.draw_up(clerk, phone, f"{start}", f"{end}")
                holder["lines"] = len(accounts.statement_text(clerk, holder["id"]).splitlines())
                txn.rollback()

        cases = [
            (f"draw up and print a statement of {args.statement} waybills", big_statement),
            (f"the receivables of {args.customers} customers", lambda: accounts.receivables(clerk)),
        ]
        print(
            f"accounts bench, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, "
            f"{os.cpu_count()} CPUs, {big.name} (opened in {migrated:.1f} s), "
            f"{args.customers} monthly customers"
        )
        print("| call | median (ms) | p95 (ms) |")
        for name, call in cases:
            took = timed(call, args.runs)
            print(f"| {name} | {statistics.median(took) * 1000:.1f} | {p(took, 0.95):.1f} |")
        kept = accounts.draw_up(clerk, phone, f"{start}", f"{end}")  # kept now, to print alone
        took = timed(lambda: accounts.statement_text(clerk, kept), args.runs)
        print(f"| of which printing its text | {statistics.median(took) * 1000:.1f} | {p(took, 0.95):.1f} |")
        owing = len(accounts.receivables(clerk))
        print(f"(the statement printed {holder.get('lines')} lines; {owing} customers owe)")
    auth.logout(clerk)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
