"""Where the suite's CPU goes: each test's own CPU, its subprocesses' and its wall time.

    PYTHONPATH=tests/bench .venv/bin/python -m pytest -n 6 --dist worksteal -p cpu_per_test
    .venv/bin/python tests/bench/cpu_per_test.py [--top 30]

As a pytest plugin (`-p cpu_per_test`) it writes one line per test to a file per process under
$CPU_PER_TEST (default: /tmp/cpu-per-test): the process's CPU time over the test (the app's
threads included), the CPU of the subprocesses it waited for (a CLI run, mypy), and the wall
time. Run as a script, it adds them up by folder and lists the tests that cost the most CPU.

What it cannot see: programs not waited for by the test's process (the apps the terminal tests
start under tmux, the PostgreSQL server, Chromium). The machine's idle share beside it:
`vmstat 5` during the run. Figures only: the suite is CPU-bound on 2 cores when the cores are
busy, and its time is then this CPU over two.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import time
from pathlib import Path

import pytest

FOLDER = Path(os.environ.get("CPU_PER_TEST", "/tmp/cpu-per-test"))
_out = None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):  # noqa: ANN201, ARG001
    global _out
    if _out is None:
        FOLDER.mkdir(parents=True, exist_ok=True)
        _out = (FOLDER / f"{os.getpid()}.jsonl").open("w", encoding="utf-8")
    cpu, wall, children = time.process_time(), time.perf_counter(), _children()
    yield
    row = [item.nodeid, time.process_time() - cpu, _children() - children, time.perf_counter() - wall]
    _out.write(json.dumps(row) + "\n")
    _out.flush()


def _children() -> float:
    times = os.times()
    return times.children_user + times.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    rows = [json.loads(line) for path in FOLDER.glob("*.jsonl") for line in path.open(encoding="utf-8")]
    by_folder: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for node, cpu, children, wall in rows:
        sums = by_folder[node.split("/")[1] if node.startswith("tests/") else node]
        for n, value in enumerate((1, cpu, children, wall)):
            sums[n] += value
    print(f"{'folder':10} {'tests':>6} {'own CPU s':>10} {'children s':>11} {'wall s':>9}")
    for folder, (count, cpu, children, wall) in sorted(by_folder.items(), key=lambda kv: -kv[1][1]):
        print(f"{folder:10} {int(count):6} {cpu:10.1f} {children:11.1f} {wall:9.1f}")
    print(f"\nthe {args.top} tests with the most CPU (own + children, s; wall s):")
    for node, cpu, children, wall in sorted(rows, key=lambda r: -(r[1] + r[2]))[: args.top]:
        print(f"{cpu + children:7.1f} {wall:7.1f}  {node}")


if __name__ == "__main__":
    main()
