"""Money on a waybill (issue 24, parts 1, 2 and 4's payment terms): what is owed and by whom,
payments by any method and in part, refunds only by a supervisor, the day's money. Without it a
waybill corrected from 现付 to 提付 asked the consignee for the 197.00 the shipper had paid, and
WeChat money had no transaction number for the accountant to find."""

from __future__ import annotations

from decimal import Decimal

import pytest
from support import DEMO_NOW
from test_waybills import good_form, login

from depot_tui.models import AuditLog, Payment, Waybill
from depot_tui.services import handover, money, pickup, registers, waybills
from depot_tui.services.errors import FormError, PermissionDenied, ServiceError


def _issue(clerk, tmp_path, **changes) -> Waybill:  # noqa: ANN001
    number = waybills.issue(clerk, good_form(**changes), shipper_confirmed=True, outbox=tmp_path).number
    return Waybill.get(Waybill.number == number)


def test_paid_now_then_corrected_to_collect_the_consignee_is_not_asked_again(clerk, tmp_path):
    """现付 197.00 taken at issue; corrected to 提付: nothing is owed at XT. A supervisor refunds
    the shipper: then, and only then, the consignee owes the 197.00."""
    waybill = _issue(clerk, tmp_path)
    assert money.owed(waybill) == money.Owed(
        waybill.number,
        Decimal("197.00"),
        Decimal("197.00"),
        Decimal("0.00"),
        "shipper",
        waybill.origin_depot_id,
    )
    waybills.correct(clerk, waybill.number, {"payment": "collect"}, "客户要求改提付", outbox=tmp_path)
    corrected = Waybill.get_by_id(waybill.id)
    assert pickup.collect_due(corrected) == Decimal("0.00")
    assert money.owed(corrected).payer == "consignee" and money.owed(corrected).due == Decimal("0.00")
    money.refund(login("chenjing"), waybill.number, "197", "cash", "改提付，运费退还发货人")
    assert pickup.collect_due(corrected) == Decimal("197.00")
    assert money.paid(waybill.id) == Decimal("0.00")


def test_a_refund_needs_a_supervisor_a_reason_and_at_most_what_was_paid(clerk, tmp_path):
    """A clerk cannot give money back; a supervisor must say why and cannot refund more than
    was paid; the refund is a negative payment with its reason, audited."""
    waybill = _issue(clerk, tmp_path)
    with pytest.raises(PermissionDenied):
        money.refund(clerk, waybill.number, "10", "cash", "客户要")
    boss = login("chenjing")
    with pytest.raises(FormError) as caught:
        money.refund(boss, waybill.number, "197.01", "cash", " ")
    assert [e.field for e in caught.value.errors] == ["reason", "amount"]
    money.refund(boss, waybill.number, "50", "cash", "少送一件，退部分运费")
    [back] = list(Payment.select().where((Payment.waybill == waybill.id) & (Payment.amount < 0)))
    assert (back.amount, back.reason, back.by_id) == (Decimal("-50.00"), "少送一件，退部分运费", boss.user_id)
    assert AuditLog.select().where(AuditLog.action == "money.refund").count() == 1
    assert money.owed(Waybill.get_by_id(waybill.id)).due == Decimal("50.00")


def test_collect_freight_is_paid_in_part_by_any_method_with_its_reference(clerk, tmp_path):
    """提付 at XT: 100.00 by Alipay with its number, then the rest in cash. WeChat without its
    number, more than is owed, or at the wrong depot is refused at its field."""
    waybill = _issue(clerk, tmp_path, payment="collect")
    with pytest.raises(ServiceError) as caught:
        money.take(clerk, waybill.number, "10", "cash")  # GZ: the consignee pays at XT
    assert caught.value.key == "error.pay_elsewhere"
    xt = login("sunqi")
    with pytest.raises(FormError) as caught:
        money.take(xt, waybill.number, "198", "wechat", "")
    assert [e.key for e in caught.value.errors] == ["error.pay_amount", "error.reference_required"]
    money.take(xt, waybill.number, "100", "alipay", "2026112322001")
    assert pickup.collect_due(Waybill.get_by_id(waybill.id)) == Decimal("97.00")
    money.take(xt, waybill.number, "97", "cash", "ignored for cash")
    rows = list(Payment.select().where(Payment.waybill == waybill.id).order_by(Payment.id))
    assert [(p.purpose, p.amount, p.method, p.reference) for p in rows] == [
        ("collect", Decimal("100.00"), "alipay", "2026112322001"),
        ("collect", Decimal("97.00"), "cash", ""),
    ]
    with pytest.raises(ServiceError) as caught:
        money.take(xt, waybill.number, "1", "cash")
    assert caught.value.key == "error.nothing_owed"


