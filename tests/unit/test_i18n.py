"""Both languages say everything, with the same blanks to fill."""

from __future__ import annotations

import re
from pathlib import Path

import depot_tui
from depot_tui import i18n
from depot_tui.keys import WORK_SCREENS


def test_both_catalogues_have_the_same_keys_and_placeholders():
    """A key missing in English shows a Chinese fallback; a placeholder mismatch crashes."""
    assert set(i18n.ZH) == set(i18n.EN)
    assert sum(len(area.MESSAGES) for area in i18n.AREAS) == len(i18n.ZH)  # none in two areas
    for area in i18n.AREAS:
        for key, pair in area.MESSAGES.items():
            assert len(pair) == 2 and all(text.strip() for text in pair), (area.__name__, key)
    for key in i18n.ZH:
        assert i18n.placeholders(i18n.ZH[key]) == i18n.placeholders(i18n.EN[key]), key


def test_every_key_the_code_uses_exists():
    """A typo in a key shows the raw key ('error.login_faild') to the clerk."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(depot_tui.__file__).parent.rglob("*.py"))
    # Keys passed to t(), and strings with prefixes used only for catalogue keys ("app." and
    # "shift." also name actions and audit records, so those count only inside t()).
    used = set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", source))
    used |= set(
        re.findall(r"""["']((?:key|screen|login|status|home|help|confirm|error|cli)\.[a-z_.]+)["']""", source)
    )
    missing = sorted(k for k in used if k not in i18n.ZH and not k.endswith(".tcss"))
    assert missing == []
    for role in ("clerk", "supervisor", "admin"):
        assert f"role.{role}" in i18n.ZH
    for shift in ("early", "middle", "night"):
        assert f"shift.{shift}" in i18n.ZH
    for screen_id, _key, title in WORK_SCREENS:  # key-bar labels are built as key.<screen id>
        assert f"key.{screen_id}" in i18n.ZH and title in i18n.ZH


def test_english_is_chosen_at_run_time():
    i18n.set_language("en")
    assert i18n.t("error.login_failed") == "Wrong user name or password"
    i18n.set_language("zh")
    assert i18n.t("error.login_failed") == "用户名或密码错误"


def test_a_shift_that_took_no_money_says_so_once():
    """F6's summary read "taken nothing taken" (收款 未收款) for a shift that took no money."""
    from depot_tui.i18n import set_language, t

    try:
        for lang, expected in (("zh", "收款 无"), ("en", "taken none")):
            set_language(lang)
            line = t("hand.sum_issued", waybills=0, pieces=0, money=t("hand.no_money"))
            assert line.endswith(expected), line
    finally:
        set_language("zh")


def test_every_settings_choice_and_setting_has_its_words():
    """The back office shows a choice setting's value as `setting.choice.<value>`, built where it
    is shown: the printers' encoding and label language read "setting.choice.utf-8" on the
    settings list until this caught it."""
    from depot_tui.services.settings.values import SPECS

    for key, spec in SPECS.items():
        assert i18n.has(f"setting.{key}") and i18n.has(f"setting.{key}.about"), key
        for choice in spec.choices:
            assert i18n.has(f"setting.choice.{choice}"), (key, choice)
