"""Waybill numbers and piece labels (DESIGN.md "Scanning").

Waybill number: depot code + issue date (YYMMDD) + 4-digit sequence, e.g. GZ2611230007.
Piece label: `<waybill>-<index><check>`, index at least 3 digits, check one ISO 7064 MOD 37,36
character over number and index (python-stdnum), e.g. GZ2611230007-001X. A mistyped or
misread label fails the check instead of loading the wrong piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.iso7064 import mod_37_36

_LABEL = re.compile(r"^([A-Z0-9]{4,20})-(\d{3,4})([0-9A-Z])$")


def waybill_number(depot_code: str, day_yymmdd: str, seq: int) -> str:
    return f"{depot_code}{day_yymmdd}{seq:04d}"


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
