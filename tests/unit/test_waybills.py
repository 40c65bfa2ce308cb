"""Waybill entry in the services: checks with the clerk's message, pricing and issuing (no
screen involved). Lookups, quotes, drafts, corrections, voiding and search are in
test_waybill_records.py; the `clerk` fixture (张三 logged in) is the unit tests' conftest's."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from depot_tui.i18n import t
from depot_tui.models import AuditLog, Customer, Payment, Piece, ReturnReceipt, ScoreEvent, Shift, Waybill
from depot_tui.services import auth, checks, labels, lookup, waybills
from depot_tui.services.errors import FormError, ServiceError
from depot_tui.services.waybills import WaybillForm

KEYWORDS = [("汽油", "flammable"), ("烟花", "explosive")]


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def good_form(**changes) -> WaybillForm:
    """The worked example: GZ to 湘潭县 (0.90/kg, 200/m³, min 30; delivery 50, upstairs 30).
    120 kg x 0.90 = 108.00 beats 0.5 m³ x 200 = 100.00; insurance 3000 x 3‰ = 9.00;
    upstairs delivery 50.00 + 30.00; total 108 + 9 + 50 + 30 = 197.00."""
    form = WaybillForm(
        destination="430321",
        hazard="no",
        consignee_phone="19973285431",
        consignee_name="李卫东",
        shipper_phone="15018845523",
        shipper_name="黄丽华",
        goods_name="服装",
        pieces="3",
        packaging="纸箱",
        weight="120",
        volume="0.5",
        declared_value="3000",
        payment="cash",
        delivery="upstairs",
        address="湘潭县易俗河镇建设路8号3楼",
        receipt=True,
        receipt_copies="1",
        remarks="保丢不保损",
    )
    return replace(form, **changes)


# --- the checks, each with the message a clerk reads -------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("13802451187", "13802451187"),
        ("166 7312 1907", "16673121907"),  # 16x, 17x, 19x are real mobile ranges
        ("17620193348", "17620193348"),
        ("+86 199-7328-5431", "19973285431"),
        ("１３８０２４５１１８７", "13802451187"),  # full-width digits from a Chinese input method
        ("020-86317745", "020-86317745"),
        ("0731 5678 2210", "0731-56782210"),
    ],
)
def test_phone_numbers_accepted_and_normalised(text, expected):
    """A real number refused at the counter sends the shipper away; one stored two ways
    splits a repeat customer in two."""
    assert checks.phone(text, "consignee_phone") == expected


@pytest.mark.parametrize(
    "text, key",
    [
        ("", "error.required"),
        ("1380245118", "error.phone_invalid"),  # 10 digits
        ("12345678901", "error.phone_invalid"),  # no such range
        ("86317745", "error.phone_area_code"),  # landline without area code
        ("13800138000x", "error.phone_chars"),
        ("400-820-8820", "error.phone_not_personal"),
        ("\x1b[31m13802451187", "error.phone_chars"),
    ],
)
def test_bad_phone_numbers_say_why(text, key):
    """A consignee who cannot be reached cannot be notified (fault 15 follows)."""
    with pytest.raises(ServiceError) as caught:
        checks.phone(text, "consignee_phone")
    assert caught.value.key == key and caught.value.field == "consignee_phone"
    assert t(caught.value.key, **caught.value.params)


@pytest.mark.parametrize(
    "text, key",
    [
        ("", "error.required"),
        ("张", "error.full_name"),
        ("张先生", "error.full_name"),
        ("王总", "error.full_name"),
        ("12345", "error.full_name"),
        ("李\x1b卫东", "error.control_chars"),
        ("李" * 61, "error.too_long"),
    ],
)
def test_names_must_be_full_names(text, key):
    """R-2.2: "张先生" on a slip cannot be matched against an ID at pickup."""
    with pytest.raises(ServiceError) as caught:
        checks.person_name(text, "consignee_name")
    assert caught.value.key == key


def test_markup_in_a_name_is_kept_as_text():
    """A name that looks like Rich markup is a name: stored as typed (shown plain on screen)."""
    assert checks.person_name("[bold]刘建国[/]", "shipper_name") == "[bold]刘建国[/]"


@pytest.mark.parametrize(
    "field, text, key",
    [
        ("pieces", "0", "error.number_range"),
        ("pieces", "-1", "error.whole_number"),
        ("pieces", "2.5", "error.whole_number"),
        ("pieces", "10000", "error.number_range"),
        ("pieces", "", "error.required"),
        ("weight", "1e3", "error.number_format"),
        ("weight", "1_000", "error.number_format"),
        ("weight", "-5", "error.number_format"),
        ("weight", "0", "error.number_positive"),
        ("weight", "40000.01", "error.number_max"),
        ("weight", "12.345", "error.number_places"),
        ("weight", "NaN", "error.number_format"),
        ("volume", "0.0001", "error.number_places"),
        ("volume", "151", "error.number_max"),
        ("declared_value", "-1", "error.number_format"),
        ("declared_value", "1.001", "error.number_places"),
        ("declared_value", "99999999", "error.number_max"),
        ("weight", "Infinity", "error.number_format"),
    ],
)
def test_numbers_are_plain_decimals_within_sane_limits(field, text, key):
    """Textual's number input takes 1e3, 1_000 and -5: a clerk's slip of the finger must not
    become a 1000 kg waybill or a negative price."""
    form = replace(good_form(), **{field: text})
    with pytest.raises(ServiceError) as caught:
        waybills.check_field(field, form, KEYWORDS)
    assert caught.value.key == key and caught.value.field == field


def test_full_width_numbers_and_blank_declared_value_are_fine():
    form = replace(good_form(), pieces="３", weight="１２０.５", declared_value="")
    assert waybills.check_field("pieces", form, KEYWORDS) == 3
    assert waybills.check_field("weight", form, KEYWORDS) == Decimal("120.5")
    assert waybills.check_field("declared_value", form, KEYWORDS) == Decimal("0")


def test_prohibited_goods_are_refused_with_the_reason():
    """R-1.4 and fault 12 (2 points): petrol must never get a waybill."""
    with pytest.raises(ServiceError) as caught:
        waybills.check_field("goods_name", replace(good_form(), goods_name="摩托车汽油桶"), KEYWORDS)
    assert t(caught.value.key, **caught.value.params) == "违禁品拒收：汽油（易燃）"


@pytest.mark.parametrize(
    "changes, field, key",
    [
        ({"delivery": "delivery", "address": " "}, "address", "error.address_required"),
        ({"receipt": True, "receipt_copies": "0"}, "receipt_copies", "error.number_range"),
        ({"receipt": False, "payment": "on_receipt"}, "payment", "error.on_receipt_needs_receipt"),
        ({"transfer": True, "partner": "顺通中转物流", "rebate": ""}, "rebate", "error.rebate_required"),
        ({"transfer": True, "partner": ""}, "partner", "error.partner_required"),
        ({"destination": ""}, "destination", "error.destination_required"),
    ],
)
def test_fields_that_depend_on_others(changes, field, key):
    """Delivery needs an address, a receipt at least one copy, a transfer its rebate (fault 6)."""
    with pytest.raises(FormError) as caught:
        waybills.parse(good_form(**changes), KEYWORDS)
    assert (caught.value.field, caught.value.key) == (field, key)


def test_fields_that_do_not_apply_are_not_checked():
    """Self-pickup ignores a stale address; no receipt ignores copies; no transfer ignores
    partner and rebate: skipped fields must not block the save."""
    parsed = waybills.parse(
        good_form(
            delivery="pickup",
            address="x\x1b",
            receipt=False,
            receipt_copies="abc",
            transfer=False,
            rebate="zz",
        ),
        KEYWORDS,
    )
    assert (parsed.address, parsed.receipt_copies, parsed.rebate) == ("", 0, 0)


def test_all_wrong_fields_are_listed_in_form_order():
    with pytest.raises(FormError) as caught:
        waybills.parse(WaybillForm(), KEYWORDS)
    fields = [e.field for e in caught.value.errors]
    assert fields[:4] == ["destination", "consignee_phone", "consignee_name", "shipper_phone"]


_text = st.text(st.characters(codec="utf-8"), max_size=80) | st.sampled_from(
    ["1e3", "-5", "1_000", "NaN", "9" * 40, "\x1b[2J", "[b]x[/b]", "０.５", " 3 ", "\x00"]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(
        [
            "consignee_phone",
            "consignee_name",
            "goods_name",
            "pieces",
            "packaging",
            "weight",
            "volume",
            "declared_value",
            "address",
            "transfer_fee",
            "rebate",
            "freight",
            "remarks",
            "receipt_copies",
        ]
    ),
    _text,
)
def test_any_input_is_a_value_or_a_field_message(field, text):
    """Whatever lands in a field (unicode, escapes, huge numbers), the check returns a clean
    value or a message for that field: it never crashes, and nothing invalid passes."""
    form = replace(good_form(delivery="delivery", receipt=True, transfer=True, partner="p"), **{field: text})
    try:
        value = waybills.check_field(field, form, KEYWORDS)
    except ServiceError as exc:
        assert exc.field == field
        assert t(exc.key, **exc.params)
        return
    if isinstance(value, Decimal):
        assert value.is_finite() and value >= 0 and value == value.quantize(Decimal("0.001"))
    if isinstance(value, int) and not isinstance(value, bool):
        assert 1 <= value <= checks.MAX_PIECES
    if isinstance(value, str):
        assert "\x1b" not in value and "\x00" not in value


# --- issuing ------------------------------------------------------------------------------------


def test_issue_the_worked_example(clerk, tmp_path):
    """The pilot test's waybill in the service: totals as in good_form's docstring, one piece
    and label per piece, the receipt row, cash taken, audited, slip and labels in the outbox."""
    issued = waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path)
    waybill = Waybill.get(Waybill.number == issued.number)
    assert labels.is_waybill_number(issued.number) and issued.number.startswith("GZ261123")
    assert (
        waybill.freight,
        waybill.insurance_fee,
        waybill.delivery_fee,
        waybill.upstairs_fee,
        waybill.total,
    ) == (Decimal("108.00"), Decimal("9.00"), Decimal("50.00"), Decimal("30.00"), Decimal("197.00"))
    assert waybill.dest_depot.code == "XT" and waybill.shipper_confirmed_at is not None
    pieces = list(Piece.select().where(Piece.waybill == waybill.id).order_by(Piece.index))
    assert [p.label for p in pieces] == issued.labels and len(pieces) == 3
    assert all(labels.parse_label(p.label).waybill_number == issued.number for p in pieces)
    assert ReturnReceipt.get(ReturnReceipt.waybill == waybill.id).copies == 1
    assert Payment.get(Payment.waybill == waybill.id).amount == Decimal("197.00")
    assert AuditLog.get((AuditLog.action == "waybill.issue") & (AuditLog.entity_id == issued.number))
    slip = (tmp_path / f"slip-{issued.number}.txt").read_text(encoding="utf-8")
    assert "合计   197.00 元" in slip and "湖南省 湘潭市 湘潭县" in slip
    zpl = (tmp_path / f"labels-{issued.number}.zpl").read_text(encoding="utf-8")
    assert zpl.count("^BCN") == 3 and all(f"^FD{label}^FS" in zpl for label in issued.labels)


def test_slip_fits_80_columns(clerk, tmp_path):
    from rich.cells import cell_len

    issued = waybills.issue(
        clerk,
        good_form(address="很长的地址" * 30, remarks="备注" * 90),
        shipper_confirmed=True,
        outbox=tmp_path,
    )
    slip = (tmp_path / f"slip-{issued.number}.txt").read_text(encoding="utf-8")
    assert max(cell_len(line) for line in slip.splitlines()) <= 80


def test_numbers_follow_each_other(clerk, tmp_path):
    first = waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path).number
    second = waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path).number
    assert labels.sequence_of(second) == labels.sequence_of(first) + 1


def test_a_repeat_customer_is_linked_a_new_one_remembered(clerk, tmp_path):
    before = Customer.select().count()
    waybills.issue(
        clerk,
        good_form(consignee_phone="13607310001", consignee_name="欧阳娜娜"),
        shipper_confirmed=True,
        outbox=tmp_path,
    )
    assert Customer.select().count() == before + 1
    assert lookup.customer_by_phone("13607310001").name == "欧阳娜娜"
    assert lookup.customers("oynn")[0].address.startswith("湘潭县")


def test_shipper_must_confirm(clerk, tmp_path):
    with pytest.raises(ServiceError, match="error.shipper_not_confirmed"):
        waybills.issue(clerk, good_form(), shipper_confirmed=False, outbox=tmp_path)


def test_monthly_account_only_for_customers_that_have_one(clerk, tmp_path):
    """黄丽华 has no monthly account; 恒达五金店 does."""
    with pytest.raises(FormError) as caught:
        waybills.issue(clerk, good_form(payment="monthly"), shipper_confirmed=True, outbox=tmp_path)
    assert caught.value.field == "payment" and caught.value.key == "error.no_monthly_account"
    issued = waybills.issue(
        clerk,
        good_form(payment="monthly", shipper_phone="13802451187", shipper_name="广州市白云区恒达五金店"),
        shipper_confirmed=True,
        outbox=tmp_path,
    )
    assert not Payment.select().join(Waybill).where(Waybill.number == issued.number).exists()


def test_every_refusal_of_a_form_comes_at_once(clerk, tmp_path):
    """A transfer with no rebate marked (fault 6) and a freight below the table with no reason
    (fault 8), and an unknown partner: one F10 names all three, in form order. The rebate was
    refused at one F10 and the below-table reason only at the next."""
    form = good_form(transfer=True, partner="没有这家", transfer_fee="10", rebate="", freight="100")
    for attempt in (
        waybills.preview,
        lambda c, f: waybills.issue(c, f, shipper_confirmed=True, outbox=tmp_path),
    ):
        with pytest.raises(FormError) as caught:
            attempt(clerk, form)
        assert [e.field for e in caught.value.errors] == ["partner", "rebate", "below_reason"]


def test_below_the_table_needs_a_reason_and_is_proposed(clerk, tmp_path):
    """Fault 8: 100 instead of 108 needs a reason, and the supervisor sees a proposal."""
    with pytest.raises(FormError) as caught:
        waybills.issue(clerk, good_form(freight="100"), shipper_confirmed=True, outbox=tmp_path)
    assert caught.value.field == "below_reason"
    issued = waybills.issue(
        clerk, good_form(freight="100", below_reason="老客户议价"), shipper_confirmed=True, outbox=tmp_path
    )
    event = ScoreEvent.get(ScoreEvent.waybill == Waybill.get(Waybill.number == issued.number).id)
    assert event.rule.code == "F08" and event.status == "proposed" and "老客户议价" in event.note
    # billing above the table is the clerk's business: no reason, no proposal
    waybills.issue(clerk, good_form(freight="120"), shipper_confirmed=True, outbox=tmp_path)
    assert ScoreEvent.select().where(ScoreEvent.rule.in_([event.rule_id])).count() == 1


def test_only_the_clerk_on_duty_issues(demo_db, tmp_path):
    """R-2.12: wangwu works nights; at 09:30 his nearest shift ended at 08:00 plus the hour of
    grace has run out, so he may not issue."""
    night = login("wangwu")
    with pytest.raises(ServiceError, match="error.not_on_duty"):
        waybills.issue(night, good_form(), shipper_confirmed=True, outbox=tmp_path)
    clerk = login("zhangsan")
    Shift.update(may_issue=False).where(Shift.id == clerk.shift_id).execute()
    with pytest.raises(ServiceError, match="error.handover_not_accepted"):
        waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path)


def test_no_price_to_the_destination(clerk, tmp_path):
    with pytest.raises(ServiceError) as caught:
        waybills.issue(clerk, good_form(destination="110101"), shipper_confirmed=True, outbox=tmp_path)
    assert caught.value.key == "error.no_price" and caught.value.field == "destination"
