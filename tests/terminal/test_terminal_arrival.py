"""The night check through a real tmux: scans back to back into an arriving truck, a check killed
half way and resumed, two terminals on one truck. Each piece counted once, in order, or the
night clerk's count is wrong by morning."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import apsw
import pytest
from terminal_support import BIN, start
from tmux_driver import Tmux

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.slow,
    pytest.mark.skipif(not Tmux.available(), reason="tmux is not installed"),
]


def _truck_to_check(data_home: Path, tmp_path: Path, *, waybills: int, pieces: int):
    """A fresh demo database with a truck from CS on its way to GZ (湘A·5K310) carrying
    `waybills` x `pieces` pieces; its path and the labels in loading order."""
    from support import truck_to_gz

    db_path = data_home / "depot-tui" / "demo.sqlite3"
    env = {"XDG_DATA_HOME": str(data_home), "XDG_CONFIG_HOME": str(data_home / "config")}
    subprocess.run(
        [str(BIN), "--db", str(db_path), "demo", "--no-run"],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    return db_path, truck_to_gz(db_path, waybills=waybills, pieces=pieces, outbox=tmp_path / "setup-outbox")


def _open_check_of_new_truck(term: Tmux, clerk: str, *, row: int = 1) -> None:
    """Log in and open the check of 湘A·5K310, `row` rows down F4's list: the second truck,
    after the demo's arrived one (trucks to check come before those on the way), or the first
    once its check is under way."""
    term.wait_for("用户名", timeout=60)
    term.send(clerk, "Enter", "depot123", "Enter")
    term.wait_for("您好")
    term.send("F4")
    term.wait_for("湘A·5K310")
    term.send(*["Down"] * row, "Enter")
    screen = term.wait_for("请扫描卸下的货")
    assert "湘A·5K310" in screen, screen


def _arrival_scans(database, since: int) -> list[tuple[str, str]]:
    return database.execute(
        "SELECT raw, result FROM scan_event WHERE id > ? AND kind = 'arrival' ORDER BY id", (since,)
    ).fetchall()


def _counted(database) -> tuple[int, int]:
    """Expected pieces of 湘A·5K310 counted in its checks: (rows, distinct pieces)."""
    return database.execute(
        "SELECT count(*), count(DISTINCT c.piece_id) FROM checked_piece c JOIN arrival_check a "
        "ON a.id = c.arrival_check_id JOIN manifest m ON m.id = a.manifest_id "
        "WHERE m.plate = '湘A·5K310' AND c.expected"
    ).fetchone()


def _wait_scans(database, since: int, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while len(_arrival_scans(database, since)) < count and time.monotonic() < deadline:
        time.sleep(0.1)


def test_500_scans_back_to_back_into_an_arriving_truck_are_each_counted_once_in_order(data_home, tmp_path):
    """A truck of 500 pieces unloaded with the scanner firing as fast as tmux can type: every
    label must be counted once, in the order scanned. A lost scan would be a piece reported
    short (and a clerk docked for it); a doubled one would hide a real shortage."""
    from support import on_duty_clerk

    db_path, labels = _truck_to_check(data_home, tmp_path, waybills=10, pieces=50)
    term = start(data_home, "--db", str(db_path))
    database = apsw.Connection(str(db_path), flags=apsw.SQLITE_OPEN_READONLY)
    database.set_busy_timeout(5000)
    try:
        _open_check_of_new_truck(term, on_duty_clerk())
        before = database.execute("SELECT coalesce(max(id), 0) FROM scan_event").fetchone()[0]
        term.send(*[key for label in labels for key in (label, "Enter")])
        _wait_scans(database, before, len(labels), timeout=240)
        time.sleep(1.0)  # anything more (a doubled scan) would land now
        screen = term.wait_for(f"✓ {labels[-1]}")
        assert "本票" in screen and "50/50 件" in screen and "Traceback" not in screen
    finally:
        term.kill()
    rows = _arrival_scans(database, before)
    assert [raw for raw, _ in rows] == labels
    assert {result for _, result in rows} == {"ok"}
    assert _counted(database) == (len(labels), len(labels))


def test_a_check_killed_half_way_resumes_with_every_scan_made_before_the_kill(data_home, tmp_path):
    """The terminal's process is killed outright (SIGKILL: a power cut, an OOM kill) while
    the scanner is still firing. A new session on the same truck must show every scan the app
    had taken as counted, in the order scanned with none doubled, and go on from there: the
    rest of the truck scans in, the ones before the kill are repeats. A check that restarted
    from zero would send a clerk back through hundreds of pieces at 3 a.m."""
    from support import on_duty_clerk

    db_path, labels = _truck_to_check(data_home, tmp_path, waybills=4, pieces=50)
    clerk = on_duty_clerk()
    database = apsw.Connection(str(db_path), flags=apsw.SQLITE_OPEN_READONLY)
    database.set_busy_timeout(5000)
    term = start(data_home, "--db", str(db_path))
    try:
        _open_check_of_new_truck(term, clerk)
        before = database.execute("SELECT coalesce(max(id), 0) FROM scan_event").fetchone()[0]
        term.send(*[key for label in labels for key in (label, "Enter")])
        _wait_scans(database, before, 40, timeout=60)
        pid = term.pane_pid()
        assert "depot-tui" in Path(f"/proc/{pid}/cmdline").read_text()
        os.kill(pid, signal.SIGKILL)
        while Path(f"/proc/{pid}").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z":
            time.sleep(0.02)
    finally:
        term.kill()
    taken = [raw for raw, _ in _arrival_scans(database, before)]
    assert 40 <= len(taken) < len(labels), "the kill came too late to be half-way"
    assert taken == labels[: len(taken)]  # in order, none doubled or skipped

    term = start(data_home, "--db", str(db_path))
    try:
        term.wait_for("用户名", timeout=60)
        term.send(clerk, "Enter", "depot123", "Enter")
        term.wait_for("您好")
        term.send("F4")
        screen = term.wait_for("湘A·5K310")
        line = next(line for line in screen.splitlines() if "湘A·5K310" in line)
        assert "清点中" in line and f"{len(taken)}/{len(labels)}" in line, screen
        term.send("Enter")  # checks under way come first
        assert "湘A·5K310" in term.wait_for("请扫描卸下的货")
        term.send(labels[0], "Enter")
        term.wait_for("已清点过")
        rest = labels[len(taken) :]
        term.send(*[key for label in rest for key in (label, "Enter")])
        _wait_scans(database, before, len(taken) + 1 + len(rest), timeout=120)
        screen = term.wait_for(f"✓ {labels[-1]}")
        assert "Traceback" not in screen
    finally:
        term.kill()
    rows = _arrival_scans(database, before)
    assert [raw for raw, _ in rows] == taken + [labels[0]] + rest
    assert _counted(database) == (len(labels), len(labels))


def test_two_terminals_checking_one_truck_count_every_piece_exactly_once(data_home, tmp_path):
    """Two clerks unload one truck from its two doors, each at a terminal, and their piles
    overlap: both scan the same 50 pieces at the same moment. Every piece must be counted
    exactly once (the second scan of each is a repeat naming the first clerk's time), or the
    finish would report pieces short that came or over that did not. The truck list is read
    as each clerk opens it: once it showed its columns cut to their headings (see
    widgets/tables.py), and this test caught it."""
    from support import on_duty_clerk

    db_path, labels = _truck_to_check(data_home, tmp_path, waybills=4, pieces=50)
    database = apsw.Connection(str(db_path), flags=apsw.SQLITE_OPEN_READONLY)
    database.set_busy_timeout(5000)
    clerks = [on_duty_clerk(), "lisi" if on_duty_clerk() != "lisi" else "zhangsan"]
    terms = [start(data_home, "--db", str(db_path)) for _ in clerks]
    try:
        for row, term, clerk in zip((1, 0), terms, clerks, strict=True):
            _open_check_of_new_truck(term, clerk, row=row)
        before = database.execute("SELECT coalesce(max(id), 0) FROM scan_event").fetchone()[0]
        piles = [labels[:125], labels[75:]]  # 50 in both piles
        for term, pile in zip(terms, piles, strict=True):
            term.send(*[key for label in pile for key in (label, "Enter")])
        _wait_scans(database, before, 250, timeout=120)
        time.sleep(1.0)
        for term, pile in zip(terms, piles, strict=True):
            assert "Traceback" not in term.wait_for(pile[-1])
    finally:
        for term in terms:
            term.kill()
    rows = _arrival_scans(database, before)
    assert len(rows) == 250
    assert sorted(raw for raw, result in rows if result == "ok") == sorted(labels)
    assert sorted(raw for raw, result in rows if result == "repeat") == sorted(labels[75:125])
    assert _counted(database) == (len(labels), len(labels))
