"""Leave, going out and overtime asked in advance and decided by a supervisor (R-6.11). A clerk
whose approved leave is not honoured is booked late or absent; one whose refusal has no reason
cannot argue it. The demo clock: Monday 2026-11-23 09:30."""

from __future__ import annotations

import datetime as dt

import pytest

from depot_tui.models import AuditLog, LeaveRequest, Role, User
from depot_tui.services import auth, leave
from depot_tui.services.actor import Actor
from depot_tui.services.errors import PermissionDenied, ServiceError


def at(n: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, n, hour, minute)


def clerk(name: str) -> Actor:
    found = User.get(User.username == name)
    return Actor(found.id, found.username, found.name, Role.CLERK, found.depot_id)


@pytest.fixture
def chen(demo_db):  # noqa: ANN001, ANN201
    return auth.login("chenjing", "depot123", terminal="pts/9", pid=9).actor


def refused(call, *args) -> ServiceError:  # noqa: ANN001
    with pytest.raises(ServiceError) as caught:
        call(*args)
    return caught.value


def test_a_clerk_asks_and_the_supervisor_approves_or_refuses_with_a_reason(chen):
    """张三 asks for Wednesday off and for two hours out on Thursday. 陈静 approves the leave
    and refuses the outing (a refusal without a reason is refused itself); both are audited,
    and 张三 reads the reason."""
    zhang = clerk("zhangsan")
    day_off = leave.ask(zhang, "leave", at(25, 8), at(25, 20), "孩子生病")
    outing = leave.ask(zhang, "out", at(26, 14), at(26, 16), "去银行")
    assert [x.id for x in leave.listing(chen)][:2] == [day_off.id, outing.id]
    leave.decide(chen, day_off.id, True)
    assert refused(leave.decide, chen, outing.id, False, " ").field == "reason"
    leave.decide(chen, outing.id, False, "周四人手不够")
    mine = {x.id: x for x in leave.mine(zhang)}
    assert (mine[day_off.id].status, mine[outing.id].status) == ("approved", "refused")
    assert mine[outing.id].decision_reason == "周四人手不够" and mine[outing.id].decided_by == "陈静"
    assert refused(leave.decide, chen, day_off.id, False, "改主意").key == "error.leave_decided"
    actions = {a.action for a in AuditLog.select().where(AuditLog.entity == "leave_request")}
    assert actions == {"leave.ask", "leave.approved", "leave.refused"}


def test_what_a_request_may_not_be(chen):
    """Refused at its field: an end before the start, a start already past (leave is asked in
    advance), longer than a month, overlapping one still standing, an unknown kind, no reason."""
    zhang = clerk("zhangsan")
    assert refused(leave.ask, zhang, "leave", at(25, 20), at(25, 8), "x").field == "ends_at"
    assert refused(leave.ask, zhang, "leave", at(23, 8), at(23, 20), "x").key == "error.leave_past"
    assert (
        refused(leave.ask, zhang, "leave", at(24, 8), dt.datetime(2026, 12, 30), "x").key
        == "error.leave_long"
    )
    assert refused(leave.ask, zhang, "holiday", at(24, 8), at(24, 20), "x").field == "kind"
    assert refused(leave.ask, zhang, "leave", at(24, 8), at(24, 20), "  ").field == "reason"
    leave.ask(zhang, "leave", at(24, 8), at(24, 20), "事假")
    clash = refused(leave.ask, zhang, "out", at(24, 10), at(24, 11), "办事")
    assert (clash.key, clash.params["start"]) == ("error.leave_overlap", "11-24 08:00")
    assert LeaveRequest.select().count() == 1


def test_a_clerk_withdraws_only_his_own_undecided_request_and_cannot_decide(chen):
    """李四 cannot withdraw 张三's request nor approve his own; 张三 withdraws his while it
    waits, and not once it is decided."""
    zhang, li = clerk("zhangsan"), clerk("lisi")
    first = leave.ask(zhang, "overtime", at(28, 20), at(28, 23), "盘点")
    assert refused(leave.withdraw, li, first.id).key == "error.leave_not_found"
    with pytest.raises(PermissionDenied):
        leave.decide(li, first.id, True)
    leave.withdraw(zhang, first.id)
    assert LeaveRequest.get_by_id(first.id).status == "withdrawn"
    second = leave.ask(
        zhang, "overtime", at(28, 20), at(28, 23), "盘点"
    )  # the withdrawn one no longer overlaps
    leave.decide(chen, second.id, True)
    assert refused(leave.withdraw, zhang, second.id).key == "error.leave_decided"


def test_another_depots_supervisor_cannot_decide(chen):
    """赵六 works at CS: 陈静 (GZ) does not see or decide his request."""
    zhao = clerk("zhaoliu")
    asked = leave.ask(zhao, "leave", at(25, 8), at(25, 20), "事假")
    assert asked.id not in [x.id for x in leave.listing(chen)]
    assert refused(leave.decide, chen, asked.id, True).key == "error.leave_not_found"
