"""Loading check (F3) as a loader does it: keys and scans only, from a new truck run to its
departure and printed manifest."""

from __future__ import annotations

import signal

import support
from support import labels_where
from textual.widgets import Static

from depot_tui.app import DepotApp
from depot_tui.i18n import t
from depot_tui.models import (
    Depot,
    Manifest,
    Piece,
    PieceStatus,
    ScanEvent,
    Waybill,
    WaybillStatus,
    database_proxy,
)
from depot_tui.screens.home import HomeScreen
from depot_tui.screens.loading import DepartScreen, LoadingScreen, ScanScreen
from depot_tui.screens.scanning import ScanLoopScreen
from depot_tui.services import labels

SIZE = (80, 24)


def wait_for(pilot, test, tries: int = 60):  # noqa: ANN201 - the shared wait, this file's 3 s
    return support.wait_for(pilot, test, tries)


def stock_for_cs() -> list[Waybill]:
    with database_proxy.connection_context():
        gz, cs = Depot.get(Depot.code == "GZ"), Depot.get(Depot.code == "CS")
        return list(
            Waybill.select()
            .where(
                (Waybill.origin_depot == gz.id)
                & (Waybill.dest_depot == cs.id)
                & (Waybill.status == WaybillStatus.ISSUED)
                & (Waybill.pieces >= 2)
            )
            .order_by(Waybill.issued_at)
        )


def piece_where(condition: str) -> str:
    """The label of the first GZ demo piece matching `condition` (support.labels_where)."""
    return labels_where(f"o.code = 'GZ' AND {condition}")[0]


def labels_of(waybill: Waybill) -> list[str]:
    with database_proxy.connection_context():
        return [p.label for p in Piece.select().where(Piece.waybill == waybill.id).order_by(Piece.index)]


async def test_a_truck_is_built_scanned_partly_loaded_and_sent(demo_config, tmp_path):
    """New run by keys; good scans, then one of each refusal (repeat, bad check character,
    unknown label, on another truck, off the route, voided, already left, not a label) and a
    label typed by hand; one waybill loaded but for one piece. F10 refuses to depart until
    that waybill's note is written; then the truck leaves and the database and printed
    manifest say what was scanned. A clerk would otherwise see counts that lie, or a truck
    leave with no word of what stayed."""
    demo_config = type(demo_config)(**{**demo_config.__dict__, "outbox": tmp_path / "outbox"})
    partial, full = stock_for_cs()[:2]
    partial_labels, full_labels = labels_of(partial), labels_of(full)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"zhangsan", "enter", *"depot123", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, LoadingScreen))
        await pilot.press("ctrl+n")
        await pilot.pause(0.2)
        await pilot.press(
            *"粤A5C218", "enter", *"刘建国", "enter", *"13922815506", "enter", *"CS", "enter", "f10"
        )
        await wait_for(pilot, lambda: isinstance(app.screen, ScanScreen))
        scan = app.screen
        bad = partial_labels[0][:-1] + ("0" if partial_labels[0][-1] != "0" else "1")
        refused = {  # one label for each refusal a loader can meet, and what the line must say
            "repeat": (full_labels[0], "重复扫描不计数"),
            "bad_check": (bad, "校验位不对"),
            "unknown": (labels.piece_label(labels.waybill_number("GZ", "261123", 9999), 1), "没有这个标签"),
            "other_truck": (piece_where("p.status = 'loaded'"), "已装在车次 GZ261123-01（粤A·8M360）上"),
            "off_route": (piece_where("p.status = 'in_stock' AND d.code = 'XT'"), "到 XT，本车路线 CS"),
            "void": (piece_where("w.status = 'void'"), "已作废，不能装车"),
            "departed": (piece_where("p.status = 'in_transit'"), "此件已在途"),
            "format": ("HELLO-WORLD", "不是标签"),
        }
        sequence = partial_labels[:-1] + full_labels + [label for label, _ in refused.values()]
        for label in sequence:
            await pilot.press(*label, "enter")
        await pilot.press(*full_labels[-1].lower(), "enter")  # typed by hand, lower case: a repeat too
        await wait_for(pilot, lambda: len(scan.results) == len(sequence) + 1)
        codes = [r.code for r in scan.results]
        loaded = len(partial_labels) - 1 + len(full_labels)
        assert codes == ["ok"] * loaded + list(refused) + ["repeat"]
        for result, (code, (_label, says)) in zip(scan.results[loaded:], refused.items(), strict=False):
            assert says in t(result.key, **result.params), code
        assert "重复扫描不计数" in str(scan.query_one("#scan-result", Static).render())
        assert scan.query_one("#scan-result").has_class("error")
        assert "不是标签" in str(scan.query_one("#scan-log", Static).render())

        await pilot.press("f10")
        await wait_for(pilot, lambda: isinstance(app.screen, DepartScreen) and app.screen.summary is not None)
        depart = app.screen
        await pilot.press("f10")
        await pilot.pause(0.3)
        assert "须先写明原因" in str(depart.query_one("#depart-message", Static).render())
        row = next(n for n, line in enumerate(depart.summary.lines) if line.number == partial.number)
        for _ in range(row):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause(0.2)
        await pilot.press(*"车满余件下一车", "enter")
        await wait_for(pilot, lambda: all(not line.needs_note for line in depart.summary.lines))
        await pilot.press("ctrl+e")
        await pilot.pause(0.2)
        await pilot.press(*"铅封号A0381", "enter")
        await wait_for(pilot, lambda: depart.summary.note == "铅封号A0381")
        await pilot.press("f10")
        await wait_for(pilot, lambda: isinstance(app.screen, LoadingScreen))

    with database_proxy.connection_context():
        manifest = Manifest.select().order_by(Manifest.id.desc()).get()
        assert manifest.status == "departed" and manifest.plate == "粤A·5C218"
        assert Waybill.get_by_id(partial.id).status == WaybillStatus.PARTLY_LOADED
        assert Waybill.get_by_id(full.id).status == WaybillStatus.DEPARTED
        assert Piece.get(Piece.label == partial_labels[-1]).status == PieceStatus.IN_STOCK
        events = [
            e.result
            for e in ScanEvent.select().where(ScanEvent.manifest == manifest.id).order_by(ScanEvent.id)
        ]
        assert events == codes
    text = (tmp_path / "outbox" / f"manifest-{manifest.number}.txt").read_text(encoding="utf-8")
    assert f"装车 {loaded} 件" in text and "※ 未装 1 件，留库：车满余件下一车" in text, text
    assert "备注：铅封号A0381" in text


