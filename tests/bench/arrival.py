"""Bench: the arrival check's scan loop (F4, night view) on a million-waybill database, beside
the bare Textual app.

    .venv/bin/python tests/bench/arrival.py [--scans 60] [--burst 500]

As tests/bench/loading.py measures the loading loop, in a real tmux at 80x24 with pipe-pane
copying everything the program writes: scan to OK on the terminal (median, p95; the bare app
`bare_app.py --scan` measured in the same run), bytes written per scan, a burst of --burst
labels in one send-keys, and scan() alone in-process. The night view redraws more than the
loading loop on each scan (a five-row band, large digits, the per-waybill count), so its bytes
are the figure to watch on a thin link.

The database is tests/bench/bigdb.py's (1,000,000 waybills, 5,000,000 pieces). Each run makes
a new truck from CS to GZ through the real services (support.truck_to_gz: issued at CS,
loaded, departed), and closes the checks earlier runs left, so F4 at GZ lists it alone.
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

from bigdb import ensure  # noqa: E402
from loading import PIECES, burst, report, scan_latencies  # noqa: E402
from startup import BIN  # noqa: E402
from support import on_duty_clerk, truck_to_gz  # noqa: E402
from tmux_driver import Tmux  # noqa: E402

PLATE = "湘A·5K310"  # support.truck_to_gz's truck


def clear_the_list(db: Path) -> None:
    """Earlier runs' trucks (and the demo's) leave F4's list at GZ: checked long ago."""
    import apsw

    with apsw.Connection(str(db)) as connection:
        connection.execute("UPDATE manifest SET status = 'checked' WHERE status IN ('departed', 'arrived')")
        connection.execute(
            "UPDATE arrival_check SET finished_at = '2000-01-01 00:00:00' "
            "WHERE finished_at IS NULL OR finished_at > '2000-01-01'"
        )


def service_scans(db: Path, labels: list[str]) -> list[float]:
    from depot_tui import db as database
    from depot_tui.services import arrival, auth

    database.open_database(str(db))
    actor = auth.login(on_duty_clerk(), "depot123", terminal="bench", pid=os.getpid()).actor
    truck = next(i for i in arrival.incoming(actor) if i.plate == PLATE and i.state == "checking")
    check = arrival.start(actor, truck.manifest_id)
    out = []
    for label in labels:
        started = time.perf_counter()
        result = arrival.scan(actor, check.id, label)
        out.append(time.perf_counter() - started)
        assert result.ok, result
    auth.logout(actor)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=60)
    parser.add_argument("--burst", type=int, default=500)
    args = parser.parse_args()
    db = ensure()
    home = Path(tempfile.mkdtemp(prefix="depot-bench-"))
    env = {
        "XDG_DATA_HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TERM": os.environ.get("TERM", "xterm-256color"),
    }
    service_count = 40
    total = args.scans + args.burst + service_count
    clear_the_list(db)
    made = time.perf_counter()
    labels = truck_to_gz(db, waybills=-(-total // PIECES), pieces=PIECES, outbox=home / "outbox")
    made = time.perf_counter() - made
    singles, bursts, service = (
        labels[: args.scans],
        labels[args.scans : args.scans + args.burst],
        labels[args.scans + args.burst : total],
    )

    bare = Tmux([sys.executable, str(HERE / "bare_app.py"), "--scan"], env=env)
    try:
        bare.wait_for("bare-ready", timeout=30)
        bare_lat, bare_bytes = scan_latencies(
            bare, [f"BARE{n:04d}-X" for n in range(args.scans)], lambda label: f"OK {label}".encode()
        )
    finally:
        bare.kill()

    # The band names the waybill and the piece: 'OK  CS2611230012X 第 3/50 件'.
    def depot_marker(label: str) -> bytes:
        number, index = label.split("-")
        return f"OK  {number} 第 {int(index[:-1])}/{PIECES} 件".encode()

    term = Tmux([str(BIN), "--db", str(db)], env=env)
    try:
        term.wait_for("用户名", timeout=60)
        term.send(on_duty_clerk(), "Enter", "depot123", "Enter")
        term.wait_for("您好", timeout=30)
        opened = time.perf_counter()
        term.send("F4")
        term.wait_for(PLATE, timeout=30)
        opened = time.perf_counter() - opened
        term.send("Enter")
        term.wait_for("请扫描卸下的货", timeout=30)
        time.sleep(0.5)
        depot_lat, depot_bytes = scan_latencies(term, singles, depot_marker)
        burst_s, burst_bytes = burst(term, bursts, depot_marker)
        assert "Traceback" not in term.screen()
    finally:
        term.kill()
    inproc = service_scans(db, service)

    report(
        "arrival", db, bare_lat, depot_lat, bare_bytes, depot_bytes, len(bursts), burst_s, burst_bytes, inproc
    )
    print(f"| F4 to the truck listed (s) | {opened:.2f} | | | |")
    print(f"(setup: {len(labels)} pieces issued, loaded and departed at CS in {made:.1f} s)")


if __name__ == "__main__":
    main()
