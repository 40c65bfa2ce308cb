"""Loading check (装车) in the services: truck runs, stock, scans with every refusal, partial
loads, departure and its manifest; two terminals on one truck (no screen involved)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from depot_tui.i18n import t
from depot_tui.models import (
    AuditLog,
    Depot,
    LoadedPiece,
    Manifest,
    ManifestWaybill,
    Piece,
    PieceStatus,
    ScanEvent,
    Waybill,
    WaybillStatus,
    database_proxy,
)
from depot_tui.services import auth, labels, loading, waybills
from depot_tui.services.errors import FormError, ServiceError


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def new_run(actor, stops: str = "CS XT", plate: str = "粤A 5C218") -> loading.Run:
    return loading.create_run(
        actor,
        loading.RunForm(
            plate=plate, driver_name="刘建国", driver_phone="13922815506", stops=stops, departure="23:30"
        ),
    )


def in_stock(station: str, *, pieces_at_least: int = 1) -> list[Waybill]:
    """GZ's issued waybills for `station`, oldest first, leaving out those on the demo's truck
    being loaded tonight."""
    depot = Depot.get(Depot.code == station)
    gz = Depot.get(Depot.code == "GZ")
    on_a_truck = ManifestWaybill.select(ManifestWaybill.waybill)
    return list(
        Waybill.select()
        .where(
            (Waybill.origin_depot == gz.id)
            & (Waybill.dest_depot == depot.id)
            & (Waybill.status == WaybillStatus.ISSUED)
            & (Waybill.pieces >= pieces_at_least)
            & Waybill.id.not_in(on_a_truck)
        )
        .order_by(Waybill.issued_at)
    )


def pieces_of(waybill: Waybill) -> list[str]:
    return [p.label for p in Piece.select().where(Piece.waybill == waybill.id).order_by(Piece.index)]


def said(result: loading.ScanResult) -> str:
    return t(result.key, **result.params)


def test_a_run_is_created_with_its_route_and_every_bad_field_is_named(demo_db):
    """The loader types plate, driver, phone, stops and time: a plate without its dot, in
    lower case, is still a plate; every wrong field is named at once, nothing half-created."""
    clerk = login("zhangsan")
    run = new_run(clerk, plate="粤a-5c218")
    assert run.plate == "粤A·5C218" and run.stops == ["CS", "XT"] and run.status == "open"
    assert run.number.startswith("GZ") and run.number.endswith("-02")  # the demo has tonight's -01
    assert new_run(clerk).number.endswith("-03")
    with pytest.raises(FormError) as caught:
        loading.create_run(
            clerk,
            loading.RunForm(
                plate="A12345", driver_name="刘", driver_phone="12345", stops="GZ ZZ", departure="25:00"
            ),
        )
    assert [e.field for e in caught.value.errors] == [
        "plate",
        "driver_name",
        "driver_phone",
        "stops",
        "departure",
    ]
    assert t(caught.value.errors[3].key, **caught.value.errors[3].params) == "GZ 是本站，不能作为到站"
    assert Manifest.select().where(Manifest.plate == "A12345").count() == 0


def test_stock_groups_by_destination_oldest_first_with_what_is_left(demo_db):
    """The stock view's figures: per destination the waybills, pieces, kg and m³ still here;
    a voided waybill is listed as such and not counted; a loaded piece is no longer in stock."""
    clerk, boss = login("zhangsan"), login("chenjing")
    groups = {g.depot_code: g for g in loading.stock(clerk)}
    assert set(groups) == {"CS", "XT"}
    cs = groups["CS"]
    assert [line.issued_at for line in cs.lines] == sorted(line.issued_at for line in cs.lines)
    demo_void = cs.lines[0]  # the demo's waybill called off yesterday, goods still here
    assert demo_void.void and cs.waybills == len(cs.lines) - 1
    live = [line for line in cs.lines if not line.void]
    assert cs.pieces == sum(line.in_stock for line in live)
    first = live[0]
    assert first.in_stock == first.pieces
    waybills.void(boss, first.number, "shipper took the goods back")
    run = new_run(clerk)
    second = next(line for line in live[1:] if line.pieces >= 2)
    loading.scan(clerk, run.id, pieces_of(Waybill.get(Waybill.number == second.number))[0])
    again = {g.depot_code: g for g in loading.stock(clerk)}["CS"]
    by_number = {line.number: line for line in again.lines}
    assert by_number[first.number].void and again.waybills == cs.waybills - 1
    assert by_number[second.number].in_stock == second.in_stock - 1
    assert by_number[second.number].planned_on == run.number


def test_every_scan_error_names_its_cause_and_is_recorded(demo_db):
    """A loader not looking at the screen hears the bell; the line must say what is wrong:
    each case below, and each scan (good or bad) stored with who and which session."""
    clerk, boss = login("zhangsan"), login("chenjing")
    cs_only = new_run(clerk, stops="CS")
    other = new_run(clerk, stops="CS XT", plate="粤B·88J21")
    cs_bill, xt_bill = in_stock("CS", pieces_at_least=2)[0], in_stock("XT")[0]
    label = pieces_of(cs_bill)[0]
    voided = in_stock("CS")[-1]
    waybills.void(boss, voided.number, "cancelled at the counter")
    departed = Piece.get(Piece.status == PieceStatus.IN_TRANSIT).label
    wrong_check = label[:-1] + ("0" if label[-1] != "0" else "1")
    no_such = labels.piece_label(cs_bill.number, 99)
    assert loading.scan(clerk, cs_only.id, label).ok
    cases = [
        (cs_only, label, "repeat", "错误：本车已装（"),
        (cs_only, wrong_check, "bad_check", "错误：校验位不对，请重扫或手输"),
        (cs_only, "6901234567892", "format", "错误：不是标签（扫错码了？）"),
        (cs_only, no_such, "unknown", "错误：没有这个标签"),
        (other, label, "other_truck", f"错误：已装在车次 {cs_only.number}（粤A·5C218）上"),
        (cs_only, pieces_of(xt_bill)[0], "off_route", "错误：到 XT，本车路线 CS"),
        (cs_only, pieces_of(voided)[0], "void", f"错误：运单 {voided.number} 已作废，不能装车"),
        (cs_only, departed, "departed", "错误：此件已在途，不在库"),
    ]
    for run, raw, code, message in cases:
        result = loading.scan(clerk, run.id, raw)
        assert (result.ok, result.code) == (False, code) and said(result).startswith(message), said(result)
    events = list(
        ScanEvent.select().where(ScanEvent.manifest.in_([cs_only.id, other.id])).order_by(ScanEvent.id)
    )
    assert [e.result for e in events] == ["ok"] + [code for _, _, code, _ in cases]
    assert all(e.user_id == clerk.user_id and e.session_id == clerk.session_id for e in events)


def test_hostile_scans_are_refused_and_stored_printable(demo_db):
    """A scanner misconfigured to send escape sequences, or a clerk pasting Rich markup: refused
    as 'not a label', and what is stored cannot repaint another clerk's terminal."""
    clerk = login("zhangsan")
    run = new_run(clerk)
    for raw in ["\x1b[2J\x1b[31mGZ", "[bold red]boom[/]", "", " " * 500, "𝔊𝔃" * 40]:
        result = loading.scan(clerk, run.id, raw)
        assert not result.ok and result.code == "format"
    stored = [e.raw for e in ScanEvent.select().where(ScanEvent.manifest == run.id)]
    assert all(raw.isprintable() and len(raw) <= 64 for raw in stored)


