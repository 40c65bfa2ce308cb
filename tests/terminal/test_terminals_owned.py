"""The installed app on the terminals a depot owns (issue 25, item 3), through a terminal program
between tmux and the app (relay.py): a GBK terminal, every function-key encoding, a link gone
silent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import apsw
import pytest
from support import on_duty_clerk
from terminal_support import BIN, rest_of_the_worked_example, running, shipper_signs
from tmux_driver import Tmux

RELAY = Path(__file__).with_name("relay.py")

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(not Tmux.available(), reason="tmux is not installed"),
    pytest.mark.skipif(not BIN.exists(), reason="depot-tui is not installed"),
]


def through_relay(
    home: Path, *args: str, relay: tuple[str, ...] = (), env: dict[str, str] | None = None
) -> Tmux:
    """The demo (built first, so the screen is all the app's) in tmux through relay.py."""
    env = {
        "XDG_DATA_HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "TERM": "xterm-256color",
        **(env or {}),
    }
    subprocess.run([str(BIN), "demo", "--no-run"], env={**os.environ, **env}, check=True, capture_output=True)
    return Tmux(
        [
            sys.executable,
            str(RELAY),
            *relay,
            "--log",
            str(home / "relay.log"),
            "--",
            str(BIN),
            "--demo",
            *args,
        ],
        env=env,
    )


def log_in(term: Tmux) -> None:
    """As the demo clerk whose shift it is now: the app runs on the real clock, and 张三 typed
    in at 21:06 was refused the waybill ("not on shift") in a CI run."""
    term.wait_for("演示账号", timeout=60)
    term.send(on_duty_clerk(), "Enter", "depot123", "Enter")
    term.wait_for("您好")


def test_a_gbk_terminal_logs_in_and_issues_a_whole_waybill(tmp_path):
    """SecureCRT or Xshell on Chinese Windows, left at GBK: every screen was garbled and typed
    Chinese crashed the app. Through a GB18030 terminal the clerk logs in and issues the worked
    example with its Chinese goods and address; the app never writes a byte that is not
    GB18030, nor a character such a terminal draws two cells wide where the app counted one
    (the box lines, ·, →), so every column lines up."""
    term = through_relay(tmp_path, "--charset", "gb18030", relay=("--charset", "gb18030"))
    try:
        log_in(term)
        term.send("F2", "xtx", "Enter")
        term.wait_for("湖南省 湘潭市 湘潭县 > XT")  # the arrow, two cells there, is written >
        rest_of_the_worked_example(term)
        term.wait_for("合计   197.00 元")
        shipper_signs(term)
    finally:
        term.kill()
    counts = [line for line in (tmp_path / "relay.log").read_text().splitlines() if line.startswith("bad ")]
    assert counts[-1] == "bad 0 wide 0", (tmp_path / "relay.log").read_text()[-2000:]
    database = apsw.Connection(str(tmp_path / "depot-tui" / "demo.sqlite3"), flags=apsw.SQLITE_OPEN_READONLY)
    row = database.execute(
        "SELECT goods_name, packaging, delivery_address FROM waybill ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert row == ("服装", "纸箱", "易俗河镇建设路8号")


#: What each screen shows, by F-key, from home.
SCREENS = {
    1: "帮助：",
    2: "收货电话",
    3: "车次（装车中、今日已发）",
    4: "到本站的车",
    5: "待通知提货",
    6: "交接事项",
    7: "细则",
    8: "运单号、标签",
}
XTERM = {
    "xterm": ["\x1bOP", "\x1bOQ", "\x1bOR", "\x1bOS", *(f"\x1b[{n}~" for n in (15, 17, 18, 19, 20, 21))],
    "putty": [f"\x1b[{n}~" for n in (11, 12, 13, 14, 15, 17, 18, 19, 20, 21)],
    "putty vt100+": [f"\x1bO{c}" for c in "PQRSTUVWXY"],
    "linux console": [*(f"\x1b[[{c}" for c in "ABCDE"), *(f"\x1b[{n}~" for n in (17, 18, 19, 20, 21))],
}
SCO = {"sco": [f"\x1b[{c}" for c in "MNOPQRSTUV"]}


@pytest.mark.parametrize(
    "encodings, args", [(XTERM, ()), (SCO, ("--function-keys", "sco"))], ids=["xterm", "sco"]
)
def test_every_function_key_encoding_reaches_its_screen(tmp_path, encodings, args):
    """F1 to F10 as PuTTY (default and VT100+), xterm, the Linux console and SCO send them, sent
    raw into the terminal: each of F1..F8 opens its screen from home, F9 opens the price table
    on the empty destination and F10 tries to save the empty waybill. PuTTY's VT100+ F6..F10
    reached nothing before, and SCO's none."""
    term = through_relay(tmp_path, *args)
    try:
        log_in(term)
        for name, sequences in encodings.items():
            for number, seen in SCREENS.items():
                term.send_bytes(sequences[number - 1].encode())
                term.wait_for(seen, timeout=10)
                term.send("Escape")
                term.wait_for("今日本站", timeout=10)
            term.send_bytes(sequences[1].encode())
            term.wait_for("收货电话")
            term.send_bytes(sequences[8].encode())
            term.wait_for("价格表：", timeout=10)
            term.send("Escape")
            term.send_bytes(sequences[9].encode())
            term.wait_for("请选择到站", timeout=10)
            term.send("Escape")
            term.wait_for("今日本站", timeout=10), name
    finally:
        term.kill()


def _wait_for_line(path: Path, line: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while line not in path.read_text(encoding="utf-8").splitlines():
        assert time.monotonic() < deadline, f"no {line!r} in {path.name}"
        time.sleep(0.05)


def test_a_silent_link_ends_the_app_and_the_draft_comes_back(tmp_path):
    """A pulled cable mid-waybill: nothing arrives and nothing leaves, and no hang-up comes.
    Before, the app and its session lived for ever. With the link checked every 4 s of silence,
    the app asks the terminal, hears nothing, and ends as on a hang-up within the check and its
    answer time; the next login offers the half-typed waybill back."""
    term = through_relay(tmp_path, env={"DEPOT_LINK_CHECK": "4"})
    try:
        log_in(term)
        term.send("F2", "xtx", "Enter")
        term.wait_for("湘潭县 → XT")
        term.send("19973285431", "Enter")
        term.wait_for("李卫东")
        _wait_for_line(tmp_path / "relay.log", "answered")  # the terminal answered once
        relay = term.pane_pid()
        app = int(Path(f"/proc/{relay}/task/{relay}/children").read_text().split()[0])
        os.kill(relay, signal.SIGUSR1)  # the cable is pulled
        silent = time.monotonic()
        while running(app) and time.monotonic() - silent < 20:
            time.sleep(0.05)
        assert not running(app), "the app outlived a link silent for 20 s"
        assert time.monotonic() - silent < 4 + 3 + 2
    finally:
        term.kill()
    term = through_relay(tmp_path)
    try:
        log_in(term)
        assert "有未完成的运单" in term.wait_for("有未完成的运单")
    finally:
        term.kill()
