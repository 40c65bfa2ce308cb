"""Reading and writing the terminals a depot owns (issue 25, item 3): bytes that are not text,
GBK terminals, the end of input, a silent link, every function-key encoding."""

from __future__ import annotations

import inspect
import re

import pytest
from textual import _ansi_sequences, _xterm_parser, constants
from textual._xterm_parser import XTermParser
from textual.drivers import linux_driver

from depot_tui import driver, terminal

#: What each terminal sends for F1..F10.
ENCODINGS = {
    "xterm": ["\x1bOP", "\x1bOQ", "\x1bOR", "\x1bOS", *(f"\x1b[{n}~" for n in (15, 17, 18, 19, 20, 21))],
    "putty": [f"\x1b[{n}~" for n in (11, 12, 13, 14, 15, 17, 18, 19, 20, 21)],
    "putty vt100+": [f"\x1bO{c}" for c in "PQRSTUVWXY"],
    "linux console": [*(f"\x1b[[{c}" for c in "ABCDE"), *(f"\x1b[{n}~" for n in (17, 18, 19, 20, 21))],
    "sco": [f"\x1b[{c}" for c in "MNOPQRSTUV"],
}


@pytest.fixture
def textual_as_found(monkeypatch):
    """prepare() teaches Textual's tables in place: give them back as found after the test."""
    keys = dict(_ansi_sequences.ANSI_SEQUENCES_KEYS)
    special = set(_xterm_parser.SPECIAL_SEQUENCES)
    monkeypatch.setattr(linux_driver, "getincrementaldecoder", linux_driver.getincrementaldecoder)
    monkeypatch.setattr(constants, "DISABLE_KITTY_KEY", constants.DISABLE_KITTY_KEY)
    yield
    table = _ansi_sequences.ANSI_SEQUENCES_KEYS
    table.clear()  # type: ignore[attr-defined]
    table.update(keys)  # type: ignore[attr-defined]
    _xterm_parser.SPECIAL_SEQUENCES.clear()
    _xterm_parser.SPECIAL_SEQUENCES.update(special)


def keys_of(text: str) -> list[str]:
    parser = XTermParser()
    return [getattr(event, "key", type(event).__name__) for event in [*parser.feed(text), *parser.feed("")]]


def test_textual_still_takes_its_decoder_and_keys_where_the_app_teaches_them():
    """The app replaces the module-level `getincrementaldecoder` Textual's input thread calls
    and adds to the table its parser reads keys from. A Textual upgrade that moved either would
    bring the crash on a stray byte and the dead F-keys back silently: this says so."""
    assert 'getincrementaldecoder("utf-8")' in inspect.getsource(linux_driver.LinuxDriver.run_input_thread)
    assert "ANSI_SEQUENCES_KEYS.get(sequence)" in inspect.getsource(XTermParser)
    assert "constants.DISABLE_KITTY_KEY" in inspect.getsource(XTermParser)
    assert 'self.write("\\x1b[?1004h")' in inspect.getsource(linux_driver.LinuxDriver.start_application_mode)


@pytest.mark.parametrize("name", [n for n in ENCODINGS if n != "sco"])
def test_every_function_key_of_the_terminal_reaches_the_app(textual_as_found, name):
    """F1..F10 as each terminal sends them, each followed by a typed letter: PuTTY's VT100+
    F5..F10 (ESC O T..Y) reached nothing before, so a clerk on it could not open F6 or save."""
    driver.prepare(on_end=lambda: None)
    for number, sequence in enumerate(ENCODINGS[name], 1):
        assert keys_of(sequence + "a") == [f"f{number}", "a"], (name, number)


def test_sco_function_keys_when_the_terminal_is_sco(textual_as_found):
    """SCO's F1..F10 (ESC [ M..V): ESC [O, its F3, was read as the focus report, and ESC [P..S
    as F1..F4. Taught when asked (TERM=scoansi or --function-keys sco), and only then, since
    ESC [P is F1 to a terminal speaking the kitty keyboard protocol."""
    assert terminal.function_keys_of(None, {"TERM": "scoansi"}) == "sco"
    assert terminal.function_keys_of(None, {"TERM": "xterm-256color"}) == "xterm"
    driver.prepare(function_keys="sco", on_end=lambda: None)
    for number, sequence in enumerate(ENCODINGS["sco"], 1):
        assert keys_of(sequence + "a") == [f"f{number}", "a"], number
    with pytest.raises(ValueError):
        terminal.function_keys_of("vt52", {})


def test_without_sco_the_other_terminals_keys_are_as_textual_reads_them(textual_as_found):
    driver.prepare(on_end=lambda: None)
    assert keys_of("\x1b[P") == ["f1"]  # the kitty protocol's F1
    assert keys_of("\x1b[O") == ["AppBlur"]


def test_focus_reports_are_not_asked_for(monkeypatch):
    """A clerk switching to another window blurred the field being typed in (Textual's answer to
    the focus report), and each report repainted the screen over the wire."""
    written: list[str] = []
    monkeypatch.setattr(linux_driver.LinuxDriver, "write", lambda _self, data: written.append(data))
    passing = object.__new__(driver.DepotDriver)  # no terminal needed to see what is passed on
    passing.write(driver.FOCUS_REPORTS_ON)
    passing.write("x")
    assert written == ["x"]


