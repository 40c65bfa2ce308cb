"""What a clerk's terminal sends and shows, whatever terminal a depot owns (issue 25, item 3).

- **Bytes that are not text.** Textual's input thread decodes stdin as strict UTF-8: one byte
  that is not UTF-8 (line noise, a terminal set to GBK, 0xff from a stray key) raised
  UnicodeDecodeError in that thread and ended the app at the login screen. The decoder Textual
  asks `codecs` for is made lenient: such a byte reads as U+FFFD, which the field shows and the
  clerk deletes like any wrong key. It is logged once per session.
- **A GB18030 terminal** (SecureCRT and Xshell on Chinese Windows still default to GBK):
  `--charset gb18030`, or a locale that names GBK/GB2312/GB18030. What is read is decoded from
  it; what is written is encoded to it, and every character a GBK terminal would draw two
  cells wide while the app counts one (box lines, ·, …, ✓: East Asian "ambiguous" width) is
  written as its ASCII look-alike, so the columns still line up.
- **End of input** (the terminal closed under a process that missed its SIGHUP): the app takes
  it as the hang-up it is, instead of reading nothing thousands of times a second.
- **Function keys.** Textual knows xterm's, PuTTY's default (ESC [11~) and the Linux console's.
  PuTTY's VT100+ mode (ESC O T..Y for F5..F10) is taught here. SCO's (ESC [M..V for F1..F10;
  PuTTY's "SCO" mode, SCO consoles) clash with other terminals' (ESC [P is F1 to a terminal
  speaking the kitty keyboard protocol, F4 to SCO; ESC [O is xterm's "focus out"), so they are
  taught when TERM names an SCO terminal (scoansi) or the setting asks (`--function-keys sco`).
- **Focus reports** are not asked for: the app has no use for them, and Textual blurred the
  field a clerk was typing in when he switched windows.

This module is read by the settings too, so it does not import Textual: the driver that uses
it is driver.py.
"""

from __future__ import annotations

import codecs
import logging
import re
import time
import unicodedata
from collections.abc import Callable, Mapping

log = logging.getLogger("depot_tui")

UTF8 = "utf-8"
GB18030 = "gb18030"
#: What a locale or an option may call a Chinese legacy charset: GB18030 reads all of them.
_LEGACY = {"gb18030", "gbk", "gb2312", "euccn", "cp936", "936"}

#: PuTTY's "VT100+" function keys: F1..F4 are xterm's ESC O P..S, the rest go on through the
#: alphabet. Nothing else sends these.
VT100_PLUS = {f"\x1bO{chr(ord('P') + n)}": f"f{n + 1}" for n in range(4, 12)}
#: SCO's: ESC [ M..X for F1..F12.
SCO = {f"\x1b[{chr(ord('M') + n)}": f"f{n + 1}" for n in range(12)}
FUNCTION_KEY_SETS = ("xterm", "sco")


def charset_of(option: str | None, environ: Mapping[str, str]) -> str:
    """The terminal's charset: the option (--charset, DEPOT_CHARSET, the config file) or else
    the locale's codeset (LC_ALL, LC_CTYPE, LANG: zh_CN.GBK), UTF-8 when neither says."""
    if option:
        name = _plain(option)
        if name in _LEGACY:
            return GB18030
        if name == "utf8":
            return UTF8
        raise ValueError(f"unknown charset {option!r} (utf-8 or gb18030)")
    for var in ("LC_ALL", "LC_CTYPE", "LANG"):
        locale = environ.get(var)
        if locale:
            codeset = locale.partition(".")[2].partition("@")[0]
            return GB18030 if _plain(codeset) in _LEGACY else UTF8
    return UTF8


def _plain(name: str) -> str:
    return name.strip().lower().replace("_", "").replace("-", "")