def test_a_partial_load_departs_only_with_its_note_and_the_manifest_agrees(demo_db, tmp_path: Path):
    """R-2.14: one waybill goes with one piece left behind. Departure is refused until the
    note is written; then the truck leaves, the piece left stays in stock, the waybill is
    partly loaded, the full one departed, and the printed manifest says all of it."""
    clerk = login("zhangsan")
    run = new_run(clerk)
    partial, full = in_stock("CS", pieces_at_least=2)[:2]
    loading.plan(clerk, run.id, [partial.number, full.number])
    partial_labels = pieces_of(partial)
    for label in partial_labels[:-1] + pieces_of(full):
        assert loading.scan(clerk, run.id, label).ok
    last = loading.scan(clerk, run.id, pieces_of(full)[-1])
    assert last.code == "repeat"
    counts = loading.scan(clerk, run.id, partial_labels[0]).counts
    assert counts.truck_loaded == partial.pieces - 1 + full.pieces
    assert counts.truck_planned == partial.pieces + full.pieces
    with pytest.raises(ServiceError) as caught:
        loading.depart(clerk, run.id, tmp_path)
    assert t(caught.value.key, **caught.value.params) == f"1 票未装完，须先写明原因：{partial.number}"
    loading.set_note(clerk, run.id, partial.number, "车满，余 1 件下一车")
    departed = loading.depart(clerk, run.id, tmp_path)

    assert Manifest.get_by_id(run.id).status == "departed"
    assert Waybill.get_by_id(partial.id).status == WaybillStatus.PARTLY_LOADED
    assert Waybill.get_by_id(full.id).status == WaybillStatus.DEPARTED
    left = Piece.get(Piece.label == partial_labels[-1])
    assert left.status == PieceStatus.IN_STOCK and left.depot_id == clerk.depot_id
    gone = Piece.select().where(Piece.label.in_(partial_labels[:-1] + pieces_of(full)))
    assert {p.status for p in gone} == {PieceStatus.IN_TRANSIT}
    text = (tmp_path / f"manifest-{departed.number}.txt").read_text(encoding="utf-8")
    assert "※ 未装 1 件，留库：车满，余 1 件下一车" in text
    assert f"装车 {partial.pieces - 1 + full.pieces} 件" in text and "粤A·5C218" in text
    from rich.cells import cell_len

    assert all(cell_len(line) <= 80 for line in text.splitlines())
    assert AuditLog.get((AuditLog.action == "manifest.depart") & (AuditLog.entity_id == departed.number))
    with pytest.raises(ServiceError):  # a departed manifest is closed to changes
        loading.set_note(clerk, run.id, None, "x")
    assert loading.scan(clerk, run.id, partial_labels[-1]).code == "closed"


