"""The roster (排班): planned days, swaps, a week repeated, login on the rostered shift, and a
rostered shift nobody worked proposed as absence. The demo depot GZ has 张三 (usual shift
early), 李四 (middle) and 王五 (night); the demo clock stands at Monday 2026-11-23 09:30."""

from __future__ import annotations

import datetime as dt

import pytest

from depot_tui.models import AuditLog, LeaveRequest, RosterDay, ScoreEvent, ScoreRule, Shift, User
from depot_tui.services import auth, clock, roster, scoring, waybills
from depot_tui.services.errors import PermissionDenied, ServiceError


def user(name: str) -> User:
    return User.get(User.username == name)


def day(n: int) -> dt.date:
    return dt.date(2026, 11, n)


def at(n: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, n, hour, minute)


@pytest.fixture
def chen(demo_db):  # noqa: ANN001, ANN201
    return auth.login("chenjing", "depot123", terminal="pts/9", pid=9).actor


def approved_leave(chen, clerk: User, start: dt.datetime, end: dt.datetime, reason: str) -> None:  # noqa: ANN001
    """Leave the clerk asked for on Monday morning and 陈静 approved."""
    LeaveRequest.create(
        user=clerk.id,
        kind="leave",
        starts_at=start,
        ends_at=end,
        reason=reason,
        applied_at=at(23, 9),
        status="approved",
        decided_by=chen.user_id,
        decided_at=at(23, 10),
    )


def absences(name: str) -> list[ScoreEvent]:
    return list(
        ScoreEvent.select()
        .join(ScoreRule)
        .where(
            (ScoreRule.code == "A04")
            & (ScoreEvent.user == user(name).id)
            & ScoreEvent.roster_day.is_null(False)
        )
    )


def test_a_cover_night_is_a_night_shift_not_twelve_hours_late(chen):
    """张三 works early, but covers Wednesday's night. He logs in at 19:55: he is on the night
    shift from 20:00 (not 11 h 55 min late for the early one, the old −8), may issue at 21:00,
    and gathering lateness the next morning proposes nothing against him."""
    zhang = user("zhangsan")
    roster.set_day(chen, zhang.id, day(25), "night")
    clock.fix(at(25, 19, 55))
    actor = auth.login("zhangsan", "depot123", terminal="pts/3", pid=3).actor
    shift = Shift.get_by_id(actor.shift_id)
    assert (shift.code, shift.planned_start, shift.planned_end) == ("night", at(25, 20), at(26, 8))
    clock.fix(at(25, 21, 30))
    waybills.check_on_duty(actor)  # he may issue on the night he covers (refused before)
    clock.fix(at(26, 8, 0))
    auth.logout(actor)
    clock.fix(at(26, 9))
    scoring.propose_attendance(chen)
    late = ScoreEvent.select().where((ScoreEvent.user == zhang.id) & (ScoreEvent.shift == shift.id))
    assert not late.exists()


def test_a_day_off_opens_no_shift_and_an_unplanned_day_keeps_the_usual_one(chen):
    """李四 is rostered off on Tuesday: logging in at noon puts him on no shift (he cannot
    issue); on Thursday, which nobody planned, he is on his usual middle shift."""
    li = user("lisi")
    roster.set_day(chen, li.id, day(24), None)
    roster.set_day(chen, li.id, day(23), None)  # Monday too: the nearest shift is not yesterday's
    roster.set_day(chen, li.id, day(25), None)
    clock.fix(at(24, 12))
    result = auth.login("lisi", "depot123", terminal="pts/4", pid=4)
    assert result.actor.shift_id is None and result.shift_code is None
    auth.logout(result.actor)
    clock.fix(at(26, 12, 5))
    result = auth.login("lisi", "depot123", terminal="pts/4", pid=4)
    assert Shift.get_by_id(result.actor.shift_id).planned_start == at(26, 12)