def test_a_monthly_account_is_not_paid_at_the_counter(clerk, tmp_path):
    """月结 freight is the account's (the statement's), never taken at the counter."""
    from depot_tui.models import Customer

    Customer.update(monthly_account=True).where(Customer.phone == "15018845523").execute()
    waybill = _issue(clerk, tmp_path, payment="monthly")
    assert money.owed(waybill).payer == "account" and money.owed(waybill).due == Decimal("0.00")
    with pytest.raises(ServiceError) as caught:
        money.take(clerk, waybill.number, "10", "cash")
    assert caught.value.key == "error.pay_on_account"


def test_the_days_money_is_the_handovers_cash_by_construction(clerk, tmp_path):
    """Two waybills paid now in cash; the supervisor refunds part of one and the clerk takes it
    again by WeChat. The clerk's day's money and his handover count the same cash and WeChat.
    (The demo's own payments of the day, made before any shift existed, are set aside.)"""
    Payment.delete().where(Payment.by == clerk.user_id).execute()
    _issue(clerk, tmp_path)
    second = _issue(clerk, tmp_path)
    money.refund(login("chenjing"), second.number, "97", "cash", "客户改用微信付")
    money.take(clerk, second.number, "97", "wechat", "4200001234")
    today = f"{clerk_day():%Y-%m-%d}"
    register = registers.build(clerk, "money", today, today)
    assert {row[6] for row in register.rows} == {"张三"}  # a clerk's own: not the refund
    summary = handover.summary(clerk)
    assert summary.money == {"cash": Decimal("394.00"), "wechat": Decimal("97.00")}
    # (the demo's 30.00 waybill of the morning, its payment set aside above, is owed: said after)
    assert register.total.startswith(
        "现金 394.00　微信 97.00　支付宝 0.00　转账 0.00；其中退款 0.00；合计 491.00 元"
    )
    boss = registers.build(login("chenjing"), "money", today, today)
    assert "其中退款 -97.00；合计 394.00 元" in boss.total  # the depot's: the refund too


def clerk_day():  # noqa: ANN201 - a date
    from depot_tui.services import clock

    return clock.now().date()


def test_a_correction_reprices_from_the_issue_days_table_and_moves_only_the_difference(clerk, tmp_path):
    """The worked example (197.00, paid now). Weight 120 → 150 kg two days later, the table
    dearer since: freight 135.00 at the issue day's 0.90/kg, total 224.00, the shipper owes the
    27.00 (not a second 224.00) and pays it. Declared 3000 → 0: insurance 9.00 off, 215.00, 9.00
    paid over, to refund. Each is a signed revision with the total's change."""
    import datetime as dt

    from playhouse.shortcuts import model_to_dict
    from support import DEMO_NOW

    from depot_tui.models import PriceRule, WaybillRevision
    from depot_tui.services import clock

    waybill = _issue(clerk, tmp_path)
    tomorrow = DEMO_NOW.date() + dt.timedelta(days=1)
    for rule in list(PriceRule.select()):  # a dearer table from tomorrow: not the issue day's
        dearer = {
            **model_to_dict(rule, recurse=False),
            "id": None,
            "valid_from": tomorrow,
            "per_kg": Decimal("5"),
        }
        PriceRule.create(**dearer)
    with clock.at(DEMO_NOW + dt.timedelta(days=2)):
        waybills.correct(clerk, waybill.number, {"weight": "150"}, "复磅 150 kg", outbox=tmp_path)
    heavier = Waybill.get_by_id(waybill.id)
    assert (Decimal(str(heavier.freight)), Decimal(str(heavier.total))) == (
        Decimal("135.00"),
        Decimal("224.00"),
    )
    assert money.owed(heavier).due == Decimal("27.00") and money.owed(heavier).payer == "shipper"
    money.take(clerk, waybill.number, "27", "cash")  # the shipper pays the difference
    waybills.correct(clerk, waybill.number, {"declared_value": "0"}, "客户不保价", outbox=tmp_path)
    lighter = money.owed(Waybill.get_by_id(waybill.id))
    assert (lighter.total, lighter.due, lighter.over) == (Decimal("215.00"), Decimal("0.00"), Decimal("9.00"))
    changes = [r.changes for r in WaybillRevision.select().where(WaybillRevision.waybill == waybill.id)]
    assert '"total": ["197.00", "224.00"]' in changes[0] and '"total": ["224.00", "215.00"]' in changes[1]


