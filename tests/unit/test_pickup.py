"""After arrival, at the counter, in the services: the resident ID check, notify, release of held
goods, pickup with collect-freight. The blocks are tested here because a screen is not the only
caller: nothing that calls the service may hand over held goods, skip the ID, or skip the money."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from support import DEMO_NOW, as_collect, check_in_cs_truck

from depot_tui.i18n import t
from depot_tui.models import (
    AuditLog,
    ConsigneeNotice,
    Payment,
    Pickup,
    Piece,
    PieceStatus,
    Release,
    ScoreEvent,
    ScoreRule,
    Shift,
    User,
    Waybill,
    WaybillStatus,
)
from depot_tui.services import auth, checks, clock, pickup
from depot_tui.services.errors import FormError, ServiceError

#: GB 11643 numbers, check characters by ISO 7064 MOD 11-2. For 44010619900307123 the digits
#: times the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 sum to 242 = 22 x 11, remainder 0,
#: and the table 1 0 X 9 8 7 6 5 4 3 2 gives 1 for remainder 0. The standard's own sample
#: ends in X.
GOOD_ID = "440106199003071231"  # 广东省 广州市 天河区, born 1990-03-07
STANDARD_SAMPLE = "11010519491231002X"
UNKNOWN_PLACE = "000001199003071232"  # a valid check character, an address code in no table


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def arrive_cs_truck() -> tuple[object, list[Waybill]]:
    """The GZ clerk, and the demo CS truck's six waybills checked in at GZ (ARRIVED)."""
    clerk = login("zhangsan")
    return clerk, check_in_cs_truck(clerk)


def good_form(**changes: str) -> pickup.PickupForm:
    form = pickup.PickupForm(collector_name="刘建国", id_number=GOOD_ID, signature_name="刘建国")
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def message(exc: ServiceError) -> str:
    return t(exc.key, **exc.params)


def test_resident_id_numbers_are_checked_as_gb_11643_says():
    """The collector's ID at the counter: a clerk types it from the card, often with a
    full-width input method or a lowercase x. A wrong check character (one digit misread) must
    be refused with a message that says so, or the register holds a number nobody has; a
    number whose address code the library's table lacks must pass with a warning, or a new
    district's card is turned away."""
    today = DEMO_NOW.date()
    assert checks.id_number(GOOD_ID, today).number == GOOD_ID
    assert checks.id_number("110105 19491231 002x", today).number == STANDARD_SAMPLE
    assert checks.id_number("１１０１０５１９４９１２３１００２Ｘ", today).birth == dt.date(1949, 12, 31)
    unknown = checks.id_number(UNKNOWN_PLACE, today)
    assert unknown.place_known is False
    cases = {
        "440106199003071232": "校验位不对",  # the last character misread
        "44010619900307123": "应为18位（现在 17 位）",
        "4401061990030712311": "应为18位（现在 19 位）",
        "44010619900307123A": "最后一位是数字或 X",
        "440106199002301234": "出生日期不对",  # 30 February, check character right
        "440106203001011234": "出生日期不对",  # born in 2030
        "": "必填",
    }
    for typed, says in cases.items():
        with pytest.raises(ServiceError) as caught:
            checks.id_number(typed, today)
        assert says in message(caught.value), typed