def test_unloading_needs_a_reason_and_puts_the_piece_back(demo_db):
    """卸车 without a reason is refused; with one, the piece is back in stock and can go on
    another truck."""
    clerk = login("zhangsan")
    run, other = new_run(clerk), new_run(clerk, plate="粤B·88J21")
    label = pieces_of(in_stock("CS")[0])[0]
    loading.scan(clerk, run.id, label)
    with pytest.raises(ServiceError):
        loading.unload(clerk, run.id, label, " ")
    assert loading.unload(clerk, run.id, label, "包装破损，重新打包").code == "unloaded"
    assert Piece.get(Piece.label == label).status == PieceStatus.IN_STOCK
    assert loading.scan(clerk, other.id, label).ok
    rows = list(LoadedPiece.select().where(LoadedPiece.piece == Piece.get(Piece.label == label).id))
    assert [(r.manifest_id, r.on_board, r.unload_reason) for r in rows] == [
        (run.id, None, "包装破损，重新打包"),
        (other.id, 1, ""),
    ]


def test_two_terminals_scanning_one_truck_load_each_piece_once(demo_db):
    """Two clerks scan the same truck from two sessions at the same moment, often the same
    piece (both grabbed one box): every piece ends up loaded once, counts are right, and
    every scan is recorded."""
    first, second = login("zhangsan"), login("lisi")
    run = new_run(first)
    all_labels = [label for w in in_stock("CS") + in_stock("XT") for label in pieces_of(w)]
    results: dict[str, list[loading.ScanResult]] = {"a": [], "b": []}
    start = threading.Barrier(2)

    def scan_all(name: str, actor, order: list[str]) -> None:
        with database_proxy.connection_context():
            start.wait()
            for label in order:
                results[name].append(loading.scan(actor, run.id, label))

    threads = [
        threading.Thread(target=scan_all, args=("a", first, all_labels)),
        threading.Thread(target=scan_all, args=("b", second, list(reversed(all_labels)))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    oks = [r.label for r in results["a"] + results["b"] if r.ok]
    assert sorted(oks) == sorted(all_labels)  # each piece loaded by exactly one of them
    refused = {r.code for r in results["a"] + results["b"] if not r.ok}
    assert refused == {"repeat"}  # the same truck: the other clerk's scan counted, this one not
    assert loading.run(first, run.id).loaded_pieces == len(all_labels)
    assert ScanEvent.select().where(ScanEvent.manifest == run.id).count() == 2 * len(all_labels)