@pytest.mark.parametrize(
    ("found", "fault"), [("134.4", True), ("129.6", False), ("105.6", True), ("120", False)]
)
def test_a_reweigh_beyond_ten_percent_proposes_fault_9_against_the_issuing_clerk(
    clerk, tmp_path, found, fault
):
    """R-5.9 "重量、体积错误超出10%扣1分/票": 120 kg found at +12 % or −12 % proposes F09 against
    张三; +8 % or the same does not. The re-weigh is recorded either way; the waybill unchanged."""
    from depot_tui.models import ScoreEvent

    waybill = _issue(clerk, tmp_path)
    done = waybills.reweigh(login("lisi"), waybill.number, found)
    assert done.fault_proposed is fault
    proposed = list(ScoreEvent.select().where(ScoreEvent.waybill == waybill.id))
    assert [(e.rule.code, e.user_id) for e in proposed] == ([("F09", clerk.user_id)] if fault else [])
    assert AuditLog.select().where(AuditLog.action == "waybill.reweigh").count() == 1
    assert Decimal(str(Waybill.get_by_id(waybill.id).weight_kg)) == Decimal("120")


def test_money_a_fault_makes_the_clerk_liable_for_is_on_the_event_the_month_and_the_export(clerk, tmp_path):
    """R-5.8 "并负责不够运费": 20 yuan below the table proposes F08 carrying the 88.00 short; a
    supervisor enters R-5.22's 35.50 by hand. Confirmed, the month shows 123.50 against 张三
    and the export has the column. A bad amount is refused at its field."""
    from depot_tui.models import ScoreEvent
    from depot_tui.services import scoring

    _issue(clerk, tmp_path, freight="20", below_reason="老客户让价")
    [f08] = list(ScoreEvent.select().where(ScoreEvent.user == clerk.user_id))
    assert (f08.rule.code, Decimal(str(f08.liable))) == ("F08", Decimal("88.00"))
    boss = login("chenjing")
    scoring.decide(boss, f08.id, True, "属实")
    today = f"{DEMO_NOW:%Y-%m-%d}"
    with pytest.raises(ServiceError) as caught:
        scoring.enter(boss, "F22", clerk.user_id, today, "欠款未经批准", liable="-5")
    assert caught.value.field == "liable"
    scoring.enter(boss, "F22", clerk.user_id, today, "欠款未经批准", liable="35.5")
    [line] = [x for x in scoring.month_table(boss, f"{DEMO_NOW:%Y-%m}") if x.user_id == clerk.user_id]
    assert line.liable == Decimal("123.50")
    done = scoring.export(boss, f"{DEMO_NOW:%Y-%m}", "csv", tmp_path)
    text = done.path.read_text(encoding="utf-8-sig")
    assert "负责金额" in text and "123.50" in text and "35.50" in text


