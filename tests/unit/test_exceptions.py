"""Exceptions (异常, SOP 004 ch.3) from report to close (issue 23, parts 1, 3 and 4): nothing is
closed without a result, nothing reopened without a reason, only a supervisor decides; the
handover follows the exception's state; faults 10 and 20 fall only where the rule sheet puts
them. A short piece nobody could resolve blocked every later handover at the depot and put a
fault 20 on the outgoing clerk each evening."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from support import DEMO_NOW, check_in_cs_truck

from depot_tui.models import (
    AuditLog,
    ExceptionNote,
    Handover,
    HandoverItem,
    OperationException,
    ScoreEvent,
    ScoreRule,
    Severity,
    Shift,
    User,
)
from depot_tui.services import auth, clock, exceptions, handover
from depot_tui.services.errors import FormError, PermissionDenied, ServiceError
from depot_tui.services.exceptions import Report, Resolution


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def _short(clerk) -> OperationException:  # noqa: ANN001
    """The CS truck checked in at GZ with one piece reported short, as the finish reports it."""
    arrived = check_in_cs_truck(clerk)
    number = exceptions.report(
        clerk, Report(kind="short", severity="major", waybill=arrived[1].number, pieces="1", seen="少 1 件")
    )
    return OperationException.get_by_id(number)


def _f(code: str) -> list[ScoreEvent]:
    return list(ScoreEvent.select().join(ScoreRule).where(ScoreRule.code == code))


def test_a_clerk_reports_what_he_found_and_every_refusal_names_its_field(demo_db):
    """SOP 004 ch.3 "发现异常…填写异常业务汇报表": a complaint at the counter, reported by hand with
    what was seen; a wrong waybill number, a missing description and a bad kind are refused at
    their fields, all at once; the report is audited and is the first step of its history."""
    clerk = login("zhangsan")
    with pytest.raises(FormError) as caught:
        exceptions.report(clerk, Report(kind="stolen", waybill="GZ000", pieces="-1", seen=" "))
    assert {e.field for e in caught.value.errors} == {"kind", "waybill", "pieces", "seen"}
    number = exceptions.report(
        clerk, Report(kind="complaint", severity="minor", seen="客户电话投诉：送货晚了两天")
    )
    whole = exceptions.read(clerk, number)
    assert (whole.line.kind, whole.line.found_by, whole.line.resolved_at) == ("complaint", "张三", None)
    assert [(s.kind, s.who, s.text) for s in whole.steps] == [
        ("report", "张三", "客户电话投诉：送货晚了两天")
    ]
    assert AuditLog.get(AuditLog.action == "exception.report").entity_id == str(number)


def test_only_a_supervisor_resolves_and_never_without_a_result(demo_db):
    """ "部门负责人调查处理": the clerk may note what he did, not close it; the supervisor's
    resolution needs a result and a known cause; a resolved one is not resolved again, and is
    reopened only with a reason, its first resolution staying in its history."""
    clerk, chen = login("zhangsan"), login("chenjing")
    short = _short(clerk)
    exceptions.note(clerk, short.id, "已查车厢，没有")
    with pytest.raises(PermissionDenied):
        exceptions.resolve(clerk, short.id, Resolution(cause="transit", result="找到了"))
    with pytest.raises(FormError) as caught:
        exceptions.resolve(chen, short.id, Resolution(cause="magic", result=" ", compensation="-5"))
    assert {e.field for e in caught.value.errors} == {"cause", "result", "compensation"}
    exceptions.resolve(
        chen,
        short.id,
        Resolution(cause="transit", result="途中遗失，赔付", responsible="driver", compensation="200"),
    )
    with pytest.raises(ServiceError) as caught:
        exceptions.resolve(chen, short.id, Resolution(cause="transit", result="again"))
    assert caught.value.key == "error.exception_resolved"
    with pytest.raises(ServiceError):
        exceptions.reopen(chen, short.id, " ")
    with pytest.raises(PermissionDenied):
        exceptions.reopen(clerk, short.id, "货找到了")
    exceptions.reopen(chen, short.id, "货在长沙站找到了")
    with pytest.raises(ServiceError) as caught:
        exceptions.reopen(chen, short.id, "again")
    assert caught.value.key == "error.exception_open"
    whole = exceptions.read(chen, short.id)
    assert [s.kind for s in whole.steps] == ["report", "note", "resolve", "reopen"]
    assert whole.line.resolved_at is None and whole.compensation == Decimal("200")
    assert [line.id for line in exceptions.listing(clerk)][0] == short.id  # open, major: first


def test_fault_10_only_when_the_supervisor_finds_the_count_at_intake_wrong(demo_db):
    """R-5.10 "收货件数与开单件数不符扣2分/票": the pieces counted at intake. A short found at
    arrival proposes nothing; resolved as lost in transit, still nothing; a second short
    resolved as counted wrong at intake proposes fault 10 against the clerk who issued it."""
    clerk, chen = login("zhangsan"), login("chenjing")
    short = _short(clerk)
    assert _f("F10") == []
    exceptions.resolve(chen, short.id, Resolution(cause="transit", result="途中遗失"))
    assert _f("F10") == []
    other = exceptions.report(
        clerk, Report(kind="over", severity="minor", waybill=short.waybill.number, pieces="1", seen="多 1 件")
    )
    exceptions.resolve(
        chen, other, Resolution(cause="intake_count", result="开单少写 1 件", responsible="clerk")
    )
    [f10] = _f("F10")
    assert (f10.user_id, f10.exception_id, f10.status) == (short.waybill.issued_by_id, other, "proposed")


def test_a_resolved_exception_no_longer_blocks_the_handover(demo_db):
    """R-4 refuses a handover while a major exception is open; once the supervisor resolves it
    the clerk hands over without an override."""
    clerk, chen = login("zhangsan"), login("chenjing")
    short = _short(clerk)
    assert [e.id for e in handover.summary(clerk).blocking] == [short.id]
    exceptions.resolve(chen, short.id, Resolution(cause="transit", result="途中遗失，已报保险"))
    assert handover.summary(clerk).blocking == []


def test_fault_20_only_for_a_shift_that_really_went_without_a_handover(demo_db):
    """R-5.20 "上下班未完成工作交接扣2分/次". 李四's shift yesterday ended while a major exception
    was open (the system refused his handover): no fault. 王五's night shift handed over, but
    nobody accepted it: no fault either. 张三's shift the day before went without one: fault 20."""
    li, wang, zhang = (User.get(User.username == n) for n in ("lisi", "wangwu", "zhangsan"))
    yesterday = (DEMO_NOW - dt.timedelta(days=1)).replace(hour=12, minute=0)
    li_shift = Shift.get((Shift.user == li.id) & (Shift.planned_start == yesterday))
    Shift.update(handed_over=False).where(Shift.id == li_shift.id).execute()
    OperationException.create(
        depot=li.depot_id,
        kind="short",
        severity=Severity.MAJOR,
        pieces=1,
        description="少 1 件",
        found_by=li.id,
        found_at=li_shift.planned_end - dt.timedelta(hours=3),
        resolved_at=li_shift.planned_end + dt.timedelta(hours=5),
        resolved_by=li.id,
        resolution="找到了",
    )
    nights_ago = (DEMO_NOW - dt.timedelta(days=3)).replace(hour=20, minute=0)
    wang_shift = Shift.get((Shift.user == wang.id) & (Shift.planned_start == nights_ago))
    Shift.update(handed_over=False).where(Shift.id == wang_shift.id).execute()
    Handover.delete().where(Handover.from_shift == wang_shift.id).execute()
    Handover.create(
        depot=wang.depot_id,
        from_shift=wang_shift.id,
        status="submitted",
        summary="{}",
        started_at=wang_shift.planned_end - dt.timedelta(minutes=10),
        submitted_at=wang_shift.planned_end,
    )
    before = (DEMO_NOW - dt.timedelta(days=2)).replace(hour=8, minute=0)
    zhang_shift = Shift.get_or_none((Shift.user == zhang.id) & (Shift.planned_start == before))
    assert zhang_shift is not None
    Shift.update(handed_over=False).where(Shift.id == zhang_shift.id).execute()
    Handover.delete().where(Handover.from_shift == zhang_shift.id).execute()
    with clock.at(DEMO_NOW):
        handover.pending(login("chenjing"))
    proposed = {(e.user_id, e.shift_id) for e in _f("F20")}
    assert (zhang.id, zhang_shift.id) in proposed
    assert (li.id, li_shift.id) not in proposed
    assert (wang.id, wang_shift.id) not in proposed


