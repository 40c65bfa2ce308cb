"""Waybill entry in the services: checks with the clerk's message, pricing, issuing, quotes,
drafts, signed corrections, voiding and search (no screen involved)."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from depot_tui.i18n import t
from depot_tui.models import (
    AuditLog,
    Customer,
    Payment,
    Piece,
    ReturnReceipt,
    ScoreEvent,
    Shift,
    Waybill,
    WaybillDraft,
    WaybillRevision,
)
from depot_tui.services import auth, checks, labels, lookup, search, waybills
from depot_tui.services.errors import FormError, PermissionDenied, ServiceError
from depot_tui.services.waybills import WaybillForm

KEYWORDS = [("汽油", "flammable"), ("烟花", "explosive")]


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


@pytest.fixture
def clerk(demo_db):
    return login("zhangsan")


def good_form(**changes) -> WaybillForm:
    """The worked example: GZ to 湘潭县 (0.90/kg, 200/m³, min 30; delivery 50, upstairs 30).
    120 kg x 0.90 = 108.00 beats 0.5 m³ x 200 = 100.00; insurance 3000 x 3‰ = 9.00;
    upstairs delivery 50.00 + 30.00; total 108 + 9 + 50 + 30 = 197.00."""
    form = WaybillForm(
        destination="430321",
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


# --- lookup -------------------------------------------------------------------------------------


def test_pinyin_initials_offer_the_county_not_the_city(clerk):
    """xtx is 湘潭县 (priced from GZ first); 湘潭市 is a prefecture and never offered."""
    index = lookup.place_index(clerk)
    hits = index.find("xtx")
    assert hits[0].name == "湘潭县" and hits[0].priced and hits[0].depot_code == "XT"
    assert all(h.name != "湘潭市" for h in index.find("xts") + index.find("湘潭"))
    assert index.find("湘潭县")[0].full_name == "湖南省 湘潭市 湘潭县"
    # Initials shared by places nobody here prices: both offered, the clerk picks.
    assert {"岳阳县", "阳原县"} <= {h.name for h in index.find("yyx", limit=20)}


def test_station_code_offers_the_station_county_first(clerk):
    index = lookup.place_index(clerk)
    assert index.find("XT")[0].name == "雨湖区"
    assert index.find("cs")[0].depot_code == "CS"


def test_customers_by_phone_or_initials(clerk):
    assert lookup.customer_by_phone("18922356610").name == "佛山顺德美佳家具厂"
    assert [c.name for c in lookup.customers("1392")] == ["刘建国"]
    assert "黄丽华" in [c.name for c in lookup.customers("hlh")]
    assert lookup.customers("\x1b[") == []


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


def test_quote_records_without_issuing(clerk):
    before = Waybill.select().count()
    money = waybills.quote(
        clerk, WaybillForm(destination="430321", goods_name="服装", pieces="2", weight="10", volume="0.1")
    )
    assert money.total == Decimal("30.00")  # the minimum charge
    assert Waybill.select().count() == before


# --- drafts, corrections, void, search -------------------------------------------------------------


def test_drafts_survive_and_are_offered_back(clerk):
    draft_id = waybills.save_draft(clerk, WaybillForm(consignee_name="李卫东", pieces="3"))
    waybills.save_draft(clerk, WaybillForm(consignee_name="李卫东", pieces="4"), draft_id)
    again = login("zhangsan")
    draft = waybills.latest_draft(again)
    assert draft.id == draft_id and draft.form.pieces == "4"
    waybills.discard_draft(again, draft_id)
    assert waybills.latest_draft(again) is None
    assert not WaybillDraft.select().exists()


def test_the_same_form_kept_twice_is_one_draft(clerk):
    """A hang-up's save that lands just as its recovery file is written is saved twice (the
    file is applied at the next login): the clerk must find one draft, not the form twice.
    A different form is a draft of its own."""
    form = WaybillForm(consignee_name="李卫东", pieces="3")
    first = waybills.save_draft(clerk, form)
    assert waybills.save_draft(clerk, form) == first
    assert waybills.save_draft(clerk, WaybillForm(consignee_name="李卫东", pieces="5")) != first
    assert WaybillDraft.select().count() == 2


def test_issuing_from_a_draft_removes_it(clerk, tmp_path):
    draft_id = waybills.save_draft(clerk, good_form())
    waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path, draft_id=draft_id)
    assert waybills.latest_draft(clerk) is None


def test_correction_is_a_signed_revision_and_proposes_the_fault(clerk, tmp_path):
    """R-2.13: a wrong consignee phone found later: new revision (old -> new, who, why), the
    reprinted slip says so, and fault 2 is proposed against the issuing clerk."""
    number = waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path).number
    revision, printed = waybills.correct(
        clerk, number, {"consignee_phone": "19973285432"}, "收货人来电更正号码", outbox=tmp_path
    )
    waybill = Waybill.get(Waybill.number == number)
    assert revision == 1 and waybill.consignee_phone == "19973285432"
    row = WaybillRevision.get(WaybillRevision.waybill == waybill.id)
    assert json.loads(row.changes) == {"consignee_phone": ["19973285431", "19973285432"]}
    assert "【更正 1】" in printed.path.read_text(encoding="utf-8")
    correction = search.detail(clerk, number).history[-1]  # F8 shows it field by field, with why
    assert correction.changes == (("consignee_phone", "19973285431", "19973285432"),)
    assert correction.reason == "收货人来电更正号码"
    event = ScoreEvent.get(ScoreEvent.waybill == waybill.id)
    assert event.rule.code == "F02" and event.user_id == clerk.user_id
    with pytest.raises(ServiceError, match="error.reason_required"):
        waybills.correct(clerk, number, {"consignee_name": "李卫国"}, " ", outbox=tmp_path)
    with pytest.raises(ServiceError, match="error.not_correctable"):
        waybills.correct(clerk, number, {"pieces": "5"}, "多了两件", outbox=tmp_path)


def test_destination_and_payment_corrections_propose_faults_3_and_5(clerk, tmp_path):
    number = waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path).number
    waybills.correct(
        clerk, number, {"destination": "430381", "payment": "collect"}, "客户更正", outbox=tmp_path
    )
    waybill = Waybill.get(Waybill.number == number)
    assert waybill.dest_place.name == "湘乡市" and waybill.payment_method == "collect"
    codes = sorted(e.rule.code for e in ScoreEvent.select().where(ScoreEvent.waybill == waybill.id))
    assert codes == ["F03", "F05"]


def test_void_needs_a_supervisor(clerk, tmp_path):
    number = waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path).number
    with pytest.raises(PermissionDenied):
        waybills.void(clerk, number, "客户取消")
    supervisor = login("chenjing")
    waybills.void(supervisor, number, "客户取消")
    assert Waybill.get(Waybill.number == number).status == "void"
    with pytest.raises(ServiceError, match="error.waybill_void"):
        waybills.correct(clerk, number, {"remarks": "x"}, "y", outbox=tmp_path)


def test_search_by_number_label_phone_name_and_date(clerk, tmp_path):
    issued = waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path)
    assert [r.number for r in search.find(clerk, issued.number)] == [issued.number]
    assert [r.number for r in search.find(clerk, issued.labels[1].lower())] == [issued.number]
    assert issued.number in [r.number for r in search.find(clerk, "5431")]
    assert issued.number in [r.number for r in search.find(clerk, "李卫东")]
    assert issued.number in [r.number for r in search.find(clerk, "11-23")]
    typo = issued.number[:-1] + ("A" if issued.number[-1] != "A" else "B")
    with pytest.raises(ServiceError, match="error.number_check"):
        search.find(clerk, typo)
    detail = search.detail(clerk, issued.number)
    assert [h.action for h in detail.history] == ["waybill.issue"] and len(detail.pieces) == 3


def test_f8_finds_a_phone_however_it_is_typed(clerk, tmp_path):
    """The consignee's number as stored (19973285431), or as the caller reads it out: with
    +86, spaces, dashes or full-width digits. +86 found nothing."""
    issued = waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path)
    typings = (
        "19973285431",
        "+86 19973285431",
        "+8619973285431",
        "199-7328-5431",
        "１９９ ７３２８ ５４３１",
    )
    for typed in typings:
        assert issued.number in [r.number for r in search.find(clerk, typed)], typed


def test_other_depots_cannot_read_a_waybill(clerk, tmp_path):
    """A Xiangtan clerk sees waybills to Xiangtan; a Changsha clerk does not."""
    number = waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path).number
    assert search.detail(login("sunqi"), number).waybill.number == number
    with pytest.raises(PermissionDenied):
        search.detail(login("zhaoliu"), number)
    assert search.find(login("zhaoliu"), number) == []
