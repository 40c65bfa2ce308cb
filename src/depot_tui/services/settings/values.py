"""Each business setting's kind, its limits, and how a value is read as typed and shown.

A rate is typed as a person writes it: 0.003, 3‰, 0.3%, 千分之三 (or 千分之3) are one rate; a
negative, zero or absurd one (insurance over 5%) is refused. Grade bands are typed as
">90 A, 80 B, 70 C, 65 D, 60 E, 0 F", highest first, ending at 0; ">" is strictly above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ...config import PRINTER_NAME
from ..checks import clean_text, money, normal
from ..errors import ServiceError


@dataclass(frozen=True)
class Spec:
    """A setting: its kind (rate, choice, whole, money, grades, printer, form, text), limits, the choices of a
    choice, and whether money depends on it (then a change takes effect from a day on)."""

    kind: str
    low: Decimal = Decimal(0)
    high: Decimal = Decimal(0)
    choices: tuple[str, ...] = ()
    dated: bool = False


SPECS: dict[str, Spec] = {
    "insurance.rate": Spec("rate", Decimal("0.0001"), Decimal("0.05"), dated=True),
    "insurance.rounding": Spec("choice", choices=("up_yuan", "cent"), dated=True),
    "auth.max_failures": Spec("whole", Decimal(3), Decimal(20)),
    "auth.lock_minutes": Spec("whole", Decimal(1), Decimal(1440)),
    "auth.min_password_length": Spec("whole", Decimal(6), Decimal(64)),
    "print.command": Spec("printer"),
    "print.encoding": Spec("choice", choices=("utf-8", "gb18030")),
    "print.label_printer": Spec("printer"),
    "print.slip_form": Spec("form"),
    "print.label_language": Spec("choice", choices=("zpl", "tspl")),
    "print.label_font": Spec("text", high=Decimal(40)),
    "issue.grace_minutes": Spec("whole", Decimal(0), Decimal(240)),
    "attendance.away_minutes": Spec("whole", Decimal(1), Decimal(240)),
    "upload.daily_quota": Spec("whole", Decimal(0), Decimal(100)),
    "notify.deadline_hours": Spec("whole", Decimal(1), Decimal(168)),
    "tracking.valuable": Spec("money", Decimal(0), Decimal(10000000)),
    "tracking.depart_hours": Spec("whole", Decimal(1), Decimal(168)),
    "reweigh.threshold_percent": Spec("whole", Decimal(1), Decimal(100)),
    "service.answer_hours": Spec("whole", Decimal(1), Decimal(72)),
    "receipt.sign_days": Spec("whole", Decimal(1), Decimal(60)),
    "receipt.return_days": Spec("whole", Decimal(1), Decimal(60)),
    "receipt.hand_days": Spec("whole", Decimal(1), Decimal(60)),
    "score.grades": Spec("grades", dated=True),
    "score.money_per_point": Spec("money", Decimal(0), Decimal(1000), dated=True),
    "score.money_base": Spec("whole", Decimal(0), Decimal(200), dated=True),
    "score.money_cap": Spec("money", Decimal(0), Decimal(100000), dated=True),
    "score.probation_months": Spec("whole", Decimal(0), Decimal(12), dated=True),
}

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_RATE = re.compile(r"^(千分之|百分之)?([0-9.]+|[零一二两三四五六七八九十]+)(‰|%)?$")


def _chinese_number(text: str) -> Decimal:
    """一 to 九十九 as written: 三, 十, 十五, 二十, 二十五."""
    if text.isascii():
        return Decimal(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return Decimal((_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0))
    return Decimal(_DIGITS[text])


def _rate(text: str, spec: Spec) -> str:
    raw = normal(text).replace(" ", "").replace("，", ".")
    match = _RATE.match(raw)
    if match is None or (match.group(1) and match.group(3)):
        raise ServiceError("error.setting_rate", field="value")
    try:
        number = _chinese_number(match.group(2))
    except (InvalidOperation, KeyError):
        raise ServiceError("error.setting_rate", field="value") from None
    per = match.group(1) or match.group(3) or ""
    scale = {"千分之": 1000, "‰": 1000, "百分之": 100, "%": 100}.get(per, 1)
    rate = number / scale
    if not spec.low <= rate <= spec.high:
        raise ServiceError(
            "error.setting_range", field="value", low=show_rate(spec.low), high=show_rate(spec.high)
        )
    return f"{rate.normalize():f}"


def _whole(text: str, spec: Spec) -> int:
    raw = normal(text)
    if not raw.isascii() or not raw.isdigit():
        raise ServiceError("error.whole_number", field="value")
    value = int(raw)
    if not spec.low <= value <= spec.high:
        raise ServiceError("error.setting_range", field="value", low=spec.low, high=spec.high)
    return value


def _grades(text: str) -> list[list[Any]]:
    bands: list[list[Any]] = []
    for part in re.split(r"[,，;；、]+", normal(text)):
        match = re.fullmatch(r"\s*([>＞])?\s*(\d{1,3})\s*([A-Za-z]{1,2})\s*", part)
        if match is None:
            raise ServiceError("error.setting_grades", field="value")
        floor, grade = int(match.group(2)), match.group(3).upper()
        if bands and floor >= bands[-1][0]:
            raise ServiceError("error.setting_grades", field="value")
        bands.append([floor, grade, ">"] if match.group(1) else [floor, grade])
    if not bands or bands[-1][0] != 0 or len({grade for _, grade in bands}) != len(bands):
        raise ServiceError("error.setting_grades", field="value")
    return bands


def parse(key: str, text: str) -> Any:
    """The value `text` means for `key`, as stored; or a ServiceError at the value field."""
    spec = SPECS[key]
    if not normal(text):
        raise ServiceError("error.required", field="value")
    if spec.kind == "rate":
        return _rate(text, spec)
    if spec.kind == "choice":
        value = normal(text)
        if value not in spec.choices:
            raise ServiceError("error.choice", field="value")
        return value
    if spec.kind == "whole":
        return _whole(text, spec)
    if spec.kind == "money":
        return f"{money(text, 'value', maximum=spec.high, blank_is_zero=False)}"
    if spec.kind == "grades":
        return _grades(text)
    if spec.kind in ("printer", "form"):  # a name, never a command: see printing.deliver
        value = normal(text)
        if value != {"printer": "outbox", "form": "ruled"}[spec.kind] and not PRINTER_NAME.fullmatch(value):
            raise ServiceError(f"error.setting_{spec.kind}", field="value")
        return value
    return clean_text(text, field="value", max_length=int(spec.high))


def show_rate(rate: Decimal) -> str:
    return f"{(rate * 1000).normalize():f}‰"


def show(key: str, value: Any) -> str:
    """A stored value as a person reads and types it: 3‰, 90 A, 80 B, …"""
    kind = SPECS[key].kind
    if kind == "rate":
        return show_rate(Decimal(str(value)))
    if kind == "grades":
        return ", ".join(f"{'>' if above else ''}{floor} {grade}" for floor, grade, *above in value)
    return str(value)
