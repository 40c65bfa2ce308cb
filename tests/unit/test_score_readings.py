"""The score read as the company's rule sheet reads (the sheet governs: ../shared/reference/),
each test quoting the line it implements. A wrong reading here is a wrong wage or a lost
appeal. The demo depot GZ; its clerks 张三, 李四, 王五; 陈静 supervises."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from depot_tui.models import Role, ScoreEvent, Shift, User
from depot_tui.services import auth, clock, scoring, users, workdays
from depot_tui.services.actor import Actor
from depot_tui.services.errors import PermissionDenied, ServiceError

OCT = "2026-10"


def user(name: str) -> User:
    return User.get(User.username == name)


def clerk(name: str) -> Actor:
    found = user(name)
    return Actor(found.id, found.username, found.name, Role.CLERK, found.depot_id)


@pytest.fixture
def chen(demo_db):  # noqa: ANN001, ANN201
    return auth.login("chenjing", "depot123", terminal="pts/9", pid=9).actor


def worked(name: str, day: int, *, late: int = 0) -> Shift:
    who = user(name)
    start = dt.datetime(2026, 10, day, 8)
    return Shift.create(
        user=who.id,
        depot=who.depot_id,
        code="early",
        planned_start=start,
        planned_end=start + dt.timedelta(hours=12),
        clock_in=start + dt.timedelta(minutes=late),
        clock_out=start + dt.timedelta(hours=12),
        handed_over=True,
    )


def late_codes(chen: Actor, minutes: int) -> str:  # noqa: D103
    shift = worked("zhangsan", 5, late=minutes)
    clock.fix(dt.datetime(2026, 10, 6, 9))
    scoring.propose_attendance(chen)
    return ScoreEvent.get(ScoreEvent.shift == shift.id).rule.code


def test_a_clean_month_with_one_25_minute_lateness_is_104(chen):
    """The sheet: "如当月无上述扣分奖励6分", where 上述 is the table of 22 faults above that line; lateness is
    the attendance section, with its own reward (全勤 +5). 张三 worked October, was 25
    minutes late once (A02, −2, confirmed): 100 − 2 + 6 = 104, not 98; no +5 (not full
    attendance)."""
    shift = worked("zhangsan", 5, late=25)
    worked("zhangsan", 6)
    clock.fix(dt.datetime(2026, 10, 7, 9))
    scoring.propose_attendance(chen)
    event = ScoreEvent.get(ScoreEvent.shift == shift.id)
    assert event.rule.code == "A02"
    scoring.decide(chen, event.id, True, "打卡记录")
    line = next(x for x in scoring.month_table(chen, OCT) if x.name == "张三")
    assert (line.total, line.bonuses) == (Decimal(104), ["B02"])


def test_three_hours_late_is_absence_and_a_minute_less_is_not(chen):
    """The sheet: "上下班迟到早退3小时以上按旷工处理,扣8分"; 以上 includes the number, so 3 h 00 min is
    absence (A04, −8); 2 h 59 min is "1小时至3小时" (A03, −4)."""
    assert late_codes(chen, 180) == "A04"
    ScoreEvent.delete().execute()
    Shift.delete().where(Shift.planned_start == dt.datetime(2026, 10, 5, 8)).execute()
    assert late_codes(chen, 179) == "A03"


def test_ninety_is_grade_b_and_ninety_and_a_half_is_a(chen):
    """The peer scheme: "考核分>90,绩效为a", strictly above 90; its "80-90 B": 90 and 80 are B."""
    assert [
        scoring.grade_of(Decimal(x), chen.depot_id) for x in ("90.5", "90", "80", "79.5", "60", "59")
    ] == ["A", "B", "B", "C", "E", "F"]


def test_pay_moves_ten_yuan_a_point_around_100_within_300(chen):
    """The sheet: "当月实发工资等于100分"; 100 is the full wage, each point 10 yuan, "浮动范围为±300元".
    张三's praised clean month of full attendance is 100 + 10 + 5 = 115 (+150 yuan); 李四,
    with 48 points of confirmed faults, is 52 + 5 (full attendance) = 57: (57 − 100) × 10 =
    −430, paid −300."""
    worked("zhangsan", 5)
    worked("lisi", 5)
    scoring.praise(chen, user("zhangsan").id, OCT)
    for n in range(6):
        scoring.enter(chen, "F13", user("lisi").id, f"2026-10-{n + 10}", "与客户争吵")  # −5 each
    for n in range(6):
        scoring.enter(chen, "F19", user("lisi").id, f"2026-10-{n + 20}", "客户投诉")  # −3 each
    table = {x.name: x for x in scoring.month_table(chen, OCT)}
    assert (table["张三"].total, table["张三"].money) == (Decimal(115), Decimal(150))
    assert (table["李四"].total, table["李四"].money) == (Decimal(57), Decimal(-300))


def test_a_new_clerks_first_two_months_move_no_pay(chen):
    """The peer scheme: "前二个月只评考核分,不浮动工资". 小周, hired 2026-09-15, is scored in October (her
    first two months run to 11-14) but paid no more and no less; hired 08-01, her October
    moves pay."""
    admin = auth.login("admin", "depot123", terminal="pts/8", pid=8).actor
    users.add_user(
        admin,
        username="xiaozhou",
        name="小周",
        role="clerk",
        depot_code="GZ",
        shift_code="early",
        password="first-pass-1",
        hired_on="2026-09-15",
    )
    zhou = user("xiaozhou")
    start = dt.datetime(2026, 10, 5, 8)
    Shift.create(
        user=zhou.id,
        depot=zhou.depot_id,
        code="early",
        planned_start=start,
        planned_end=start + dt.timedelta(hours=12),
        clock_in=start,
        clock_out=start + dt.timedelta(hours=12),
    )
    line = next(x for x in scoring.month_table(chen, OCT) if x.name == "小周")
    assert (line.total, line.probation, line.money) == (Decimal(111), True, Decimal(0))
    User.update(hired_on=dt.date(2026, 8, 1)).where(User.id == zhou.id).execute()
    line = next(x for x in scoring.month_table(chen, OCT) if x.name == "小周")
    assert (line.probation, line.money) == (False, Decimal(110))


def confirmed_fault(chen: Actor, name: str, on: str) -> ScoreEvent:
    return scoring.enter(chen, "F18", user(name).id, on, "交代的事项未完成")


def test_an_appeal_runs_five_working_days_from_being_told_not_from_the_decision(chen):
    """The appeal clause: "可在接到通知后5个工作日内向人力资源部门提出申诉". 陈静 confirms a deduction against
    张三 on Monday 11-23; he is told when he next looks, Wednesday 11-25 (the window opens
    then): the 5th working day after is Wednesday 12-02, the 6th Thursday 12-03, refused."""
    event = confirmed_fault(chen, "zhangsan", "2026-11-20")
    clock.fix(dt.datetime(2026, 11, 25, 8))
    zhang = clerk("zhangsan")
    assert scoring.tell(zhang) == [event.id]
    assert scoring.tell(zhang) == []  # told once
    assert scoring.appeal_until(ScoreEvent.get_by_id(event.id).notified_at) == dt.date(2026, 12, 2)
    clock.fix(dt.datetime(2026, 12, 3, 9))
    with pytest.raises(ServiceError) as caught:
        scoring.appeal(zhang, event.id, "当时交代给了李四")
    assert caught.value.key == "error.score_appeal_late" and caught.value.params["until"] == "12-02"
    clock.fix(dt.datetime(2026, 12, 2, 17))
    assert scoring.appeal(zhang, event.id, "当时交代给了李四").status == "open"


def test_the_national_day_holiday_stretches_the_window():
    """Told on Tuesday 2026-09-29: National Day 10-01 to 10-07 is off, Sunday 09-20 was a
    working day before it and Saturday 10-10 is one after it. The five working days are 09-30,
    10-08, 10-09, 10-10 and 10-12: the window ends on 10-12, not 10-06."""
    told = dt.date(2026, 9, 29)
    assert workdays.add_working_days(told, 5) == dt.date(2026, 10, 12)
    assert workdays.is_working_day(dt.date(2026, 10, 10)) and not workdays.is_working_day(
        dt.date(2026, 10, 5)
    )
    assert workdays.working_days_between(told, dt.date(2026, 10, 12)) == 5


def test_hr_decides_appeals_and_the_supervisor_cannot(chen):
    """The appeal goes "向人力资源部门", not to the supervisor who confirmed the deduction: 陈静
    cannot decide it; 孙芸 (role HR, at another depot) sees it in her list and overturns it."""
    event = confirmed_fault(chen, "zhangsan", "2026-11-20")
    appeal = scoring.appeal(clerk("zhangsan"), event.id, "当时交代给了李四")
    with pytest.raises(PermissionDenied):
        scoring.decide_appeal(chen, appeal.id, True, "核实")
    admin = auth.login("admin", "depot123", terminal="pts/8", pid=8).actor
    users.add_user(admin, username="sunyun", name="孙芸", role="hr", depot_code="CS", password="first-pass-1")
    hr = Actor(user("sunyun").id, "sunyun", "孙芸", Role.HR, user("sunyun").depot_id)
    assert [line.id for line in scoring.appeals(hr)] == [event.id]
    assert scoring.queue(chen) == [] or event.id not in [x.id for x in scoring.queue(chen)]
    scoring.decide_appeal(hr, appeal.id, True, "交代记录写的是李四")
    assert ScoreEvent.get_by_id(event.id).status == "overturned"


def test_a_month_closed_before_the_readings_is_read_as_it_was_paid(chen):
    """A closed month is never recomputed: September, closed when the base was 80 and there was
    no cap (a clean month of 111 paid +310 yuan, grade A at 90), reads back exactly so, though
    the settings and the readings have changed since."""
    import json

    from depot_tui.models import ScoreMonth

    zhang = user("zhangsan")
    paid = {
        "user_id": zhang.id,
        "name": "张三",
        "month": "2026-09",
        "deductions": "0",
        "lateness": "0",
        "late_count": 0,
        "bonuses": ["B02", "B03"],
        "bonus": "11",
        "total": "111",
        "grade": "A",
        "money": "310",
        "pending": 0,
        "appeals": 0,
        "events": 0,
        "worked": True,
    }
    ScoreMonth.create(depot=chen.depot_id, month="2026-09", closed=True, result=json.dumps([paid]))
    [line] = scoring.month_table(chen, "2026-09")
    assert (line.total, line.money, line.grade, line.probation) == (Decimal(111), Decimal(310), "A", False)