def test_notify_lists_arrived_waybills_and_records_each_call(demo_db):
    """After the night check, the day clerk calls each consignee. The list shows who to call
    and what they must bring; a call nobody answered is recorded but keeps the waybill on the
    list; an answered one takes it off (NOTIFIED). One not told within notify.deadline_hours
    of arriving is overdue, and becomes a proposed fault 15 (once) against the clerk on duty
    when the deadline passed: a consignee left uncalled is a delayed pickup."""
    clerk, waybills = arrive_cs_truck()
    first = waybills[0]
    as_collect(first.id, receipt_required=True, receipt_copies=2)
    numbers = {w.number for w in waybills}  # the demo has goods of its own waiting here
    listed = [line for line in pickup.to_notify(clerk) if line.number in numbers]
    assert sorted(line.number for line in listed) == [w.number for w in waybills]
    line = next(line for line in listed if line.number == first.number)
    assert (line.consignee_name, line.consignee_phone) == (first.consignee_name, first.consignee_phone)
    assert line.collect_due == Decimal(str(first.total)) and line.receipt_copies == 2
    assert line.here == first.pieces and not line.overdue and line.arrived_at == DEMO_NOW

    missed = pickup.notify(clerk, first.number, "phone", "no_answer")
    assert not missed.notified and missed.attempts == 1
    assert first.number in [line.number for line in pickup.to_notify(clerk)]
    told = pickup.notify(clerk, first.number.lower(), "phone", "will_come", "明早来提")
    assert told.notified and Waybill.get_by_id(first.id).status == WaybillStatus.NOTIFIED
    assert first.number not in [line.number for line in pickup.to_notify(clerk)]
    assert ConsigneeNotice.select().where(ConsigneeNotice.waybill == first.id).count() == 2
    assert (
        AuditLog.select().where((AuditLog.action == "waybill.notify") & (AuditLog.at >= DEMO_NOW)).count()
        == 2
    )

    # Nobody was on shift at GZ when the deadline (arrival + 24 h) passed: the clerk who
    # checked the truck in is proposed. Once a shift covering it is on record (李四's), its
    # clerk is.
    clock.fix(DEMO_NOW + dt.timedelta(hours=25))
    overdue = {line.number for line in pickup.to_notify(clerk) if line.overdue and line.number in numbers}
    assert overdue == {w.number for w in waybills[1:]}

    def proposed() -> dict[str, str]:
        return {
            e.waybill.number: e.user.username
            for e in ScoreEvent.select().join(ScoreRule).where(ScoreRule.code == "F15")
            if e.waybill.number in numbers
        }

    assert proposed() == {w.number: "zhangsan" for w in waybills[1:]}
    pickup.to_notify(clerk)  # loaded again: nothing filed twice
    assert len(proposed()) == 5
    ScoreEvent.delete().execute()
    li = User.get(User.username == "lisi")
    start = DEMO_NOW + dt.timedelta(hours=24)
    Shift.create(
        user=li.id,
        depot=li.depot_id,
        code="middle",
        clock_in=start,
        planned_start=start,
        planned_end=start + dt.timedelta(hours=12),
    )
    assert pickup.propose_late_notices(clerk) == 6  # and the demo's consignee nobody called
    assert proposed() == {w.number: "lisi" for w in waybills[1:]}
    with pytest.raises(ServiceError) as caught:
        pickup.notify(clerk, waybills[1].number, "other", "will_come")
    assert "写明怎么通知" in message(caught.value)


def test_held_goods_are_not_handed_over_until_the_shipper_releases_them(demo_db):
    """R-3.3: goods marked 等通知放货 go only on the shipper's word. Calling the service with
    everything else right (ID, signature) must still be refused; a release by phone must be a
    call to the shipper's number on file; once recorded, the pickup goes through."""
    clerk, waybills = arrive_cs_truck()
    held = waybills[1]
    Waybill.update(hold_for_release=True, payment_method="cash").where(Waybill.id == held.id).execute()
    assert next(line for line in pickup.to_notify(clerk) if line.number == held.number).held
    with pytest.raises(ServiceError) as caught:
        pickup.pickup(clerk, held.number, good_form())
    assert caught.value.key == "error.pickup_held" and "须先登记发货人放货" in message(caught.value)
    with pytest.raises(ServiceError) as caught:
        pickup.release(clerk, held.number, held.shipper_name, "phone", "13800000000")
    assert held.shipper_phone in message(caught.value)
    with pytest.raises(ServiceError):
        pickup.release(clerk, held.number, held.shipper_name, "photo", "  ")
    assert Release.select().count() == 0 and Pickup.select().where(Pickup.at >= DEMO_NOW).count() == 0
    pickup.release(clerk, held.number, held.shipper_name, "phone", held.shipper_phone)
    done = pickup.pickup(clerk, held.number, good_form())
    assert done.pieces == held.pieces and done.left == 0
    assert Waybill.get_by_id(held.id).status == WaybillStatus.PICKED_UP
    with pytest.raises(ServiceError) as caught:
        pickup.release(clerk, waybills[2].number, "某某", "phone", waybills[2].shipper_phone)
    assert caught.value.key == "error.release_not_held"


