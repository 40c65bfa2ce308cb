"""The supervisor in a browser (issue 25, item 5): `depot-tui serve` on the installed app, driven
by a real headless Chromium (browser.py): keys go through the browser's key handling and
xterm.js, and what a tab shows is read from xterm.js itself."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import apsw
import pytest
from browser import CHROMIUM, Browser, Tab
from support import on_duty_clerk
from terminal_support import BIN, free_port, running, wait_gone

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed"),
    pytest.mark.skipif(not BIN.exists(), reason="depot-tui is not installed"),
]


@dataclass
class Served:
    url: str
    database: Path
    process: subprocess.Popen

    def tabs(self) -> set[int]:
        """The apps running for this server's browser tabs, by pid (zombies, already ended, left
        out). Its children only: another test's server may be running beside it (the suite's
        workers), and its tabs were counted here once, failing `--tabs 1`'s test with 3."""
        found = subprocess.run(
            ["pgrep", "-P", str(self.process.pid), "-f", "--", "--browser-tab"],
            capture_output=True,
            text=True,
        ).stdout
        return {int(pid) for pid in found.split() if running(int(pid))}

    def sessions(self) -> list[tuple[str, str, str | None, int]]:
        """(user, terminal, why it ended, the app's pid) for each session, oldest first."""
        database = apsw.Connection(str(self.database), flags=apsw.SQLITE_OPEN_READONLY)
        try:
            return database.execute(
                "SELECT u.username, s.terminal, s.end_reason, s.pid"
                " FROM session s JOIN user u ON u.id = s.user_id ORDER BY s.id"
            ).fetchall()
        finally:
            database.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with serving(tmp_path) as served:
        yield served


@contextlib.contextmanager
def serving(tmp_path: Path, *options: str) -> Iterator[Served]:
    """`depot-tui --demo serve` on a free port of loopback, the demo built first."""
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    subprocess.run([str(BIN), "demo", "--no-run"], env=env, check=True, capture_output=True)
    port = free_port()
    process = subprocess.Popen(
        [str(BIN), "--demo", "serve", "--port", str(port), *options],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while socket.socket().connect_ex(("127.0.0.1", port)) and time.monotonic() < deadline:
        time.sleep(0.05)
    served = Served(f"http://127.0.0.1:{port}/", tmp_path / "depot-tui" / "demo.sqlite3", process)
    try:
        yield served
    finally:
        left = served.tabs()
        process.terminate()
        process.wait(10)
        wait_gone(left, 10)


async def log_in(tab: Tab, user: str) -> None:
    """At the login screen, as a person at the keyboard: the user name, Enter, the password,
    Enter (the demo's password)."""
    await tab.wait_for("用户名")
    await tab.focus()
    await tab.type(user)
    await tab.press("Enter")
    await tab.type("depot123")
    await tab.press("Enter")


async def test_the_supervisor_reads_f7_in_a_tab_beside_a_clerk_whose_closed_tab_keeps_the_draft(served):
    """The supervisor logs in in one tab and reads F7. Its help says Alt+W for closing the
    month (Ctrl+W would close her tab) and Alt+1 ... for the F-keys, and Alt+W does it. A clerk
    in a second tab, with its own terminal name, opens F5 with Alt+5 (F5 reloads a page),
    half-types a waybill and closes the tab: the app ends at once, the session ends as a
    hang-up, and the next tab's login offers the draft back. Stopping the server ends every
    tab's app."""
    user = on_duty_clerk()
    async with Browser() as browser:
        supervisor = await browser.tab(served.url)
        await log_in(supervisor, "chenjing")
        await supervisor.wait_for("您好")
        await supervisor.press("F7")
        screen = await supervisor.wait_for("张三")
        assert "开单员" in screen and "总分" in screen, screen
        await supervisor.press("F1")
        screen = await supervisor.wait_for("结账")
        assert "Alt+W" in screen and "Ctrl+W" not in screen, screen
        await supervisor.press("End")  # the end of the help: the F-keys a browser may take
        await supervisor.wait_for("Alt+1 … Alt+0")
        await supervisor.press("Escape")
        await supervisor.press("Alt+w")
        await supervisor.wait_for(f"结账 {dt.date.today():%Y-%m}")  # the close-month dialog
        await supervisor.press("Escape")

        clerk = await browser.tab(served.url)
        await log_in(clerk, user)
        await clerk.wait_for("您好")
        await clerk.press("Alt+5")
        await clerk.wait_for("提货")  # F5's screen
        await clerk.press("Escape", "F2")
        await clerk.type("xtx")
        await clerk.press("Enter")
        await clerk.wait_for("湘潭县 → XT")
        await clerk.type("19973285431")
        await clerk.press("Enter")
        await clerk.wait_for("李卫东")

        (_, supervisor_terminal, _, _), (_, clerk_terminal, _, clerk_app) = served.sessions()[-2:]
        assert "browser-1 from 127.0.0.1" in supervisor_terminal
        assert "browser-2 from 127.0.0.1" in clerk_terminal
        assert served.tabs() >= {clerk_app}
        await clerk.close()
        assert wait_gone({clerk_app}, 5) < 5
        assert served.sessions()[-1][0::2] == (user, "hangup")

        again = await browser.tab(served.url)
        await log_in(again, user)
        await again.wait_for("有未完成的运单")
        assert "Traceback" not in await supervisor.screen()

        apps = served.tabs()
        assert len(apps) == 2
        served.process.send_signal(signal.SIGTERM)
        served.process.wait(10)
        wait_gone(apps, 10)
        assert await supervisor.evaluate("document.body.classList.contains('-closed')")
        assert [reason for *_, reason, _ in served.sessions()[-2:]] == ["hangup", "hangup"]


async def test_a_tab_whose_app_cannot_start_says_the_session_ended(served):
    """The database is damaged after the server started: the tab's app says so on stderr and
    ends before drawing anything. The page says the session ended (with the button to connect
    again); before, the tab stayed blank for as long as it was open."""
    served.database.write_bytes(b"not a database" * 100)
    async with Browser() as browser:
        tab = await browser.tab(served.url)
        deadline = time.monotonic() + 20
        while not await tab.evaluate("document.body.classList.contains('-closed')"):
            assert time.monotonic() < deadline, await tab.screen()
            await asyncio.sleep(0.1)
        assert not served.tabs()


async def test_a_tab_past_the_servers_limit_is_told_why_and_the_others_go_on(tmp_path):
    """Each tab runs an app process: past `--tabs` (here 1) a new tab is refused with a line
    saying why and what to do, and runs nothing; the tab already open goes on."""
    with serving(tmp_path, "--tabs", "1") as served:
        async with Browser() as browser:
            first = await browser.tab(served.url)
            await first.wait_for("用户名")
            second = await browser.tab(served.url)
            await second.wait_for("已有 1 个标签页在用本服务器")
            assert await second.evaluate("document.body.classList.contains('-closed')")
            assert len(served.tabs()) == 1
            await log_in(first, on_duty_clerk())
            await first.wait_for("您好")
