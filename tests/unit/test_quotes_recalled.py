"""Phone quotes read back at the counter (issue 26, item 5): R-3.2 "电话报价询问所发货物品名、地址、
件数、包装情况、方位和重量,正确报价后记录好". A quote nobody can find is quoted again from memory
when the customer walks in, at whatever price the clerk remembers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from support import DEMO_NOW
from test_waybills import good_form

from depot_tui.models import Quote, Waybill
from depot_tui.services import auth, clock, prices, waybills
from depot_tui.services.errors import ServiceError
from depot_tui.services.prices import LineForm
from depot_tui.services.waybills import WaybillForm

CALLER = "13632481199"


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def _call(actor, days_ago: int, **changes: str) -> Decimal:  # noqa: ANN001
    """A call `days_ago` days before now: 4 cartons, 120 kg, 0.5 m³, 3000 declared, upstairs
    to 湘潭县, the caller as shipper."""
    fields = {
        "destination": "430321",
        "shipper_phone": CALLER,
        "shipper_name": "吴国庆",
        "goods_name": "服装",
        "pieces": "4",
        "packaging": "纸箱",
        "weight": "120",
        "volume": "0.5",
        "declared_value": "3000",
        "delivery": "upstairs",
        **changes,
    }
    with clock.at(DEMO_NOW - dt.timedelta(days=days_ago)):
        return waybills.quote(actor, WaybillForm(**fields)).total


def test_the_callers_quotes_of_the_last_month_are_found_by_phone(clerk):
    """Two calls from the same number (two days and 40 days ago) and one from another number:
    the number typed at the counter, as the caller gave it, finds the recent one, with what
    was quoted, by whom, and nothing issued from it yet."""
    assert _call(clerk, 2) == Decimal("197.00")  # the worked example's money
    _call(clerk, 40)
    _call(clerk, 1, shipper_phone="13800138000")
    hits = waybills.recent(clerk, "136 3248 1199")
    assert [(h.customer_phone, h.place_code, h.pieces, h.amount, h.clerk, h.waybill) for h in hits] == [
        (CALLER, "430321", 4, Decimal("197.00"), "张三", "")
    ]
    assert (hits[0].declared_value, hits[0].delivery_mode) == (Decimal("3000"), "upstairs")
    with pytest.raises(ServiceError) as caught:
        waybills.recent(clerk, "1363")
    assert caught.value.field == "destination"


def test_another_depots_quotes_are_not_read_back_here(clerk):
    """The quote was given at GZ; a CS clerk typing the same number finds nothing: it was not
    his depot's price."""
    _call(clerk, 2)
    assert waybills.recent(login("zhaoliu"), CALLER) == []


def test_issuing_from_a_quote_fills_the_form_and_links_the_waybill(clerk, tmp_path):
    """The form filled from the quote carries what was said on the phone; the waybill issued
    from it is linked to it once (a second waybill from the same quote leaves the first link)."""
    _call(clerk, 2)
    hit = waybills.recent(clerk, CALLER)[0]
    form = waybills.form_of_quote(hit)
    assert (form.destination, form.shipper_phone, form.goods_name, form.weight, form.declared_value) == (
        "430321",
        CALLER,
        "服装",
        "120",
        "3000",
    )
    assert waybills.recheck(clerk, hit.id).cause == ""  # today's table prices it the same
    full = good_form(shipper_phone=CALLER, shipper_name="吴国庆", pieces="4")
    first = waybills.issue(clerk, full, shipper_confirmed=True, outbox=tmp_path, quote_id=hit.id)
    waybills.issue(clerk, full, shipper_confirmed=True, outbox=tmp_path, quote_id=hit.id)
    assert Quote.get_by_id(hit.id).waybill_id == Waybill.get(Waybill.number == first.number).id
    assert waybills.recent(clerk, CALLER)[0].waybill == first.number


def test_a_quote_priced_again_says_why_today_differs(clerk):
    """The table for 湘潭县 went from 0.90 to 1.50 a kg yesterday: the quote of three days ago
    (197.00) is priced 269.00 today, and the cause is the table's change with its day."""
    _call(clerk, 3)
    boss = login("chenjing")
    with clock.at(DEMO_NOW - dt.timedelta(days=2)):
        yesterday = f"{DEMO_NOW.date() - dt.timedelta(days=1)}"
        rates = {
            "per_kg": "1.50",
            "per_m3": "200",
            "min_charge": "30",
            "delivery_fee": "50",
            "upstairs_fee": "30",
        }
        prices.set_line(boss, LineForm(destination="430321", from_day=yesterday, **rates))
    hit = waybills.recent(clerk, CALLER)[0]
    check = waybills.recheck(clerk, hit.id)
    assert (check.quoted, check.today, check.cause) == (Decimal("197.00"), Decimal("269.00"), "table")
    assert check.since == DEMO_NOW.date() - dt.timedelta(days=1)


def test_a_quote_of_another_depot_cannot_be_priced_here(clerk):
    _call(clerk, 2)
    hit = waybills.recent(clerk, CALLER)[0]
    with pytest.raises(ServiceError) as caught:
        waybills.recheck(login("zhaoliu"), hit.id)
    assert caught.value.key == "error.quote_unknown"


@pytest.mark.parametrize(
    "typed, phone",
    [
        ("13632481199", True),
        ("136-3248-1199", True),
        ("0731 5678 2210", True),
        ("430321", False),
        ("xtx", False),
    ],
)
def test_a_phone_number_typed_where_a_place_goes_is_told_from_a_county_code(typed, phone):
    """F2's destination and F8's query take a caller's number for their quotes: 7 digits or
    more; a county's code (430321, six digits) and pinyin initials stay places."""
    from depot_tui.services import checks

    assert checks.looks_like_phone(typed) is phone
