"""Piece labels with a check character, and freight and insurance from the price table."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

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


RULE = pricing.Rates(
    per_kg=Decimal("0.80"),
    per_m3=Decimal("180"),
    min_charge=Decimal("30"),
    delivery_fee=Decimal("50"),
    upstairs_fee=Decimal("30"),
    insurance_rate=Decimal("0.003"),
    insurance_rounding="up_yuan",
)
BANDED = dataclasses.replace(
    RULE, breaks=((Decimal("100"), Decimal("1.20")), (Decimal("500"), Decimal("1.00")))
)


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
    "kg, expected",
    [
        ("40", "48.00"),  # 40 x 1.20 (first band)
        ("100", "120.00"),  # a band includes its upper bound
        ("100.01", "100.01"),  # the next band's rate for the whole weight
        ("500", "500.00"),
        ("600", "480.00"),  # above the last band: the line's own 0.80
        ("10", "30.00"),  # 12 in the band, the minimum charge still applies
    ],
)
def test_weight_bands_price_the_whole_weight_at_the_band_rate(kg, expected):
    """A price sheet's weight bands (100 kg以内 1.2, 500 kg以内 1.0, above 0.8): a clerk billing
    a 600 kg waybill at 1.2 overcharges the shipper, at 0.8 for 40 kg undercharges (R-5.8)."""
    assert pricing.freight(BANDED, Decimal(kg), Decimal("0")) == Decimal(expected)


@pytest.mark.parametrize(
    "declared, fee",
    [("0", "0.00"), ("3000", "9.00"), ("3001", "10.00"), ("100", "1.00"), ("2999.99", "9.00")],
)
def test_insurance_three_per_mille_rounded_up_to_the_yuan(demo_db, declared, fee):
    assert pricing.insurance_fee(Decimal(declared)) == Decimal(fee)
