"""The monthly score (考核, R-5, R-6): worked examples computed by hand in each docstring. A
wrong figure here is a wrong wage: each point is 10 yuan around a score of 100, within ±300
(the defaults: "当月实发工资等于100分")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from support import DEMO_NOW

from depot_tui.models import AuditLog, LeaveRequest, Role, ScoreEvent, ScoreRule, Shift, User
from depot_tui.services import auth, clock, scoring
from depot_tui.services.actor import Actor
from depot_tui.services.errors import PermissionDenied, ServiceError

OCT = "2026-10"


def user(name: str) -> User:
    return User.get(User.username == name)


def shift(
    clerk: User, start: dt.datetime, *, hours: int = 12, late: int = 0, early: int = 0, code: str = "early"
) -> Shift:
    """A past shift as worked: clocked in `late` minutes after its start, out `early` before its end."""
    end = start + dt.timedelta(hours=hours)
    return Shift.create(
        user=clerk.id,
        depot=clerk.depot_id,
        code=code,
        planned_start=start,
        planned_end=end,
        clock_in=start + dt.timedelta(minutes=late),
        clock_out=end - dt.timedelta(minutes=early),
        handed_over=True,
    )


def clerk(name: str) -> Actor:
    """The clerk as the score screens see them (a session is not needed, and logging in here
    would open an October shift, which counts toward full attendance)."""
    found = user(name)
    return Actor(found.id, found.username, found.name, Role.CLERK, found.depot_id)


def october_day(day: int, hour: int = 8) -> dt.datetime:
    return dt.datetime(2026, 10, day, hour)


def line_of(table, name: str):  # noqa: ANN001, ANN201
    return next(x for x in table if x.name == name)


@pytest.fixture
def chen(demo_db):  # noqa: ANN001, ANN201
    return auth.login("chenjing", "depot123", terminal="pts/9", pid=9).actor


def proposed(chen, code: str, clerk: str, day: int, note: str = "") -> ScoreEvent:  # noqa: ANN001
    return scoring.propose(
        chen, code, user_id=user(clerk).id, depot_id=chen.depot_id, note=note or code, at=october_day(day, 10)
    )


def test_a_clean_praised_month_is_110(chen):
    """October at GZ, nothing proposed against anyone:
    - 张三 worked his shifts, took one day of approved leave, and was praised:
      100 + 10 (B01, clean and praised) = 110; not full attendance (the leave), so no B03.
      Grade A (above 90); money (110 − 100) × 10 = 100 yuan.
    - 李四 worked every shift without leave, not praised: 100 + 6 (B02) + 5 (B03) = 111.
    - 王五 has no shift in October: 100 and no bonus (a month not worked is not a clean
      month, only an empty one)."""
    zhang, li = user("zhangsan"), user("lisi")
    for day in (5, 6, 7):
        shift(zhang, october_day(day))
        shift(li, october_day(day, 12))
    LeaveRequest.create(
        user=zhang.id,
        kind="leave",
        starts_at=october_day(12),
        ends_at=october_day(12, 20),
        applied_at=october_day(8),
        status="approved",
        decided_by=chen.user_id,
        decided_at=october_day(9),
    )
    scoring.praise(chen, zhang.id, OCT)
    table = scoring.month_table(chen, OCT)
    z, lisi, wang = line_of(table, "张三"), line_of(table, "李四"), line_of(table, "王五")
    assert (z.total, z.bonuses, z.grade, z.money) == (Decimal(110), ["B01"], "A", Decimal(100))
    assert (lisi.total, lisi.bonuses) == (Decimal(111), ["B02", "B03"])
    assert (wang.total, wang.bonuses, wang.worked) == (Decimal(100), [], False)


def test_a_month_of_mixed_faults_counts_only_what_was_confirmed(chen):
    """张三's October:
    - F15 notified late, confirmed: −1
    - F10 pieces short at arrival, confirmed: −2
    - F08 freight below the table, rejected (the table was wrong): 0
    - F20 handover, still proposed: 0 (nothing counts until decided), 1 pending
    - F19 a customer's complaint, entered by 陈静: −3 (entered by the one who decides)
    - A02 late 25 minutes, confirmed: −2
    100 − 1 − 2 − 3 − 2 = 92, no bonus (not clean, not full attendance): grade A (above 90),
    (92 − 100) × 10 = −80 yuan.
    The month cannot close with the F20 undecided; once rejected it closes."""
    zhang = user("zhangsan")
    for code in ("F15", "F10"):
        scoring.decide(chen, proposed(chen, code, "zhangsan", 5).id, True, "核实属实")
    scoring.decide(chen, proposed(chen, "F08", "zhangsan", 6).id, False, "报价表当天有误")
    f20 = proposed(chen, "F20", "zhangsan", 7)
    scoring.enter(chen, "F19", zhang.id, "2026-10-08", "客户投诉态度差", waybill="")
    scoring.decide(chen, proposed(chen, "A02", "zhangsan", 9, "迟到 25 分钟").id, True, "打卡记录")
    z = line_of(scoring.month_table(chen, OCT), "张三")
    assert (z.deductions, z.total, z.bonuses, z.grade, z.money) == (
        Decimal(-8),
        Decimal(92),
        [],
        "A",
        Decimal(-80),
    )
    assert (z.pending, z.events) == (1, 4)
    with pytest.raises(ServiceError) as caught:
        scoring.close_month(chen, OCT)
    assert caught.value.key == "error.score_month_undecided" and caught.value.params["proposals"] == 1
    with pytest.raises(ServiceError) as caught:
        scoring.decide(chen, f20.id, False, " ")
    assert caught.value.field == "reason"
    scoring.decide(chen, f20.id, False, "当晚王五已接班，系统漏记")
    scoring.close_month(chen, OCT)
    with pytest.raises(ServiceError) as caught:
        scoring.enter(chen, "F19", zhang.id, "2026-10-20", "又一起")
    assert caught.value.key == "error.score_month_closed"


def test_a_night_clerks_lateness_across_midnight_counts_in_the_month_the_shift_began(chen):
    """王五's night shift of Saturday 31 October, 20:00 to 08:00: he clocked in at 00:15 on
    1 November. That is 4 h 15 min late, over 3 hours: absence, A04, −8, and it belongs to
    October (the shift's month), not November. Proposed once however often the proposals
    are gathered; confirmed, October is 100 − 8 + 6 = 98 (absence is attendance, not one of the
    22 faults "上述扣分", so the clean-month +6 stands; full attendance is lost) and November
    is untouched."""
    wang = user("wangwu")
    start = dt.datetime(2026, 10, 31, 20)
    night = Shift.create(
        user=wang.id,
        depot=wang.depot_id,
        code="night",
        planned_start=start,
        planned_end=start + dt.timedelta(hours=12),
        clock_in=dt.datetime(2026, 11, 1, 0, 15),
        clock_out=dt.datetime(2026, 11, 1, 8, 0),
    )
    assert scoring.propose_attendance(chen) >= 1
    assert scoring.propose_attendance(chen) == 0
    event = ScoreEvent.get(ScoreEvent.shift == night.id)
    assert (event.rule.code, event.points, event.month) == ("A04", Decimal(-8), OCT)
    assert event.note.startswith("迟到 255 分钟")
    scoring.decide(chen, event.id, True, "无请假记录")
    october = line_of(scoring.month_table(chen, OCT), "王五")
    assert (october.total, october.bonuses) == (Decimal(98), ["B02"])
    assert line_of(scoring.month_table(chen, "2026-11"), "王五").lateness == 0


def test_repeated_short_lateness_escalates(chen):
    """R-6.4, A01 counted per month: up to 5 times nothing, more than 5 times −1, more than
    10 times −2, each further 5 times −1 more. So 5 → 0, 6 → −1, 10 → −1, 11 → −2, 15 → −2,
    16 → −3. 李四 late 11 times by a few minutes in October, each confirmed: 100 − 2 + 6 = 104:
    "如当月无上述扣分奖励6分" means none of the 22 faults above it, and lateness is attendance;
    not full attendance, so no +5."""
    rule = scoring.rule_in_force("A01", dt.date(2026, 10, 31))
    assert [scoring.escalation_points(rule, n) for n in (5, 6, 10, 11, 15, 16)] == [0, -1, -1, -2, -2, -3]
    li = user("lisi")
    for day in range(1, 12):
        shift(li, october_day(day, 12), late=4)
    clock.fix(dt.datetime(2026, 11, 2, 9))  # gathered early in November, as the month is decided
    scoring.propose_attendance(chen)
    late = list(
        ScoreEvent.select()
        .join(ScoreRule)
        .where((ScoreRule.code == "A01") & (ScoreEvent.user == li.id) & (ScoreEvent.month == OCT))
    )
    assert len(late) == 11
    for event in late:
        scoring.decide(chen, event.id, True, "打卡记录")
    line = line_of(scoring.month_table(chen, OCT), "李四")
    assert (line.late_count, line.lateness, line.total, line.bonuses) == (
        11,
        Decimal(-2),
        Decimal(104),
        ["B02"],
    )


def hr_actor() -> Actor:
    """刘芳 of HR (人力资源部, the demo's account), who decides appeals."""
    found = user("liufang")
    return Actor(found.id, found.username, found.name, Role.HR, found.depot_id)


def test_an_appeal_upheld_and_one_overturned(chen):
    """张三's F15 and 李四's F17 are confirmed on Friday 9 October, and both see them when
    they next look that morning (told: the window opens). Saturday 10 October is a working
    day (made up for National Day), so Thursday 15 October is the 5th working day after: 张三
    appeals then, in time; HR upholds it, it still counts (100 − 1 = 99). 李四 appeals the
    same day; overturned, it no longer counts: his month (he worked the 1st and 2nd, no leave)
    is 100 − 1 (his other F15, also confirmed on the 9th) + 5 (full attendance) = 104. His
    appeal of that F15 on Friday 16 October (the 6th working day) is late. A clerk cannot
    appeal another's event nor decide an appeal, nor can the supervisor who confirmed it."""
    for day in (1, 2):
        shift(user("lisi"), october_day(day, 12))
    f15, f17 = proposed(chen, "F15", "zhangsan", 5), proposed(chen, "F17", "lisi", 6)
    clock.fix(dt.datetime(2026, 10, 9, 10))
    for event in (f15, f17):
        scoring.decide(chen, event.id, True, "属实")
    zhang, li = clerk("zhangsan"), clerk("lisi")
    late = proposed(chen, "F15", "lisi", 7)
    scoring.decide(chen, late.id, True, "属实")
    assert scoring.tell(zhang) == [f15.id] and sorted(scoring.tell(li)) == sorted([f17.id, late.id])
    clock.fix(dt.datetime(2026, 10, 15, 17))
    with pytest.raises(ServiceError):
        scoring.appeal(zhang, f17.id, "替李四申诉")
    mine = scoring.appeal(zhang, f15.id, "客户电话打不通，有通话记录")
    his = scoring.appeal(li, f17.id, "身份证号写了，在背面")
    with pytest.raises(ServiceError) as caught:
        scoring.appeal(li, f17.id, "再申诉一次")
    assert caught.value.key == "error.score_appeal_open"
    for who in (zhang, chen):
        with pytest.raises(PermissionDenied):
            scoring.decide_appeal(who, his.id, True, "我批准")
    hr = hr_actor()
    scoring.decide_appeal(hr, mine.id, False, "通话记录只有一次，未达要求")
    scoring.decide_appeal(hr, his.id, True, "背面确有身份证号")
    assert [(x.name, x.total) for x in scoring.month_table(zhang, OCT)] == [("张三", Decimal(99))]
    assert line_of(scoring.month_table(chen, OCT), "李四").total == Decimal(104)
    assert ScoreEvent.get_by_id(f17.id).status == "overturned"
    clock.fix(dt.datetime(2026, 10, 16, 9))
    with pytest.raises(ServiceError) as caught:
        scoring.appeal(li, late.id, "太晚了吗")
    assert caught.value.key == "error.score_appeal_late"
    actions = [a.action for a in AuditLog.select().where(AuditLog.action.startswith("score.appeal"))]
    assert actions == ["score.appeal", "score.appeal", "score.appeal_upheld", "score.appeal_overturned"]


def test_a_rule_changed_mid_year_leaves_closed_months_as_paid(chen):
    """F15 costs 1 point. 张三 has one confirmed in September, which is closed: 99. From
    1 October 陈静 makes it 2 points: his October F15 (confirmed) now costs 2 (100 − 2 =
    98), September stays 99 as it was paid. Changing the rule from a day inside September is
    refused, and so is reopening September by anyone but an administrator (with a reason)."""
    zhang = user("zhangsan")
    september = scoring.propose(
        chen, "F15", user_id=zhang.id, depot_id=chen.depot_id, note="F15", at=dt.datetime(2026, 9, 14, 10)
    )
    scoring.decide(chen, september.id, True, "属实")
    scoring.decide(chen, proposed(chen, "F15", "zhangsan", 12).id, True, "属实")
    scoring.close_month(chen, "2026-09")
    assert line_of(scoring.month_table(chen, "2026-09"), "张三").total == Decimal(99)
    with pytest.raises(ServiceError) as caught:
        scoring.change_rule(chen, "F15", "-2", "2026-09-20")
    assert caught.value.key == "error.score_rule_closed_month"
    scoring.change_rule(chen, "F15", "-2", "2026-10-01")
    assert line_of(scoring.month_table(chen, OCT), "张三").total == Decimal(98)
    assert line_of(scoring.month_table(chen, "2026-09"), "张三").total == Decimal(99)
    assert scoring.rule_in_force("F15", dt.date(2026, 9, 30)).points == Decimal(-1)
    assert scoring.rule_in_force("F15", DEMO_NOW.date()).points == Decimal(-2)
    with pytest.raises(PermissionDenied):
        scoring.reopen_month(chen, "2026-09", "算错了")
    admin = auth.login("admin", "depot123", terminal="pts/8", pid=8).actor
    with pytest.raises(ServiceError):
        scoring.reopen_month(admin, "2026-09", "")
    scoring.reopen_month(admin, "2026-09", "工资表核对有误，重新计算")
    # reopened, September is computed from its events again: its F15 kept its 1 point (the
    # change was from October on)
    assert line_of(scoring.month_table(chen, "2026-09"), "张三").total == Decimal(99)


def test_a_clerks_session_reads_no_other_clerks_score_through_any_call(chen):
    """Every read F7 makes, called as 张三 for 李四's month: the table gives 张三's own line
    only, the events of 李四 are refused, and the supervisor's reads (queue, history, export,
    praise list, appeals) refuse a clerk outright. A clerk who could read a colleague's
    deductions through one forgotten call is the leak the company would hold us to."""
    import inspect

    scoring.decide(chen, proposed(chen, "F17", "lisi", 6).id, True, "属实")
    zhang, li = clerk("zhangsan"), user("lisi")
    assert [x.name for x in scoring.month_table(zhang, OCT)] == ["张三"]
    with pytest.raises(PermissionDenied):
        scoring.events(zhang, li.id, OCT)
    for call, args in (
        (scoring.queue, ()),
        (scoring.history, (OCT,)),
        (scoring.praised, (OCT,)),
        (scoring.open_appeal, (1,)),
        (scoring.appeals, ()),
        (scoring.export, (OCT, "csv", DEMO_NOW)),
    ):
        with pytest.raises(PermissionDenied):
            call(zhang, *args)
    # every public function of the module that takes an actor and a user or month is one of
    # the above, a write with its own check, or rules (public to all): a new read must be added here
    readers = {
        name
        for name, f in inspect.getmembers(scoring, inspect.isfunction)
        if f.__module__.startswith(scoring.__name__)  # the package and its modules
        and not name.startswith("_")
        and "actor" in inspect.signature(f).parameters
    }
    assert readers == {
        "appeal",
        "appeals",
        "change_rule",
        "close_month",
        "decide",
        "decide_appeal",
        "enter",
        "events",
        "export",
        "history",
        "month_closed",
        "month_table",
        "open_appeal",
        "praise",
        "praised",
        "propose",
        "propose_attendance",
        "queue",
        "reopen_month",
        "tell",  # the actor's own events only
        "told_lines",
    }


def test_a_lateness_note_is_read_in_the_readers_language():
    """Issue 21, finding 11: the notes the system writes for lateness are stored in Chinese,
    as a supervisor's reasons are, and came out in Chinese on an English F7. Read back, they are
    a catalogue key and values; a person's note is not taken for one."""
    from depot_tui.i18n import set_language, t
    from depot_tui.services.scoring.attendance import note_words

    key, params = note_words("迟到 12 分钟（11-20 08:00 起的班）")
    assert (key, params) == ("score.note.late", {"minutes": "12", "start": "11-20 08:00"})
    set_language("en")
    try:
        assert t(key, **params) == "12 min late (shift from 11-20 08:00)"
    finally:
        set_language("zh")
    assert note_words("迟到 12 分钟，客户说堵车") == ("", {})
