"""Waybill records in the services: the place and customer lookups, phone quotes, drafts,
signed corrections, voiding and search (no screen involved). The worked example and `login`
are test_waybills.py's."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from test_waybills import good_form, login

from depot_tui.models import ScoreEvent, Waybill, WaybillDraft, WaybillRevision
from depot_tui.services import lookup, search, waybills
from depot_tui.services.errors import PermissionDenied, ServiceError
from depot_tui.services.waybills import WaybillForm

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
        waybills.correct(
            clerk, number, {"hazard": "yes"}, "改为危险品", outbox=tmp_path
        )  # asked at intake only


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
