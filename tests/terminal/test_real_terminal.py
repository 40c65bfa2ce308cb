"""The installed depot-tui in a real tmux at 80x24, as a clerk's terminal shows it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import apsw
import pytest
from tmux_driver import Tmux

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.slow,
    pytest.mark.skipif(not Tmux.available(), reason="tmux is not installed"),
]

BIN = Path(sys.executable).parent / "depot-tui"


@pytest.fixture
def data_home(tmp_path: Path) -> Path:
    return tmp_path / "data"


def start(data_home: Path, *args: str) -> Tmux:
    assert BIN.exists(), "depot-tui is not installed in this environment"
    return Tmux(
        [str(BIN), *args],
        env={
            "XDG_DATA_HOME": str(data_home),
            "XDG_CONFIG_HOME": str(data_home / "config"),
            "TERM": os.environ.get("TERM", "xterm-256color"),
        },
    )


def test_clerk_logs_in_visits_every_screen_logs_out_and_hangs_up(data_home):
    """The whole day's shell in one run: the demo opens at 80x24, a burst-typed login works,
    every F-key answers, logout asks and returns to login, and closing the terminal (SIGHUP)
    ends the session in the database. A traceback anywhere fails it."""
    term = start(data_home, "--demo")
    try:
        term.wait_for("演示账号", timeout=60)
        term.send("zhangsan", "Enter", "depot123", "Enter")  # one burst, as a fast typist
        screen = term.wait_for("张三，您好")
        assert "广州白云站" in screen and "早班" in screen and "Ctrl+Q 退出" in screen
        for key, seen in [
            ("F2", "收货电话"),
            ("F3", "车次（装车中、今日已发）"),
            ("F4", "到本站的车"),
            ("F5", "待通知提货"),
            ("F6", "交接事项"),
            ("F7", "细则"),
            ("F8", "运单号、标签"),
        ]:
            term.send(key)
            term.wait_for(seen)
        term.send("Escape")
        term.wait_for("今日本站")
        term.send("C-q")
        term.wait_for("退出登录？")
        term.send("Enter")
        term.wait_for("演示账号")

        term.send("wangwu", "Enter", "depot123", "Enter")
        term.wait_for("王五，您好")
        assert "Traceback" not in term.screen()
        pid = term.pane_pid()
        term.kill()
        deadline = time.monotonic() + 15
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        # An app that outlives its terminal is an orphan holding the database, found hours
        # later (its shutdown once hung writing to the dead terminal).
        assert not Path(f"/proc/{pid}").exists(), "the app is still running after the hang-up"
    finally:
        term.kill()

    database = apsw.Connection(str(data_home / "depot-tui" / "demo.sqlite3"), flags=apsw.SQLITE_OPEN_READONLY)
    rows = database.execute(
        "SELECT u.username, s.end_reason FROM session s JOIN user u ON u.id = s.user_id ORDER BY s.id"
    ).fetchall()
    assert rows == [("zhangsan", "logout"), ("wangwu", "hangup")]


def test_the_counter_after_arrival_keys_reach_the_app_through_tmux(data_home):
    """F5's second-level keys in the installed app inside tmux, as clerks who keep their SSH
    session in tmux press them: Ctrl+L deliveries with PgDn to the next day, Ctrl+T transfers,
    Ctrl+G return receipts (Ctrl+B would be tmux's prefix), Ctrl+P prints the pickup register
    to the outbox. A key tmux or the terminal swallowed would leave a clerk with no way in."""
    import datetime as dt

    from support import on_duty_clerk

    term = start(data_home, "--demo")
    try:
        term.wait_for("演示账号", timeout=60)
        term.send(on_duty_clerk(), "Enter", "depot123", "Enter")
        term.wait_for("今日本站")
        term.send("F5")
        term.wait_for("待通知提货")
        term.send("C-l")  # at once: a key typed as the list is pushed waits for it
        today = dt.date.today()
        term.wait_for(f"送货 {today:%Y-%m-%d}（待安排 2）")
        term.send("PageDown")
        term.wait_for(f"送货 {today + dt.timedelta(days=1):%Y-%m-%d}")
        term.send("Escape")
        term.wait_for("待通知提货")
        term.send("C-t")
        term.wait_for("顺通中转物流")
        term.send("Escape")
        term.wait_for("待通知提货")
        term.send("C-g")
        term.wait_for("回单（超时的在前）")
        term.send("Escape")
        term.wait_for("待通知提货")
        term.send("C-p")
        term.wait_for("打印/导出登记簿")
        term.send("F10")
        term.wait_for("已输出")
        assert "Traceback" not in term.screen()
    finally:
        term.kill()
    printed = list((data_home / "depot-tui" / "outbox").glob("register-pickup-GZ-*.txt"))
    assert len(printed) == 1 and "提货登记" in printed[0].read_text(encoding="utf-8")


def test_english_at_80_columns(data_home):
    """--lang en: the same app, English labels, nothing cut off that a clerk needs: home, the
    truck runs, the scan loop and the stock view."""
    term = start(data_home, "--demo", "--lang", "en")
    try:
        term.wait_for("Demo accounts", timeout=60)
        term.send("lisi", "Enter", "depot123", "Enter")
        term.wait_for("Hello, 李四")
        screen = term.wait_for("Middle 12:00–00:00")  # figures load just after the greeting
        assert "Ctrl+Q Log out" in screen and "Trucks to check" in screen
        term.send("F3")
        term.wait_for("9/13")  # the demo's truck being loaded
        term.send("Enter")
        screen = term.wait_for("Scan a label")
        assert "F10 Depart" in screen and "Ctrl+R Unload" in screen and "Ctrl+Q Log out" in screen
        term.send("F9")
        screen = term.wait_for("VOID")  # the stock loads just after the screen opens
        assert "Space marks, F10 adds to the plan" in screen and "Receiver" in screen
        assert "F10 Add to plan" in screen
        assert "Traceback" not in screen
    finally:
        term.kill()


def _waybill_to_xiangtan(term: Tmux, user: str) -> None:
    """From the login screen: log `user` in, open F2, and choose 湘潭县 by its pinyin initials
    (the one place so initialled priced here), typed in the same burst as F2: the keys wait
    for the form and its place index (they were lost, or found no place, before)."""
    term.send(user, "Enter", "depot123", "Enter")
    term.wait_for("您好")
    term.send("F2", "xtx", "Enter")
    term.wait_for("湖南省 湘潭市 湘潭县 → XT")


def _rest_of_the_worked_example(term: Tmux) -> None:
    """After the destination: the rest of the worked example (120 kg, 0.5 m³, 3000 declared,
    upstairs, one receipt; total 197.00) in one burst ending with F10, which shows the slip.

    Each known phone fills its name from the database; under load (CI) a burst running past
    that lookup went wrong once (see the issue note), so the phones are waited for. F10 ends
    the burst, as a clerk finishing the form does: the slip must be made from every key typed
    before it, even those still queued on earlier fields (a choice shows its answer as the key
    is dispatched, ahead of them)."""
    term.send("19973285431", "Enter")
    term.wait_for("李卫东")
    term.send("Enter", "15018845523", "Enter")
    term.wait_for("黄丽华")
    term.send(
        "Enter",
        "服装",
        "Enter",
        "3",
        "Enter",
        "纸箱",
        "Enter",
        "Enter",
        "n",
        "Enter",
        "Enter",
        "Enter",
        "120",
        "Enter",
        "0.5",
        "Enter",
        "3000",
        "Enter",
        "Enter",
        "Enter",
        "5",
        "Enter",
        "易俗河镇建设路8号",
        "Enter",
        "y",
        "Enter",
        "F10",
    )


def test_a_waybill_typed_in_bursts_is_issued_and_printed(data_home, tmp_path):
    """A fast clerk's bursts through a real terminal, ending in F10: choices that open a field
    (upstairs -> address) must do so before the Enter typed right after them moves on, or the
    address is skipped; the slip must hold every key typed before F10, or the shipper signs a
    waybill with the weight missing. Uses whichever GZ clerk is on duty right now."""
    import datetime as dt

    hour = dt.datetime.now().hour
    user = "zhangsan" if 8 <= hour < 20 else "wangwu"
    outbox = tmp_path / "outbox"
    term = Tmux(
        [str(BIN), "--demo"],
        env={
            "XDG_DATA_HOME": str(data_home),
            "XDG_CONFIG_HOME": str(data_home / "config"),
            "DEPOT_OUTBOX": str(outbox),
            "TERM": os.environ.get("TERM", "xterm-256color"),
        },
    )
    try:
        term.wait_for("演示账号", timeout=60)
        _waybill_to_xiangtan(term, user)
        _rest_of_the_worked_example(term)  # the printed slip's total says every key landed
        term.wait_for("请发货人核对运单")
        time.sleep(0.6)  # the shipper reads it (an F10 within 0.5 s is not a check)
        term.send("F10")
        screen = term.wait_for("已开单")
        assert "Traceback" not in screen
    finally:
        term.kill()
    slips = list(outbox.glob("slip-GZ*.txt"))
    assert len(slips) == 1 and "合计   197.00 元" in slips[0].read_text(encoding="utf-8")


def test_300_scans_back_to_back_are_each_recorded_once_in_order(data_home, tmp_path):
    """A scanner types a label and Enter within milliseconds; here 300 of them go to the
    installed app in one tmux send-keys, as fast as tmux writes them. Every scan must be in
    the database once, in the order sent, and loaded: a lost scan is a piece left on the dock
    that the manifest says is on the truck; a doubled or merged one is a count that lies."""
    from support import issue_for_xt, on_duty_clerk

    db_path = data_home / "depot-tui" / "demo.sqlite3"
    env = {"XDG_DATA_HOME": str(data_home), "XDG_CONFIG_HOME": str(data_home / "config")}
    subprocess.run(
        [str(BIN), "--db", str(db_path), "demo", "--no-run"],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    labels = issue_for_xt(db_path, waybills=6, pieces=50, outbox=tmp_path / "setup-outbox")
    term = start(data_home, "--db", str(db_path))
    try:
        term.wait_for("用户名", timeout=60)
        term.send(on_duty_clerk(), "Enter", "depot123", "Enter")
        term.wait_for("您好")
        term.send("F3")
        term.wait_for("粤A·8M360")  # the demo's XT truck in the list (the title says 装车中 too)
        term.send("Enter")
        term.wait_for("请扫描标签")
        database = apsw.Connection(str(db_path), flags=apsw.SQLITE_OPEN_READONLY)
        database.set_busy_timeout(5000)
        manifest = database.execute("SELECT id FROM manifest WHERE status = 'open'").fetchone()[0]
        before = database.execute("SELECT coalesce(max(id), 0) FROM scan_event").fetchone()[0]
        term.send(*[key for label in labels for key in (label, "Enter")])
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            done = database.execute("SELECT count(*) FROM scan_event WHERE id > ?", (before,)).fetchone()[0]
            if done >= len(labels):
                break
            time.sleep(0.2)
        time.sleep(1.0)  # anything more (a doubled scan) would land now
        screen = term.wait_for(f"✓ {labels[-1]}")
        assert "Traceback" not in screen
    finally:
        term.kill()
    rows = database.execute(
        "SELECT raw, result FROM scan_event WHERE id > ? AND manifest_id = ? ORDER BY id", (before, manifest)
    ).fetchall()
    assert [raw for raw, _ in rows] == labels
    assert {result for _, result in rows} == {"ok"}
    loaded = database.execute(
        "SELECT count(DISTINCT p.label) FROM loaded_piece l JOIN piece p ON p.id = l.piece_id "
        "WHERE l.manifest_id = ? AND p.label IN (SELECT value FROM json_each(?))",
        (manifest, json.dumps(labels)),
    ).fetchone()[0]
    assert loaded == len(labels)


def test_the_night_view_is_green_and_red_on_a_16_colour_terminal(data_home):
    """An old terminal with 16 colours: the arrival check's answer band must still be green
    for OK and red for an error (a theme red once came out magenta), or the clerk two metres
    away cannot tell them apart."""
    term = Tmux(
        [str(BIN), "--demo"],
        env={
            "XDG_DATA_HOME": str(data_home),
            "XDG_CONFIG_HOME": str(data_home / "config"),
            "TEXTUAL_COLOR_SYSTEM": "standard",
        },
    )
    try:
        term.wait_for("演示账号", timeout=60)
        term.send("zhangsan", "Enter", "depot123", "Enter")
        term.wait_for("您好")
        term.send("F4")
        term.wait_for("湘A·7Q215")  # the truck in the list (home's figures also say 待清点)
        term.send("Enter")
        term.wait_for("请扫描卸下的货")
        database = apsw.Connection(
            str(data_home / "depot-tui" / "demo.sqlite3"), flags=apsw.SQLITE_OPEN_READONLY
        )
        label = database.execute(
            "SELECT p.label FROM piece p JOIN loaded_piece l ON l.piece_id = p.id JOIN manifest m "
            "ON m.id = l.manifest_id WHERE m.plate LIKE '湘A%' LIMIT 1"
        ).fetchone()[0]
        term.send(label, "Enter")
        term.wait_for("OK  ")
        ok_line = next(line for line in term.screen(escapes=True).splitlines() if "OK  " in line)
        assert "\x1b[42m" in ok_line  # green background
        term.send("NOT-A-LABEL", "Enter")
        term.wait_for("不是标签")
        error_line = next(line for line in term.screen(escapes=True).splitlines() if "不是标签" in line)
        assert "\x1b[41m" in error_line  # red background
    finally:
        term.kill()


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


def _running(pid: int) -> bool:
    """The process still runs: it exists and is not a zombie. Once tmux's server is gone an
    exited app waits as a zombie until init reaps it, which here took up to two seconds."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _hold_write_lock(path: Path) -> subprocess.Popen:
    """Another program on the server holding the database's write lock for a minute."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import apsw, sys, time; c = apsw.Connection(sys.argv[1]); "
            "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def _fill(folder: Path) -> None:
    """Fill the file system under `folder` to the last byte."""
    with open(folder / "filler", "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass


@pytest.mark.parametrize(
    "fault, sig", [("disk full", "SIGHUP"), ("lock held", "SIGHUP"), ("lock held", "SIGTERM")]
)
def test_a_hang_up_while_the_database_cannot_be_written_ends_within_2_s(tmp_path, fault, sig):
    """The SSH link drops with a half-typed waybill while the database's disk is full (a 4 MiB
    tmpfs filled to the last byte) or another program holds its write lock. Before, the
    process then ran for ever (no draft, the session open, SIGTERM ignored): two such orphans
    were found 20 minutes later. Now it is gone within 2 s, the form is kept in a recovery
    file on the clerk's own disk, and when the database can be written again the next login
    saves it and offers it back. SIGTERM (a shutdown, systemd stopping the session) too."""
    from support import on_duty_clerk

    disk = tmp_path / "disk"
    disk.mkdir()
    if fault == "disk full":
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], capture_output=True
        )
        if mounted.returncode:
            pytest.skip("this machine does not let the test mount a tmpfs")
    try:
        built = tmp_path / "built.sqlite3"
        subprocess.run([str(BIN), "--db", str(built), "demo", "--no-run"], check=True, capture_output=True)
        database = disk / "depot.sqlite3"
        database.write_bytes(built.read_bytes())
        env = {
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "TERM": os.environ.get("TERM", "xterm-256color"),
        }
        user = on_duty_clerk()
        term = Tmux([str(BIN), "--db", str(database)], env=env)
        holder = None
        try:
            term.wait_for("用户名", timeout=60)
            _waybill_to_xiangtan(term, user)
            term.send("19973285431", "Enter")
            term.wait_for("李卫东")
            if fault == "disk full":
                _fill(disk)
            else:
                holder = _hold_write_lock(database)
            pid = term.pane_pid()
            dropped = time.monotonic()
            if sig == "SIGHUP":
                term.kill()  # the link drops
            else:
                os.kill(pid, signal.SIGTERM)
            while _running(pid) and time.monotonic() - dropped < 10:
                time.sleep(0.02)
            gone_after = time.monotonic() - dropped
            assert not _running(pid), "the app outlived its terminal"
            assert gone_after < 2.0, f"the app took {gone_after:.2f} s to end"
        finally:
            term.kill()
            if holder is not None:
                holder.kill()
                holder.wait()
        kept = list((tmp_path / "state" / "depot-tui" / "recovery").glob(f"{user}-*.json"))
        assert len(kept) == 1 and "19973285431" in kept[0].read_text(encoding="utf-8")
        (disk / "filler").unlink(missing_ok=True)  # the administrator makes room

        term = Tmux([str(BIN), "--db", str(database)], env=env)
        try:
            term.wait_for("用户名", timeout=60)
            term.send(user, "Enter", "depot123", "Enter")
            screen = term.wait_for("有未完成的运单")
            assert "Traceback" not in screen
            term.send("Enter")
            term.wait_for("李卫东")
        finally:
            term.kill()
        assert not list((tmp_path / "state" / "depot-tui" / "recovery").glob("*.json"))
    finally:
        if fault == "disk full":
            subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_a_day_at_the_counter_on_postgresql(pg_server, tmp_path):
    """The installed app on a PostgreSQL server, as a depot on a central server runs it: the
    demo built there, a clerk logs in, issues a waybill (F2), builds a truck run, loads the
    waybill's pieces and sends it (F3), then checks in the truck from CS (F4). Each step is
    in the server's tables afterwards; a traceback or a step refused anywhere fails it."""
    import psycopg2
    from support import on_duty_clerk

    target = pg_server.create()
    env = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "DEPOT_OUTBOX": str(tmp_path / "outbox"),
    }
    built = subprocess.run(
        [str(BIN), "--db", target, "demo", "--no-run"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    server = psycopg2.connect(target)
    server.autocommit = True

    def rows(sql: str, *params: object) -> list[tuple]:
        with server.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    term = Tmux([str(BIN), "--db", target], env={**env, "TERM": os.environ.get("TERM", "xterm-256color")})
    try:
        term.wait_for("用户名", timeout=60)
        _waybill_to_xiangtan(term, on_duty_clerk())
        _rest_of_the_worked_example(term)
        term.wait_for("请发货人核对运单")
        time.sleep(0.6)  # the shipper reads it
        term.send("F10")
        term.wait_for("已开单")
        number, total = rows("SELECT number, total FROM waybill ORDER BY id DESC LIMIT 1")[0]
        assert float(total) == 197.0
        labels = [
            label
            for (label,) in rows(
                "SELECT p.label FROM piece p JOIN waybill w ON w.id = p.waybill_id WHERE w.number = %s "
                "ORDER BY p.index",
                number,
            )
        ]

        term.send("Escape")
        term.wait_for("今日本站")
        term.send("F3")
        term.wait_for("车次（装车中、今日已发）")
        term.send("C-n")
        term.wait_for("车牌")
        term.send("粤A5C219", "Enter", "刘建国", "Enter", "13922815506", "Enter", "XT", "Enter", "F10")
        term.wait_for("请扫描标签")
        term.send(*[key for label in labels for key in (label, "Enter")])
        term.wait_for(f"✓ {labels[-1]}")
        term.send("F10")
        term.wait_for("粤A·5C219")
        time.sleep(0.5)
        term.send("F10")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and rows(
            "SELECT status FROM manifest WHERE plate = %s", "粤A·5C219"
        ) != [("departed",)]:
            time.sleep(0.2)
        assert rows("SELECT status FROM manifest WHERE plate = %s", "粤A·5C219") == [("departed",)]
        assert rows("SELECT status FROM waybill WHERE number = %s", number) == [("departed",)]

        term.send("Escape")
        term.wait_for("今日本站")
        term.send("F4")
        term.wait_for("到本站的车")
        time.sleep(0.5)
        (manifest,) = rows(
            "SELECT m.id FROM manifest m JOIN depot d ON d.id = m.origin_depot_id "
            "WHERE d.code = 'CS' AND m.status = 'arrived'"
        )[0]
        coming = [
            label
            for (label,) in rows(
                "SELECT p.label FROM loaded_piece l JOIN piece p ON p.id = l.piece_id "
                "JOIN waybill w ON w.id = p.waybill_id JOIN depot d ON d.id = w.dest_depot_id "
                "WHERE l.manifest_id = %s AND d.code = 'GZ' ORDER BY p.id",
                manifest,
            )
        ]
        term.send("Enter")
        term.wait_for("请扫描卸下的货")
        term.send(*[key for label in coming for key in (label, "Enter")])
        term.wait_for(f"✓ {coming[-1]}")
        term.send("F10")
        time.sleep(1.0)
        term.send("F10")
        term.wait_for("到本站的车")
        assert "Traceback" not in term.screen()
        assert rows(
            "SELECT count(*) FROM arrival_check WHERE manifest_id = %s AND finished_at IS NOT NULL", manifest
        ) == [(1,)]
    finally:
        term.kill()
        server.close()
