"""Where a burst's time goes: the counter-rush waybill (rush.py's keys) typed in one burst into
F2 and into the bare form taking keys in order (bare_app.py --form N --in-order), each under
cProfile in Textual's pilot, then the functions where depot-tui spends the most beyond the bare
form, by cumulative time.

    .venv/bin/python tests/bench/rush_profile.py [--bursts 4] [--top 40]

The pilot draws nothing to a terminal, so the driver's work (cells.py, terminal.py) is not in
it; wire.py measures that side. Times under cProfile are about twice the real ones: read the
differences, not the totals. The first burst of each is left out (Textual's warm-up).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "terminal"), str(HERE)]

from rush import WAYBILL  # noqa: E402
from startup import BIN  # noqa: E402
from support import burst, on_duty_clerk, screen_text, wait_for  # noqa: E402

Profile = dict[tuple[str, str], tuple[int, float]]  # (file, function) -> (calls, cumulative s)


def pilot_keys() -> list[str]:
    """rush.py's tmux keys as the pilot names them, one character at a time."""
    keys: list[str] = []
    for key in WAYBILL:
        keys += [key.lower()] if key in ("Enter", "F10") else list(key)
    return keys


async def bursts(app, ready, done, after, count: int) -> cProfile.Profile:  # noqa: ANN001
    """`count` bursts after a warm-up one, each profiled until `done(n)` holds; `after` runs
    between bursts, unprofiled."""
    profile = cProfile.Profile()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for number in range(count + 1):
            if number:
                profile.enable()
            await burst(pilot, *pilot_keys())
            await wait_for(pilot, lambda n=number: done(n), tries=400)
            profile.disable()
            await after(pilot)
    return profile


#: What the slip says as it asks the shipper to check: the end of a rush burst on depot-tui.
SLIP = "请发货人核对运单"


def demo_app(home: Path):  # noqa: ANN201 - a DepotApp, imported late
    """depot-tui on a demo built by the installed command in `home`, not yet run."""
    from depot_tui import config, db
    from depot_tui.app import DepotApp

    database = home / "demo.sqlite3"
    subprocess.run([str(BIN), "--db", str(database), "demo", "--no-run"], check=True, capture_output=True)
    cfg = config.load(db=str(database), demo=True)
    db.open_database(cfg.db)
    return DepotApp(cfg)


async def at_the_form(pilot) -> None:  # noqa: ANN001
    """The clerk on shift logs in and opens F2, its place list loaded."""
    await burst(pilot, *on_duty_clerk(), "enter", *"depot123", "enter")
    await wait_for(pilot, lambda: "您好" in screen_text(pilot.app))
    await burst(pilot, "f2")
    await pilot.pause(1.0)


async def shipper_signs(pilot) -> None:  # noqa: ANN001
    """The shipper reads the slip and signs: an empty form again for the next burst."""
    await pilot.pause(0.7)  # an F10 at once is taken for the clerk's second press, not the shipper's
    await burst(pilot, "f10")
    await wait_for(pilot, lambda: SLIP not in screen_text(pilot.app), tries=400)
    await pilot.pause(0.3)


def bare_form():  # noqa: ANN201 - bare_app.Bare
    """The bare form with as many fields as the rush's keys fill, taking keys in order."""
    sys.argv = ["bare_app.py", "--form", str(WAYBILL.count("Enter") + 1), "--in-order"]
    from bare_app import Bare

    return Bare()


async def pause(pilot) -> None:  # noqa: ANN001
    await pilot.pause(0.3)


async def depot(count: int, home: Path) -> cProfile.Profile:
    app = demo_app(home)
    return await bursts(app, at_the_form, lambda _n: SLIP in screen_text(app), shipper_signs, count)


async def bare(count: int) -> cProfile.Profile:
    app = bare_form()
    return await bursts(app, pause, lambda n: f"done {n + 1}" in screen_text(app), pause, count)


def table(profile: cProfile.Profile) -> Profile:
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    return {
        (file.split("site-packages/")[-1].split("/src/")[-1], name): (calls, cumulative)
        for (file, _line, name), (_prim, calls, _total, cumulative, _callers) in stats.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bursts", type=int, default=4)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-rush-profile-") as home:
        theirs = table(asyncio.run(bare(args.bursts)))
        ours = table(asyncio.run(depot(args.bursts, Path(home))))
    nothing = (0, 0.0)
    extra = sorted(set(ours) | set(theirs), key=lambda k: theirs.get(k, nothing)[1] - ours.get(k, nothing)[1])
    print(f"{args.bursts} bursts each; cumulative s under cProfile, depot-tui minus the bare form in order")
    print(f"{'extra':>7} {'depot (calls)':>17} {'bare (calls)':>17}  function")
    for key in extra[: args.top]:
        (our_calls, our_s), (their_calls, their_s) = ours.get(key, nothing), theirs.get(key, nothing)
        where = f"{key[0][-50:]} {key[1]}"
        print(
            f"{our_s - their_s:7.3f} {our_s:8.3f} ({our_calls:6}) {their_s:8.3f} ({their_calls:6})  {where}"
        )


if __name__ == "__main__":
    main()
