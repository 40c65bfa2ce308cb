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
- **A silent link** (a pulled cable) is found by asking the terminal where its cursor is
  (`Link`), and ends the app as a hang-up would.
- **Fewer bytes on the wire:** colour codes are sent only as they change (`LessColour`).

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


# --- fewer bytes on the wire (issue 25, item 6) --------------------------------------------------

#: An escape sequence (CSI, OSC, or a two-byte one) in what the app writes.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")
_SGR = re.compile(r"\x1b\[([0-9;]*)m")
#: Cursor movement, which does not depend on the colours and may pass a pending colour change.
_MOVE = re.compile(r"\x1b\[[0-9;]*[HfABCDG]")
#: SGR attributes and the code that turns each off.
_ATTRS = {"1": "22", "2": "22", "3": "23", "4": "24", "5": "25", "7": "27", "8": "28", "9": "29"}
_OFF = {
    "21": ("1",),
    "22": ("1", "2"),
    "23": ("3",),
    "24": ("4",),
    "25": ("5",),
    "27": ("7",),
    "28": ("8",),
    "29": ("9",),
}

State = tuple[frozenset[str], str, str, str]  # attributes on, foreground, background, underline colour


class LessColour:
    """Textual writes every run of text as reset + its whole style (`ESC[0m ESC[38;5;253;48;5;233m
    text ESC[0m ESC[48;5;233m text`): on a form, three bytes in five it sends a clerk's terminal
    are colour codes, most of them saying again what the terminal already has. This keeps the
    terminal's state and writes, just before text (or anything that depends on the colours, an
    erase), only the change from it; cursor moves pass a pending change. The screen is the same
    cell for cell. An SGR it does not know passes as it is, and the state is then unknown."""

    RESET: State = (frozenset(), "", "", "")

    def __init__(self) -> None:
        self.terminal: State | None = self.RESET  # None: unknown
        self.wanted: State = self.RESET

    def reset(self) -> None:
        """The terminal's state is not known (after a suspend, another program wrote to it)."""
        self.terminal = None

    def __call__(self, data: str) -> str:
        out: list[str] = []
        at = 0
        for match in _ESCAPE.finditer(data):
            if match.start() > at:
                self._flush(out)
                out.append(data[at : match.start()])
            at = match.end()
            sequence = match.group()
            sgr = _SGR.fullmatch(sequence)
            if sgr is not None:
                wanted = self._apply(self.wanted, sgr.group(1))
                if wanted is None:  # not understood: as written, and from now on unknown
                    out.append(sequence)
                    self.terminal = None
                    self.wanted = self.RESET if sequence in ("\x1b[0m", "\x1b[m") else self.wanted
                else:
                    self.wanted = wanted
                continue
            if not _MOVE.fullmatch(sequence):
                self._flush(out)
            out.append(sequence)
        if at < len(data):
            self._flush(out)
            out.append(data[at:])
        return "".join(out)

    def _flush(self, out: list[str]) -> None:
        if self.wanted != self.terminal:
            out.append(self._change(self.terminal, self.wanted))
            self.terminal = self.wanted

    @staticmethod
    def _apply(state: State, params: str) -> State | None:
        attrs, fg, bg, ul = set(state[0]), state[1], state[2], state[3]
        codes = params.split(";") if params else ["0"]
        index = 0
        while index < len(codes):
            code = codes[index]
            if code in ("", "0"):
                attrs, fg, bg, ul = set(), "", "", ""
            elif code in _ATTRS:
                attrs.add(code)
            elif code in _OFF:
                attrs.difference_update(_OFF[code])
            elif code in ("38", "48", "58"):
                kind = codes[index + 1] if index + 1 < len(codes) else ""
                size = 3 if kind == "5" else 5 if kind == "2" else 0
                if not size or index + size > len(codes):
                    return None
                colour = ";".join(codes[index : index + size])
                if code == "38":
                    fg = colour
                elif code == "48":
                    bg = colour
                else:
                    ul = colour
                index += size
                continue
            elif code in ("39", "49", "59"):
                fg, bg, ul = (
                    ("" if code == "39" else fg),
                    ("" if code == "49" else bg),
                    ("" if code == "59" else ul),
                )
            elif code.isdigit() and (30 <= int(code) <= 37 or 90 <= int(code) <= 97):
                fg = code
            elif code.isdigit() and (40 <= int(code) <= 47 or 100 <= int(code) <= 107):
                bg = code
            else:
                return None
            index += 1
        return frozenset(attrs), fg, bg, ul

    @staticmethod
    def _change(have: State | None, want: State) -> str:
        """The shortest SGR taking the terminal from `have` to `want`: from a reset, or by
        turning off and on only what differs."""
        attrs, fg, bg, ul = want
        whole = ["0", *sorted(attrs), *(c for c in (fg, bg) if c), *([ul] if ul else [])]
        if have is None:
            return f"\x1b[{';'.join(whole)}m"
        codes: list[str] = []
        gone = have[0] - attrs
        for code in sorted({_ATTRS[a] for a in gone}):
            codes.append(code)
            if code == "22":  # bold and dim share their off: put back the one still wanted
                codes += sorted(attrs & {"1", "2"})
        codes += sorted(attrs - have[0] - (set(codes) & {"1", "2"}))
        if fg != have[1]:
            codes.append(fg or "39")
        if bg != have[2]:
            codes.append(bg or "49")
        if ul != have[3]:
            codes.append(ul or "59")
        if not want[0] and not fg and not bg and not ul:
            return "\x1b[0m"
        shorter = codes if len(";".join(codes)) <= len(";".join(whole)) else whole
        return f"\x1b[{';'.join(shorter)}m"
