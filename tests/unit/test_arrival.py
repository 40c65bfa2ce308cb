"""Arrival check (到货清点) in the services: counted once, over and short, damaged, finish with
its exception reports and proposed deductions, resume, two terminals, several stops."""

from __future__ import annotations

import threading

import pytest

from depot_tui.i18n import t
from depot_tui.models import (
    ArrivalCheck,
    Depot,
    LoadedPiece,
    Manifest,
    OperationException,
    Piece,
    PieceStatus,
    ScanEvent,
    ScoreEvent,
    User,
    Waybill,
    WaybillStatus,
    database_proxy,
)
from depot_tui.services import arrival, auth, exceptions, home
from depot_tui.services.errors import ServiceError
from depot_tui.services.exceptions import Resolution


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def truck_from(origin: str, to: str) -> Manifest:
    """The demo truck from `origin` stopping at `to`, still to be checked (the demo has an
    earlier one from CS that was checked two nights ago)."""
    return (
        Manifest.select()
        .join(Depot, on=(Manifest.origin_depot == Depot.id))
        .where((Depot.code == origin) & Manifest.status.not_in(["open", "checked"]))
        .get()
    )


def expected_labels(manifest: Manifest, station: str) -> dict[str, list[str]]:
    """Waybill number -> labels of the pieces this manifest brings to `station`."""
    depot = Depot.get(Depot.code == station)
    out: dict[str, list[str]] = {}
    rows = (
        Piece.select(Piece, Waybill)
        .join(LoadedPiece, on=(LoadedPiece.piece == Piece.id))
        .switch(Piece)
        .join(Waybill)
        .where((LoadedPiece.manifest == manifest.id) & (Waybill.dest_depot == depot.id))
        .order_by(Waybill.number, Piece.index)
    )
    for p in rows:
        out.setdefault(p.waybill.number, []).append(p.label)
    return out


def test_a_night_check_counts_over_repeat_damaged_and_short_and_files_them(demo_db):
    """The demo truck from CS at GZ: every piece scanned but two of one waybill; a repeat; a GZ
    piece that is not on this truck (over: it goes to CS); one piece marked damaged. Finishing
    with the two short pieces is refused until confirmed with a note; then each problem is an
    exception report, the short and over waybills are proposed F10 deductions against the
    clerks who issued them, and the pieces and waybills say where they are. A night clerk would
    otherwise leave short goods unreported, or a clerk be docked for nothing."""
    clerk = login("zhangsan")
    truck = truck_from("CS", "GZ")
    bound = expected_labels(truck, "GZ")
    short_number = next(n for n, labels in bound.items() if len(labels) >= 3)
    labels = [label for n in sorted(bound) for label in (bound[n][:-2] if n == short_number else bound[n])]
    check = arrival.start(clerk, truck.id)
    assert check.counts.expected == sum(len(v) for v in bound.values()) and check.counts.checked == 0
    for label in labels:
        result = arrival.scan(clerk, check.id, label)
        assert result.ok and result.code == "ok", t(result.key, **result.params)
    repeat = arrival.scan(clerk, check.id, labels[0])
    assert repeat.code == "repeat" and "不重复计数" in t(repeat.key, **repeat.params)
    assert repeat.params["who"] == "张三"
    over_piece = (
        Piece.select()
        .join(Waybill)
        .join(Depot, on=(Waybill.dest_depot == Depot.id))
        .where((Piece.status == PieceStatus.IN_STOCK) & (Depot.code == "CS"))
        .first()
    )
    over = arrival.scan(clerk, check.id, over_piece.label)
    assert over.code == "over" and not over.ok and "应到 CS" in t(over.key, **over.params)
    damaged = arrival.mark_damaged(clerk, check.id, labels[1], "纸箱压扁")
    assert damaged.counts.damaged == 1 and damaged.counts.checked == len(labels)
    with pytest.raises(ServiceError) as caught:
        arrival.mark_damaged(clerk, check.id, bound[short_number][-1], "x")  # not scanned
    assert caught.value.key == "error.damage_not_checked"

    summary = arrival.summary(clerk, check.id)
    short_line = next(line for line in summary.lines if line.number == short_number)
    assert short_line.short == [len(bound[short_number]) - 1, len(bound[short_number])]
    assert summary.short == 2 and summary.over == 1 and summary.damaged == 1
    assert summary.lines[-1].clean and not summary.lines[0].clean  # problems first
    with pytest.raises(ServiceError) as caught:
        arrival.finish(clerk, check.id)
    assert caught.value.key == "error.finish_short"
    with pytest.raises(ServiceError):
        arrival.finish(clerk, check.id, "", accept_short=True)  # confirmed, but no note
    done = arrival.finish(clerk, check.id, "已查车厢，已电话长沙站", accept_short=True)
    assert done.exceptions == 3

    found = {
        e.kind: e for e in OperationException.select().where(OperationException.arrival_check == check.id)
    }
    assert set(found) == {"short", "over", "damaged"}
    assert found["short"].severity == "major" and found["short"].pieces == 2
    assert found["short"].waybill.number == short_number and "少件 2 件" in found["short"].description
    assert "已电话长沙站" in found["short"].description and found["short"].found_by_id == clerk.user_id
    assert "纸箱压扁" in found["damaged"].description
    # Fault 10 is the count at intake: nothing is proposed until the supervisor finds that cause
    # (issue 23); the over piece was bound for CS and scanned here by mistake, no one's intake.
    assert not ScoreEvent.select().exists()
    chen = auth.login("chenjing", "depot123", terminal="pytest", pid=1).actor
    resolved = Resolution(cause="intake_count", result="长沙站开单多写 2 件", responsible="clerk")
    exceptions.resolve(chen, found["short"].id, resolved)
    exceptions.resolve(chen, found["over"].id, Resolution(cause="scan_error", result="应到 CS，已转运"))
    short_waybill = Waybill.get(Waybill.number == short_number)
    proposed = [
        (e.waybill.number, e.user_id) for e in ScoreEvent.select().where(ScoreEvent.status == "proposed")
    ]
    assert proposed == [(short_number, short_waybill.issued_by_id)]
    assert User.get_by_id(short_waybill.issued_by_id).username == "zhaoliu"
    assert all(e.rule.code == "F10" and e.points == -2 for e in ScoreEvent.select())

    assert Piece.get(Piece.label == labels[0]).status == PieceStatus.ARRIVED
    assert Piece.get(Piece.label == bound[short_number][-1]).status == PieceStatus.MISSING
    assert Piece.get_by_id(over_piece.id).status == PieceStatus.IN_STOCK  # here, to go on to CS
    assert Waybill.get(Waybill.number == labels[0].split("-")[0]).status == WaybillStatus.ARRIVED
    assert Manifest.get_by_id(truck.id).status == "checked"
    assert (
        not LoadedPiece.select()
        .where((LoadedPiece.manifest == truck.id) & LoadedPiece.on_board.is_null(False))
        .exists()
    )
    assert arrival.scan(clerk, check.id, labels[2]).code == "closed"
    events = [
        e.result for e in ScanEvent.select().where(ScanEvent.arrival_check == check.id).order_by(ScanEvent.id)
    ]
    assert events == ["ok"] * len(labels) + ["repeat", "over", "damaged", "closed"]


