"""Score bench: F7 for 30 clerks over 12 months on the million-waybill database, and month close.

    .venv/bin/python tests/bench/score.py [--clerks 30] [--months 12] [--runs 20]

A copy of the big database (tests/bench/bigdb.py) gets `--clerks` clerks at GZ (the demo's
three and more), each with `--months` months of history before this one: a shift every
working day (some late), and about eight score events a month, most confirmed, some
rejected, some appealed, a few left proposed in the current month. Then, in-process, median and
p95 of `--runs`:
- what a supervisor's F7 waits for: the month's table and the six-month history behind its
  sparklines (ScoreScreen.load);
- a clerk's drill-down (their events of the month), and the queue (Ctrl+D);
- closing the last month (once: a closed month stays closed), and F7 on a closed month;
- the roster (Ctrl+G) with every clerk planned over 5 weeks (two past, this, two ahead) and
  leave here and there: one week as the screen opens it, and the 5 weeks at once.
These are service calls (what the clerk waits for, less the paint), like counter.py; the
screen itself is a ListScreen like F3/F4's.
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

CODES = ["F01", "F02", "F03", "F05", "F08", "F10", "F14", "F15", "F17", "F19", "F20", "A01", "A02"]


def history(clerks: int, months: int) -> None:
    """Clerks, their shifts and their score events, in bulk (insert_many, one transaction)."""
    from depot_tui.models import Appeal, Depot, Role, ScoreEvent, Shift, User, database_proxy
    from depot_tui.services import clock, scoring

    rng = random.Random(7)
    gz = Depot.get(Depot.code == "GZ")
    template = User.get(User.username == "zhangsan")
    chen = User.get(User.username == "chenjing")
    now = clock.now()
    rules = {code: scoring.rule_in_force(code, now.date()) for code in CODES}
    with database_proxy.atomic():
        have = User.select().where((User.depot == gz.id) & (User.role == Role.CLERK)).count()
        for n in range(clerks - have):
            User.create(
                username=f"bench{n:02d}",
                name=f"测试{n:02d}",
                role=Role.CLERK,
                depot=gz.id,
                shift_code="early",
                password_hash=template.password_hash,
                created_at=now,
            )
        people = list(User.select().where((User.depot == gz.id) & (User.role == Role.CLERK)))
        month_start = now.replace(day=1, hour=8, minute=0, second=0, microsecond=0)
        shifts, events = [], []
        for back in range(months, -1, -1):
            first = (month_start - dt.timedelta(days=31 * back)).replace(day=1)
            month = f"{first:%Y-%m}"
            for person in people:
                day = first
                while day.month == first.month and day < now - dt.timedelta(days=1):
                    if day.weekday() < 5:
                        late = rng.choice([0, 0, 0, 0, 2, 5, 25])
                        shifts.append(
                            {
                                "user": person.id,
                                "depot": gz.id,
                                "code": "early",
                                "planned_start": day,
                                "planned_end": day + dt.timedelta(hours=12),
                                "clock_in": day + dt.timedelta(minutes=late),
                                "clock_out": day + dt.timedelta(hours=12),
                                "handed_over": True,
                            }
                        )
                    day += dt.timedelta(days=1)
                for _ in range(rng.randint(4, 12)):
                    code = rng.choice(CODES)
                    at = first + dt.timedelta(days=rng.randint(0, 27), hours=rng.randint(0, 10))
                    if at >= now:
                        continue
                    status = (
                        "proposed"
                        if back == 0 and rng.random() < 0.3
                        else rng.choice(["confirmed"] * 6 + ["rejected"])
                    )
                    events.append(
                        {
                            "user": person.id,
                            "depot": gz.id,
                            "rule": rules[code].id,
                            "month": month,
                            "occurred_at": at,
                            "points": rules[code].points,
                            "status": status,
                            "source": "auto",
                            "note": f"bench {code}",
                            "proposed_by": chen.id,
                            "proposed_at": at,
                            "decided_by": chen.id if status != "proposed" else None,
                            "decided_at": (at + dt.timedelta(hours=20)) if status != "proposed" else None,
                            "decision_reason": "bench" if status != "proposed" else "",
                        }
                    )
        for chunk in range(0, len(shifts), 500):
            Shift.insert_many(shifts[chunk : chunk + 500]).on_conflict_ignore().execute()
        for chunk in range(0, len(events), 500):
            ScoreEvent.insert_many(events[chunk : chunk + 500]).execute()
        confirmed = [e.id for e in ScoreEvent.select(ScoreEvent.id).where(ScoreEvent.status == "confirmed")]
        for event_id in rng.sample(confirmed, min(len(confirmed) // 20, 400)):
            Appeal.create(
                event=event_id,
                by=chen.id,
                at=now,
                reason="bench",
                status=rng.choice(["upheld", "overturned"]),
                decided_by=chen.id,
                decided_at=now,
            )
    print(
        f"  {len(people)} clerks, {len(shifts)} shifts, {len(events)} events set up "
        f"(+ appeals on a twentieth of the confirmed)",
        flush=True,
    )


def plan_roster(weeks: int = 5) -> int:
    """Every GZ clerk planned day by day over `weeks` weeks around this one (a rotation of the
    three shifts with two days off a week), and a tenth of them on a day's approved leave."""
    from depot_tui.models import Depot, LeaveRequest, Role, RosterDay, User, database_proxy
    from depot_tui.services import clock, roster

    gz = Depot.get(Depot.code == "GZ")
    chen = User.get(User.username == "chenjing")
    now = clock.now()
    first = roster.monday_of(now.date()) - dt.timedelta(days=14)
    people = list(User.select().where((User.depot == gz.id) & (User.role == Role.CLERK)))
    rows, leave = [], []
    for n, person in enumerate(people):
        for d in range(7 * weeks):
            day = first + dt.timedelta(days=d)
            code = None if (d + n) % 7 in (5, 6) else ["early", "middle", "night"][(n + d // 7) % 3]
            rows.append(
                {
                    "user": person.id,
                    "depot": gz.id,
                    "day": day,
                    "shift_code": code,
                    "set_by": chen.id,
                    "set_at": now,
                }
            )
        if n % 10 == 0:
            start = dt.datetime.combine(first + dt.timedelta(days=16), dt.time(8))
            leave.append(
                {
                    "user": person.id,
                    "kind": "leave",
                    "starts_at": start,
                    "ends_at": start + dt.timedelta(hours=12),
                    "reason": "bench",
                    "applied_at": now,
                    "status": "approved",
                    "decided_by": chen.id,
                    "decided_at": now,
                }
            )
    with database_proxy.atomic():
        for chunk in range(0, len(rows), 500):
            RosterDay.insert_many(rows[chunk : chunk + 500]).execute()
        LeaveRequest.insert_many(leave).execute()
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clerks", type=int, default=30)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    big = ensure(DEFAULT)
    work = Path(tempfile.mkdtemp(prefix="depot-score-"))
    db = work / "score.sqlite3"
    shutil.copy(big, db)

    from depot_tui import db as database
    from depot_tui.services import auth, clock, roster, scoring

    database.open_database(str(db))
    started = time.perf_counter()
    history(args.clerks, args.months)
    planned = plan_roster()
    chen = auth.login("chenjing", "depot123", terminal="bench", pid=os.getpid()).actor
    first_queue = time.perf_counter()
    waiting = len(scoring.queue(chen))  # the first gathers the attendance of 45 days
    first_queue = time.perf_counter() - first_queue
    setup = time.perf_counter() - started
    month = f"{clock.now():%Y-%m}"
    last = scoring.months_before(month, 2)[0]
    table = scoring.month_table(chen, month)
    someone = table[len(table) // 2]

    def f7_open() -> None:  # ScoreScreen.load for a supervisor: the month with its history
        scoring.history(chen, month)

    cases = [
        ("F7 open: the month's table + six months of history", f7_open),
        ("F7 Enter: one clerk's events of the month", lambda: scoring.events(chen, someone.user_id, month)),
        ("F7 Ctrl+D: the queue (attendance already gathered)", lambda: scoring.queue(chen)),
        (
            "Ctrl+G: the roster, this week as the screen opens it",
            lambda: roster.weeks(chen, clock.now().date()),
        ),
        (
            "the roster, 5 weeks at once",
            lambda: roster.weeks(chen, roster.monday_of(clock.now().date()) - dt.timedelta(days=14), 5),
        ),
    ]
    print(
        f"score bench, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs, "
        f"{big.name} + {len(table)} clerks x {args.months} months (set up in {setup:.0f} s; the first "
        f"queue, gathering the attendance of the last 45 days: {first_queue * 1000:.0f} ms, "
        f"{waiting} waiting; {planned} roster days planned)"
    )
    print("| call | median (ms) | p95 (ms) |")
    for name, call in cases:
        took = timed(call, args.runs)
        print(f"| {name} | {statistics.median(took) * 1000:.1f} | {p(took, 0.95):.1f} |")
    for event in scoring.queue(chen):  # decide last month's leftovers so it can close
        if event.month == last:
            if event.appeal_status == "open":
                scoring.decide_appeal(chen, scoring.open_appeal(chen, event.id), False, "bench")
            else:
                scoring.decide(chen, event.id, True, "bench")
    started = time.perf_counter()
    scoring.close_month(chen, last)
    closing = time.perf_counter() - started
    print(f"| month close of {last} (once) | {closing * 1000:.1f} | |")
    took = timed(lambda: scoring.month_table(chen, last), args.runs)
    print(
        f"| F7 on the closed month (its table as closed) | {statistics.median(took) * 1000:.1f} | "
        f"{p(took, 0.95):.1f} |"
    )
    auth.logout(chen)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