@pytest.mark.parametrize(
    "found, due",
    [
        (dt.datetime(2026, 11, 23, 10, 0), dt.datetime(2026, 11, 23, 10, 5)),  # Monday, in hours
        (dt.datetime(2026, 11, 23, 21, 0), dt.datetime(2026, 11, 24, 9, 0)),  # Monday night
        (dt.datetime(2026, 11, 24, 6, 30), dt.datetime(2026, 11, 24, 9, 0)),  # Tuesday before 8:00
        (dt.datetime(2026, 11, 27, 19, 0), dt.datetime(2026, 11, 30, 9, 0)),  # Friday evening
        (
            dt.datetime(2026, 9, 30, 20, 0),
            dt.datetime(2026, 10, 8, 9, 0),
        ),  # over National Day (10-01 to 10-07)
    ],
)
def test_the_report_is_due_in_5_minutes_in_hours_else_by_9_the_next_working_day(found, due):
    """SOP 004 ch.3 "5分钟内向部门负责人汇报…非工作时间…次日9:00前": in office hours on a working
    day 5 minutes; otherwise 9:00 of the next working day (a holiday week counts none)."""
    assert exceptions.deadline(found) == due


def test_a_grave_exception_waits_for_a_supervisor_until_one_opens_it(demo_db):
    """The 5-minute report: a major short found at GZ waits for 陈静 (not for a clerk: his
    sessions do not poll), is kept as seen with who and when at her first opening, and is
    listed overdue when nobody opened it by its deadline."""
    clerk, chen = login("zhangsan"), login("chenjing")
    short = _short(clerk)
    minor = exceptions.report(clerk, Report(kind="damaged", seen="纸箱压扁"))
    assert exceptions.unseen(clerk) == []
    assert [item[0] for item in exceptions.unseen(chen)] == [short.id]  # the minor one: no alarm
    with pytest.raises(PermissionDenied):
        exceptions.seen(clerk, short.id)
    with clock.at(DEMO_NOW + dt.timedelta(minutes=7)):
        [line] = [x for x in exceptions.listing(chen) if x.id == short.id]
        assert line.overdue  # found 09:30 on a Monday: due 09:35
        exceptions.seen(chen, short.id)
        exceptions.seen(chen, short.id)  # the first time is kept
    row = OperationException.get_by_id(short.id)
    assert (row.seen_by_id, row.seen_at) == (chen.user_id, DEMO_NOW + dt.timedelta(minutes=7))
    assert exceptions.unseen(chen) == [] and minor not in [
        x.id for x in exceptions.listing(chen) if x.overdue
    ]
    assert [s.kind for s in exceptions.read(chen, short.id).steps] == ["report", "seen"]
    assert ExceptionNote.select().where(ExceptionNote.kind == "seen").count() == 1


def test_the_handover_shows_each_open_exception_with_its_owner(demo_db):
    """Issue 23, part 3: what the outgoing clerk hands over names who follows each open
    exception up, so the incoming one knows whom to ask."""
    clerk, chen = login("zhangsan"), login("chenjing")
    short = _short(clerk)
    exceptions.assign(chen, short.id, "lisi")
    [open_one] = [e for e in handover.summary(clerk).exceptions if e.id == short.id]
    assert open_one.owner == "李四"
    draft = handover.start(clerk)
    [matter] = [
        i
        for i in HandoverItem.select().where(HandoverItem.handover == draft.id)
        if i.exception_id == short.id
    ]
    assert matter.subject.endswith("（跟进：李四）")
