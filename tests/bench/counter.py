"""After-arrival bench: the F5 lists, the registers and F6's handover on the million-waybill
database.

    .venv/bin/python tests/bench/counter.py [--waybills 300] [--runs 20]

A copy of the big database (tests/bench/bigdb.py) gets a day's worth of counter work through
the real services, on the real clock: a truck from CS with `--waybills` waybills of 2 pieces
checked in at GZ; a third of them picked up (ID, signature), a third told (a sixth asking for
delivery), a third not yet called; a tenth with a return receipt, a tenth to go on by transfer.
Then each list F5 shows, each register for the month, and the clerk's F6 (the summary of
the shift that did that work, the draft and its lines, the handovers waiting) is timed in-process (median and
p95 of `--runs`): what a clerk waits for, less the paint. These are service calls, so there is
no bare Textual app to set beside them; the screens' own cost is that of the F3/F4 lists
measured in loading.py and arrival.py.
"""

from __future__ import annotations

import argparse
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
from support import on_duty_clerk, truck_to_gz  # noqa: E402

GOOD_ID = "440106199003071231"


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def day_at_the_counter(db: Path, waybills: int, outbox: Path) -> None:
    from depot_tui import db as database
    from depot_tui.models import ReturnReceipt, Waybill
    from depot_tui.services import arrival, auth, pickup

    labels = truck_to_gz(db, waybills=waybills, pieces=2, outbox=outbox)
    database.open_database(str(db))
    clerk = auth.login(on_duty_clerk(), "depot123", terminal="bench", pid=os.getpid()).actor
    truck = max(
        (i for i in arrival.incoming(clerk) if i.plate == "湘A·5K310" and i.state != "checked"),
        key=lambda i: i.manifest_id,
    )  # this one, not an earlier bench's with that plate
    check = arrival.start(clerk, truck.manifest_id)
    for label in labels:
        result = arrival.scan(clerk, check.id, label)
        assert result.ok, result
    arrival.finish(clerk, check.id)
    numbers = sorted({label.split("-")[0] for label in labels})
    ids = [w.id for w in Waybill.select(Waybill.id).where(Waybill.number.in_(numbers))]
    Waybill.update(receipt_required=True, receipt_copies=1).where(Waybill.id.in_(ids[::10])).execute()
    for waybill_id in ids[::10]:
        ReturnReceipt.create(waybill=waybill_id, copies=1)
    Waybill.update(is_transfer=True).where(Waybill.id.in_(ids[5::10])).execute()
    for n, number in enumerate(numbers):
        if n % 10 == 5:
            continue  # goes on by transfer
        if n % 3 == 0:
            pickup.pickup(
                clerk,
                number,
                pickup.PickupForm(collector_name="刘建国", id_number=GOOD_ID, signature_name="刘建国"),
            )
        elif n % 3 == 1:
            pickup.notify(clerk, number, "phone", "deliver" if n % 2 else "will_come")
    auth.logout(clerk)


def timed(call, runs: int) -> list[float]:  # noqa: ANN001
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        out.append(time.perf_counter() - started)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--waybills", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    big = ensure(DEFAULT)
    work = Path(tempfile.mkdtemp(prefix="depot-counter-"))
    db = work / "counter.sqlite3"
    shutil.copy(big, db)
    started = time.perf_counter()
    day_at_the_counter(db, args.waybills, work / "outbox")
    setup = time.perf_counter() - started

    from depot_tui import db as database
    from depot_tui.services import auth, clock, delivery, handover, pickup, receipts, registers, transfers

    database.open_database(str(db))
    clerk = auth.login(on_duty_clerk(), "depot123", terminal="bench", pid=os.getpid()).actor
    today = clock.now().date()
    cases = [
        ("F5 notify list (pickup.to_notify)", lambda: pickup.to_notify(clerk)),
        ("find by consignee phone (pickup.find)", lambda: pickup.find(clerk, "13925067732")),
        (
            "Ctrl+L deliveries (to_deliver + deliveries)",
            lambda: (delivery.to_deliver(clerk), delivery.deliveries(clerk, today)),
        ),
        ("Ctrl+T transfers (to_transfer)", lambda: transfers.to_transfer(clerk)),
        ("Ctrl+G receipts (receipts.receipts)", lambda: receipts.receipts(clerk)),
        ("pickup register, this month (build)", lambda: registers.build(clerk, "pickup", "", "")),
        ("receipt register, this month (build)", lambda: registers.build(clerk, "receipt", "", "")),
        (
            "pickup register as XLSX (output)",
            lambda: registers.output(clerk, "pickup", "", "", "xlsx", work / "outbox"),
        ),
        ("F6 handover of the shift (run + pending)", lambda: (handover.run(clerk), handover.pending(clerk))),
        ("F6 Ctrl+L handover log, today (log)", lambda: handover.log(clerk, "")),
    ]
    sizes = {
        "notify": len(pickup.to_notify(clerk)),
        "deliver": len(delivery.to_deliver(clerk)),
        "transfer": len(transfers.to_transfer(clerk)),
        "receipts": len(receipts.receipts(clerk)),
        "pickups": len(registers.build(clerk, "pickup", "", "").rows),
    }
    print(
        f"counter bench, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, {big.name} + a truck of {args.waybills} waybills checked in "
        f"(set up in {setup:.0f} s); lists: {sizes}"
    )
    print("| call | median (ms) | p95 (ms) |")
    for name, call in cases:
        took = timed(call, args.runs)
        print(f"| {name} | {statistics.median(took) * 1000:.1f} | {p(took, 0.95):.1f} |")
    auth.logout(clerk)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
