"""A terminal without colour (issue 21, finding 15): under NO_COLOR or TERM=vt100 the app
wrote 24-bit grey codes (Textual's NO_COLOR greys) or 16-colour codes (a VT100 taken for a
colour terminal). A monochrome terminal showed garbage or nothing where the cursor row was."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

import pytest
from tmux_driver import Tmux

from depot_tui.appcore import without_colour

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.slow,
    pytest.mark.skipif(not Tmux.available(), reason="tmux is not installed"),
]

BIN = Path(sys.executable).parent / "depot-tui"
#: SGR parameters that set a colour: 30-37, 40-47, 90-97, 100-107, and 38/48 (256 and 24-bit).
COLOUR = {*range(30, 38), *range(40, 48), *range(90, 98), *range(100, 108), 38, 48}


def colour_codes(raw: str) -> list[str]:
    return [
        seq
        for seq in re.findall(r"\x1b\[([0-9;]*)m", raw)
        if any(part.isdigit() and int(part) in COLOUR for part in seq.split(";"))
    ]


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "vt100"}], ids=["NO_COLOR", "vt100"])
def test_no_colour_code_reaches_a_monochrome_terminal_and_the_cursor_row_is_reversed(tmp_path, env):
    """Login, home, F3's list: not one colour code written; the list's cursor row in reverse
    video (what its colour said before)."""
    handle, log = tempfile.mkstemp(prefix="nocolour-")
    os.close(handle)
    # tmux sets TERM in its pane itself: the command sets it again, as a clerk's login would.
    term = Tmux(
        ["env", *(f"{key}={value}" for key, value in env.items()), str(BIN), "--demo"],
        env={"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    try:
        term.pipe_to(log)
        term.wait_for("演示账号", timeout=60)
        term.send("zhangsan", "Enter", "depot123", "Enter")
        term.wait_for("今日本站")
        term.send("F3")
        term.wait_for("车次（装车中、今日已发）")
        time.sleep(0.5)
        raw = Path(log).read_text(encoding="utf-8", errors="replace")
        assert colour_codes(raw) == []
        assert any("7" in seq.split(";") for seq in re.findall(r"\x1b\[([0-9;]*)m", raw))  # reverse
    finally:
        term.kill()
        os.unlink(log)


@pytest.mark.parametrize(
    "env, plain",
    [
        ({"NO_COLOR": "1", "TERM": "xterm-256color"}, True),
        ({"NO_COLOR": "", "TERM": "xterm-256color"}, False),  # no-color.org: present and not empty
        ({"TERM": "vt100"}, True),
        ({"TERM": "xterm-mono"}, True),
        ({"TERM": "linux"}, False),
    ],
)
def test_which_terminals_get_no_colour(env, plain):
    assert without_colour(env) is plain