class Narrow(dict[int, str]):
    """str.translate's table for a legacy terminal: a character the app counts one cell wide
    but a GBK terminal draws in two (or cannot draw) becomes its ASCII look-alike; Chinese
    (two cells both ways) and ASCII stay as they are. Built as characters are first met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        self[code] = ch if code < 0x80 or unicodedata.east_asian_width(ch) in "WF" else _look_alike(ch)
        return self[code]


def _look_alike(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return ""
    if name.startswith("BOX DRAWINGS"):
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "-"
        if "VERTICAL" in name and "HORIZONTAL" not in name:
            return "|"
        return "+"
    if "BLOCK" in name or "SHADE" in name:  # Textual's thick borders and scroll bars
        return "#" if name in ("FULL BLOCK", "DARK SHADE", "MEDIUM SHADE") else " "
    for word, ascii_ in _WORDS:
        if word in name:
            return ascii_
    decomposed = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
    return decomposed[:1] or "?"


_WORDS = (
    ("LEFTWARDS", "<"),
    ("RIGHTWARDS", ">"),
    ("UPWARDS", "^"),
    ("DOWNWARDS", "v"),
    ("CHECK MARK", "v"),
    ("MULTIPLICATION", "x"),
    ("BALLOT X", "x"),
    ("ELLIPSIS", "."),
    ("MIDDLE DOT", "."),
    ("BULLET", "*"),
    ("DASH", "-"),
    ("YEN", "Y"),
    ("DEGREE", "o"),
    ("TRIANGLE", ">"),
    ("CIRCLE", "o"),
    ("SPACE", " "),
)


#: What the app asks a silent terminal (where is the cursor?), and what every terminal a depot
#: owns answers (ESC [ row ; col R), which Textual reads as a CursorPosition event and drops.
ASK = "\x1b[6n"
_ANSWER = re.compile("\x1b\\[\\d+;\\d+R")
#: Seconds a terminal has to answer before its link is taken as dropped: a quarter of the
#: check's interval, within these bounds (a slow satellite link answers in under 2 s).
LINK_ANSWER_S = (3.0, 15.0)


class Link:
    """Is anybody there? A pulled cable leaves an SSH session silent, and TCP would notice after
    2 h 11 min (issue 25, item 4): sshd's ClientAlive is the recipe's answer, and this the app's
    own. After `every` seconds without a byte from the terminal the app asks it where the cursor
    is; no answer in time (LINK_ANSWER_S) and the link is lost: the app ends as on a hang-up,
    typed work kept. The first question is asked at start; only a terminal that has answered
    once can lose its link this way: one that cannot answer must not lose its clerk's session
    whenever he stops typing for a minute."""

    def __init__(
        self, every: int, lost: Callable[[], None], clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.every = every
        low, high = LINK_ANSWER_S
        self.answer_s = max(low, min(high, every / 4))
        self._lost = lost
        self._clock = clock
        self.heard_at = clock()
        self.asked_at: float | None = None
        self.answers = False  # the terminal has answered once: silence from it means something
        self._asked_once = False
        self.ended = False

    def heard(self, text: str) -> None:
        """Bytes came from the terminal (keys, or its answer)."""
        self.heard_at = self._clock()
        self.asked_at = None
        if not self.answers and _ANSWER.search(text):
            self.answers = True

    def tick(self, write: Callable[[str], None]) -> None:
        """Once a second, from the driver's thread: ask, or give up on the link."""
        if self.every <= 0 or self.ended:
            return
        now = self._clock()
        if self.asked_at is None:
            if self._asked_once and now - self.heard_at < self.every:
                return
            self._asked_once = True
            self.asked_at = now
            write(ASK)
            return
        if now - self.asked_at < self.answer_s:
            return
        if self.answers:
            self.ended = True
            log.info("the terminal did not answer for %.0f s: the link is taken as dropped", self.answer_s)
            self._lost()
        else:  # it never answered: ask again after the next silence, never end on it
            self.asked_at = None
            self.heard_at = now


class TerminalInput:
    """The decoder Textual's input thread is given: lenient, in the terminal's charset, and the
    one place that sees the terminal close (a read of nothing) and every byte it sends."""

    def __init__(self, charset: str, on_end: Callable[[], None], link: Link | None = None) -> None:
        self._charset = charset
        self._decoder = codecs.getincrementaldecoder(charset)(errors="replace")
        self._on_end = on_end
        self._link = link
        self._ended = False
        self._told_bad = False

    def decode(self, data: bytes, final: bool = False) -> str:
        if not data and not final:
            if not self._ended:
                self._ended = True
                log.info("end of input from the terminal: taken as a hang-up")
                self._on_end()
            time.sleep(0.05)  # while the hang-up saves: not a busy loop on a closed terminal
            return ""
        text = self._decoder.decode(data, final)
        if self._link is not None:
            self._link.heard(text)
        if "\ufffd" in text and not self._told_bad:
            self._told_bad = True
            log.warning("input that is not %s from the terminal: %r", self._charset, data[:32])
        return text


def function_keys_of(option: str | None, environ: Mapping[str, str]) -> str:
    """Which function keys the terminal sends beyond what Textual knows: "sco" when the
    setting says so or TERM names an SCO terminal, else "xterm" (with PuTTY's VT100+)."""
    if option:
        if option not in FUNCTION_KEY_SETS:
            raise ValueError(f"unknown function keys {option!r} ({' or '.join(FUNCTION_KEY_SETS)})")
        return option
    return "sco" if environ.get("TERM", "").startswith("sco") else "xterm"
