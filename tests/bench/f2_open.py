"""What opening F2 costs: the CPU from the key to the form ready for its first key (the place
list loaded), in Textual's pilot on the demo depot, F2 and Esc again and again.

    .venv/bin/python tests/bench/f2_open.py [--opens 12]

The process's CPU time, not the wall clock: the pilot draws to no terminal, so what is
measured is the app's own work (composing some 85 widgets, styling them, laying them out, the
place list), which a thin machine's clerk waits through at each waybill. The first opening
pays Python's and Textual's warm-up and is left out. Figures only; copy them into README.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from support import DEMO_NOW, log_in_as, wait_for  # noqa: E402

from depot_tui import config, db  # noqa: E402
from depot_tui.app import DepotApp  # noqa: E402
from depot_tui.screens.home import HomeScreen  # noqa: E402
from depot_tui.screens.waybill import WaybillScreen  # noqa: E402
from depot_tui.services import clock, demo  # noqa: E402
from depot_tui.services.actor import console_actor  # noqa: E402


async def opens(cfg: config.Config, count: int) -> list[float]:
    app = DepotApp(cfg)
    cpu: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in_as(pilot, "zhangsan")
        for _ in range(count + 1):
            started = time.process_time()
            await pilot.press("f2")
            await wait_for(
                pilot, lambda: isinstance(app.screen, WaybillScreen) and app.screen.index is not None
            )
            cpu.append(time.process_time() - started)
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    return cpu[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opens", type=int, default=12)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="bench-f2-")
    os.environ.update(XDG_DATA_HOME=home, XDG_STATE_HOME=home, DEPOT_OUTBOX=os.path.join(home, "out"))
    clock.fix(DEMO_NOW)
    path = os.path.join(home, "demo.sqlite3")
    db.open_database(path)
    demo.build(console_actor("bench"))
    cpu = sorted(asyncio.run(opens(config.load(db=path, demo=True), args.opens)))
    print(
        f"F2 opened {len(cpu)} times: CPU median {statistics.median(cpu) * 1000:.1f} ms, "
        f"least {cpu[0] * 1000:.1f} ms, most {cpu[-1] * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