def test_a_pickup_needs_the_id_the_signature_and_the_collect_freight_first(demo_db):
    """提付: the freight is paid by the consignee at pickup, before any piece leaves. A
    pickup without an ID number, with a misread one, without the signature, or without the
    full amount due is refused, field by field, and changes nothing. Then the consignee takes
    part of the goods (allowed and recorded: collect-freight taken once, with the shift for
    the handover's cash), and the rest on a second visit, when the waybill is picked up."""
    clerk, waybills = arrive_cs_truck()
    w = next(w for w in waybills if w.pieces >= 3)
    as_collect(w.id)
    due = f"{Decimal(str(w.total)):.2f}"
    with pytest.raises(FormError) as caught:
        pickup.pickup(clerk, w.number, pickup.PickupForm())
    fields = {e.field for e in caught.value.errors}
    assert {"collector_name", "id_number", "signature_name", "collect_amount", "collect_method"} <= fields
    with pytest.raises(FormError) as caught:
        pickup.pickup(
            clerk,
            w.number,
            good_form(id_number="440106199003071232", collect_amount="1", collect_method="cash"),
        )
    said = {e.field: message(e) for e in caught.value.errors}
    assert "校验位不对" in said["id_number"] and f"提付应收 {due} 元" in said["collect_amount"]
    assert Payment.select().where(Payment.purpose == "collect").count() == 0
    assert Pickup.select().where(Pickup.at >= DEMO_NOW).count() == 0
    assert Piece.select().where((Piece.waybill == w.id) & (Piece.status == PieceStatus.RELEASED)).count() == 0

    part = pickup.pickup(
        clerk,
        w.number,
        good_form(pieces="2", collect_amount=due, collect_method="wechat", collect_reference="42000011"),
    )
    assert (part.pieces, part.left, part.collected) == (2, w.pieces - 2, Decimal(due))
    paid = Payment.get(Payment.purpose == "collect")
    assert (paid.amount, paid.method, paid.shift_id) == (Decimal(due), "wechat", clerk.shift_id)
    assert Waybill.get_by_id(w.id).status == WaybillStatus.ARRIVED
    register = Pickup.get(Pickup.waybill == w.id)
    assert (register.pieces, register.collector_id_number, register.signature_name) == (2, GOOD_ID, "刘建国")
    rest = pickup.pickup(clerk, w.number, good_form(id_number=UNKNOWN_PLACE))
    assert rest.pieces == w.pieces - 2 and rest.collected == 0 and rest.warnings == ["warn.id_place_unknown"]
    assert Waybill.get_by_id(w.id).status == WaybillStatus.PICKED_UP
    assert Payment.select().where(Payment.purpose == "collect").count() == 1
    with pytest.raises(ServiceError) as caught:
        pickup.pickup(clerk, w.number, good_form())
    assert caught.value.key == "error.pickup_state"


def test_the_counter_finds_a_waybill_by_number_label_or_phone(demo_db):
    """The consignee gives whatever they have: the waybill number, a label off a piece, or
    just their phone number; each finds the waybill waiting here, and nothing bound elsewhere."""
    clerk, waybills = arrive_cs_truck()
    w = waybills[0]
    label = Piece.get((Piece.waybill == w.id) & (Piece.index == 1)).label
    assert [line.number for line in pickup.find(clerk, w.number.lower())] == [w.number]
    assert [line.number for line in pickup.find(clerk, label)] == [w.number]
    by_phone = pickup.find(clerk, w.consignee_phone)
    assert w.number in [line.number for line in by_phone]
    assert all(line.consignee_phone == w.consignee_phone for line in by_phone)
    cs_clerk = login("zhaoliu")
    assert pickup.find(cs_clerk, w.number) == []


def test_collect_freight_by_wechat_needs_its_transaction_number(demo_db):
    """提付 taken by WeChat at pickup: without its number refused at the number's field, nothing
    handed over; with it, the payment carries the number for the accountant to find."""
    from depot_tui.models import Payment

    clerk, waybills = arrive_cs_truck()
    w = waybills[0]
    as_collect(w.id)
    due = f"{Decimal(str(w.total)):.2f}"
    with pytest.raises(FormError) as caught:
        pickup.pickup(clerk, w.number, good_form(collect_amount=due, collect_method="wechat"))
    assert [e.field for e in caught.value.errors] == ["collect_reference"]
    assert Waybill.get_by_id(w.id).status != WaybillStatus.PICKED_UP
    pickup.pickup(
        clerk,
        w.number,
        good_form(collect_amount=due, collect_method="wechat", collect_reference="4200007777"),
    )
    [paid] = list(Payment.select().where((Payment.waybill == w.id) & (Payment.purpose == "collect")))
    assert (paid.method, paid.reference) == ("wechat", "4200007777")
