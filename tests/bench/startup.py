"""Bench: depot-tui beside a bare Textual app, measured in the same run, printed as ratios.

    .venv/bin/python tests/bench/startup.py [--runs 7] [--keys 40] [--idle 10]

Both programs run in a real tmux at 80x24 on this machine:
- startup: from starting the pane to the login box (depot-tui, demo database already built)
  or the bare Input being on screen, polled with capture-pane every 5 ms; median of --runs.
- keystroke: tmux pipe-pane copies everything the program writes; one character is sent and
  the time to the first byte of the program's answer is taken; median and 90th percentile.
- memory: proportional set size (Pss in /proc/PID/smaps_rollup) after startup and typing.
- idle: bytes written to the terminal over --idle seconds with no input (a blinking cursor
  costs every idle SSH session; depot-tui's clock redraws once a minute).
Figures only: nothing here asserts a time. Copy the table into README's Performance section.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "terminal"))

from tmux_driver import Tmux  # noqa: E402

BIN = Path(sys.executable).parent / "depot-tui"


def python_pid(pane_pid: int) -> int:
    """The Python process in the pane (the pane's shell may exec it or be its parent)."""
    pids = [pane_pid]
    while pids:
        pid = pids.pop()
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except FileNotFoundError:
            continue
        if b"python" in cmdline or b"depot-tui" in cmdline:
            return pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists():
            pids += [int(c) for c in children.read_text().split()]
    raise RuntimeError("no python process in the pane")


def pss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    raise RuntimeError("no Pss")


class Program:
    def __init__(self, name: str, command: list[str], ready: str, env: dict[str, str]) -> None:
        self.name, self.command, self.ready, self.env = name, command, ready, env

    def start(self) -> tuple[Tmux, float]:
        started = time.perf_counter()
        term = Tmux(self.command, env=self.env)
        term.wait_for(self.ready, timeout=30, interval=0.005)
        return term, time.perf_counter() - started


def _scratch(prefix: str) -> str:
    handle, path = tempfile.mkstemp(prefix=prefix)
    os.close(handle)
    return path


def keystroke_latencies(term: Tmux, count: int) -> list[float]:
    log = _scratch("bench-pipe-")
    term.pipe_to(log)
    time.sleep(0.5)
    latencies = []
    for i in range(count):
        before = os.path.getsize(log)
        sent = time.perf_counter()
        term.type("abcdefghij"[i % 10])
        deadline = sent + 2
        while os.path.getsize(log) == before and time.perf_counter() < deadline:
            time.sleep(0.0005)
        latencies.append(time.perf_counter() - sent)
        time.sleep(0.15)
        if i % 20 == 19:
            term.send("C-u")  # clear the field: both programs' Input bind Ctrl+U
            time.sleep(0.3)
    os.unlink(log)
    return latencies


def idle_bytes(term: Tmux, seconds: float) -> int:
    log = _scratch("bench-idle-")
    term.pipe_to(log)
    time.sleep(1.0)  # let any pending redraw finish
    before = os.path.getsize(log)
    time.sleep(seconds)
    written = os.path.getsize(log) - before
    os.unlink(log)
    return written


def measure(program: Program, runs: int, keys: int, idle: float) -> dict[str, float]:
    startups = []
    for _ in range(runs):
        term, took = program.start()
        startups.append(took)
        term.kill()
        time.sleep(0.3)
    term, _ = program.start()
    try:
        latencies = keystroke_latencies(term, keys)
        pid = python_pid(term.pane_pid())
        memory = pss_kib(pid)
        term.send("C-u")
        quiet = idle_bytes(term, idle)
    finally:
        term.kill()
    latencies.sort()
    return {
        "startup_s": statistics.median(startups),
        "key_median_ms": statistics.median(latencies) * 1000,
        "key_p90_ms": latencies[int(len(latencies) * 0.9) - 1] * 1000,
        "pss_mib": memory / 1024,
        "idle_bytes_per_s": quiet / idle,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--idle", type=float, default=10.0)
    args = parser.parse_args()
    if not Tmux.available():
        sys.exit("the bench needs tmux")
    data = Path(tempfile.mkdtemp(prefix="depot-bench-"))
    env = {
        "XDG_DATA_HOME": str(data),
        "XDG_CONFIG_HOME": str(data / "config"),
        "TERM": os.environ.get("TERM", "xterm-256color"),
    }
    subprocess.run([str(BIN), "demo", "--no-run"], env={**os.environ, **env}, check=True, capture_output=True)
    bare = Program("bare Textual app + Input", [sys.executable, str(HERE / "bare_app.py")], "bare-ready", env)
    depot = Program("depot-tui --demo (login)", [str(BIN), "--demo", "--lang", "en"], "User name", env)
    results = {}
    for program in (bare, depot):
        results[program.name] = measure(program, args.runs, args.keys, args.idle)

    import textual

    print(
        f"depot-tui bench, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, "
        f"Textual {textual.__version__}, {os.cpu_count()} CPUs, tmux 80x24"
    )
    rows = [
        ("startup to usable login (median s)", "startup_s", "{:.3f}", 1.5),
        ("keystroke to screen, median (ms)", "key_median_ms", "{:.1f}", 1.3),
        ("keystroke to screen, p90 (ms)", "key_p90_ms", "{:.1f}", 1.3),
        ("memory, PSS (MiB)", "pss_mib", "{:.1f}", 1.5),
        ("idle terminal writes (bytes/s)", "idle_bytes_per_s", "{:.1f}", None),
    ]
    b, d = results[bare.name], results[depot.name]
    print(f"| {'measure':<36} | {'bare':>8} | {'depot-tui':>9} | {'ratio':>6} | target |")
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 11}|{'-' * 8}|--------|")
    for label, key, fmt, target in rows:
        ratio = d[key] / b[key] if b[key] else float("nan")
        shown_ratio = f"{ratio:.2f}" if b[key] else "-"
        print(
            f"| {label:<36} | {fmt.format(b[key]):>8} | {fmt.format(d[key]):>9} | "
            f"{shown_ratio:>6} | {f'≤ {target:.1f}' if target else '':>6} |"
        )


if __name__ == "__main__":
    main()
