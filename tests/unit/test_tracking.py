"""Goods followed to their promised day (SOP 004 ch.2, issue 23 part 5): the class at intake,
the expected arrival from the route, the late list by class with the calls that told the
customers, the on-time flag on arrival. Without them late goods were found when the consignee
phoned to complain, and nobody could say which goods were late or whether anyone was told."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from support import DEMO_NOW, xt_form

from depot_tui.models import AuditLog, LateCall, Piece, Waybill
from depot_tui.services import arrival, auth, clock, loading, tracking, waybills
from depot_tui.services.errors import FormError, ServiceError


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def _late(actor, when: dt.datetime) -> dict[str, tracking.Late]:  # noqa: ANN001
    return {x.number: x for x in tracking.late(actor, when)}


def _issue(clerk, tmp_path: Path, **changes: str) -> Waybill:  # noqa: ANN001
    form = dataclasses.replace(xt_form(2), **changes)
    number = waybills.issue(clerk, form, shipper_confirmed=True, outbox=tmp_path).number
    return Waybill.get(Waybill.number == number)


def _to_xt(clerk, waybill: Waybill, tmp_path: Path) -> tuple[int, list[str]]:  # noqa: ANN001
    """On a truck from GZ to XT, every piece scanned, departed at once: the run and the labels."""
    run = loading.create_run(
        clerk,
        loading.RunForm(
            plate="粤A 5C218", driver_name="刘建国", driver_phone="13922815506", stops="XT", departure="23:30"
        ),
    )
    labels = [p.label for p in Piece.select().where(Piece.waybill == waybill.id)]
    for label in labels:
        assert loading.scan(clerk, run.id, label).ok
    loading.depart(clerk, run.id, tmp_path)
    return run.id, labels


def _check_in_at_xt(run_id: int, labels: list[str], at: dt.datetime) -> None:
    """The truck checked in at XT by its night clerk at `at`, every piece."""
    with clock.at(at):
        xt = login("sunqi")
        check = arrival.start(xt, run_id)
        for label in labels:
            arrival.scan(xt, check.id, label)
        arrival.finish(xt, check.id)


def test_a_class_a_waybill_is_late_on_day_two_and_off_the_list_after_the_arrival_check(demo_db, tmp_path):
    """Required in two days, a one-day route (GZ's 湘线, 24 h): due tomorrow at this hour. On
    day two, not arrived, it is on the late list of both depots; the arrival check at XT takes
    it off and records it arrived late."""
    clerk = login("zhangsan")
    required = f"{DEMO_NOW.date() + dt.timedelta(days=2):%Y-%m-%d}"
    waybill = _issue(clerk, tmp_path, cargo_class="A", required_by=required)
    assert waybill.cargo_class == "A" and waybill.required_by == DEMO_NOW.date() + dt.timedelta(days=2)
    assert waybill.expected_at == DEMO_NOW + dt.timedelta(hours=24) == waybill.due_at
    run_id, labels = _to_xt(clerk, waybill, tmp_path)
    assert waybill.number not in _late(clerk, DEMO_NOW + dt.timedelta(hours=23))
    day_two = DEMO_NOW + dt.timedelta(days=2)
    for depot_clerk in (clerk, login("sunqi")):  # the shipper's depot and the consignee's
        (line,) = [x for x in tracking.late(depot_clerk, day_two) if x.number == waybill.number]
        assert (line.cargo_class, line.step, line.due) == ("A", "arrive", waybill.due_at)
    _check_in_at_xt(run_id, labels, day_two + dt.timedelta(hours=12))
    with clock.at(day_two + dt.timedelta(hours=13)):
        assert waybill.number not in _late(clerk, clock.now())
        assert waybill.number not in _late(login("sunqi"), clock.now())
    stored = Waybill.get_by_id(waybill.id)
    assert stored.arrived_at == day_two + dt.timedelta(hours=12) and stored.arrived_on_time is False


def test_class_a_is_suggested_for_the_door_urgent_new_or_valuable_and_b_otherwise():
    """The SOP's class A, as the counter's answers show it; the clerk may still choose."""

    def cls(**given: object) -> tuple[str, list[str]]:
        answers = {
            "delivery": "pickup",
            "required": None,
            "first_time": False,
            "declared_value": Decimal(0),
            "valuable": Decimal(5000),
            "today": DEMO_NOW.date(),
        }
        return tracking.suggested_class(**{**answers, **given})

    tomorrow = DEMO_NOW.date() + dt.timedelta(days=1)
    assert cls() == ("B", [])
    assert cls(delivery="upstairs") == ("A", ["door"])
    assert cls(required=tomorrow) == ("A", ["urgent"])
    assert cls(required=tomorrow + dt.timedelta(days=1)) == ("B", [])
    assert cls(first_time=True) == ("A", ["first_time"])
    assert cls(declared_value=Decimal(5000)) == ("A", ["valuable"])
    assert cls(declared_value=Decimal(4999)) == ("B", [])


def test_an_unanswered_class_takes_the_suggestion_and_the_slip_prints_it(demo_db, tmp_path):
    """The worked example goes upstairs: class A without the clerk choosing; a pickup from a
    known shipper with nothing special is B; the slip says the class and the expected day."""
    clerk = login("zhangsan")
    door = _issue(clerk, tmp_path)
    assert door.cargo_class == "A"
    plain = _issue(clerk, tmp_path, delivery="pickup", address="", receipt=False, receipt_copies="")
    assert plain.cargo_class == "B"
    slip = waybills.slip_text(door)
    assert "类别   A类（逐步跟踪）" in slip and f"预计到达 {door.expected_at:%m-%d %H:%M}" in slip


@pytest.mark.parametrize(
    ("typed", "field"),
    [("11-22", "required_by"), ("2027-03-01", "required_by"), ("明天", "required_by"), ("D", "cargo_class")],
)
def test_a_required_date_in_the_past_too_far_or_garbled_is_refused_at_its_field(
    demo_db, tmp_path, typed, field
):
    """A date before today, more than 60 days out, or not a date is named at its field; so is a
    class that is not A, B or C. Nothing is issued."""
    clerk = login("zhangsan")
    before = Waybill.select().count()
    form = dataclasses.replace(xt_form(1), **{field: typed})
    with pytest.raises(FormError) as caught:
        waybills.issue(clerk, form, shipper_confirmed=True, outbox=tmp_path)
    assert [e.field for e in caught.value.errors] == [field]
    assert Waybill.select().count() == before


def test_class_a_not_gone_in_time_is_late_at_departure_and_each_call_is_recorded(demo_db, tmp_path):
    """Class A, still in stock 12 hours after issue: late at departure (not also at arrival).
    Telling the shipper is recorded with its answer, audited, and shown on the line; goods not
    late cannot be 'told'."""
    clerk = login("zhangsan")
    waybill = _issue(clerk, tmp_path, cargo_class="A")
    later = DEMO_NOW + dt.timedelta(hours=30)  # past departure and past the expected arrival
    (line,) = [x for x in tracking.late(clerk, later) if x.number == waybill.number]
    assert line.step == "depart" and line.told == frozenset()
    with clock.at(later):
        tracking.tell(clerk, waybill.number, "shipper", "told", "车辆故障，明早发")
        tracking.tell(clerk, waybill.number, "consignee", "no_answer")
        line = _late(clerk, later)[waybill.number]
        assert line.told == frozenset({"shipper"}) and line.calls == 2
        assert LateCall.select().where(LateCall.waybill == waybill.id).count() == 2
        assert AuditLog.select().where(AuditLog.action == "tracking.tell").count() == 2
        with pytest.raises(ServiceError) as caught:
            tracking.tell(clerk, waybill.number, "martian", "told")
        assert caught.value.field == "party"
    fresh = _issue(clerk, tmp_path, cargo_class="B")
    with pytest.raises(ServiceError) as caught:
        tracking.tell(clerk, fresh.number, "shipper", "told")
    assert caught.value.key == "error.not_late"


def test_waybills_issued_before_tracking_are_never_late(demo_db):
    """A waybill from before the class was asked has no due time: it is not invented now."""
    clerk = login("zhangsan")
    month_on = DEMO_NOW + dt.timedelta(days=30)
    assert {"arrive", "depart"} <= {x.step for x in tracking.late(clerk, month_on)}  # the demo's
    Waybill.update(due_at=None, expected_at=None, cargo_class="").execute()
    assert {x.step for x in tracking.late(clerk, month_on)} <= {"notify"}
