"""What Python's garbage collector takes out of a counter rush: the collections during each
waybill typed in one burst (rush.py's keys, F2 on the demo depot, in Textual's pilot), with
Python's default settings and with the app's own (`cli.steady_gc`), each in a process of its
own as the app runs.

    .venv/bin/python tests/bench/gc_pauses.py [--bursts 10]

For each burst, from the first key to the slip: how many collections ran and how long they
stopped the app in all, and the process's CPU. A full collection scans every object the
process holds (about 100,000 at rest), so one landing in a burst is a pause the clerk's
typing waits through. The first burst pays Textual's warm-up and is left out. Figures only;
copy them into README.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "terminal"), str(HERE)]

from rush_profile import SLIP, at_the_form, demo_app, pilot_keys, shipper_signs  # noqa: E402
from support import burst, screen_text  # noqa: E402


class Collections:
    """The collector's runs, counted and timed through gc.callbacks."""

    def __init__(self) -> None:
        self.count, self.seconds, self._started = 0, 0.0, 0.0
        gc.callbacks.append(self._seen)

    def _seen(self, phase: str, _info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.count += 1
            self.seconds += time.perf_counter() - self._started


async def rush(bursts: int, tuned: bool) -> list[tuple[int, float, float]]:
    """(collections, their ms, CPU ms) per burst after the first."""
    from depot_tui.cli import steady_gc

    app = demo_app(Path(tempfile.mkdtemp(prefix="bench-gc-")))
    if tuned:
        steady_gc()  # where cli._run_app calls it: the app made, not yet run
    seen = Collections()
    rows = []
    async with app.run_test(size=(80, 24)) as pilot:
        await at_the_form(pilot)
        for _ in range(bursts + 1):
            seen.count, seen.seconds, cpu = 0, 0.0, time.process_time()
            await burst(pilot, *pilot_keys())
            while SLIP not in screen_text(app):
                await asyncio.sleep(0.002)
            rows.append((seen.count, seen.seconds * 1000, (time.process_time() - cpu) * 1000))
            await shipper_signs(pilot)
    return rows[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bursts", type=int, default=10)
    parser.add_argument("--side", choices=["default", "tuned"], help=argparse.SUPPRESS)  # one, in its process
    args = parser.parse_args()
    if args.side:
        for row in asyncio.run(rush(args.bursts, args.side == "tuned")):
            print(*row)
        return
    print(f"{args.bursts} bursts each (73 keys to the slip); per burst: collections, their ms, CPU ms")
    for name, side in (("Python's defaults", "default"), ("steady_gc", "tuned")):
        out = subprocess.run(
            [sys.executable, __file__, "--bursts", str(args.bursts), "--side", side],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows = [tuple(float(x) for x in line.split()) for line in out.splitlines() if line.strip()]
        counts, pauses, cpu = zip(*rows, strict=True)
        print(
            f"{name:18} collections median {statistics.median(counts):4.0f}"
            f"   their ms median {statistics.median(pauses):5.1f} max {max(pauses):5.1f}"
            f"   CPU ms median {statistics.median(cpu):5.0f} mean {statistics.mean(cpu):5.0f}"
        )


if __name__ == "__main__":
    main()