def test_a_check_is_resumed_and_shared_not_started_twice(demo_db):
    """Opening the truck again (after a dropped link, or from a second terminal) rejoins the
    same check with its counts, and the truck list shows it being checked with its waybills
    and pieces; a clerk of another depot cannot scan into it."""
    first, second = login("zhangsan"), login("lisi")
    truck = truck_from("CS", "GZ")
    labels = [label for labels in expected_labels(truck, "GZ").values() for label in labels]
    check = arrival.start(first, truck.id)
    arrival.scan(first, check.id, labels[0])
    again = arrival.start(second, truck.id)
    assert again.id == check.id and again.counts.checked == 1
    assert ArrivalCheck.select().where(ArrivalCheck.manifest == truck.id).count() == 1
    listed = next(i for i in arrival.incoming(second) if i.manifest_id == truck.id)
    bound = expected_labels(truck, "GZ")
    assert (listed.state, listed.waybills, listed.pieces, listed.checked) == (
        "checking",
        len(bound),
        sum(len(v) for v in bound.values()),
        1,
    )
    with pytest.raises(ServiceError):
        arrival.scan(login("zhaoliu"), check.id, labels[1])


def test_two_terminals_scanning_one_truck_count_each_piece_once(demo_path):
    """Two clerks, two connections, the same labels at the same time: every piece is counted
    once; the other terminal's scan of it is a repeat."""
    from depot_tui import db

    database = db.open_database(str(demo_path))
    a, b = login("zhangsan"), login("lisi")
    truck = truck_from("CS", "GZ")
    labels = [label for labels in expected_labels(truck, "GZ").values() for label in labels]
    check = arrival.start(a, truck.id)
    results: dict[str, list[str]] = {"a": [], "b": []}

    def scan_all(name: str, actor) -> None:  # noqa: ANN001
        with database_proxy.connection_context():
            for label in labels:
                results[name].append(arrival.scan(actor, check.id, label).code)

    threads = [threading.Thread(target=scan_all, args=(name, actor)) for name, actor in (("a", a), ("b", b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results["a"] + results["b"]) == sorted(["ok"] * len(labels) + ["repeat"] * len(labels))
    assert arrival.counts(a, check.id).checked == len(labels)
    database.close()


def test_a_truck_with_two_stops_is_checked_at_each(demo_db):
    """The GZ truck stops at CS, then XT. At CS, an XT piece taken off is over ("stays on the
    truck"); finishing at CS sends the truck on (departed); at XT the rest is checked and the
    truck is done. Each depot's home figures follow its own stop: once CS has checked the
    truck it is neither coming to CS nor waiting there, though it is departed again (a CS clerk
    would otherwise be told a truck is on its way that has been and gone)."""
    cs, xt = login("zhaoliu"), login("sunqi")
    truck = truck_from("GZ", "CS")
    for_cs, for_xt = expected_labels(truck, "CS"), expected_labels(truck, "XT")
    assert (home.figures(cs).trucks_incoming, home.figures(xt).trucks_incoming) == (1, 1)
    check = arrival.start(cs, truck.id)
    for labels in for_cs.values():
        for label in labels:
            assert arrival.scan(cs, check.id, label).ok
    wrong = arrival.scan(cs, check.id, next(iter(for_xt.values()))[0])
    assert wrong.code == "over" and "应留在车上" in t(wrong.key, **wrong.params)
    assert (home.figures(cs).trucks_incoming, home.figures(cs).trucks_to_check) == (0, 1)
    arrival.finish(cs, check.id)
    assert Manifest.get_by_id(truck.id).status == "departed"
    assert (home.figures(cs).trucks_incoming, home.figures(cs).trucks_to_check) == (0, 0)
    assert (home.figures(xt).trucks_incoming, home.figures(xt).trucks_to_check) == (1, 0)
    at_xt = arrival.start(xt, truck.id)
    assert at_xt.counts.expected == sum(len(v) for v in for_xt.values())
    for labels in for_xt.values():
        for label in labels:
            result = arrival.scan(xt, at_xt.id, label)
            assert result.ok or result.code == "over"
    arrival.finish(xt, at_xt.id, "1 件在长沙多卸，已联系转回", accept_short=True)
    assert Manifest.get_by_id(truck.id).status == "checked"