def test_a_byte_that_is_not_text_reads_as_a_replacement_character():
    """0xff at the login screen, then the user name: the bad byte is one U+FFFD the clerk can
    delete; before, the input thread raised UnicodeDecodeError and the app ended."""
    decode = terminal.TerminalInput("utf-8", on_end=lambda: None).decode
    assert decode(b"\xffzhang") == "\ufffdzhang"
    assert decode(b"\xe5\xbc") + decode(b"\xa0") == "张"  # a character split across two reads


def test_a_gbk_terminal_types_chinese_the_app_reads():
    """SecureCRT on Chinese Windows sends 张三 as GBK; split anywhere between reads."""
    decode = terminal.TerminalInput("gb18030", on_end=lambda: None).decode
    data = "张三 李卫东".encode("gbk")
    assert decode(data[:1]) + decode(data[1:5]) + decode(data[5:]) == "张三 李卫东"


def test_the_end_of_input_is_a_hang_up_once():
    """A terminal closed under a process that missed its SIGHUP reads as nothing for ever: the
    app looped on it 6,400 times a second. It is now taken as the hang-up, once."""
    ended: list[int] = []
    decode = terminal.TerminalInput("utf-8", on_end=lambda: ended.append(1)).decode
    assert decode(b"") == "" and decode(b"") == ""
    assert ended == [1]
    assert decode(b"", final=True) == ""  # Textual's own last read on the way out is not one


@pytest.mark.parametrize(
    "option, environ, expected",
    [
        (None, {"LANG": "zh_CN.UTF-8"}, "utf-8"),
        (None, {"LANG": "zh_CN.GBK"}, "gb18030"),
        (None, {"LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.gb2312"}, "gb18030"),
        (None, {"LC_CTYPE": "zh_CN.GB18030@euro", "LANG": "C"}, "gb18030"),
        (None, {}, "utf-8"),
        ("GBK", {"LANG": "zh_CN.UTF-8"}, "gb18030"),
        ("UTF8", {"LANG": "zh_CN.GBK"}, "utf-8"),
    ],
)
def test_the_terminal_charset_from_the_option_or_the_locale(option, environ, expected):
    assert terminal.charset_of(option, environ) == expected


def test_an_unknown_charset_is_refused():
    with pytest.raises(ValueError, match="utf-8 or gb18030"):
        terminal.charset_of("latin-1", {})


def test_what_a_gbk_terminal_draws_two_cells_wide_is_written_as_ascii():
    """A GBK terminal draws every two-byte character two cells wide: box lines, ·, …, ✓, →
    (one cell to the app) pushed every line's right half out of place. They are written as
    ASCII look-alikes; Chinese, full-width punctuation and ASCII pass as they are."""
    narrow = terminal.Narrow()
    text = "┌─┐│└┘╭╮ 早班 · 现付 … ✓ → ← ×１，：m³ ▔▁█ abc"
    out = text.translate(narrow)
    assert out == "+-+|++++ 早班 . 现付 . v > < x１，：m3   # abc"
    assert all(ord(ch) < 0x80 or "\u4e00" <= ch <= "\u9fff" or ch in "１，：" for ch in out)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_silent_link_is_found_and_ends_like_a_hang_up():
    """A pulled cable: after `every` seconds without a byte the app asks the terminal where its
    cursor is; the terminal answered before, it does not now, and the link is taken as lost."""
    clock, asked, lost = Clock(), [], []
    link = terminal.Link(60, lambda: lost.append(clock.now), clock)
    link.tick(asked.append)  # at start: does this terminal answer at all?
    link.heard("\x1b[24;1R")
    assert asked == [terminal.ASK] and link.answers
    for clock.now in range(1, 60):
        link.tick(asked.append)
    assert len(asked) == 1  # typing or not, a minute passes before asking again
    clock.now = 60
    link.tick(asked.append)
    assert len(asked) == 2
    clock.now = 60 + link.answer_s - 1
    link.tick(asked.append)
    assert lost == []
    clock.now = 60 + link.answer_s
    link.tick(asked.append)
    assert lost == [60 + link.answer_s] and link.answer_s == 15
    link.tick(asked.append)
    assert len(lost) == 1


def test_a_clerk_who_reads_for_an_hour_keeps_the_session():
    """Idle is not lost: a terminal that answers each question keeps its session however long
    nobody types."""
    clock, asked, lost = Clock(), [], []
    link = terminal.Link(60, lambda: lost.append(1), clock)
    for second in range(3600):
        clock.now = second
        link.tick(asked.append)
        if asked and asked[-1] == terminal.ASK:
            asked.append("answered")
            link.heard("\x1b[5;10R")
    assert lost == [] and asked.count(terminal.ASK) == 60


