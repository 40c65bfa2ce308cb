"""Bench: waybill entry on a million-waybill database, beside the bare Textual app.

    .venv/bin/python tests/bench/waybill.py [--keys 40] [--saves 10]

- keystroke: typing into the weight field of F2 (each key reprices the waybill), first byte
  of the answer, median and p90, beside the bare app's Input measured in the same run;
- save: from the confirming F10 (shipper signed) to "issued" on screen, in a real tmux,
  the slip and labels written to the outbox; median and p95;
- issue(): the service alone, in-process, for the same waybill.
Uses the demo clerk on duty at this hour (early shift by day, night shift by night).
Figures only; copy them into README's Performance section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "terminal"))
sys.path.insert(0, str(HERE))

from bigdb import ensure  # noqa: E402
from startup import BIN, keystroke_latencies  # noqa: E402
from terminal_support import GOODS_TO_RECEIPT  # noqa: E402
from tmux_driver import Tmux  # noqa: E402

FILL = ["19973285431", "Enter", "Enter", "15018845523", "Enter", "Enter", *GOODS_TO_RECEIPT]


def clerk() -> str:
    return "zhangsan" if 8 <= dt.datetime.now().hour < 20 else "wangwu"


def open_form(db: Path, outbox: Path, env: dict[str, str]) -> Tmux:
    import apsw

    with apsw.Connection(str(db)) as connection:  # drafts a killed earlier run left behind
        connection.execute("DELETE FROM waybill_draft")
    term = Tmux([str(BIN), "--db", str(db)], env={**env, "DEPOT_OUTBOX": str(outbox)})
    term.wait_for("用户名", timeout=60)
    term.send(clerk(), "Enter", "depot123", "Enter")
    term.wait_for("您好", timeout=30)
    term.send("F2")
    term.wait_for("收货电话")
    time.sleep(0.5)
    return term


def destination(term: Tmux) -> None:
    term.send("xtx", "Enter")  # 湘潭县, the one so initialled priced here
    term.wait_for("→ XT")


def save_latencies(term: Tmux, count: int) -> list[float]:
    out = []
    for _ in range(count):
        destination(term)
        term.send(*FILL)
        term.send("F10")
        term.wait_for("F10 发货人已核对签字")
        time.sleep(0.6)  # the shipper reads the slip (an F10 within 0.5 s does not count)
        before = term.screen().count("已开单")
        sent = time.perf_counter()
        term.send("F10")
        while term.screen().count("已开单") == before and time.perf_counter() - sent < 5:
            time.sleep(0.002)
        out.append(time.perf_counter() - sent)
        time.sleep(0.3)
    return out


def service_issue(db: Path, count: int) -> list[float]:
    from depot_tui import db as database
    from depot_tui.services import auth, waybills

    database.open_database(str(db))
    actor = auth.login(clerk(), "depot123", terminal="bench", pid=os.getpid()).actor
    form = waybills.WaybillForm(
        destination="430321",
        hazard="no",
        consignee_phone="19973285431",
        consignee_name="李卫东",
        shipper_phone="15018845523",
        shipper_name="黄丽华",
        goods_name="服装",
        pieces="3",
        packaging="纸箱",
        weight="120",
        volume="0.5",
        declared_value="3000",
        delivery="upstairs",
        address="易俗河镇建设路8号",
        receipt=True,
        receipt_copies="1",
    )
    outbox = Path(tempfile.mkdtemp(prefix="bench-outbox-"))
    out = []
    for _ in range(count):
        started = time.perf_counter()
        waybills.issue(actor, form, shipper_confirmed=True, outbox=outbox)
        out.append(time.perf_counter() - started)
    auth.logout(actor)
    return out


def p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[max(0, int(len(values) * q) - 1)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args()
    db = ensure()
    home = Path(tempfile.mkdtemp(prefix="depot-bench-"))
    env = {
        "XDG_DATA_HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TERM": os.environ.get("TERM", "xterm-256color"),
    }
    outbox = home / "outbox"

    bare = Tmux([sys.executable, str(HERE / "bare_app.py")], env=env)
    try:
        bare.wait_for("bare-ready", timeout=30)
        bare_keys = keystroke_latencies(bare, args.keys)
    finally:
        bare.kill()

    term = open_form(db, outbox, env)
    try:
        destination(term)
        term.send(*FILL[:13])  # up to the weight field
        time.sleep(0.5)
        depot_keys = keystroke_latencies(term, args.keys)
        term.send("Escape")
        term.wait_for("放弃已输入的内容")
        term.send("Enter")
        term.wait_for("今日本站")
        term.send("F2")
        term.wait_for("收货电话")
        time.sleep(0.5)
        saves = save_latencies(term, args.saves)
    finally:
        term.kill()
    service = service_issue(db, args.saves * 3)

    import textual

    print(
        f"waybill bench, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, Textual "
        f"{textual.__version__}, {os.cpu_count()} CPUs, tmux 80x24, {db.name} (1,000,000 waybills)"
    )
    bm, dm = statistics.median(bare_keys) * 1000, statistics.median(depot_keys) * 1000
    print(
        f"| keystroke in F2 weight field, median (ms) | bare {bm:.1f} | depot-tui {dm:.1f} | "
        f"ratio {dm / bm:.2f} | target ≤ 1.3 |"
    )
    print(
        f"| keystroke, p90 (ms) | bare {p(bare_keys, 0.9):.1f} | depot-tui {p(depot_keys, 0.9):.1f} | "
        f"ratio {p(depot_keys, 0.9) / p(bare_keys, 0.9):.2f} | |"
    )
    print(
        f"| save key to 'issued' on screen (ms) | median {statistics.median(saves) * 1000:.0f} | "
        f"p95 {p(saves, 0.95):.0f} | target median ≤ 150 |"
    )
    print(
        f"| issue() in-process, labels written (ms) | median {statistics.median(service) * 1000:.1f} | "
        f"p95 {p(service, 0.95):.1f} | |"
    )


if __name__ == "__main__":
    main()