def test_paid_on_receipt_is_owed_only_once_the_signed_receipt_is_back(clerk, tmp_path):
    """回单付: nothing is due while the receipt is out (not even 'paid in full'); once it is back
    at the origin the shipper owes the total, and pays it at the counter."""
    from depot_tui.models import ReturnReceipt

    waybill = _issue(clerk, tmp_path, payment="on_receipt")
    assert Payment.select().where(Payment.waybill == waybill.id).count() == 0
    owed = money.owed(waybill)
    assert (owed.payer, owed.due) == ("receipt", Decimal("0.00"))
    with pytest.raises(ServiceError) as caught:
        money.take(clerk, waybill.number, "197", "cash")
    assert caught.value.key == "error.pay_on_receipt"
    ReturnReceipt.update(status="returned").where(ReturnReceipt.waybill == waybill.id).execute()
    owed = money.owed(waybill)
    assert (owed.payer, owed.due) == ("shipper", Decimal("197.00"))
    money.take(clerk, waybill.number, "197", "wechat", "4200009999")
    assert money.owed(waybill).due == Decimal("0.00")


def test_the_accountants_summary_is_by_depot_purpose_and_method_and_not_a_clerks(clerk, tmp_path):
    """收款汇总: a clerk is refused; the supervisor's is his depot's, the admin's every depot's,
    each line a depot, purpose and method with its count, amount and refunds."""
    _issue(clerk, tmp_path)
    money.refund(
        login("chenjing"), Waybill.select().order_by(Waybill.id.desc()).first().number, "7", "cash", "少收"
    )
    with pytest.raises(PermissionDenied):
        registers.build(clerk, "ledger", "", "")
    today = f"{DEMO_NOW:%Y-%m-%d}"
    mine = registers.build(login("chenjing"), "ledger", today, today)
    assert {row[0] for row in mine.rows} == {"GZ"}
    cash = next(row for row in mine.rows if row[1:3] == ["运费", "现金"])
    assert cash[5] == Decimal("-7.00") and "其中退款 -7.00 元" in mine.total
    everyone = registers.build(login("admin"), "ledger", "2026-11-01", today)
    assert {row[0] for row in everyone.rows} >= {"GZ", "CS"}


def test_freight_paid_now_is_recorded_as_paid_by_wechat_with_its_number(clerk, tmp_path):
    """现付 by WeChat: the payment at issue says so with the transaction number; WeChat without
    its number is refused before anything is issued."""
    before = Waybill.select().count()
    with pytest.raises(FormError) as caught:
        waybills.issue(clerk, good_form(), shipper_confirmed=True, outbox=tmp_path, paid_by="wechat")
    assert [e.field for e in caught.value.errors] == ["reference"] and Waybill.select().count() == before
    number = waybills.issue(
        clerk, good_form(), shipper_confirmed=True, outbox=tmp_path, paid_by="wechat", reference="4200001111"
    ).number
    [paid] = list(Payment.select().join(Waybill).where(Waybill.number == number))
    assert (paid.method, paid.reference, paid.amount) == ("wechat", "4200001111", Decimal("197.00"))


def test_the_days_money_says_what_paid_now_freight_is_still_owed(clerk, tmp_path):
    """A 现付 waybill corrected upward (150 kg: 27.00 more) and not yet paid the difference: the
    day's money ends with what is still owed; paid, the line goes."""
    waybill = _issue(clerk, tmp_path)
    waybills.correct(clerk, waybill.number, {"weight": "150"}, "复磅 150 kg", outbox=tmp_path)
    today = f"{DEMO_NOW:%Y-%m-%d}"
    assert registers.build(clerk, "money", today, today).total.endswith("；现付未收足 1 票 27.00 元")
    money.take(clerk, waybill.number, "27", "cash")
    assert "未收足" not in registers.build(clerk, "money", today, today).total


def test_a_refund_by_someone_on_no_shift_goes_out_of_the_open_drawer(clerk, tmp_path):
    """The admin (no shift) gives 10.00 back at GZ's counter: it leaves the drawer of the
    shift open there, 张三's, so his handover and his day's money count it."""
    waybill = _issue(clerk, tmp_path)
    before = handover.summary(clerk).money["cash"]
    from depot_tui.services import auth

    admin = auth.login("admin", "depot123", terminal="office", pid=2).actor  # not 张三's terminal
    assert admin.shift_id is None
    money.refund(admin, waybill.number, "10", "cash", "少送货，退 10 元")
    back = Payment.select().where(Payment.amount < 0).get()
    assert back.shift_id == clerk.shift_id
    assert handover.summary(clerk).money["cash"] == before - Decimal("10.00")
    today = f"{DEMO_NOW:%Y-%m-%d}"
    assert any(row[4] == Decimal("-10.00") for row in registers.build(clerk, "money", today, today).rows)


