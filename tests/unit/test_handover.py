"""Shift handover (交接班), the summary the system assembles for the outgoing clerk. A summary
that missed money, a truck or an open matter would let the clerk walk away with it unsaid."""

from __future__ import annotations

from decimal import Decimal

import pytest
from support import DEMO_NOW, check_in_cs_truck, xt_form

from depot_tui.models import OperationException, Severity, Waybill
from depot_tui.services import auth, handover, pickup, waybills
from depot_tui.services.errors import ServiceError


def test_the_summary_is_what_the_shift_recorded(demo_db, tmp_path):
    """张三 clocks in at 09:30 (demo time) on the early shift and works to its end:
    - issues two waybills of the worked example (120 kg, 0.5 m³, 3000 declared, upstairs to
      湘潭县), cash, 197.00 each: 2 waybills, 3 + 2 = 5 pieces, cash 394.00 (freight);
    - checks in the truck from CS (its run number is among the trucks checked);
    - hands one of its waybills, made collect, to the consignee for its total paid by WeChat:
      wechat = that total (collect), cash still 394.00: the cash to hand over;
    - leaves a waybill half typed (1 draft);
    and a short is reported as a major exception: it blocks the handover. The demo's own
    matters are inherited: tonight's truck to XT still loading, the held waybills."""
    clerk = auth.login("zhangsan", "depot123", terminal="pytest", pid=1).actor
    for pieces in (3, 2):
        waybills.issue(clerk, xt_form(pieces), shipper_confirmed=True, outbox=tmp_path)
    arrived = check_in_cs_truck(clerk)
    collect = arrived[0]
    Waybill.update(payment_method="collect").where(Waybill.id == collect.id).execute()
    due = f"{Decimal(str(collect.total)):.2f}"
    pickup.pickup(clerk, collect.number, pickup.PickupForm(
        collector_name="刘建国", id_number="440106199003071231", signature_name="刘建国",
        collect_amount=due, collect_method="wechat"))
    waybills.save_draft(clerk, waybills.WaybillForm(consignee_name="半截"))
    OperationException.create(depot=clerk.depot_id, kind="short", severity=Severity.MAJOR,
                              waybill=arrived[1].id, pieces=1, description="少 1 件",
                              found_by=clerk.user_id, found_at=DEMO_NOW)

    got = handover.summary(clerk)
    assert (got.code, got.clock_in, got.waybills, got.pieces) == ("early", DEMO_NOW, 2, 5)
    assert got.money == {"cash": Decimal("394.00"), "wechat": Decimal(due)}
    assert got.by_purpose == {"freight": Decimal("394.00"), "collect": Decimal(due)}
    assert got.cash == Decimal("394.00")
    assert got.loading == [f"GZ{DEMO_NOW:%y%m%d}-01"] and got.departed == []
    assert len(got.checked) == 1 and got.checked[0].startswith("CS")
    assert [(e.severity, e.description) for e in got.blocking] == [("major", "少 1 件")]
    demo_held = Waybill.get(Waybill.hold_for_release, Waybill.status == "notified")
    assert set(got.held) == {demo_held.number} | {w.number for w in arrived if w.hold_for_release}
    assert got.to_notify == len(pickup.to_notify(clerk)) and got.drafts == 1
    assert got.receipts_pending == 1 and got.receipts_overdue == 1  # the demo's, picked up 2 days ago


def test_another_clerks_shift_is_not_summarised_as_mine(demo_db, tmp_path):
    """The summary is always the caller's own shift: 张三 issues a waybill, and 李四, logged in
    at the same moment on the middle shift, hands over nothing issued and no cash; an actor
    without a shift (the console) is refused."""
    from depot_tui.services.actor import console_actor

    zhang = auth.login("zhangsan", "depot123", terminal="pytest", pid=1).actor
    waybills.issue(zhang, xt_form(1), shipper_confirmed=True, outbox=tmp_path)
    li = auth.login("lisi", "depot123", terminal="pytest", pid=2).actor
    mine = handover.summary(li)
    assert (mine.code, mine.waybills, mine.cash, mine.money) == ("middle", 0, 0, {})
    assert handover.summary(zhang).waybills == 1
    with pytest.raises(ServiceError):
        handover.summary(console_actor("root"))
