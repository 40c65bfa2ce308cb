"""Reading a clerk's terminal (issue 25, item 8): a byte that is not UTF-8 must not end the app."""

from __future__ import annotations

import inspect

from textual.drivers import linux_driver

from depot_tui import terminal


def test_textual_still_takes_its_decoder_where_the_app_makes_it_lenient():
    """The app replaces the module-level `getincrementaldecoder` Textual's input thread calls.
    A Textual upgrade that decodes elsewhere would bring the crash back silently: this says so."""
    source = inspect.getsource(linux_driver.LinuxDriver.run_input_thread)
    assert 'getincrementaldecoder("utf-8")' in source


def test_a_byte_that_is_not_utf8_reads_as_a_replacement_character(monkeypatch):
    """0xff at the login screen, then the user name: the bad byte is one U+FFFD the clerk can
    delete; before, the input thread raised UnicodeDecodeError and the app ended."""
    monkeypatch.setattr(linux_driver, "getincrementaldecoder", linux_driver.getincrementaldecoder)
    terminal.tolerate_bad_bytes()
    decode = linux_driver.getincrementaldecoder("utf-8")().decode
    assert decode(b"\xffzhang") == "\ufffdzhang"
    assert decode(b"\xe5\xbc") + decode(b"\xa0") == "张"  # a character split across two reads