async def _scan_loop_of_demo_truck(pilot, app) -> ScanScreen:
    """Log in as 张三, F3, Enter on the demo's XT truck: its scan loop."""
    await pilot.press(*"zhangsan", "enter", *"depot123", "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    await pilot.press("f3")
    await wait_for(pilot, lambda: isinstance(app.screen, LoadingScreen) and app.screen.items)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ScanScreen))
    return app.screen


async def test_stock_picks_waybills_into_the_plan_and_an_f_key_leaves_loading(demo_config):
    """From the scan loop of the demo's XT truck, F9 opens the stock with XT first. Space on
    the XT line marks every XT waybill not yet on this truck (the voided CS one and a CS line
    cannot be marked: the bell and a message say why); F10 plans them and the truck's count
    grows by their pieces. Then F2 goes to the waybill form and Esc back home: a loader must
    not find the scan loop or run list piled up under every screen visited."""
    from textual.widgets import Digits

    from depot_tui.screens.loading import StockScreen
    from depot_tui.screens.waybill import WaybillScreen

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        scan = await _scan_loop_of_demo_truck(pilot, app)
        assert str(scan.query_one("#truck-count", Digits).value) == "9/13"
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, StockScreen) and app.screen.groups)
        stock = app.screen
        assert [g.depot_code for g in stock.groups] == ["XT", "CS"]
        xt = stock.groups[0]
        expected = [line for line in xt.lines if line.planned_on != scan.run.number]
        await pilot.press("space")  # on the XT line: the whole destination
        await pilot.pause(0.1)
        assert stock.picked == {line.number for line in expected}
        assert "F10" in str(app.screen.query_one("KeyBar", Static).render())
        assert "Ctrl+S" not in str(app.screen.query_one("KeyBar", Static).render())
        for _ in range(len(xt.lines) + 2):  # down to the CS group's first line: the voided one
            await pilot.press("down")
        await pilot.press("space")
        await pilot.pause(0.1)
        assert "已作废" in str(stock.query_one("#stock-message", Static).render())
        await pilot.press("down", "space")  # a live CS waybill: not on this truck's route
        await pilot.pause(0.1)
        assert "本车路线 XT" in str(stock.query_one("#stock-message", Static).render())
        assert stock.picked == {line.number for line in expected}
        await pilot.press("f10")
        await wait_for(pilot, lambda: app.screen is scan)
        planned = 13 + sum(line.in_stock for line in expected)
        await wait_for(pilot, lambda: str(scan.query_one("#truck-count", Digits).value) == f"9/{planned}")

        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, WaybillScreen))
        assert not any(isinstance(s, (LoadingScreen, ScanScreen)) for s in app.screen_stack)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))

    with database_proxy.connection_context():
        manifest = Manifest.get(Manifest.number == scan.run.number)
        rows = {mw.waybill.number: mw.planned_pieces for mw in manifest.planned}
        for line in expected:
            assert rows[line.number] == line.in_stock


def xt_in_stock(count: int) -> list[str]:
    """Labels of GZ pieces in stock for XT, the demo truck's one stop."""
    return labels_where("p.status = 'in_stock' AND d.code = 'XT' AND w.status = 'issued'", limit=count)


