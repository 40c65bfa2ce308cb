"""After arrival, past the counter, in the services: deliveries, transfers to partner lines,
return receipts on their way back, and the registers printed or exported from them. What each
refuses is tested here, because a screen is not the only caller: held goods must not go out by
delivery or transfer, a changed self-pickup must not leave before its fee is paid, a transfer
must not be registered without its rebate, and a receipt must not skip a step."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from rich.cells import cell_len
from support import DEMO_NOW, as_collect, check_in_cs_truck

from depot_tui.i18n import t
from depot_tui.models import (
    AuditLog,
    Delivery,
    DeliveryMode,
    Partner,
    Payment,
    Pickup,
    Piece,
    PieceStatus,
    ReturnReceipt,
    Transfer,
    Waybill,
    WaybillStatus,
)
from depot_tui.services import auth, clock, delivery, pickup, receipts, registers, transfers
from depot_tui.services.errors import FormError, ServiceError

GOOD_ID = "440106199003071231"


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def message(exc: ServiceError) -> str:
    if isinstance(exc, FormError):
        return " / ".join(f"{e.field}: {t(e.key, **e.params)}" for e in exc.errors)
    return f"{exc.field}: {t(exc.key, **exc.params)}" if exc.field else t(exc.key, **exc.params)


def refused(call, *args, **kwargs) -> str:  # noqa: ANN001
    with pytest.raises(ServiceError) as caught:
        call(*args, **kwargs)
    return message(caught.value)


@pytest.fixture
def arrived(demo_db):
    """张三 at GZ, and the demo CS truck's six waybills checked in at GZ."""
    clerk = login("zhangsan")
    return clerk, check_in_cs_truck(clerk)


def mine(lines: list, waybills: list[Waybill]) -> list:
    """The lines about the truck these tests checked in (the demo has other goods here)."""
    numbers = {w.number for w in waybills}
    return [line for line in lines if line.number in numbers]