def test_a_terminal_that_never_answered_never_loses_its_session():
    """A terminal that does not answer the cursor question must not lose its clerk's session
    each time he stops typing: it is asked again after each silence, and never ended on it."""
    clock, asked, lost = Clock(), [], []
    link = terminal.Link(60, lambda: lost.append(1), clock)
    for second in range(600):
        clock.now = second
        link.tick(asked.append)
    assert lost == [] and 7 <= asked.count(terminal.ASK) <= 10


# --- fewer colour codes on the wire --------------------------------------------------------------

_CODES = [
    "0",
    "",
    "1",
    "2",
    "22",
    "3",
    "23",
    "4",
    "24",
    "7",
    "27",
    "9",
    "29",
    "31",
    "41",
    "39",
    "49",
    "97",
    "107",
]


def _model(stream: list[str]) -> list[tuple[str, tuple]]:
    """What a terminal shows for `stream`: each character (and each erase) with its style, by a
    model of SGR written here on its own, not the app's."""
    style: dict[str, object] = {}
    shown = []
    for item in stream:
        if item.startswith("\x1b[") and item.endswith("m"):
            codes = item[2:-1].split(";") if item[2:-1] else ["0"]
            i = 0
            while i < len(codes):
                code = codes[i]
                if code in ("0", ""):
                    style = {}
                elif code in ("38", "48"):
                    size = 3 if codes[i + 1] == "5" else 5
                    style["fg" if code == "38" else "bg"] = tuple(codes[i + 2 : i + size])
                    i += size
                    continue
                elif code in ("39", "49"):
                    style.pop("fg" if code == "39" else "bg", None)
                elif code == "22":
                    style.pop("1", None)
                    style.pop("2", None)
                elif code in ("23", "24", "27", "29"):
                    style.pop(str(int(code) - 20), None)
                elif code in ("31", "97"):
                    style["fg"] = (code,)
                elif code in ("41", "107"):
                    style["bg"] = (code,)
                else:
                    style[code] = True
                i += 1
        elif item == "\x1b[K":
            shown.append(("erase", tuple(sorted(style.items()))))
        elif item.startswith("\x1b["):
            continue  # a cursor move
        else:
            shown += [(ch, tuple(sorted(style.items()))) for ch in item]
    return shown


def _items(draw) -> list[str]:  # noqa: ANN001 - hypothesis's draw
    from hypothesis import strategies as st

    sgr = st.lists(
        st.sampled_from(_CODES)
        | st.integers(0, 255).map(lambda n: f"38;5;{n}")
        | st.integers(0, 255).map(lambda n: f"48;5;{n}")
        | st.tuples(st.integers(0, 255), st.integers(0, 255)).map(lambda rg: f"38;2;{rg[0]};{rg[1]};7"),
        min_size=1,
        max_size=4,
    ).map(lambda codes: f"\x1b[{';'.join(codes)}m")
    item = sgr | st.sampled_from(["a", "中文", " ", "\x1b[3;4H", "\x1b[K", "\r\n"])
    return draw(st.lists(item, max_size=40))


def test_fewer_colour_codes_show_the_same_screen():
    """Every character, and every erase (which paints with the background), has the style it
    had: whatever the runs of codes, split across writes anywhere between sequences."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=400, deadline=None)
    @given(st.composite(_items)(), st.integers(0, 40))
    def check(stream: list[str], cut: int) -> None:
        less = terminal.LessColour()
        written = less("".join(stream[:cut])) + less("".join(stream[cut:]))
        rebuilt, at = [], 0
        for match in terminal._ESCAPE.finditer(written):
            if match.start() > at:
                rebuilt.append(written[at : match.start()])
            rebuilt.append(match.group())
            at = match.end()
        rebuilt.append(written[at:])
        assert _model([x for x in rebuilt if x]) == _model(stream)

    check()


def test_a_form_row_as_textual_writes_it_is_half_the_bytes():
    """Row 12 of the waybill form as Textual wrote it on every key: 141 characters, 76 after."""
    cells = [("\x1b[48;5;233m", " "), ("\x1b[48;5;233m", " "), ("\x1b[38;5;247;48;5;233m", "回单")]
    cells += [("\x1b[48;5;233m", " "), ("\x1b[48;5;234m", " "), ("\x1b[38;5;253;48;5;234m", "否")]
    cells += [("\x1b[48;5;234m", "  ")]
    row = "\x1b[12;1H" + "".join(f"{style}{text}\x1b[0m" for style, text in cells) + "\r\n"
    assert terminal.LessColour()(row) == (
        "\x1b[12;1H\x1b[48;5;233m  \x1b[38;5;247m回单\x1b[39m "
        "\x1b[48;5;234m \x1b[38;5;253m否\x1b[39m  \x1b[0m\r\n"
    )


def test_bold_kept_when_dim_goes():
    """22 turns off bold and dim together: bold still wanted is put back."""
    stream = ["\x1b[1;2;31m", "a", "\x1b[0;1;31m", "b", "\x1b[2m", "c", "\x1b[22;1m", "d"]
    written = terminal.LessColour()("".join(stream))
    rebuilt = [m.group() for m in re.finditer(r"\x1b\[[0-9;]*m|[^\x1b]+", written)]
    assert _model(rebuilt) == _model(stream)