def scanned_on(manifest_number: str) -> list[tuple[str, str]]:
    with database_proxy.connection_context():
        manifest = Manifest.get(Manifest.number == manifest_number)
        return [
            (e.raw, e.result)
            for e in ScanEvent.select().where(ScanEvent.manifest == manifest.id).order_by(ScanEvent.id)
        ]


async def test_esc_right_after_a_burst_leaves_only_when_every_scan_is_recorded(demo_config, monkeypatch):
    """A loader scans six pieces and presses Esc at once: the screen waits for the scans still
    queued before it goes, or a piece on the truck would be missing from its manifest. (Each
    scan is slowed to 0.5 s here, so that several are still queued at the Esc.)"""
    import time

    from depot_tui.services import loading

    real_scan = loading.scan

    def slow(actor, manifest_id, raw):  # noqa: ANN001
        time.sleep(0.5)
        return real_scan(actor, manifest_id, raw)

    monkeypatch.setattr(loading.pieces, "scan", slow)  # where take() calls it
    labels = xt_in_stock(6)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        scan = await _scan_loop_of_demo_truck(pilot, app)
        for label in labels:
            await pilot.press(*label, "enter")
        assert len(scan.results) < len(labels)  # some not yet recorded as Esc comes
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LoadingScreen))
        assert [raw for raw, _ in scanned_on(scan.run.number)] == labels


async def test_a_scan_holds_painting_back_only_until_its_answer_or_a_moment(demo_config, monkeypatch):
    """A scan's Enter holds painting back so that its OK goes out in the same frame as the
    emptied field (ScanLoopScreen.hold_paint: otherwise the OK came a frame or two late). The
    hold must end with the answer, and a slow scan (a locked database, 0.5 s here) must not
    freeze the screen for longer than HOLD_S: the clerk would think the terminal hung. The
    hold is Textual's batch count (App.batch_update), read here from the app."""
    import time

    from depot_tui.services import loading

    fast, slow_label = xt_in_stock(2)
    real_scan = loading.scan

    def slow_once(actor, manifest_id, raw):  # noqa: ANN001
        if raw == slow_label:
            time.sleep(0.5)
        return real_scan(actor, manifest_id, raw)

    monkeypatch.setattr(loading.pieces, "scan", slow_once)  # where take() calls it
    monkeypatch.setattr(ScanLoopScreen, "HOLD_S", 0.25)  # long enough to see it held
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        scan = await _scan_loop_of_demo_truck(pilot, app)
        await pilot.press(*fast, "enter")
        await wait_for(pilot, lambda: len(scan.results) == 1)
        assert not app._batch_count
        await pilot.press(*slow_label, "enter")
        assert app._batch_count  # held while the scan is answered
        await pilot.pause(0.3)
        assert not app._batch_count and len(scan.results) == 1  # let go; the answer still to come
        await wait_for(pilot, lambda: len(scan.results) == 2)
        assert scan.results[-1].ok and not app._batch_count


async def test_a_database_failure_says_the_scan_was_not_recorded_and_the_loop_goes_on(
    demo_config, monkeypatch
):
    """The database locked past its timeout for one scan: the line says in red that this label
    was NOT recorded, with the bell, and the next scan works; the app must not crash mid-truck
    nor let the loader believe the piece is on."""
    import apsw

    from depot_tui.services import loading

    first, second = xt_in_stock(2)
    real_scan = loading.scan

    def busy_once(actor, manifest_id, raw):  # noqa: ANN001
        if raw == first:
            raise apsw.BusyError("database is locked")
        return real_scan(actor, manifest_id, raw)

    monkeypatch.setattr(loading.pieces, "scan", busy_once)  # where take() calls it
    app = DepotApp(demo_config)
    bells = []
    app.bell = lambda: bells.append(1)
    async with app.run_test(size=SIZE) as pilot:
        scan = await _scan_loop_of_demo_truck(pilot, app)
        await pilot.press(*first, "enter")
        await wait_for(pilot, lambda: len(scan.results) == 1)
        line = str(scan.query_one("#scan-result", Static).render())
        assert f"{first} 未记录" in line and "请重扫" in line and bells
        await pilot.press(*second, "enter")
        await wait_for(pilot, lambda: len(scan.results) == 2)
        assert scan.results[-1].ok
    assert scanned_on(scan.run.number) == [(second, "ok")]


async def test_a_dropped_link_records_the_scans_still_queued_in_order(demo_config):
    """SIGHUP stops the event loop at once; scans the app had taken but not yet sent to the
    database are kept (`kept`) and recorded by the hang-up, in the order they came."""
    labels = xt_in_stock(3)
    app = DepotApp(demo_config)
    app.hard_exit = lambda code: app.exit(return_code=code)  # not this test's own process
    async with app.run_test(size=SIZE) as pilot:
        scan = await _scan_loop_of_demo_truck(pilot, app)
        for label in labels:  # taken by the field, not yet picked up by the loop
            scan.scans.put_nowait(label)
        app._hang_up(signal.SIGHUP)
        assert scan.scans.empty()
    assert scanned_on(scan.run.number) == [(label, "ok") for label in labels]
