"""`depot-tui serve` without a browser (the browser itself: tests/terminal/test_browser.py): the
keys a browser keeps, how they are shown, and each tab's command."""

from __future__ import annotations

import shlex
import socket
import sys
from types import SimpleNamespace

import pytest
from test_terminal import keys_of, textual_as_found  # noqa: F401 - a fixture, used by name

from depot_tui import cli, driver, i18n, keys
from depot_tui.i18n import t
from depot_tui.server import web


def test_the_keys_a_browser_keeps_arrive_as_alt_with_another(textual_as_found):  # noqa: F811
    """In a tab, Ctrl+N, Ctrl+T and Ctrl+W never reach the page (a window, a tab, the tab
    closed) and F5 reloads it: Alt+N, Alt+T, Alt+W and Alt+5 arrive as them, and Alt with the top
    row as F1..F12. Other Alt keys stay themselves; no key is lost."""
    driver.browser(on_end=lambda: None)
    assert keys_of("\x1bn\x1bt\x1bw") == ["ctrl+n", "ctrl+t", "ctrl+w"]
    assert keys_of("\x1b1\x1b5\x1b0\x1b-\x1b=") == ["f1", "f5", "f10", "f11", "f12"]
    assert keys_of("\x1bq" + "a") == ["alt+q", "a"]
    assert keys_of("\x1b[15~") == ["f5"]  # where the browser lets F5 through


def test_a_closed_tab_ends_the_app_as_a_hang_up_and_other_news_passes_on(monkeypatch):
    """textual-serve says "quit" when the tab closed, was reloaded or stopped answering, or the
    server is stopping: the app's hang-up runs (work kept, session ended). Before, Textual's
    own quit ended the app without keeping a half-typed waybill."""
    ended = []
    passed = []
    browser = driver.browser(on_end=lambda: ended.append(True))
    monkeypatch.setattr(browser.__mro__[1], "on_meta", lambda _self, kind, payload: passed.append(kind))
    tab = browser.__new__(browser)  # no app behind it: only its meta handling is tried
    tab.on_meta("quit", {})  # type: ignore[attr-defined]
    tab.on_meta("resize", {"width": 80, "height": 24})  # type: ignore[attr-defined]
    assert ended == [True] and passed == ["resize"]


@pytest.fixture
def browser_keys_shown(monkeypatch):
    """show_browser_keys() rewrites the catalogue in place: copies for the test."""
    for language, catalog in list(i18n.CATALOGS.items()):
        monkeypatch.setitem(i18n.CATALOGS, language, dict(catalog))
    monkeypatch.setattr(keys, "_shown_for_browser", False)
    keys.show_browser_keys()


def test_key_bars_help_and_prose_say_the_key_to_press_in_a_browser(browser_keys_shown):
    """A supervisor in a tab read "Ctrl+W 结账" in F1's text and on the key bar, and pressing it
    closed her tab. Each says Alt+W there; other keys, F-key ranges and values filled into a
    message are as they were."""
    assert [keys.key_label(k) for k in ("ctrl+w", "ctrl+n", "ctrl+t", "f5")] == [
        "Alt+W",
        "Alt+N",
        "Alt+T",
        "Alt+5",
    ]
    assert [keys.key_label(k) for k in ("f10,ctrl+s", "ctrl+q", "f2")] == ["F10", "Ctrl+Q", "F2"]
    i18n.set_language("en")
    try:
        help_text = t("help.exceptions")
        assert "Ctrl+N" not in help_text and "Alt+N here" in help_text and "the counter (Alt+5)" in help_text
        assert "Ctrl+A" in help_text and "F3, F4" in help_text
    finally:
        i18n.set_language("zh")
    assert "Ctrl+W" in t("cli.error", message="Ctrl+W")


def test_each_tab_runs_the_app_under_its_own_terminal_name():
    """Each tab is its own terminal (a session list tells them apart; a second tab is never a
    second login on the first one's terminal), named for this host, its number and the browser's
    address; the database is not on the command line, where `ps` shows it to every account."""
    server = web.DepotServer(
        host="127.0.0.1", port=8000, public_url=None, options=[], greeting="", tabs=10, full=""
    )
    first = shlex.split(server.tab_command(SimpleNamespace(remote="10.0.0.5")))  # type: ignore[arg-type]
    second = shlex.split(server.tab_command(SimpleNamespace(remote="10.0.0.6")))  # type: ignore[arg-type]
    host = socket.gethostname()
    assert first == [
        "exec",
        sys.executable,
        "-m",
        "depot_tui",
        "run",
        "--browser-tab",
        f"{host}:browser-1 from 10.0.0.5",
    ]
    assert second[-1] == f"{host}:browser-2 from 10.0.0.6"


def test_a_port_in_use_is_one_line_not_a_traceback_nor_a_greeting(demo_path, capsys):
    """`depot-tui serve` on a port another program holds: one line saying so, exit 1. Before,
    it greeted ("open http://...") and then ended with aiohttp's traceback."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        code = cli.main(["--db", str(demo_path), "serve", "--port", str(holder.getsockname()[1])])
    said = capsys.readouterr()
    assert code == 1
    assert "address already in use" in said.err and "Traceback" not in said.err
    assert "浏览器打开" not in said.out + said.err  # the greeting: "open http://... in a browser"


@pytest.mark.parametrize("command", [[], ["run"]])
def test_the_app_starts_in_a_terminal_with_or_without_run(demo_path, monkeypatch, command):
    """`depot-tui` alone is `depot-tui run`: with the browser's option added to `run` only,
    the app alone ended at once on an AttributeError (every terminal test, and every clerk)."""
    started = []
    monkeypatch.setattr(cli, "_run_app", lambda cfg, browser_tab: started.append(browser_tab) or 0)
    assert cli.main(["--db", str(demo_path), *command]) == 0
    assert started == [None]
