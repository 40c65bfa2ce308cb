"""Bench: the back office's price table on the million-waybill database, beside the bare app.

    .venv/bin/python tests/bench/prices.py [--rows 3000] [--keys 40] [--runs 5]

- import: a price-table CSV of `--rows` destinations (every county, then prefectures) applied
  to GZ's table through the service, in-process: the whole check and write, median of `--runs`
  (each on a fresh copy of the table: the first import starts every line, later ones end
  them);
- open: F12's Enter on 价格表 to the table drawn with every line, in a real tmux at 80x24;
- scroll: Down and PgDn in that table, keystroke to the first byte of the answer, beside a
  bare Textual DataTable of as many rows (bare_app.py --table) measured in the same run,
  median and p90; and the bare app's Input (a key typed there) for scale.
Figures only; copy them into README's Performance section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
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
from tmux_driver import Tmux  # noqa: E402

HEADS = "代码,到站,元/公斤,元/立方,最低收费,送货费,上楼费,重量段,生效日期"


def table_file(db: Path, rows: int, folder: Path) -> Path:
    """Every county (then prefectures) with made-up rates and bands, as a depot would keep it."""
    import apsw

    with apsw.Connection(str(db)) as connection:
        places = connection.execute(
            "SELECT code, name FROM place WHERE level IN ('county', 'prefecture') "
            "ORDER BY level = 'prefecture', code"
        ).fetchall()
    lines = [HEADS]
    for n, (code, name) in enumerate(places[:rows]):
        lines.append(f"{code},{name},{0.6 + n % 20 / 10:.1f},{150 + n % 30 * 10},30,50,30,100:1.5 500:1.2,")
    path = folder / "all-counties.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_times(db: Path, path: Path, runs: int) -> tuple[list[float], int]:
    from depot_tui import db as database
    from depot_tui.models import PriceRule
    from depot_tui.services import auth, prices

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    times, started_lines = [], 0
    for _ in range(runs):
        database.open_database(str(db))
        PriceRule.delete().where(PriceRule.created_by.is_null(False)).execute()  # an earlier run's
        actor = auth.login("chenjing", "depot123", terminal="bench", pid=os.getpid()).actor
        started = time.perf_counter()
        # From tomorrow: today's waybills to GZ's own destinations keep today's lines.
        done = prices.import_table(actor, str(path), path.parent, f"{tomorrow}")
        times.append(time.perf_counter() - started)
        started_lines = done.applied.started
        auth.logout(actor)
        database.database_proxy.close()
    return times, started_lines


def key_latencies(term: Tmux, key: str, count: int) -> list[float]:
    """`key` pressed `count` times, 0.15 s apart: each to the first byte of the answer."""
    handle, log = tempfile.mkstemp(prefix="bench-pipe-")
    os.close(handle)
    term.pipe_to(log)
    time.sleep(0.5)
    out = []
    for _ in range(count):
        before = os.path.getsize(log)
        sent = time.perf_counter()
        term.send(key)
        while os.path.getsize(log) == before and time.perf_counter() - sent < 2:
            time.sleep(0.0005)
        out.append(time.perf_counter() - sent)
        time.sleep(0.15)
    os.unlink(log)
    return out


def p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[max(0, int(len(values) * q) - 1)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    big = ensure()
    home = Path(tempfile.mkdtemp(prefix="depot-prices-"))
    db = home / "prices.sqlite3"
    shutil.copy(big, db)
    path = table_file(db, args.rows, home)
    imports, lines = import_times(db, path, args.runs)

    env = {
        "XDG_DATA_HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TERM": os.environ.get("TERM", "xterm-256color"),
    }
    bare = Tmux([sys.executable, str(HERE / "bare_app.py")], env=env)
    try:
        bare.wait_for("bare-ready", timeout=30)
        bare_keys = keystroke_latencies(bare, args.keys)
    finally:
        bare.kill()
    table = Tmux([sys.executable, str(HERE / "bare_app.py"), "--table", str(lines)], env=env)
    try:
        table.wait_for("table-ready", timeout=30)
        time.sleep(3)  # DataTable measures its rows when first idle
        bare_downs = key_latencies(table, "Down", args.keys)
        bare_pages = key_latencies(table, "PageDown", args.keys)
    finally:
        table.kill()

    term = Tmux([str(BIN), "--db", str(db)], env=env)
    try:
        term.wait_for("用户名", timeout=60)
        term.send("chenjing", "Enter", "depot123", "Enter")
        term.wait_for("您好", timeout=30)
        opens = []
        for _ in range(args.runs):
            term.send("F12")
            term.wait_for("价格表")
            time.sleep(0.3)
            sent = time.perf_counter()
            term.send("Enter")
            term.wait_for(f"：{lines} 个到站", timeout=30)  # GZ's own 14 are among them
            opens.append(time.perf_counter() - sent)
            term.send("Tab")
            time.sleep(0.5)
            downs = key_latencies(term, "Down", args.keys)
            pages = key_latencies(term, "PageDown", args.keys)
            term.send("Escape")
            term.wait_for("后台管理")
            term.send("Escape")
            term.wait_for("今日本站")
    finally:
        term.kill()

    import textual

    print(
        f"price-table bench, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, Textual "
        f"{textual.__version__}, {os.cpu_count()} CPUs, tmux 80x24, {big.name} (1,000,000 waybills), "
        f"{lines} lines imported"
    )
    print(
        f"| import {lines} rows (prices.import_table) | median {statistics.median(imports):.2f} s | "
        f"max {max(imports):.2f} s | target ≤ 2 s |"
    )
    print(
        f"| Enter to the table drawn | median {statistics.median(opens) * 1000:.0f} ms | "
        f"max {max(opens) * 1000:.0f} ms | |"
    )
    bm = statistics.median(bare_keys) * 1000
    print(f"| a key in the bare app's Input, median (ms) | {bm:.1f} | p90 {p(bare_keys, 0.9):.1f} | |")
    for name, values, bare_values in (("Down", downs, bare_downs), ("PgDn", pages, bare_pages)):
        dm, tm = statistics.median(values) * 1000, statistics.median(bare_values) * 1000
        print(
            f"| {name} in the table, median (ms) | bare DataTable {tm:.1f} | depot-tui {dm:.1f} | "
            f"ratio {dm / tm:.2f} | target ≤ 1.3 |"
        )
        b90, d90 = p(bare_values, 0.9), p(values, 0.9)
        print(f"| {name}, p90 (ms) | bare DataTable {b90:.1f} | depot-tui {d90:.1f} | ratio {d90 / b90:.2f}")


if __name__ == "__main__":
    main()
