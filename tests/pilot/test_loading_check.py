"""Loading check (F3) as a loader does it: keys and scans only, from a new truck run to its
departure and printed manifest."""

from __future__ import annotations

from textual.widgets import Static

from depot_tui.app import DepotApp
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

SIZE = (80, 24)


async def wait_for(pilot, test, tries: int = 60) -> None:
    for _ in range(tries):
        await pilot.pause(0.05)
        if test():
            return
    raise AssertionError("the screen did not get there")


def stock_for_cs() -> list[Waybill]:
    with database_proxy.connection_context():
        gz, cs = Depot.get(Depot.code == "GZ"), Depot.get(Depot.code == "CS")
        return list(Waybill.select().where((Waybill.origin_depot == gz.id) & (Waybill.dest_depot == cs.id)
                                           & (Waybill.status == WaybillStatus.ISSUED) & (Waybill.pieces >= 2))
                    .order_by(Waybill.issued_at))


def labels_of(waybill: Waybill) -> list[str]:
    with database_proxy.connection_context():
        return [p.label for p in Piece.select().where(Piece.waybill == waybill.id).order_by(Piece.index)]


async def test_a_truck_is_built_scanned_partly_loaded_and_sent(demo_config, tmp_path):
    """New run by keys; good scans, a repeat, a bad check character and a typed label; one
    waybill loaded but for one piece. F10 refuses to depart until that waybill's note is
    written; then the truck leaves and the database and printed manifest say what was scanned.
    A clerk would otherwise see counts that lie, or a truck leave with no word of what stayed."""
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
        await pilot.press(*"粤A5C218", "enter", *"刘建国", "enter", *"13922815506", "enter", *"CS", "enter",
                          "f10")
        await wait_for(pilot, lambda: isinstance(app.screen, ScanScreen))
        scan = app.screen
        bad = partial_labels[0][:-1] + ("0" if partial_labels[0][-1] != "0" else "1")
        sequence = partial_labels[:-1] + full_labels + [full_labels[0], bad]
        for label in sequence:
            await pilot.press(*label, "enter")
        await pilot.press(*full_labels[-1].lower(), "enter")  # typed by hand, lower case: a repeat too
        await wait_for(pilot, lambda: len(scan.results) == len(sequence) + 1)
        codes = [r.code for r in scan.results]
        loaded = len(partial_labels) - 1 + len(full_labels)
        assert codes == ["ok"] * loaded + ["repeat", "bad_check", "repeat"]
        assert "重复扫描不计数" in str(scan.query_one("#scan-result", Static).render())
        assert scan.query_one("#scan-result").has_class("error")
        assert "校验位不对" in str(scan.query_one("#scan-log", Static).render())

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
        await pilot.press("f10")
        await wait_for(pilot, lambda: isinstance(app.screen, LoadingScreen))

    with database_proxy.connection_context():
        manifest = Manifest.select().order_by(Manifest.id.desc()).get()
        assert manifest.status == "departed" and manifest.plate == "粤A·5C218"
        assert Waybill.get_by_id(partial.id).status == WaybillStatus.PARTLY_LOADED
        assert Waybill.get_by_id(full.id).status == WaybillStatus.DEPARTED
        assert Piece.get(Piece.label == partial_labels[-1]).status == PieceStatus.IN_STOCK
        events = [e.result for e in ScanEvent.select().where(ScanEvent.manifest == manifest.id)
                  .order_by(ScanEvent.id)]
        assert events == codes
    text = (tmp_path / "outbox" / f"manifest-{manifest.number}.txt").read_text(encoding="utf-8")
    assert f"装车 {loaded} 件" in text and "※ 未装 1 件，留库：车满余件下一车" in text, text
