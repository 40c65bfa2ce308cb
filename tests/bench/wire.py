"""Wire bench (issue 25, item 6): the bytes a clerk's terminal receives, what a 64 kbit/s link
between a depot and its server has to carry.

    .venv/bin/python tests/bench/wire.py [--idle 70]

The installed app runs in a real tmux at 80x24; `pipe-pane` copies everything it writes to the
terminal into a file, which is measured between steps:
- a whole waybill typed at 0.2 s a key (a clerk's pace): F2, the worked example (the keys of
  rush.py, one character at a time), F10 for the slip, the shipper's F10, back on an empty form;
  each step's bytes, and the whole;
- the same keys fed at the same pace to the bare form (bare_app.py --form N), the yardstick;
- two scans (F3's loading scan of a label that does not exist: one refusal line each);
- an idle minute on home and on the arrival scan, across a change of the minute the status
  line shows.
Figures only; copy them into README's Performance section.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "terminal"))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from rush import WAYBILL  # noqa: E402
from startup import BIN  # noqa: E402
from support import on_duty_clerk  # noqa: E402
from tmux_driver import Tmux  # noqa: E402

PACE_S = 0.2


class Wire:
    """What the program in `term` has written to its terminal, from when this was made."""

    def __init__(self, term: Tmux, path: Path) -> None:
        self.path = path
        path.write_bytes(b"")
        term.pipe_to(str(path))
        self.mark = 0

    def size(self) -> int:
        time.sleep(0.3)  # tmux's pipe catches up
        return self.path.stat().st_size

    def step(self) -> int:
        """Bytes since the last step."""
        now = self.size()
        out, self.mark = now - self.mark, now
        return out


def keys_one_by_one(keys: list[str]) -> list[str]:
    """tmux keys one press each: a text key becomes its characters."""
    out = []
    for key in keys:
        out += (
            [key]
            if key in ("Enter", "F10", "Escape") or key.startswith("F") and key[1:].isdigit()
            else list(key)
        )
    return out


def typed(term: Tmux, keys: list[str]) -> None:
    for key in keys:
        term.send(key)
        time.sleep(PACE_S)


def depot(home: Path, idle: int) -> dict[str, int]:
    env = {"XDG_DATA_HOME": str(home), "XDG_STATE_HOME": str(home), "DEPOT_OUTBOX": str(home / "out")}
    term = Tmux([str(BIN), "--demo"], env=env)
    figures: dict[str, int] = {}
    try:
        term.wait_for("演示账号", timeout=90)
        term.send(on_duty_clerk(), "Enter", "depot123", "Enter")
        term.wait_for("您好", timeout=30)
        time.sleep(1)
        wire = Wire(term, home / "wire.bin")
        term.send("F2")
        term.wait_for("收货电话")
        figures["F2 opened"] = wire.step()
        keys = keys_one_by_one(WAYBILL[:-1])
        destination, rest = keys[:4], keys[4:]
        typed(term, destination)
        term.wait_for("→ XT")
        figures["destination (xtx Enter)"] = wire.step()
        typed(term, rest)
        figures["the rest of the form"] = wire.step()
        term.send("F10")
        term.wait_for("请发货人核对运单")
        figures["F10: the slip"] = wire.step()
        time.sleep(0.6)
        term.send("F10")
        term.wait_for("已开单")
        figures["F10: issued, empty form"] = wire.step()
        figures["a whole waybill"] = sum(figures.values())
        term.send("Escape")
        term.wait_for("今日本站")
        wire.step()
        figures[f"idle {idle} s on home"] = idle_bytes(wire, idle)
        term.send("F4")
        term.wait_for("到本站的车")
        time.sleep(1)
        wire.step()
        figures[f"idle {idle} s on F4's list"] = idle_bytes(wire, idle)
        term.send("Escape")
        term.wait_for("今日本站")
        term.send("F3")
        term.wait_for("粤A·8M360")
        term.send("Enter")
        term.wait_for("请扫描标签")
        time.sleep(1)
        wire.step()
        for number in (1, 2):  # the first scan after opening, then one more
            term.type(f"ZZ{number:010d}")
            term.send("Enter")
            term.wait_for(f"ZZ{number:010d}")
            time.sleep(0.6)
            figures[f"a scan ({number}): no such label"] = wire.step()
    finally:
        term.kill()
    return figures


def idle_bytes(wire: Wire, seconds: int) -> int:
    time.sleep(seconds)
    return wire.step()


def bare(home: Path) -> int:
    keys = keys_one_by_one([key for key in WAYBILL if key != "F10"])
    term = Tmux([sys.executable, str(HERE / "bare_app.py"), "--form", str(WAYBILL.count("Enter") + 1)])
    try:
        term.wait_for("form-ready", timeout=30)
        time.sleep(0.5)
        wire = Wire(term, home / "bare.bin")
        typed(term, keys)
        term.send("F10")
        term.wait_for("done")
        return wire.step()
    finally:
        term.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--idle", type=int, default=70, help="seconds of each idle measure (over a minute change)"
    )
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bench-wire-"))
    os.environ.pop("TMUX", None)
    figures = depot(home, args.idle)
    yardstick = bare(home)
    keys = len(keys_one_by_one(WAYBILL))
    print(f"{keys} keys at {PACE_S} s a key, 80x24, bytes written to the terminal")
    for name, value in figures.items():
        print(f"{name:32} {value / 1024:8.1f} KB")
    print(f"{'bare form, the same keys':32} {yardstick / 1024:8.1f} KB")
    print(f"ratio (a whole waybill / bare) {figures['a whole waybill'] / yardstick:.2f}")


if __name__ == "__main__":
    main()
