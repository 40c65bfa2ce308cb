"""Piece labels with a check character, and freight and insurance from the price table."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from depot_tui.services import labels, pricing

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def test_label_round_trip():
    label = labels.piece_label("GZ2611230007", 12)
    assert label.startswith("GZ2611230007-012")
    assert labels.parse_label(label) == labels.ParsedLabel("GZ2611230007", 12)
    assert labels.parse_label(" " + label.lower() + " ").index == 12  # scanner case and spaces


@given(
    st.integers(min_value=1, max_value=9999),
    st.integers(min_value=0, max_value=15),
    st.sampled_from(ALPHABET),
)
def test_any_single_misread_character_is_caught(index, position, replacement):
    """A scanner or a clerk misreading one character must never load another piece."""
    label = labels.piece_label("GZ2611230007", index)
    body = label.replace("-", "")
    position %= len(body)
    if body[position] == replacement:
        return
    changed = body[:position] + replacement + body[position + 1 :]
    typo = f"{changed[:12]}-{changed[12:]}"
    with pytest.raises(labels.LabelError):
        parsed = labels.parse_label(typo)
        assert parsed == labels.parse_label(label)  # parsed as something else: also a failure
        raise labels.LabelError("check")


@pytest.mark.parametrize("text", ["", "hello", "GZ2611230007", "GZ2611230007-", "\x1b[A", "GZ-0011"])
def test_non_labels_are_format_errors(text):
    with pytest.raises(labels.LabelError) as caught:
        labels.parse_label(text)
    assert caught.value.reason == "format"


RULE = SimpleNamespace(per_kg=Decimal("0.80"), per_m3=Decimal("180"), min_charge=Decimal("30"))


@pytest.mark.parametrize(
    "kg, m3, expected",
    [
        ("100", "0.2", "80.00"),  # by weight: 80 > 36
        ("50", "0.5", "90.00"),  # by volume: 90 > 40
        ("5", "0.01", "30.00"),  # minimum charge
        ("33.33", "0", "30.00"),
        ("40.01", "0", "32.01"),
    ],
)
def test_freight_is_the_higher_of_weight_and_volume(kg, m3, expected):
    """Billing below the price table costs the clerk a point (R-5.8): never round the wrong way."""
    assert pricing.freight(RULE, Decimal(kg), Decimal(m3)) == Decimal(expected)


@pytest.mark.parametrize(
    "declared, fee",
    [("0", "0.00"), ("3000", "9.00"), ("3001", "10.00"), ("100", "1.00"), ("2999.99", "9.00")],
)
def test_insurance_three_per_mille_rounded_up_to_the_yuan(demo_db, declared, fee):
    assert pricing.insurance_fee(Decimal(declared)) == Decimal(fee)