def plan_form(**changes: str) -> delivery.DeliveryForm:
    form = delivery.DeliveryForm(
        day="11-24", agreed_time="14:00-16:00", address="天河区体育西路 3 号", mode="delivery"
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def test_a_delivery_fails_then_succeeds_and_every_attempt_is_kept(arrived):
    """A waybill issued for delivery (配送) is on the list to plan. The driver finds nobody
    there: the failure and its reason stay on that day's list, the goods stay here and the
    waybill is to plan again. The second attempt is delivered: the signer, the collect-freight
    taken at the door, every piece released, the waybill DELIVERED. A clerk who could plan
    two deliveries at once, deliver without the money, or lose the failed attempt would send
    a driver twice, hand goods over unpaid, or hide a complaint."""
    clerk, waybills = arrived
    w = waybills[0]
    as_collect(w.id, delivery_mode=DeliveryMode.DELIVERY, delivery_address="天河区体育西路 3 号")
    assert [line.number for line in mine(delivery.to_deliver(clerk), waybills)] == [w.number]

    assert "agreed_time: 写明和收货人约好的送货时间" in refused(
        delivery.plan, clerk, w.number, plan_form(agreed_time=" ")
    )
    assert "day: 日期须在 2026-11-23 至 2026-12-23 之间" in refused(
        delivery.plan, clerk, w.number, plan_form(day="11-22")
    )
    assert "mode:" in refused(delivery.plan, clerk, w.number, plan_form(mode="pickup"))
    assert "agreed_time:" in refused(delivery.plan, clerk, w.number, plan_form(agreed_time="下午" * 21))
    assert "address:" in refused(delivery.plan, clerk, w.number, plan_form(address="天河\x07区"))
    first = delivery.plan(clerk, w.number, plan_form())
    assert first.day == dt.date(2026, 11, 24) and first.fee == 0
    assert mine(delivery.to_deliver(clerk), waybills) == []
    assert "已安排送货" in refused(delivery.plan, clerk, w.number, plan_form())

    failed = delivery.failed(clerk, first.delivery_id, "收货人不在，电话不通")
    assert failed.status == "failed" and failed.done_by == "张三"
    assert "已登记为“未送达”" in refused(delivery.delivered, clerk, first.delivery_id, "刘建国")
    again = mine(delivery.to_deliver(clerk), waybills)
    assert [(line.number, line.failures, line.last_failure) for line in again] == [
        (w.number, 1, "收货人不在，电话不通")
    ]

    second = delivery.plan(clerk, w.number, plan_form(day="", agreed_time="下午"))
    assert second.day == DEMO_NOW.date()
    due = f"{Decimal(str(w.total)):.2f}"
    assert f"collect_amount: 提付应收 {due} 元" in refused(
        delivery.delivered, clerk, second.delivery_id, "刘建国"
    )
    assert "signer:" in refused(delivery.delivered, clerk, second.delivery_id, "刘先生", due, "cash")
    done = delivery.delivered(clerk, second.delivery_id, "刘建国", due, "wechat", "4200005555")
    assert (done.status, done.signer, done.pieces) == ("delivered", "刘建国", w.pieces)
    assert Waybill.get_by_id(w.id).status == WaybillStatus.DELIVERED
    assert (
        Piece.select().where((Piece.waybill == w.id) & (Piece.status == PieceStatus.RELEASED)).count()
        == w.pieces
    )
    assert Payment.get((Payment.waybill == w.id) & (Payment.purpose == "collect")).method == "wechat"
    today = delivery.deliveries(clerk, DEMO_NOW.date())
    assert [(line.number, line.status) for line in today] == [(w.number, "delivered")]
    tomorrow = delivery.deliveries(clerk, dt.date(2026, 11, 24))
    assert [(line.status, line.failure_reason) for line in tomorrow] == [("failed", "收货人不在，电话不通")]
    assert [
        a.action
        for a in AuditLog.select().where(AuditLog.action.startswith("delivery.")).order_by(AuditLog.id)
    ] == ["delivery.plan", "delivery.failed", "delivery.plan", "delivery.delivered"]


def test_a_self_pickup_changed_to_delivery_pays_its_fee_and_collect_freight_first(arrived):
    """R-2.16: a consignee who asked for delivery on the phone is on the list to plan, but the
    delivery is refused until the delivery fee (the price table's, plus the upstairs fee for
    上楼) and the collect-freight are taken. Held goods are refused outright. Without this a
    driver goes out for goods nobody has paid for."""
    clerk, waybills = arrived
    w, held = waybills[1], waybills[2]
    as_collect(w.id)
    Waybill.update(hold_for_release=True).where(Waybill.id == held.id).execute()
    assert mine(delivery.to_deliver(clerk), waybills) == []
    pickup.notify(clerk, w.number, "phone", "deliver", "要求送到店里")
    pickup.notify(clerk, held.number, "phone", "deliver")
    assert [line.number for line in mine(delivery.to_deliver(clerk), waybills)] == sorted(
        [w.number, held.number]
    )
    assert "等通知放货" in refused(delivery.plan, clerk, held.number, plan_form())

    fee = delivery.fee_due(Waybill.get_by_id(w.id), "upstairs")
    plain_fee = delivery.fee_due(Waybill.get_by_id(w.id), "delivery")
    assert fee > plain_fee > 0
    due = f"{Decimal(str(w.total)):.2f}"
    said = refused(delivery.plan, clerk, w.number, plan_form(mode="upstairs"))
    assert f"fee_amount: 自提改送货，先收送货费 {fee:.2f} 元" in said
    assert f"collect_amount: 提付应收 {due} 元" in said
    taken = Payment.select().where((Payment.waybill == w.id) & (Payment.purpose != "freight"))
    assert Delivery.select().count() == 0 and taken.count() == 0
    paying = plan_form(
        mode="upstairs", fee_amount=f"{fee}", fee_method="cash", collect_amount=due, collect_method="alipay"
    )
    assert "collect_reference: 微信、支付宝、转账要填交易单号" in refused(
        delivery.plan, clerk, w.number, paying
    )
    paying.collect_reference = "2026112422001"
    planned = delivery.plan(clerk, w.number, paying)
    assert (planned.fee, planned.collected) == (fee, Decimal(due))
    # Paid already: the door asks for nothing more.
    line = delivery.deliveries(clerk, dt.date(2026, 11, 24))[0]
    assert line.collect_due == 0
    assert delivery.delivered(clerk, planned.delivery_id, "王丽华").status == "delivered"
    assert [(p.purpose, p.method, p.reference) for p in taken.order_by(Payment.id)] == [
        ("delivery", "cash", ""),
        ("collect", "alipay", "2026112422001"),
    ]


def test_a_transfer_needs_partner_number_fee_and_the_rebate_marked(arrived):
    """Fault 6 is a transfer whose rebate (中转回扣) was not marked: the register refuses a blank
    rebate (0 is typed when there is none). The partner's waybill number and fee are required,
    the partner must be one on file, held goods do not go, and the goods handed on leave the
    depot's stock. Otherwise the depot pays a partner it cannot trace."""
    clerk, waybills = arrived
    w, held = waybills[3], waybills[4]
    partner = Partner.get(Partner.name == "顺通中转物流")
    Waybill.update(
        is_transfer=True, partner=partner.id, transfer_fee=Decimal("25"), rebate=Decimal("5")
    ).where(Waybill.id.in_([w.id, held.id])).execute()
    Waybill.update(hold_for_release=True).where(Waybill.id == held.id).execute()
    listed = mine(transfers.to_transfer(clerk), waybills)
    assert [(line.number, line.partner, line.fee, line.rebate) for line in listed][0] == (
        w.number,
        "顺通中转物流",
        Decimal("25.00"),
        Decimal("5.00"),
    )
    form = transfers.TransferForm(partner="顺通中转物流", partner_number="ST-88213", fee="25", rebate="")
    assert "rebate: 中转回扣必须标注，没有就填 0" in refused(transfers.register, clerk, w.number, form)
    said = refused(
        transfers.register,
        clerk,
        w.number,
        transfers.TransferForm(partner="不存在物流", partner_number=" ", fee="-1", rebate="0"),
    )
    assert said.startswith("partner: 没有中转商 不存在物流 / partner_number: 必填 / fee:")
    assert "等通知放货" in refused(
        transfers.register, clerk, held.number, transfers.TransferForm("顺通中转物流", "ST-1", "25", "0")
    )
    assert Transfer.select().count() == 0
    hostile = transfers.TransferForm("顺通中转物流", "ST\x1b[31m88", "9" * 20, "-5")
    said = refused(transfers.register, clerk, w.number, hostile)
    assert said.startswith("partner_number: ") and " / fee: " in said and " / rebate: " in said
    assert "控制字符" in said or "control" in said

    done = transfers.register(clerk, w.number, transfers.TransferForm("顺通中转物流", "ST-88213", "25", "0"))
    assert (done.partner, done.pieces) == ("顺通中转物流", w.pieces)
    row = Transfer.get(Transfer.waybill == w.id)
    assert (row.partner_waybill_number, row.fee, row.rebate, row.rebate_marked, row.pieces) == (
        "ST-88213",
        Decimal("25.00"),
        Decimal("0.00"),
        True,
        w.pieces,
    )
    assert Waybill.get_by_id(w.id).status == WaybillStatus.TRANSFERRED
    assert w.number not in [line.number for line in transfers.to_transfer(clerk)]
    assert "已无货在本站" in refused(
        transfers.register, clerk, w.number, transfers.TransferForm("顺通中转物流", "ST-88214", "25", "0")
    )


def test_a_return_receipt_walks_its_four_states_in_order_at_the_right_depots(arrived):
    """A receipt is signed at the destination once the goods are handed over, returned and
    handed to the shipper at the origin; each step records who and when, none can be skipped
    or taken at the wrong depot, and a step not taken in time is overdue. A receipt lost
    between depots is the shipper's money (回单付) and fault 7's cousin."""
    clerk, waybills = arrived
    w = waybills[0]
    Waybill.update(receipt_required=True, receipt_copies=2).where(Waybill.id == w.id).execute()
    ReturnReceipt.create(waybill=w.id, copies=2)
    assert mine(receipts.receipts(clerk), waybills) == []  # nothing to sign before the handover
    assert "还没提货或送达" in refused(receipts.step, clerk, w.number, "signed")
    assert "下一步不是“已返回”" in refused(receipts.step, clerk, w.number, "returned")
    pickup.pickup(
        clerk,
        w.number,
        pickup.PickupForm(collector_name="刘建国", id_number=GOOD_ID, signature_name="刘建国"),
    )
    listed = mine(receipts.receipts(clerk), waybills)
    assert [(line.number, line.status, line.next_here, line.overdue) for line in listed] == [
        (w.number, "unsigned", "signed", False)
    ]
    clock.fix(DEMO_NOW + dt.timedelta(days=1, hours=1))
    late = mine(receipts.receipts(clerk, overdue_only=True), waybills)
    assert [line.number for line in late] == [w.number]  # not signed a day after the pickup
    signed = receipts.step(clerk, w.number, "signed")
    assert (signed.status, signed.signed_by, signed.next_here) == ("signed", "张三", "")
    assert mine(receipts.receipts(clerk), waybills) == []  # GZ has nothing more to do with it

    cs = login("zhaoliu")
    assert "由 CS 站登记" in refused(receipts.step, clerk, w.number, "returned")
    clock.fix(DEMO_NOW + dt.timedelta(days=9))
    at_origin = mine(receipts.receipts(cs), waybills)
    assert [(line.number, line.next_here, line.overdue) for line in at_origin] == [
        (w.number, "returned", True)
    ]
    receipts.step(cs, w.number, "returned")
    with pytest.raises(ServiceError) as caught:
        receipts.step(cs, w.number, "handed", "王")
    assert caught.value.field == "handed_to"
    handed = receipts.step(cs, w.number, "handed", "李春梅")
    assert (handed.status, handed.handed_by, handed.handed_to) == ("handed", "赵六", "李春梅")
    row = next(r for r in registers.build(cs, "receipt", "11-01", "12-02").rows if r[0] == w.number)
    assert row[1:4] == ["CS→GZ", 2, "已交付"] and row[5::2] == ["张三", "赵六", "赵六"]
    assert (
        row[4::2][:3]
        == [
            DEMO_NOW + dt.timedelta(days=1, hours=1),
            DEMO_NOW + dt.timedelta(days=9),
            DEMO_NOW + dt.timedelta(days=9),
        ]
        and row[-1] == "李春梅"
    )
    assert mine(receipts.receipts(cs), waybills) == []
    assert [
        a.action
        for a in AuditLog.select().where(AuditLog.action.startswith("receipt.")).order_by(AuditLog.id)
    ] == ["receipt.signed", "receipt.returned", "receipt.handed"]


def test_the_printed_and_exported_registers_say_what_the_database_holds(arrived, tmp_path):
    """The pickup, transfer and receipt registers for a date range, printed on 80 columns and
    exported as CSV and XLSX, all from one build: every pickup's ID number and signature, every
    transfer's partner number and rebate, every receipt's steps. A register that disagreed
    with the database would be worthless the day a consignee disputes a pickup."""
    import openpyxl

    clerk, waybills = arrived
    first, second = waybills[0], waybills[1]
    as_collect(first.id)
    due = f"{Decimal(str(first.total)):.2f}"
    pickup.pickup(
        clerk,
        first.number,
        pickup.PickupForm(
            pieces="1",
            collector_name="刘建国",
            id_number=GOOD_ID,
            signature_name="刘建国",
            collect_amount=due,
            collect_method="cash",
        ),
    )
    pickup.pickup(
        clerk,
        second.number,
        pickup.PickupForm(
            collector_name="[bold]欧阳[/bold]明月", id_number="11010519491231002x", signature_name="欧阳明月"
        ),
    )
    Waybill.update(is_transfer=True).where(Waybill.id == waybills[2].id).execute()
    transfers.register(
        clerk, waybills[2].number, transfers.TransferForm("湘中快运", 'XZ,2026"11', "30.5", "3")
    )

    register = registers.build(clerk, "pickup", "", "")
    assert (register.start, register.end) == (dt.date(2026, 11, 1), DEMO_NOW.date())
    in_db = [
        (p.waybill.number, p.pieces, p.collector_name, p.collector_id_number, p.signature_name)
        for p in Pickup.select().order_by(Pickup.at, Pickup.id)
    ]
    assert len(in_db) == 3  # the demo's one two days ago, and these two
    assert [tuple(row[1:6]) for row in register.rows] == in_db
    register = registers.build(clerk, "pickup", "11-23", "")
    in_db = in_db[1:]
    assert [tuple(row[1:6]) for row in register.rows] == in_db
    assert register.rows[0][6] == Decimal(due) and register.rows[1][6] == 0

    paper = registers.text(register, "张三", clock.now())
    lines = paper.splitlines()
    assert "广州白云站 提货登记 2026-11-23 至 2026-11-23" in lines[0]
    assert all(cell_len(line) <= 80 for line in lines)
    body = [line for line in lines if first.number in line or second.number in line]
    assert len(body) == 2 and GOOD_ID in body[0] and "110105194912310" in body[1]
    assert f"共 2 次提货，{1 + second.pieces} 件，提付合计 {due} 元" in paper

    printed = registers.output(clerk, "pickup", "11-23", "11-23", "print", tmp_path)
    assert printed.path.read_text(encoding="utf-8") == paper
    exported = registers.output(clerk, "pickup", "2026-11-23", "", "csv", tmp_path).path
    rows = list(csv.reader(io.StringIO(exported.read_bytes().decode("utf-8-sig"))))
    assert rows[0] == ["时间", "运单号", "件数", "提货人", "身份证号", "签名", "提付", "经办"]
    assert [(r[1], int(r[2]), r[3], r[4], r[5]) for r in rows[1:]] == in_db
    book = openpyxl.load_workbook(registers.output(clerk, "pickup", "11-23", "", "xlsx", tmp_path).path)
    sheet = book.active
    cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=3, max_row=4)]
    assert [(r[1], r[2], r[3], r[4], r[5]) for r in cells] == in_db
    assert cells[0][0] == dt.datetime(2026, 11, 23, 9, 30) and cells[0][6] == float(due)

    moved = registers.build(clerk, "transfer", "11-23", "11-23")
    assert moved.rows[0][1:7] == [
        waybills[2].number,
        waybills[2].pieces,
        "湘中快运",
        'XZ,2026"11',
        Decimal("30.50"),
        Decimal("3.00"),
    ]
    exported = registers.output(clerk, "transfer", "11-23", "11-23", "csv", tmp_path).path
    assert list(csv.reader(io.StringIO(exported.read_bytes().decode("utf-8-sig"))))[1][4] == 'XZ,2026"11'
    assert registers.build(clerk, "transfer", "11-01", "11-22").rows == []
    empty = registers.build(clerk, "transfer", "11-01", "11-22")
    assert "（无）" in registers.text(empty, "张三", clock.now())

    assert "end: 结束日期在开始日期之前" in refused(registers.build, clerk, "pickup", "11-23", "11-01")
    assert "一次最多 366 天" in refused(registers.build, clerk, "pickup", "2025-01-01", "11-23")
    assert "日期写成" in refused(registers.build, clerk, "pickup", "昨天", "")
