"""Bench: the loading scan loop (F3) on a million-waybill database, beside the bare Textual app.

    .venv/bin/python tests/bench/loading.py [--scans 60] [--burst 300]

In a real tmux at 80x24, with pipe-pane copying everything the program writes:
- scan to OK: a label and Enter sent as a scanner sends them, one scan every 0.25 s; the time
  until the OK line for that piece has been written to the terminal; median and p95. The bare
  app (`bare_app.py --scan`) answers "OK <label>" in the same way, measured in the same run;
- bytes written to the terminal per scan: for those single scans, and averaged over the burst;
- the burst: --burst labels and Enters in one tmux send-keys, as fast as tmux writes them;
  the time until the last one's OK is on screen;
- scan() alone: the service in-process on the same database.
The database is tests/bench/bigdb.py's (1,000,000 waybills, 5,000,000 pieces). Each run issues
the pieces it scans (waybills of 50 pieces for XT) and scans them into a new truck run; open
runs earlier bench runs left are closed first, so the run list opens on this one.
Figures only; copy them into README's Performance section.
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

from bigdb import ensure  # noqa: E402
from startup import BIN  # noqa: E402
from support import issue_for_xt, on_duty_clerk  # noqa: E402
from tmux_driver import Tmux  # noqa: E402
from waybill import p  # noqa: E402  (a percentile, in ms)

PIECES = 50  # per waybill issued for the bench


class Pipe:
    """What the program in `term` writes to its terminal, read as it grows."""

    def __init__(self, term: Tmux) -> None:
        handle, self.path = tempfile.mkstemp(prefix="bench-scan-pipe-")
        os.close(handle)
        term.pipe_to(self.path)
        time.sleep(0.5)
        self.offset = os.path.getsize(self.path)

    def size(self) -> int:
        return os.path.getsize(self.path)

    def wait_for(self, marker: bytes, start: int, timeout: float = 5.0) -> float:
        """Seconds until `marker` appears in what was written after byte `start`."""
        sent = time.perf_counter()
        with open(self.path, "rb") as handle:
            while True:
                handle.seek(start)
                if marker in handle.read():
                    return time.perf_counter() - sent
                if time.perf_counter() - sent > timeout:
                    raise TimeoutError(marker.decode())
                time.sleep(0.0005)

    def close(self) -> None:
        os.unlink(self.path)


def scan_latencies(term: Tmux, labels: list[str], marker_of) -> tuple[list[float], list[int]]:  # noqa: ANN001
    """One scan at a time: (seconds to its OK, bytes written for it) per label."""
    pipe = Pipe(term)
    latencies, written = [], []
    try:
        for label in labels:
            start = pipe.size()
            sent = time.perf_counter()
            term.send(label, "Enter")
            pipe.wait_for(marker_of(label), start)
            latencies.append(time.perf_counter() - sent)
            time.sleep(0.25)  # a loader picks up the next piece; the answer has finished drawing
            written.append(pipe.size() - start)
    finally:
        pipe.close()
    return latencies, written


def burst(term: Tmux, labels: list[str], marker_of) -> tuple[float, int]:  # noqa: ANN001
    """All labels in one send-keys: (seconds until the last OK, bytes written in all)."""
    pipe = Pipe(term)
    try:
        start = pipe.size()
        sent = time.perf_counter()
        term.send(*[key for label in labels for key in (label, "Enter")])
        pipe.wait_for(marker_of(labels[-1]), start, timeout=300)
        took = time.perf_counter() - sent
        time.sleep(1.0)
        return took, pipe.size() - start
    finally:
        pipe.close()


def new_run(db: Path) -> None:
    """Close the open runs earlier bench runs left, make a fresh one to XT."""
    import apsw

    from depot_tui import db as database
    from depot_tui.services import auth, clock, loading

    with apsw.Connection(str(db)) as connection:
        connection.execute(
            "UPDATE manifest SET status = 'departed', departed_at = created_at WHERE status = 'open'"
        )
    clock.fix(None)
    opened = database.open_database(str(db))
    actor = auth.login(on_duty_clerk(), "depot123", terminal="bench", pid=os.getpid()).actor
    loading.create_run(
        actor,
        loading.RunForm(
            plate="粤A·8M360", driver_name="周志强", driver_phone="13560281947", stops="XT", departure="23:59"
        ),
    )
    auth.logout(actor)
    opened.close()


def service_scans(db: Path, labels: list[str]) -> list[float]:
    from depot_tui import db as database
    from depot_tui.services import auth, loading

    database.open_database(str(db))
    actor = auth.login(on_duty_clerk(), "depot123", terminal="bench", pid=os.getpid()).actor
    run = loading.runs(actor)[0]
    out = []
    for label in labels:
        started = time.perf_counter()
        result = loading.scan(actor, run.id, label)
        out.append(time.perf_counter() - started)
        assert result.ok, result
    auth.logout(actor)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=60)
    parser.add_argument("--burst", type=int, default=300)
    args = parser.parse_args()
    db = ensure()
    home = Path(tempfile.mkdtemp(prefix="depot-bench-"))
    env = {
        "XDG_DATA_HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TERM": os.environ.get("TERM", "xterm-256color"),
    }
    service_count = 30
    total = args.scans + args.burst + service_count
    labels = issue_for_xt(db, waybills=-(-total // PIECES), pieces=PIECES, outbox=home / "outbox")
    new_run(db)
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

    # The OK line names the waybill and the piece: 'OK  GZ2611230012X 第 3/50 件'.
    def depot_marker(label: str) -> bytes:
        number, index = label.split("-")
        return f"OK  {number} 第 {int(index[:-1])}/{PIECES} 件".encode()

    term = Tmux([str(BIN), "--db", str(db)], env=env)
    try:
        term.wait_for("用户名", timeout=60)
        term.send(on_duty_clerk(), "Enter", "depot123", "Enter")
        term.wait_for("您好", timeout=30)
        term.send("F3")
        term.wait_for("粤A·8M360", timeout=30)  # the run in the list (the title says 装车中 too)
        term.send("Enter")
        term.wait_for("请扫描标签", timeout=30)
        time.sleep(0.5)
        depot_lat, depot_bytes = scan_latencies(term, singles, depot_marker)
        burst_s, burst_bytes = burst(term, bursts, depot_marker)
        assert "Traceback" not in term.screen()
    finally:
        term.kill()
    inproc = service_scans(db, service)

    report(
        "loading", db, bare_lat, depot_lat, bare_bytes, depot_bytes, len(bursts), burst_s, burst_bytes, inproc
    )


def report(
    name: str,
    db: Path,
    bare_lat: list[float],
    depot_lat: list[float],
    bare_bytes: list[int],
    depot_bytes: list[int],
    bursts: int,
    burst_s: float,
    burst_bytes: int,
    inproc: list[float],
) -> None:
    """The figures of a scan-loop bench (this one, arrival.py), as README table rows."""
    import textual

    ms = 1000
    print(
        f"{name} bench, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, Textual "
        f"{textual.__version__}, {os.cpu_count()} CPUs, tmux 80x24, {db.name} (1,000,000 waybills)"
    )
    bm, dm = statistics.median(bare_lat) * ms, statistics.median(depot_lat) * ms
    print(
        f"| scan to OK on screen, median (ms) | bare {bm:.1f} | depot-tui {dm:.1f} | ratio {dm / bm:.2f} "
        f"| target ≤ 35 |"
    )
    bp, dp = p(bare_lat, 0.95), p(depot_lat, 0.95)
    print(
        f"| scan to OK, p95 (ms) | bare {bp:.1f} | depot-tui {dp:.1f} | ratio {dp / bp:.2f} | target ≤ 50 |"
    )
    bb, db_ = statistics.median(bare_bytes), statistics.median(depot_bytes)
    print(
        f"| bytes to the terminal per scan, median | bare {bb:.0f} | depot-tui {db_:.0f} | "
        f"ratio {db_ / bb:.2f} | target ≤ 4096 |"
    )
    print(
        f"| {bursts} scans back to back: to the last OK (s) | {burst_s:.2f} | "
        f"{burst_s / bursts * ms:.1f} ms per scan | {burst_bytes / bursts:.0f} bytes per scan | |"
    )
    print(
        f"| scan() in-process (ms) | median {statistics.median(inproc) * ms:.1f} | "
        f"p95 {p(inproc, 0.95):.1f} | | |"
    )


if __name__ == "__main__":
    main()
