"""Leaving the post (离岗, R-6.8 to R-6.10) seen from a clerk's sessions inside a shift. A clerk
booked away for a re-login, or for an outing the supervisor approved, loses points for nothing;
one gone for hours unseen costs the others their cover. The demo depot GZ; 张三 works early."""

from __future__ import annotations

import datetime as dt

import pytest

from depot_tui.models import LeaveRequest, ScoreEvent, Session, Shift, User
from depot_tui.services import auth, clock, scoring
from depot_tui.services.scoring.away import gaps


def at(hour: int, minute: int = 0, day: int = 24) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute)


@pytest.fixture
def chen(demo_db):  # noqa: ANN001, ANN201
    return auth.login("chenjing", "depot123", terminal="pts/9", pid=9).actor


def worked(*spans: tuple[dt.datetime, dt.datetime], terminal: str = "pts/3") -> Shift:
    """张三's early shift of Tuesday 24th, worked in these sessions."""
    zhang = User.get(User.username == "zhangsan")
    shift = Shift.create(
        user=zhang.id,
        depot=zhang.depot_id,
        code="early",
        planned_start=at(8),
        planned_end=at(20),
        clock_in=spans[0][0],
        clock_out=max(b for _a, b in spans),
        handed_over=True,
    )
    for n, (a, b) in enumerate(spans):
        Session.create(
            user=zhang.id,
            shift=shift.id,
            terminal=terminal,
            pid=100 + n,
            started_at=a,
            ended_at=b,
            end_reason="logout",
        )
    return shift


def proposals(shift: Shift) -> list[tuple[str, str]]:
    return [(e.rule.code, e.note) for e in ScoreEvent.select().where(ScoreEvent.shift == shift.id)]


def test_gaps_are_where_no_session_was_open():
    """Two terminals overlapping are one presence; before the first and after the last are
    lateness and early leaving, not gaps."""
    sessions = [(at(8), at(11)), (at(10), at(12)), (at(13), at(15)), (at(15), at(20))]
    assert gaps(at(8), at(20), sessions) == [(at(12), at(13))]
    assert gaps(at(8), at(20), [(at(9), at(19))]) == []


@pytest.mark.parametrize(
    ("back", "code"), [((11, 40), "A05"), ((13, 0), "A06"), ((14, 0), "A06"), ((14, 1), "A07")]
)
def test_a_gap_between_sessions_is_proposed_by_its_length_once(chen, back, code):
    """The sheet: "不足一小时扣2分 / 不足三小时扣4分 / 超过三小时旷工处理,扣8分". Out at 11:00, back at 11:40
    is 40 minutes (A05); 2 hours A06; exactly 3 hours is neither under nor over three (A06,
    the supervisor decides); 3 h 01 min A07. Gathered twice, proposed once."""
    shift = worked((at(8), at(11)), (at(*back), at(20)))
    clock.fix(at(9, day=25))
    scoring.propose_attendance(chen)
    scoring.propose_attendance(chen)
    [(found, note)] = proposals(shift)
    assert found == code and note.startswith("离岗") and "11-24 11:00" in note


def test_a_quick_re_login_and_an_approved_outing_are_not_leaving_the_post(chen):
    """Logged out at 10:00 and back at 10:10 (under the 15 minutes of the setting): nothing.
    Out 14:00 to 15:30 on an outing 陈静 approved: nothing."""
    zhang = User.get(User.username == "zhangsan")
    LeaveRequest.create(
        user=zhang.id,
        kind="out",
        starts_at=at(14),
        ends_at=at(15, 30),
        reason="去银行",
        applied_at=at(9, day=23),
        status="approved",
        decided_by=chen.user_id,
        decided_at=at(10, day=23),
    )
    shift = worked((at(8), at(10)), (at(10, 10), at(14)), (at(15, 30), at(20)))
    clock.fix(at(9, day=25))
    scoring.propose_attendance(chen)
    assert proposals(shift) == []


def test_an_away_note_is_read_in_the_readers_language():
    from depot_tui.i18n import set_language, t
    from depot_tui.services.scoring.attendance import note_words

    key, params = note_words("离岗 40 分钟（11-24 11:00 至 11:40）")
    set_language("en")
    assert t(key, **params) == "away 40 min (11-24 11:00 to 11:40)"
