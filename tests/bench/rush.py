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
to "done": the same keys with nothing behind them; and the same with depot-tui's type-ahead
(`--in-order`), the yardstick of issue 21's 1.3. The three take turns, run by run, after a
warm-up each. Figures only, median and p90; copy them into README's Performance section.
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


class Depot:
    """depot-tui on the demo in tmux, the clerk on shift at F2, one waybill a run."""

    def __init__(self) -> None:
        home = tempfile.mkdtemp(prefix="bench-rush-")
        env = {"XDG_DATA_HOME": home, "XDG_STATE_HOME": home, "DEPOT_OUTBOX": os.path.join(home, "out")}
        self.term = Tmux([str(BIN), "--demo"], env=env)
        self.term.wait_for("演示账号", timeout=90)
        self.term.send(on_duty_clerk(), "Enter", "depot123", "Enter")
        self.term.wait_for("您好", timeout=30)
        self.term.send("F2")
        self.term.wait_for("收货电话")
        time.sleep(0.5)

    def once(self) -> float:
        taken = timed(self.term, WAYBILL, "请发货人核对运单")
        time.sleep(0.6)  # the shipper reads the slip
        self.term.send("F10")
        self.term.wait_for("已开单", timeout=30)
        time.sleep(0.3)
        return taken


class Bare:
    """The bare form in one long-lived process, as the depot's: a fresh process per run made
    the yardstick bimodal (its first burst pays Textual's warm-up). `in_order`: with the
    depot's type-ahead, so each key lands in the field it was typed for (bare_app.py)."""

    def __init__(self, *, in_order: bool = False) -> None:
        fields = WAYBILL.count("Enter") + 1
        self.keys = [key for key in WAYBILL if key != "F10"] + ["F10"]
        self.in_order = in_order
        self.done = 0
        order = ["--in-order"] if in_order else []
        self.term = Tmux([sys.executable, str(HERE / "bare_app.py"), "--form", str(fields), *order])
        self.term.wait_for("form-ready", timeout=30)
        time.sleep(0.5)

    def once(self) -> float:
        self.done += 1
        taken = timed(self.term, self.keys, f"done {self.done}")
        if self.in_order:  # every field got its own keys, the first only the destination's
            assert "xtx|19973285431|" in self.term.screen(), self.term.screen()
        time.sleep(0.3)
        return taken


def interleaved(runs: int) -> tuple[list[float], list[float], list[float]]:
    """`runs` of each, one of each in turn after one unmeasured warm-up each (Textual's first
    burst; depot-tui's first slip and first restyles): a machine that slows down or speeds up
    during the bench moves all three alike, where three batches one after another moved the
    ratio by a third."""
    subjects = [Bare(), Bare(in_order=True), Depot()]
    try:
        times: list[list[float]] = [[], [], []]
        for subject in subjects:
            subject.once()
        for _ in range(runs):
            for subject, measured in zip(subjects, times, strict=True):
                measured.append(subject.once())
        return times[0], times[1], times[2]
    finally:
        for subject in subjects:
            subject.term.kill()


def ms(values: list[float], q: float) -> float:
    if q == 0.5:
        return statistics.median(values) * 1000
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    bare, in_order, depot = interleaved(args.runs)
    keys = sum(len(k) if k not in ("Enter", "F10") else 1 for k in WAYBILL)
    print(f"{keys} keys in one burst, {args.runs} runs; first key to the slip (depot) / to 'done' (bare)")
    for name, values in (("bare form", bare), ("bare, in order", in_order), ("depot F2", depot)):
        print(f"{name:14} median {ms(values, 0.5):7.1f} ms   p90 {ms(values, 0.9):7.1f} ms")
    for name, yardstick in (("the bare form", bare), ("the bare form in order", in_order)):
        print(f"ratio (median) to {name} {statistics.median(depot) / statistics.median(yardstick):.2f}")


if __name__ == "__main__":
    main()
