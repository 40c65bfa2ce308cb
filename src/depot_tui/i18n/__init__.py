"""Every string a person reads, in Chinese (default) and English, looked up by key.

The catalogue is kept per area, each key once with its two languages side by side
(`"wb.total": ("合计 {total}", "Total {total}")`): common.py for what every screen shares,
key_labels.py for the key bar, errors.py for the services' refusals, system.py for the
database and the command line, then one module per work screen. A key's prefix names its area.
Services raise errors as keys (services/errors.py); screens and the CLI render them here.
tests/unit/test_i18n.py checks that both languages have the same placeholders and that every
key the code uses exists.
"""

from __future__ import annotations

import re
import string
from types import ModuleType

from . import (
    arrival,
    common,
    errors,
    exceptions,
    handover,
    key_labels,
    loading,
    money,
    office,
    office_accounts,
    pickup,
    printing,
    roster,
    score,
    server,
    system,
    uploads,
    waybill,
)

LANGUAGES = ("zh", "en")

#: The catalogue's modules, in the order they are merged.
AREAS: tuple[ModuleType, ...] = (
    common,
    key_labels,
    errors,
    system,
    waybill,
    loading,
    arrival,
    pickup,
    handover,
    score,
    roster,
    office,
    office_accounts,
    uploads,
    exceptions,
    money,
    server,
    printing,
)


def _merge() -> tuple[dict[str, str], dict[str, str]]:
    """The two languages as one dict each. A key in two areas would let one silently replace the
    other's text: refused at import."""
    zh: dict[str, str] = {}
    en: dict[str, str] = {}
    for area in AREAS:
        for key, (chinese, english) in area.MESSAGES.items():
            if key in zh:
                raise RuntimeError(f"catalogue key {key!r} is defined twice (again in {area.__name__})")
            zh[key], en[key] = chinese, english
    return zh, en


ZH, EN = _merge()
CATALOGS = {"zh": ZH, "en": EN}
_language = "zh"


def set_language(language: str) -> None:
    global _language
    if language not in CATALOGS:
        raise ValueError(f"unknown language {language!r} (zh or en)")
    _language = language


def language() -> str:
    return _language


def t(key: str, **params: object) -> str:
    """The message `key` in the current language, with `params` filled in.

    A parameter named `<name>_key` holds a catalogue key itself (a service saying "category
    flammable" without knowing the language): it is translated and filled in as `<name>`.
    """
    text = CATALOGS[_language].get(key)
    if text is None:
        text = CATALOGS["zh"].get(key, key)
    if not params:
        return text
    values: dict[str, object] = {}
    for name, value in params.items():
        if name.endswith("_key") and isinstance(value, str):
            values[name.removesuffix("_key")] = t(value)
        else:
            values[name] = value
    return text.format(**values)


def say_keys_as(names: dict[str, str]) -> None:
    """Key names in the catalogue's prose said as others from now on, in both languages: in a
    browser tab, "Ctrl+W 结账" becomes "Alt+W 结账" (keys.BROWSER_KEYS). Only the catalogue's
    own words change, never the values filled into them."""
    pattern = re.compile(
        r"(?<![A-Za-z0-9+])(" + "|".join(re.escape(name) for name in names) + r")(?![A-Za-z0-9])"
    )
    for catalog in CATALOGS.values():
        for key, text in catalog.items():
            catalog[key] = pattern.sub(lambda found: names[found.group(1)], text)


def has(key: str) -> bool:
    """Whether the catalogue holds `key` (a word for a code that may have none yet)."""
    return key in CATALOGS["zh"]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
