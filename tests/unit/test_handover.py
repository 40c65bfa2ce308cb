"""Shift handover (交接班), the summary the system assembles for the outgoing clerk. A summary
that missed money, a truck or an open matter would let the clerk walk away with it unsaid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from support import DEMO_NOW, as_collect, check_in_cs_truck, xt_form

from depot_tui.models import (
    AuditLog,
    HandoverItem,
    OperationException,
    ScoreEvent,
    ScoreRule,
    Severity,
    Shift,
    User,
    Waybill,
)
from depot_tui.services import auth, clock, handover, pickup, waybills
from depot_tui.services.errors import FormError, PermissionDenied, ServiceError


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
    as_collect(collect.id)
    due = f"{Decimal(str(collect.total)):.2f}"
    pickup.pickup(
        clerk,
        collect.number,
        pickup.PickupForm(
            collector_name="刘建国",
            id_number="440106199003071231",
            signature_name="刘建国",
            collect_amount=due,
            collect_method="wechat",
            collect_reference="4200002222",
        ),
    )
    waybills.save_draft(clerk, waybills.WaybillForm(consignee_name="半截"))
    OperationException.create(
        depot=clerk.depot_id,
        kind="short",
        severity=Severity.MAJOR,
        waybill=arrived[1].id,
        pieces=1,
        description="少 1 件",
        found_by=clerk.user_id,
        found_at=DEMO_NOW,
    )

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


def at(hour: int, minute: int = 0):  # noqa: ANN201
    """Demo day at hour:minute on the fixed clock."""
    clock.fix(DEMO_NOW.replace(hour=hour, minute=minute))


def test_a_full_handover_with_cash_a_matter_and_a_disputed_item(demo_db, tmp_path):
    """8 p.m. at GZ. 张三 (early shift, to 20:00) issues one cash waybill of the worked example
    at 19:20 (197.00), starts the handover at 19:40, writes one open matter (cause, course,
    result), passes on an instruction, counts the keys face to face (3 of 3) and the cash
    (197.00 against the system's 197.00), and submits. 王五 (night shift) logs in at 19:50: he
    cannot issue until he accepts; he disputes the instruction (with a note) and accepts the
    rest. 张三's shift is then clocked out and handed over, 王五 may issue, and the log, the
    shifts and the audit trail say the same."""
    at(19, 20)
    zhang = auth.login("zhangsan", "depot123", terminal="pts/1", pid=1).actor
    waybills.issue(zhang, xt_form(1), shipper_confirmed=True, outbox=tmp_path)
    at(19, 40)
    draft = handover.start(zhang)
    assert draft.cash_system == Decimal("197.00") and handover.start(zhang).id == draft.id
    matter = handover.add_item(
        zhang,
        draft.id,
        handover.ItemForm(
            kind="matter",
            subject="湘潭县客户投诉到货慢",
            cause="上周五车辆故障",
            course="已电话道歉并说明",
            result="客户接受，明天再回访",
        ),
    )
    told = handover.add_item(
        zhang,
        draft.id,
        handover.ItemForm(kind="instruction", subject="陈主管：明早 8 点前把 XT 车的备注补齐"),
    )
    with pytest.raises(FormError) as caught:
        handover.add_item(
            zhang, draft.id, handover.ItemForm(kind="count", subject="钥匙", expected="3", counted="2")
        )
    assert caught.value.errors[0].field == "result"  # a difference needs its reason
    handover.add_item(
        zhang, draft.id, handover.ItemForm(kind="count", subject="钥匙", expected="3", counted="3")
    )
    at(19, 50)
    wang = auth.login("wangwu", "depot123", terminal="pts/2", pid=2).actor
    assert handover.pending(wang) == []  # not submitted yet
    with pytest.raises(FormError) as caught:
        handover.submit(zhang, draft.id, "190", "")
    assert caught.value.errors[0].field == "cash_note"
    done = handover.submit(zhang, draft.id, "197.00", "")
    assert done.status == "submitted" and done.cash_counted == Decimal("197.00")
    with pytest.raises(ServiceError) as caught:
        handover.add_item(zhang, draft.id, handover.ItemForm(kind="instruction", subject="晚了"))
    assert caught.value.key == "error.handover_not_draft"

    with pytest.raises(ServiceError) as caught:
        waybills.issue(wang, xt_form(1), shipper_confirmed=True, outbox=tmp_path)
    assert caught.value.key == "error.handover_not_accepted"
    assert [h.id for h in handover.pending(wang)] == [draft.id]
    assert handover.pending(zhang) == []  # not to himself
    with pytest.raises(ServiceError):
        handover.accept(zhang, draft.id)
    with pytest.raises(ServiceError):
        handover.accept(wang, draft.id, {told.id: "  "})  # a dispute needs its note
    at(19, 58)
    accepted = handover.accept(wang, draft.id, {told.id: "没说补哪几单，请主管明确"})
    assert accepted.status == "accepted" and accepted.to_shift_id == wang.shift_id
    items = {i.id: (i.status, i.dispute_note) for i in HandoverItem.select()}
    assert items[told.id] == ("disputed", "没说补哪几单，请主管明确") and items[matter.id][0] == "accepted"
    outgoing = Shift.get_by_id(zhang.shift_id)
    assert outgoing.handed_over and outgoing.clock_out == DEMO_NOW.replace(hour=19, minute=58)
    at(20, 5)
    waybills.issue(wang, xt_form(1), shipper_confirmed=True, outbox=tmp_path)  # now he may
    trail = AuditLog.select().where((AuditLog.entity == "handover") & (AuditLog.entity_id == str(draft.id)))
    actions = [a.action for a in trail.order_by(AuditLog.id)]
    assert actions == [
        "handover.start",
        "handover.item",
        "handover.item",
        "handover.item",
        "handover.submit",
        "handover.accept",
    ]


def test_no_handover_while_a_major_exception_is_open_unless_a_supervisor_overrides(demo_db):
    """R-4: a short found tonight and not resolved stops 张三 handing over; he cannot
    override it himself; 陈静 (supervisor) overrides with a reason, and the handover goes
    with the override and its reason recorded. Without the block the night clerk would
    inherit a missing piece nobody told him about."""
    at(19, 40)
    zhang = auth.login("zhangsan", "depot123", terminal="pts/1", pid=1).actor
    OperationException.create(
        depot=zhang.depot_id,
        kind="short",
        severity=Severity.MAJOR,
        pieces=1,
        description="CS 车少 1 件",
        found_by=zhang.user_id,
        found_at=clock.now(),
    )
    draft = handover.start(zhang)
    matter = HandoverItem.get(HandoverItem.handover == draft.id)
    assert matter.kind == "matter" and "CS 车少 1 件" in matter.subject
    handover.update_item(
        zhang,
        matter.id,
        handover.ItemForm(
            kind="matter",
            subject=matter.subject,
            cause="装车漏装",
            course="已电话长沙站",
            result="明早随车补回",
        ),
    )
    with pytest.raises(ServiceError) as caught:
        handover.submit(zhang, draft.id, "0")
    assert caught.value.key == "error.handover_blocked"
    with pytest.raises(PermissionDenied):
        handover.override(zhang, draft.id, "我自己批准")
    chen = auth.login("chenjing", "depot123", terminal="pts/3", pid=3).actor
    with pytest.raises(ServiceError):
        handover.override(chen, draft.id, " ")
    handover.override(chen, draft.id, "长沙站已确认明早补回，准予交班")
    done = handover.submit(zhang, draft.id, "0")
    assert done.status == "submitted" and done.override_by_id == chen.user_id
    assert done.override_reason == "长沙站已确认明早补回，准予交班"


def test_a_shift_ended_without_a_handover_is_proposed_as_fault_20_once(demo_db):
    """李四's middle shift yesterday (12:00-24:00) ended with no handover: an hour after its end
    it is proposed (fault 20, 2 points) against him for the supervisor, once however often the
    handover list is opened. A shift handed over is not."""
    li = User.get(User.username == "lisi")
    yesterday = (DEMO_NOW - dt.timedelta(days=1)).replace(hour=12, minute=0)
    Shift.update(handed_over=False).where(
        (Shift.user == li.id) & (Shift.planned_start == yesterday)
    ).execute()
    zhang = auth.login("zhangsan", "depot123", terminal="pts/1", pid=1).actor
    handover.pending(zhang)
    handover.pending(zhang)
    events = list(ScoreEvent.select().join(ScoreRule).where(ScoreRule.code == "F20"))
    assert [(e.user_id, e.points, e.shift.planned_start) for e in events] == [
        (li.id, Decimal("-2"), yesterday)
    ]


def test_only_the_shift_taking_over_is_stopped_from_issuing(demo_db, tmp_path):
    """张三 (early, to 20:00) hands over at 19:50. 李四 (middle, 12:00-24:00) has been at the
    counter beside him since noon: he keeps issuing. 王五 (night, from 20:00) takes over from
    张三: he cannot issue until he accepts. Stopping 李四 would halt the counter at 8 p.m.;
    not stopping 王五 would let him work past matters nobody handed him."""
    at(19, 40)
    zhang = auth.login("zhangsan", "depot123", terminal="pts/1", pid=1).actor
    li = auth.login("lisi", "depot123", terminal="pts/2", pid=2).actor
    handover.submit(zhang, handover.start(zhang).id, "0")
    at(19, 55)
    wang = auth.login("wangwu", "depot123", terminal="pts/3", pid=3).actor
    waybills.issue(li, xt_form(1), shipper_confirmed=True, outbox=tmp_path)
    assert handover.blocking_issue(li) is None
    with pytest.raises(ServiceError) as caught:
        waybills.issue(wang, xt_form(1), shipper_confirmed=True, outbox=tmp_path)
    assert caught.value.key == "error.handover_not_accepted"
    from depot_tui.services import home

    assert home.figures(wang).handover_from == "张三" and home.figures(li).handover_from is None


def test_lines_come_and_go_but_an_open_exception_stays_on_the_handover(demo_db):
    """A matter made for an exception cannot be taken off while the exception is open (the
    next clerk inherits it either way); once resolved it can. An exception found after the
    handover was started is added when F6 is opened again. A line added by mistake goes."""
    at(18, 0)
    zhang = auth.login("zhangsan", "depot123", terminal="pts/1", pid=1).actor
    damaged = OperationException.create(
        depot=zhang.depot_id,
        kind="damage",
        severity=Severity.MINOR,
        pieces=1,
        description="外箱破损",
        found_by=zhang.user_id,
        found_at=clock.now(),
    )
    draft = handover.start(zhang)
    mistake = handover.add_item(zhang, draft.id, handover.ItemForm(kind="instruction", subject="打错了"))
    at(18, 30)
    OperationException.create(
        depot=zhang.depot_id,
        kind="short",
        severity=Severity.MINOR,
        pieces=1,
        description="少 1 件",
        found_by=zhang.user_id,
        found_at=clock.now(),
    )
    assert handover.start(zhang).id == draft.id
    view = handover.run(zhang)
    assert [(i.kind, i.subject, i.exception_open) for i in view.items] == [
        ("matter", "外箱破损", True),
        ("instruction", "打错了", False),
        ("matter", "少 1 件", True),
    ]
    handover.start(zhang)
    assert len(handover.detail(zhang, draft.id).items) == 3  # not added twice
    handover.remove_item(zhang, mistake.id)
    with pytest.raises(ServiceError) as caught:
        handover.remove_item(zhang, view.items[0].id)
    assert caught.value.key == "error.handover_matter_open"
    OperationException.update(resolved_at=clock.now(), resolved_by=zhang.user_id, resolution="已赔付").where(
        OperationException.id == damaged.id
    ).execute()
    handover.remove_item(zhang, view.items[0].id)
    assert [i.subject for i in handover.detail(zhang, draft.id).items] == ["少 1 件"]
    li = auth.login("lisi", "depot123", terminal="pts/2", pid=2).actor
    with pytest.raises(ServiceError):
        handover.remove_item(li, view.items[2].id)  # not his shift's


def test_ready_refuses_what_submit_would_and_writes_nothing(demo_db):
    """F6 asks "hand over?" only of a handover that would go: ready() raises the same
    refusals as submit (cash missing, a matter unwritten) and leaves the draft a draft."""
    at(19, 40)
    zhang = auth.login("zhangsan", "depot123", terminal="pts/1", pid=1).actor
    draft = handover.start(zhang)
    handover.add_item(zhang, draft.id, handover.ItemForm(kind="matter", subject="客户投诉"))
    with pytest.raises(FormError) as caught:
        handover.ready(zhang, draft.id, "")
    assert [e.field for e in caught.value.errors] == ["cash_counted", "items"]
    assert handover.detail(zhang, draft.id).line.status == "draft"


def test_the_log_by_day_and_clerk_and_the_disputes_to_settle(demo_db):
    """The demo's past handovers at GZ: the log lists them by the day the outgoing shift
    began (a night shift handed over at 08:00 counts on the evening before), by clerk, and
    the ones with a dispute still open. 陈静 settles the open one; a clerk cannot, and a
    line with no dispute cannot be settled. A log that put the night on the wrong day, or
    lost a dispute, would send the supervisor looking in the wrong place."""
    zhang = auth.login("zhangsan", "depot123", terminal="pts/1", pid=1).actor
    two_days = f"{DEMO_NOW - dt.timedelta(days=2):%Y-%m-%d}"
    lines = handover.log(zhang, two_days)
    assert [(x.code, x.from_name, x.to_name, x.status) for x in lines] == [
        ("early", "张三", "王五", "accepted"),
        ("middle", "李四", "王五", "accepted"),
        ("night", "王五", "张三", "accepted"),
    ]
    night = lines[2]
    assert night.accepted_at.date() == (DEMO_NOW - dt.timedelta(days=1)).date()  # the morning after
    assert all(x.cash_difference == 0 for x in lines)
    assert [x.from_name for x in handover.log(zhang, two_days, clerk="lisi")] == ["李四"]
    assert len(handover.log(zhang, two_days, clerk="王")) == 3  # from or to 王五
    with pytest.raises(ServiceError) as caught:
        handover.log(zhang, "13-45")
    assert caught.value.field == "day"

    disputed = handover.log(zhang, disputed_only=True)
    assert [(x.from_name, x.to_name, x.day, x.disputed) for x in disputed] == [
        ("张三", "李四", (DEMO_NOW - dt.timedelta(days=1)).date(), 1)
    ]  # no night clerk yesterday
    view = handover.detail(zhang, disputed[0].id)
    item = next(i for i in view.items if i.status == "disputed")
    assert item.kind == "instruction" and "加车" in item.dispute_note
    three_days_ago = f"{DEMO_NOW - dt.timedelta(days=3):%Y-%m-%d}"
    three_days = handover.detail(zhang, handover.log(zhang, three_days_ago)[0].id)
    settled = next(i for i in three_days.items if i.status == "settled")
    assert settled.settled_by == "陈静" and "抽屉" in settled.settled_note
    assert three_days.summary.code == "early" and three_days.summary.cash == three_days.line.cash_system

    with pytest.raises(PermissionDenied):
        handover.settle(zhang, item.id, "我说了算")
    chen = auth.login("chenjing", "depot123", terminal="pts/3", pid=3).actor
    with pytest.raises(ServiceError) as caught:
        handover.settle(chen, item.id, "  ")
    assert caught.value.field == "settled_note"
    with pytest.raises(ServiceError) as caught:
        handover.settle(chen, settled.id, "再来一次")
    assert caught.value.key == "error.handover_not_disputed"
    handover.settle(chen, item.id, "周六早上 8 点加车，已通知司机")
    assert handover.log(zhang, disputed_only=True) == []
    trail = AuditLog.get(AuditLog.action == "handover.settle", AuditLog.entity_id == str(disputed[0].id))
    assert "已通知司机" in trail.new