def test_pieces_are_corrected_while_the_goods_are_all_here_and_every_label_printed_again(clerk, tmp_path):
    """3 → 4 pieces: a fourth labelled piece in stock, the labels printed again (each says n/4);
    4 → 2: the last two, never scanned, taken off. Once the waybill is planned onto a truck its
    pieces are refused at the field; the money is not touched (freight is by weight and volume)."""
    from depot_tui.models import Piece
    from depot_tui.services import loading

    waybill = _issue(clerk, tmp_path, pieces="3")
    waybills.correct(clerk, waybill.number, {"pieces": "4"}, "漏数一件", outbox=tmp_path)
    rows = list(Piece.select().where(Piece.waybill == waybill.id).order_by(Piece.index))
    assert [p.index for p in rows] == [1, 2, 3, 4] and rows[3].status == "in_stock"
    assert rows[3].label in (tmp_path / f"labels-{waybill.number}.zpl").read_text(encoding="utf-8")
    waybills.correct(clerk, waybill.number, {"pieces": "2"}, "多数两件", outbox=tmp_path)
    assert Piece.select().where(Piece.waybill == waybill.id).count() == 2
    assert Decimal(str(Waybill.get_by_id(waybill.id).total)) == Decimal("197.00")
    run = loading.create_run(
        clerk,
        loading.RunForm(
            plate="粤A 5C218", driver_name="刘建国", driver_phone="13922815506", stops="XT", departure="23:30"
        ),
    )
    loading.plan(clerk, run.id, [waybill.number])
    with pytest.raises(FormError) as caught:
        waybills.correct(clerk, waybill.number, {"pieces": "5"}, "又多一件", outbox=tmp_path)
    assert [(e.field, e.key) for e in caught.value.errors] == [("pieces", "error.pieces_moved")]
    assert Piece.select().where(Piece.waybill == waybill.id).count() == 2


def test_freight_corrected_by_hand_moves_the_total_and_below_the_table_is_fault_8(clerk, tmp_path):
    """Freight 108.00 (the table's) billed 120.00 after issue: the total follows (209.00, 12.00
    owed by the shipper). Then 90.00, below the table: the correction's reason is the reason
    billed below, F08 is proposed with the 18.00 short; a later weight correction keeps the
    freight as billed. Blank: back to the table."""
    from depot_tui.models import ScoreEvent

    waybill = _issue(clerk, tmp_path)
    waybills.correct(clerk, waybill.number, {"freight": "120"}, "协商运费 120", outbox=tmp_path)
    w = Waybill.get_by_id(waybill.id)
    assert (Decimal(str(w.total)), money.owed(w).due, w.below_table_reason) == (
        Decimal("209.00"),
        Decimal("12.00"),
        "",
    )
    waybills.correct(clerk, waybill.number, {"freight": "90"}, "老客户让价", outbox=tmp_path)
    w = Waybill.get_by_id(waybill.id)
    assert (Decimal(str(w.total)), w.below_table_reason) == (Decimal("179.00"), "老客户让价")
    [f08] = list(ScoreEvent.select().where(ScoreEvent.waybill == waybill.id))
    assert (f08.rule.code, Decimal(str(f08.liable))) == ("F08", Decimal("18.00"))
    waybills.correct(clerk, waybill.number, {"weight": "130"}, "复磅", outbox=tmp_path)
    assert Decimal(str(Waybill.get_by_id(waybill.id).freight)) == Decimal("90.00")
    waybills.correct(clerk, waybill.number, {"freight": ""}, "按价格表", outbox=tmp_path)
    w = Waybill.get_by_id(waybill.id)
    assert (Decimal(str(w.freight)), w.below_table_reason) == (Decimal("117.00"), "")  # 130 kg x 0.90
