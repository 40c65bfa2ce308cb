"""Many terminals at once, on both databases: numbers taken together, one truck scanned from
several terminals, a day begun by an older version. Each thread is a terminal with its own
connection; a barrier starts them together.

On PostgreSQL, before the counter row, six terminals issuing at once collided on MAX+1 (the
issue retried five times and then ended the clerk's session), and two terminals scanning
different pieces of one unplanned waybill both planned it, the second refused with a
duplicate-key message the clerk had not earned.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from support import checked_in_cs_truck, xt_form

from depot_tui.models import (
    Depot,
    ManifestWaybill,
    NumberCounter,
    Pickup,
    Piece,
    Waybill,
    WaybillStatus,
    database_proxy,
)
from depot_tui.services import auth, labels, loading, pickup, waybills
from depot_tui.services.errors import ServiceError

TERMINALS = 6


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def at_once(work, count: int = TERMINALS) -> list:  # noqa: ANN001 - work(n) -> list
    """Run `work(n)` for n in range(count), each in a thread of its own (a terminal: its own
    connection), started together; every thread's results, and any exception it raised."""
    start = threading.Barrier(count)
    out: list = [None] * count

    def terminal(n: int) -> None:
        with database_proxy.connection_context():
            start.wait()
            try:
                out[n] = work(n)
            except Exception as exc:  # reported below with what the others did
                out[n] = exc

    threads = [threading.Thread(target=terminal, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    failed = [r for r in out if isinstance(r, Exception)]
    assert not failed, failed
    return out


def test_terminals_issuing_at_once_get_every_number_once_without_gaps(demo_db, tmp_path: Path):
    """Six terminals issue five waybills each at the same moment: all thirty are issued (none
    refused, none retried), each number once, and the day's numbers run on without a gap
    from the last one issued before."""
    clerk = login("zhangsan")
    before = waybills.issue(clerk, xt_form(1), shipper_confirmed=True, outbox=tmp_path).number

    def issue_five(n: int) -> list[str]:
        return [
            waybills.issue(clerk, xt_form(1), shipper_confirmed=True, outbox=tmp_path / str(n)).number
            for _ in range(5)
        ]

    numbers = [number for got in at_once(issue_five) for number in got]
    assert len(set(numbers)) == len(numbers) == TERMINALS * 5
    seqs = sorted(labels.sequence_of(number) for number in numbers)
    assert seqs == list(range(labels.sequence_of(before) + 1, labels.sequence_of(before) + 1 + len(numbers)))
    assert Waybill.select().where(Waybill.number.in_(numbers)).count() == len(numbers)


def test_a_day_begun_before_the_counter_goes_on_from_its_last_number(demo_db, tmp_path: Path):
    """The demo's waybills of today were written without the counter (as by the version before
    it): the first number the counter gives is the one after them, not 0001 again."""
    clerk = login("zhangsan")
    gz = Depot.get(Depot.code == "GZ")
    today = (
        Waybill.select()
        .where((Waybill.origin_depot == gz.id) & Waybill.number.startswith("GZ261123"))
        .count()
    )
    assert today > 0
    NumberCounter.delete().execute()
    issued = waybills.issue(clerk, xt_form(1), shipper_confirmed=True, outbox=tmp_path)
    assert labels.sequence_of(issued.number) == today + 1


def test_an_issue_that_fails_gives_its_number_back(demo_db, tmp_path: Path, monkeypatch):
    """An issue that fails after taking its number (here the pieces cannot be written) leaves
    no hole in the day's numbers: the next waybill gets the number the failed one had."""
    clerk = login("zhangsan")
    first = waybills.issue(clerk, xt_form(1), shipper_confirmed=True, outbox=tmp_path).number

    def fails(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("the pieces could not be written")

    with monkeypatch.context() as patch:
        patch.setattr(Piece, "insert_many", fails)
        with pytest.raises(RuntimeError):
            waybills.issue(clerk, xt_form(1), shipper_confirmed=True, outbox=tmp_path)
    after = waybills.issue(clerk, xt_form(1), shipper_confirmed=True, outbox=tmp_path).number
    assert labels.sequence_of(after) == labels.sequence_of(first) + 1


def test_runs_created_at_once_get_every_number_once(demo_db):
    """Six loaders create a truck run for the same evening at once: six runs, six numbers."""
    clerk = login("zhangsan")

    def create(n: int) -> str:
        return loading.create_run(
            clerk,
            loading.RunForm(
                plate=f"粤A 5C21{n}",
                driver_name="刘建国",
                driver_phone="13922815506",
                stops="XT",
                departure="23:30",
            ),
        ).number

    seqs = sorted(int(number.rsplit("-", 1)[1]) for number in at_once(create))
    assert seqs == list(range(seqs[0], seqs[0] + TERMINALS))


def test_terminals_scanning_different_pieces_of_one_waybill_are_never_refused(demo_db, tmp_path: Path):
    """Three loaders split the pieces of the same new waybills between them (nobody planned
    them: the first scan of each plans it): every scan is loaded, none refused, and each
    waybill has one planned line with all its pieces."""
    clerk = login("zhangsan")
    run = loading.create_run(
        clerk,
        loading.RunForm(
            plate="粤A 5C218", driver_name="刘建国", driver_phone="13922815506", stops="XT", departure="23:30"
        ),
    )
    issued = [waybills.issue(clerk, xt_form(6), shipper_confirmed=True, outbox=tmp_path) for _ in range(4)]
    pieces = [label for waybill in issued for label in waybill.labels]

    def scan_share(n: int) -> list[loading.ScanResult]:
        return [loading.scan(clerk, run.id, label) for label in pieces[n::3]]

    results = [r for got in at_once(scan_share, 3) for r in got]
    assert [r for r in results if not r.ok] == []
    assert sorted(r.label for r in results) == sorted(pieces)
    lines = list(ManifestWaybill.select().where(ManifestWaybill.manifest == run.id))
    assert len(lines) == len(issued) and {line.planned_pieces for line in lines} == {6}
    assert Waybill.select().where(
        Waybill.number.in_([w.number for w in issued]) & (Waybill.status == WaybillStatus.ISSUED)
    ).count() == len(issued)


def test_two_counters_handing_over_the_same_goods_hand_them_over_once(demo_db):
    """Two clerks at two counters hand the same waybill's goods over at the same moment (the
    consignee and a relative both came): once handed over, and the other clerk is told so,
    never two pickups of the same pieces."""
    first, _held, _collect = checked_in_cs_truck()
    clerks = [login("zhangsan"), login("lisi")]
    form = pickup.PickupForm(collector_name="刘建国", id_number="440106199003071231", signature_name="刘建国")

    def hand_over(n: int) -> str:
        try:
            pickup.pickup(clerks[n], first.number, form)
        except ServiceError as exc:
            return exc.key
        return "handed over"

    assert sorted(at_once(hand_over, 2)) == ["error.pickup_state", "handed over"]
    assert Pickup.select().where(Pickup.waybill == first.id).count() == 1
