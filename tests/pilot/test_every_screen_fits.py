"""Every screen at 80x24 in Chinese and English: its key bar fits one line with F1 and Ctrl+Q
on it, F1's help can be read to its last line, and in English no label, heading or key is left
in Chinese (the data shown may be: names, places, goods)."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from support import burst, log_in_as, wait_for
from textual.widgets import DataTable, Static

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language
from depot_tui.screens.dialogs import HelpScreen
from depot_tui.screens.home import HomeScreen
from depot_tui.widgets.keybar import KeyBar

SIZE = (80, 24)

# (who, keys from home) for each screen: the work screens, and the lists reached from them.
WALK = [
    ("zhangsan", []),
    ("zhangsan", ["ctrl+u"]),
    ("zhangsan", ["ctrl+o"]),
    ("zhangsan", ["f2"]),
    ("zhangsan", ["f3"]),
    ("zhangsan", ["f4"]),
    ("zhangsan", ["f5"]),
    ("zhangsan", ["f5", "ctrl+l"]),
    ("zhangsan", ["f5", "ctrl+t"]),
    ("zhangsan", ["f5", "ctrl+g"]),
    ("zhangsan", ["f6"]),
    ("zhangsan", ["f6", "ctrl+l"]),
    ("zhangsan", ["f7"]),
    ("zhangsan", ["f8"]),
    ("chenjing", ["f7"]),
    ("chenjing", ["f7", "ctrl+d"]),
    ("chenjing", ["f7", "ctrl+r"]),
    ("chenjing", ["f7", "ctrl+g"]),
    ("chenjing", ["f7", "ctrl+l"]),
    ("zhangsan", ["f7", "ctrl+l"]),
    ("zhangsan", ["f12", "enter"]),
    ("chenjing", ["f12"]),
    ("chenjing", ["f12", "enter"]),
    ("chenjing", ["f12", "down", "enter"]),
    ("admin", ["f12", "down", "enter"]),
    ("admin", ["f12", "down", "down", "enter"]),
    ("zhangsan", ["f12", "down", "enter"]),
    ("zhangsan", ["f12", "down", "down", "enter"]),
    ("admin", ["f12", "down", "down", "down", "enter"]),
    ("admin", ["f12", "down", "down", "down", "down", "enter"]),
    ("zhangsan", ["f12", "down", "down", "down", "enter"]),
    ("zhangsan", ["f12", "down", "down", "down", "down", "enter"]),
    ("chenjing", ["f12", "down", "down", "down", "enter", "ctrl+r"]),
    ("admin", ["f12", "down", "down", "down", "down", "down", "enter"]),
]


def _bar(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one(KeyBar).render()).rstrip()


CJK = re.compile(r"[\u4e00-\u9fff]")


def _untranslated(app) -> list[str]:  # noqa: ANN001
    """The screen's own words still in Chinese: its key bar, its fields' labels and its lists'
    headings (what the catalogue gives; the data in them is the depot's own)."""
    words = [_bar(app)]
    words += [str(label.render()) for label in app.screen.query(".form-label").results(Static)]
    for table in app.screen.query(DataTable):
        words += [str(column.label) for column in table.ordered_columns]
    return [word for word in words if CJK.search(word)]


async def _visit(pilot, keys: list[str], where: str) -> None:  # noqa: ANN001
    """From home: open the screen by `keys`, check its bar and its help, and go home."""
    app = pilot.app
    await burst(pilot, *keys)
    screen = app.screen
    assert keys == [] or not isinstance(screen, HomeScreen), where
    bar = _bar(app)
    assert cell_len(bar) <= 80 and "Ctrl+Q" in bar and "F1" in bar, f"{where}: {bar}"
    if "(en)" in where:
        assert _untranslated(app) == [], where
    await burst(pilot, "f1")
    await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
    body = app.screen.query_one("#help-body")
    keys_shown = app.screen.query_one("#help-keys")
    await burst(pilot, "end")
    await wait_for(pilot, lambda: body.scroll_offset.y == body.max_scroll_y)  # after a refresh
    await pilot.pause(0.1)
    bottom = keys_shown.region.bottom  # the last key row, on screen now
    assert 0 < bottom <= body.region.bottom <= SIZE[1], f"{where}: {bottom} {body.region}"
    await burst(pilot, "escape")
    assert app.screen is screen, where
    for _ in keys:
        if not isinstance(app.screen, HomeScreen):
            await burst(pilot, "escape")
    assert isinstance(app.screen, HomeScreen), where


@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_every_screen_has_a_key_bar_that_fits_and_help_to_its_last_line(demo_config, lang):
    """At 80 columns the key bars of F5, F6, F6's log and the supervisor's F7 (and, in
    English, F3, F7 and F8) were cut: export, close, rules and Ctrl+Q were lost. F1's help
    did not fit 24 rows on most screens and did not scroll, so its last keys could not be
    read."""
    set_language(lang)
    try:
        for user in dict.fromkeys(user for user, _keys in WALK):
            app = DepotApp(demo_config)
            async with app.run_test(size=SIZE) as pilot:
                await log_in_as(pilot, user)
                for who, keys in WALK:
                    if who == user:
                        await _visit(pilot, keys, f"{user} {' '.join(keys) or 'home'} ({lang})")
    finally:
        set_language("zh")
