"""Where a burst's time goes, key by key: the counter-rush waybill (rush.py's keys) typed in
one burst into F2 and into the bare form taking keys in order, in Textual's pilot, timing when
the type-ahead lets each key in (`TypeAhead._going_in`) and when the slip is up.

    .venv/bin/python tests/bench/rush_keys.py [--bursts 6]

Per burst (the first left out: Textual's warm-up): the time until the last key went in, the
slip's time after it (depot-tui: the preview in a database thread, the slip composed, mounted
and drawn), and the median wait before the next key after an Enter and after a run of text
(characters typed into one field go in together): what each costs the app before the next
key may go in. Without cProfile's overhead, so the
figures are real time on this machine; rush_profile.py says which functions. Figures only.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "terminal"), str(HERE)]

from rush_profile import SLIP, at_the_form, bare_form, demo_app, pause, pilot_keys, shipper_signs  # noqa: E402
from support import burst, screen_text  # noqa: E402

from depot_tui import typeahead  # noqa: E402

let_in: list[tuple[float, str]] = []  # (when, key) as each key goes into the app
_going_in = typeahead.TypeAhead._going_in


def _logged(self: typeahead.TypeAhead, event) -> None:  # noqa: ANN001
    let_in.append((time.perf_counter(), getattr(event, "key", "?")))
    _going_in(self, event)


typeahead.TypeAhead._going_in = _logged  # type: ignore[method-assign]


async def _until(test, interval: float = 0.002) -> float:  # noqa: ANN001
    while not test():
        await asyncio.sleep(interval)
    return time.perf_counter()


async def _bursts(app, ready, done, after, count: int) -> list[tuple[float, float, list, list]]:  # noqa: ANN001
    rows = []
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for number in range(count + 1):
            let_in.clear()
            started = time.perf_counter()
            await burst(pilot, *pilot_keys())
            finished = await _until(lambda n=number: done(n))
            last = let_in[-1][0]
            after_enter, after_text = [], []
            for (before, key), (when, _next) in zip(let_in, let_in[1:], strict=False):
                (after_enter if key == "enter" else after_text).append(when - before)
            if number:
                rows.append((last - started, finished - last, after_enter, after_text))
            await after(pilot)
    return rows


async def depot(count: int) -> list:
    app = demo_app(Path(tempfile.mkdtemp(prefix="bench-rush-keys-")))
    return await _bursts(app, at_the_form, lambda _n: SLIP in screen_text(app), shipper_signs, count)


async def bare(count: int) -> list:
    app = bare_form()
    return await _bursts(app, pause, lambda n: f"done {n + 1}" in screen_text(app), pause, count)


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:6.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bursts", type=int, default=6)
    args = parser.parse_args()
    print(f"{args.bursts} bursts each, medians in ms")
    print(f"{'':20} {'keys in':>8} {'then done':>10} {'after Enter':>12} {'after text':>11}")
    for name, run in (("bare form in order", bare), ("depot-tui F2", depot)):
        rows = asyncio.run(run(args.bursts))
        keys_in, done = [r[0] for r in rows], [r[1] for r in rows]
        enters = [gap for r in rows for gap in r[2]]
        texts = [gap for r in rows for gap in r[3]]
        print(f"{name:20} {_ms(keys_in):>8} {_ms(done):>10} {_ms(enters):>12} {_ms(texts):>11}")


if __name__ == "__main__":
    main()
