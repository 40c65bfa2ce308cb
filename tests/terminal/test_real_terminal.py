"""The installed depot-tui in a real tmux at 80x24, as a clerk's terminal shows it."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import apsw
import pytest
from terminal_support import BIN, rest_of_the_worked_example, shipper_signs, start, waybill_to_xiangtan
from tmux_driver import Tmux

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.slow,
    pytest.mark.skipif(not Tmux.available(), reason="tmux is not installed"),
]


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
        waybill_to_xiangtan(term, user)
        rest_of_the_worked_example(term)  # the printed slip's total says every key landed
        shipper_signs(term)
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


def test_a_byte_that_is_not_utf8_does_not_end_the_app(data_home):
    """Issue 25, item 8: a single 0xff at the login screen (line noise, a GBK terminal) ended
    the app with a UnicodeDecodeError in Textual's input thread. It now shows as one �, the
    clerk deletes it, and logs in."""
    term = start(data_home, "--demo")
    try:
        term.wait_for("演示账号", timeout=60)
        term.send_bytes(b"\xff")
        screen = term.wait_for("\ufffd")
        assert "Traceback" not in screen and "用户名" in screen
        term.send("BSpace", "zhangsan", "Enter", "depot123", "Enter")
        assert "Traceback" not in term.wait_for("您好", timeout=30)
    finally:
        term.kill()