def test_a_rostered_shift_nobody_worked_is_proposed_as_absence_once(chen):
    """李四 is rostered middle on Tuesday 24th and never logs in. Once the shift has ended, the
    supervisor's queue holds one A04 (absence, −8) against him for it, however often it is
    gathered; 王五, rostered the same day on approved leave, and 张三, rostered off, get none.
    The note is read in the reader's language."""
    li, wang, zhang = user("lisi"), user("wangwu"), user("zhangsan")
    roster.set_day(chen, li.id, day(24), "middle")
    roster.set_day(chen, wang.id, day(24), "night")
    roster.set_day(chen, zhang.id, day(24), None)
    approved_leave(chen, wang, at(24, 20), at(25, 8), "家事")
    clock.fix(at(24, 23, 59))  # still inside the shift: nothing yet
    scoring.propose_attendance(chen)
    assert absences("lisi") == []
    clock.fix(at(25, 9))
    scoring.propose_attendance(chen)
    scoring.propose_attendance(chen)
    [event] = absences("lisi")
    assert (event.points, event.month, event.occurred_at) == (-8, "2026-11", at(24, 12))
    assert scoring.events(chen, li.id, "2026-11")[-1].note_key == "score.note.absent"
    assert absences("wangwu") == [] and absences("zhangsan") == []


def test_two_clerks_swap_a_day_and_a_week_is_repeated_as_the_pattern(chen):
    """陈静 swaps 张三 and 王五 on Friday 27th: 张三 works the night, 王五 the early shift, and the
    audit shows both. She then plans next week (from Monday 30th) and repeats it twice: the
    weeks of 12-07 and 12-14 are the same days."""
    zhang, wang = user("zhangsan"), user("wangwu")
    roster.swap(chen, day(27), zhang.id, wang.id)
    line = {x.username: x for x in roster.weeks(chen, day(23))}
    assert line["zhangsan"].days[4].code == "night" and line["wangwu"].days[4].code == "early"
    assert line["zhangsan"].days[3].code == "early" and not line["zhangsan"].days[3].planned
    assert AuditLog.select().where(AuditLog.action == "roster.swap").count() == 1
    monday = day(30)
    roster.set_day(chen, zhang.id, monday + dt.timedelta(days=5), None)
    roster.set_day(chen, zhang.id, monday + dt.timedelta(days=6), "middle")
    assert roster.repeat_week(chen, monday, 2) > 0
    three = {x.username: x for x in roster.weeks(chen, monday, 3)}
    codes = [c.code for c in three["zhangsan"].days]
    assert codes[0:7] == codes[7:14] == codes[14:21]
    assert codes[5:7] == [None, "middle"]


def test_the_roster_refuses_the_past_a_clerk_and_another_depots_clerk(chen):
    """Yesterday is history (lateness was measured against it); a clerk cannot plan shifts;
    陈静 cannot roster 赵六, who works at CS; a shift code that does not exist is refused."""
    zhang = user("zhangsan")
    with pytest.raises(ServiceError) as caught:
        roster.set_day(chen, zhang.id, day(22), "night")
    assert caught.value.key == "error.roster_past"
    clerk = auth.login("zhangsan", "depot123", terminal="pts/3", pid=3).actor
    with pytest.raises(PermissionDenied):
        roster.set_day(clerk, zhang.id, day(25), "night")
    with pytest.raises(ServiceError) as caught:
        roster.set_day(chen, user("zhaoliu").id, day(25), "night")
    assert caught.value.key == "error.roster_not_clerk"
    with pytest.raises(ServiceError) as caught:
        roster.set_day(chen, zhang.id, day(25), "late")
    assert caught.value.key == "error.shift_unknown"
    assert not RosterDay.select().exists()


def test_approved_leave_shows_on_the_roster(chen):
    """王五's approved leave over Wednesday night shows on that day of the week's roster."""
    wang = user("wangwu")
    approved_leave(chen, wang, at(25, 20), at(26, 8), "病假")
    line = {x.username: x for x in roster.weeks(chen, day(23))}
    assert [c.leave for c in line["wangwu"].days] == ["", "", "leave", "", "", "", ""]
