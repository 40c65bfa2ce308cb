"""The key bar's choice of what fits in one line (pure: no screen needed)."""

from __future__ import annotations

from depot_tui.widgets.keybar import layout

ITEMS = [
    ("escape", "Esc", "返回"),
    ("f10", "F10", "保存"),
    ("f1", "F1", "帮助"),
    *[(f"f{n}", f"F{n}", "功能") for n in range(2, 9)],
    ("ctrl+q", "Ctrl+Q", "退出"),
]


def test_everything_shown_when_it_fits():
    assert [key for key, _ in layout(ITEMS, 200)] == [
        "Esc",
        "F10",
        "F1",
        "F2",
        "F3",
        "F4",
        "F5",
        "F6",
        "F7",
        "F8",
        "Ctrl+Q",
    ]


def test_jumps_fold_before_anything_else_is_lost():
    """At 80 columns a work screen's own keys and Ctrl+Q must stay; F2-F8 fold into one."""
    assert [key for key, _ in layout(ITEMS, 60)] == ["Esc", "F10", "F1", "F2–F8", "Ctrl+Q"]


def test_a_line_too_long_keeps_the_first_keys_f1_for_more_and_ctrl_q():
    """Where even the folded line overflows (F5, F6's log, the supervisor's F7 in English),
    the last own keys go and F1 says there are more: Ctrl+Q and F1 never fall off the end."""
    items = [(f"ctrl+{c}", f"Ctrl+{c.upper()}", "a long label") for c in "abcdefg"] + ITEMS[2:]
    shown = layout(items, 80)
    assert [key for key, _ in shown][-2:] == ["F1", "Ctrl+Q"] and dict(shown)["F1"] == "更多键"
    assert sum(len(key) + 1 + len(label) + 1 for key, label in shown) <= 80
    assert [key for key, _ in shown][0] == "Ctrl+A"


def test_help_names_every_key_of_an_action():
    """The key bar shows F10 only; F1 help must still tell a clerk whose terminal eats F10
    that Ctrl+S does the same."""
    from depot_tui.keys import SAVE, help_rows

    assert help_rows([SAVE])[0][0] == "F10 / Ctrl+S"


def test_help_names_the_keys_a_keymap_moved():
    """A key moved in the config file is the key F1 must name."""
    from depot_tui.keys import SAVE, help_rows

    assert help_rows([SAVE], {"save": "f12,ctrl+s"})[0][0] == "F12 / Ctrl+S"


def test_a_bad_keys_table_is_refused_with_the_file(tmp_path, monkeypatch):
    """A [keys] line that is not id = "key" must stop the start with the file named, not
    start with keys that silently do nothing."""
    import pytest

    from depot_tui import config

    path = tmp_path / "config.toml"
    monkeypatch.setenv("DEPOT_CONFIG", str(path))
    for text in ("[keys]\nsave = 12\n", '[keys]\nsave = ""\n', 'keys = "f12"\n'):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(config.ConfigError, match="config.toml.*keys"):
            config.load(db=str(tmp_path / "x.sqlite3"))


def test_a_screen_binds_only_the_keys_it_lists():
    """A handover read from the log is not taken over: F10, which accepts on the screen it is
    built on, must do nothing there (bindings are per class; Textual merges a class's with its
    bases' unless told not to, and DepotScreen tells it not to)."""
    from depot_tui.screens.handover import AcceptScreen, HandoverReadScreen

    def keys(screen: type) -> set[str]:
        return set(screen._merged_bindings.key_to_bindings)  # what Textual dispatches on

    assert {"f10", "ctrl+s", "escape", "enter"} <= keys(AcceptScreen)
    assert "f10" not in keys(HandoverReadScreen) and {"escape", "enter", "ctrl+p"} <= keys(HandoverReadScreen)


def test_help_keys_stand_apart_from_their_labels():
    """F1 listed 'F10 / Ctrl+SSave': the key column was narrower than the longest key."""
    from depot_tui.screens.dialogs import _key_rows

    rows = _key_rows([("F10 / Ctrl+S", "保存"), ("Esc", "返回")]).splitlines()
    assert rows == ["F10 / Ctrl+S  保存", "Esc           返回"]
