"""Waybill numbers and piece labels (docs/architecture.md, "Scanning").

Waybill number: depot code + issue date (YYMMDD) + 4-digit sequence + one ISO 7064 MOD 37,36
check character, e.g. GZ2611230007P. Piece label: `<waybill>-<index><check>`, index at least
3 digits, check over number and index (python-stdnum), e.g. GZ2611230007P-0015. A mistyped or
misread number or label fails its check instead of finding the wrong waybill or piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.iso7064 import mod_37_36

_LABEL = re.compile(r"^([A-Z0-9]{4,20})-(\d{3,4})([0-9A-Z])$")
_NUMBER = re.compile(r"^([A-Z]{2,8}\d{10})([0-9A-Z])$")


def number_prefix(depot_code: str, day_yymmdd: str) -> str:
    """What every waybill number of this depot and day starts with (for the sequence query)."""
    return f"{depot_code}{day_yymmdd}"


def waybill_number(depot_code: str, day_yymmdd: str, seq: int) -> str:
    body = f"{depot_code}{day_yymmdd}{seq:04d}"
    return body + mod_37_36.calc_check_digit(body)


def sequence_of(number: str) -> int:
    """The 4-digit sequence inside a waybill number."""
    return int(number[-5:-1])


def is_waybill_number(text: str) -> bool:
    """True for a well-formed number whose check character is right."""
    match = _NUMBER.match(text.strip().upper())
    return match is not None and mod_37_36.calc_check_digit(match.group(1)) == match.group(2)


def looks_like_waybill_number(text: str) -> bool:
    """Shaped like a number, right check or not: a wrong one is a typo worth saying so."""
    return _NUMBER.match(text.strip().upper()) is not None


def piece_label(number: str, index: int) -> str:
    body = f"{index:03d}"
    return f"{number}-{body}{mod_37_36.calc_check_digit(number + body)}"


@dataclass(frozen=True)
class ParsedLabel:
    waybill_number: str
    index: int


class LabelError(ValueError):
    """`reason` is 'format' (not a piece label at all) or 'check' (check character wrong)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_label(text: str) -> ParsedLabel:
    match = _LABEL.match(text.strip().upper())
    if match is None:
        raise LabelError("format")
    number, body, check = match.groups()
    if mod_37_36.calc_check_digit(number + body) != check:
        raise LabelError("check")
    return ParsedLabel(number, int(body))
