"""The customer-service log and the month's summary (issue 23, parts 6 and 7): every enquiry and
complaint with its promised answer time; a complaint becomes an exception; a supervisor cites a
line for fault 14 or 19; the month's summary counts what happened. Without the log a complaint
by phone left no trace, and faults 14 and 19 were entered on nobody's record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from support import DEMO_NOW

from depot_tui.models import Enquiry, OperationException, ScoreEvent, ScoreRule
from depot_tui.services import auth, clock, exceptions, registers
from depot_tui.services.errors import FormError, PermissionDenied, ServiceError
from depot_tui.services.exceptions import Entry, Resolution


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def _summary_rows(boss) -> dict[str, list]:  # noqa: ANN001
    register = registers.build(boss, "summary", f"{DEMO_NOW:%Y-%m-01}", f"{DEMO_NOW:%Y-%m-%d}")
    return {row[0]: row for row in register.rows}


def test_a_phone_complaint_becomes_an_exception_resolved_with_compensation_in_the_summary(demo_db):
    """Logged by the clerk, the complaint is an exception at once (the supervisor is told); the
    supervisor resolves it with 50.00 paid; the month's summary counts it and the money."""
    clerk, boss = login("zhangsan"), login("chenjing")
    line_id = exceptions.take(
        clerk,
        Entry(
            kind="complaint",
            caller_name="王先生",
            caller_phone="139 0000 1111",
            waybill="",
            question="货到了没人通知，白跑一趟",
        ),
    )
    row = Enquiry.get_by_id(line_id)
    assert row.exception_id is not None and row.promised_at == DEMO_NOW + dt.timedelta(hours=2)
    exc = OperationException.get_by_id(row.exception_id)
    assert (exc.kind, exc.severity) == ("complaint", "major")
    assert "货到了没人通知" in exc.description
    assert row.exception_id in {x[0] for x in exceptions.unseen(boss)}
    exceptions.resolve(
        boss,
        row.exception_id,
        Resolution(cause="customer", result="道歉并退运费 50 元", responsible="depot", compensation="50"),
    )
    exceptions.answer(clerk, line_id, "已致歉，退运费 50 元")
    rows = _summary_rows(boss)
    assert rows["异常·投诉"][1] == 1 and "赔付及费用 50.00 元" in rows["异常·投诉"][2]
    assert rows["投诉"][1:] == [1, "按时答复 1，逾期未答 0"]


def test_an_enquiry_not_answered_by_its_time_is_listed_first_as_overdue(demo_db):
    """Two enquiries: one promised in 1 hour, one in 4. Two hours later the first is overdue and
    at the top; answered late it leaves the open list and counts as not on time."""
    clerk, boss = login("zhangsan"), login("chenjing")
    later = exceptions.take(clerk, Entry(question="运费怎么算", within="4"))
    sooner = exceptions.take(clerk, Entry(question="货到哪了", within="1"))
    with clock.at(DEMO_NOW + dt.timedelta(hours=2)):
        first, second = exceptions.log(clerk)
        assert (first.id, first.overdue) == (sooner, True) and (second.id, second.overdue) == (later, False)
        exceptions.answer(clerk, sooner, "明天上午到")
        assert [x.id for x in exceptions.log(clerk)] == [later]
        assert exceptions.log(clerk, open_only=False)[-1].overdue  # answered, but late
        assert _summary_rows(boss)["咨询"][1:] == [2, "按时答复 0，逾期未答 0"]
    with clock.at(DEMO_NOW + dt.timedelta(hours=5)):
        assert _summary_rows(boss)["咨询"][1:] == [2, "按时答复 0，逾期未答 1"]


@pytest.mark.parametrize(
    ("entry", "fields"),
    [
        (Entry(question=""), ["question"]),
        (Entry(question="x", caller_phone="12"), ["caller_phone"]),
        (Entry(question="x", waybill="GZ000"), ["waybill"]),
        (Entry(question="x", within="0"), ["within"]),
        (Entry(question="x", within="100"), ["within"]),
        (Entry(kind="gossip", channel="fax", question="\x1b[2J"), ["kind", "channel", "question"]),
    ],
)
def test_every_bad_field_of_a_log_line_is_named_and_nothing_is_logged(demo_db, entry, fields):
    """Empty, garbled, unknown or out-of-range: each field named at once; no line, no exception."""
    clerk = login("zhangsan")
    with pytest.raises(FormError) as caught:
        exceptions.take(clerk, entry)
    assert [e.field for e in caught.value.errors] == fields
    assert Enquiry.select().count() == 0 and OperationException.select().count() == 0


def test_a_line_is_answered_once_and_only_a_supervisor_cites_it_for_fault_14_or_19(demo_db):
    """A second answer is refused (the first stands); a clerk cannot cite; a supervisor cites
    fault 14 against the clerk who took it, the event carrying the line; fault 3 is refused."""
    clerk, boss = login("zhangsan"), login("chenjing")
    line_id = exceptions.take(clerk, Entry(question="能不能今天送到"))
    exceptions.answer(clerk, line_id, "今天送不到，明天上午")
    with pytest.raises(ServiceError) as caught:
        exceptions.answer(boss, line_id, "改口")
    assert caught.value.key == "error.enquiry_answered"
    assert Enquiry.get_by_id(line_id).answer == "今天送不到，明天上午"
    with pytest.raises(PermissionDenied):
        exceptions.cite(clerk, line_id, "F14", "自己扣自己")
    with pytest.raises(ServiceError) as caught:
        exceptions.cite(boss, line_id, "F03", "不对的条")
    assert caught.value.field == "code"
    event = ScoreEvent.get_by_id(exceptions.cite(boss, line_id, "f14", "答复超过承诺时间"))
    assert (event.user_id, event.enquiry_id, event.status) == (clerk.user_id, line_id, "confirmed")
    assert ScoreRule.get_by_id(event.rule_id).code == "F14" and event.points == Decimal("-1")


def test_the_months_summary_is_the_supervisors(demo_db):
    """A clerk asking for it is refused; the supervisor's has every section even when empty."""
    with pytest.raises(PermissionDenied):
        registers.build(login("zhangsan"), "summary", "", "")
    rows = _summary_rows(login("chenjing"))
    assert {
        "上报用时（中位，分钟）",
        "处理用时（中位，小时）",
        "晚到·A类",
        "晚到·B类",
        "晚到·C类",
        "咨询",
        "投诉",
    } <= set(rows)
