"""Counter-rush bench: a whole waybill typed in one burst, beside a bare Textual form.

    .venv/bin/python tests/bench/rush.py [--runs 10]

A clerk who knows the form types the next waybill without looking, and over SSH the keys
arrive together. Each run opens F2 on the demo depot in a real tmux and sends the worked
example (destination by pinyin initials, two known customers, goods, weight,
volume, declared value, upstairs delivery, a receipt) and F10 as one `send-keys`; the time
is from that send to the slip on screen (the form has taken every key in order, priced it
and asked the shipper to check). The shipper's F10 after the slip's half-second look is
then sent and the waybill issued, so the next run starts on an empty form. The yardstick
is `bare_app.py --form N`: N one-row Inputs fed the same characters, Enter to the next, F10
to "done": the same keys with nothing behind them. Figures only, median and p90; copy them
into README's Performance section.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "terminal"))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from startup import BIN  # noqa: E402
from support import on_duty_clerk  # noqa: E402
from tmux_driver import Tmux  # noqa: E402
from waybill import FILL  # noqa: E402

#: The worked example as tmux keys: what the clerk types after F2 (waybill.py's form after the
#: destination), F10 last.
WAYBILL = ["xtx", "Enter", *FILL, "F10"]


def timed(term: Tmux, keys: list[str], marker: str) -> float:
    started = time.perf_counter()
    term.send(*keys)
    term.wait_for(marker, timeout=30, interval=0.003)
    return time.perf_counter() - started


def depot_runs(runs: int) -> list[float]:
    home = tempfile.mkdtemp(prefix="bench-rush-")
    env = {"XDG_DATA_HOME": home, "XDG_STATE_HOME": home, "DEPOT_OUTBOX": os.path.join(home, "out")}
    term = Tmux([str(BIN), "--demo"], env=env)
    try:
        term.wait_for("演示账号", timeout=90)
        term.send(on_duty_clerk(), "Enter", "depot123", "Enter")
        term.wait_for("您好", timeout=30)
        term.send("F2")
        term.wait_for("收货电话")
        time.sleep(0.5)
        times = []
        for _ in range(runs):
            times.append(timed(term, WAYBILL, "请发货人核对运单"))
            time.sleep(0.6)  # the shipper reads the slip
            term.send("F10")
            term.wait_for("已开单", timeout=30)
            time.sleep(0.3)
        return times
    finally:
        term.kill()


def bare_runs(runs: int, *, in_order: bool = False) -> list[float]:
    """The bare form in one long-lived process, as the depot's: a fresh process per run made
    the yardstick bimodal (its first burst pays Textual's warm-up). `in_order`: with the
    depot's type-ahead, so each key lands in the field it was typed for (bare_app.py)."""
    fields = WAYBILL.count("Enter") + 1
    keys = [key for key in WAYBILL if key != "F10"] + ["F10"]
    times = []
    order = ["--in-order"] if in_order else []
    term = Tmux([sys.executable, str(HERE / "bare_app.py"), "--form", str(fields), *order])
    try:
        term.wait_for("form-ready", timeout=30)
        time.sleep(0.5)
        for run in range(1, runs + 1):
            times.append(timed(term, keys, f"done {run}"))
            time.sleep(0.3)
        if in_order:  # every field got its own keys, the first only the destination's
            assert "xtx|19973285431|" in term.screen(), term.screen()
    finally:
        term.kill()
    return times


def ms(values: list[float], q: float) -> float:
    if q == 0.5:
        return statistics.median(values) * 1000
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    bare = bare_runs(args.runs)
    in_order = bare_runs(args.runs, in_order=True)
    depot = depot_runs(args.runs)
    keys = sum(len(k) if k not in ("Enter", "F10") else 1 for k in WAYBILL)
    print(f"{keys} keys in one burst, {args.runs} runs; first key to the slip (depot) / to 'done' (bare)")
    for name, values in (("bare form", bare), ("bare, in order", in_order), ("depot F2", depot)):
        print(f"{name:14} median {ms(values, 0.5):7.1f} ms   p90 {ms(values, 0.9):7.1f} ms")
    for name, yardstick in (("the bare form", bare), ("the bare form in order", in_order)):
        print(f"ratio (median) to {name} {statistics.median(depot) / statistics.median(yardstick):.2f}")


if __name__ == "__main__":
    main()
