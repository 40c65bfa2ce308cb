"""Constants and helpers shared by the test folders (on pytest's pythonpath)."""

from __future__ import annotations

import datetime as dt

#: The moment demo databases and snapshots are made at: a Monday morning, early shift.
DEMO_NOW = dt.datetime(2026, 11, 23, 9, 30)


async def type_worked_example(pilot) -> None:
    """The worked example of tests/unit/test_waybills.good_form, typed: 120 kg, 0.5 m³, 3000
    declared, upstairs delivery to 湘潭县, one receipt copy; total 197.00."""
    await pilot.press(*"xtx", "enter")  # 湘潭县: of the places so initialled, the one priced here
    await pilot.pause(0.2)
    await pilot.press(*"19973285431", "enter")  # a known consignee: the name fills in
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.press(*"15018845523", "enter")  # a known shipper
    await pilot.pause(0.3)
    await pilot.press(
        "enter",
        *"服装",
        "enter",
        "3",
        "enter",
        *"纸箱",
        "enter",
        "enter",
        "n",  # not dangerous goods; orientation and inspection as they come
        "enter",
        "enter",
        "enter",
        *"120",
        "enter",
        *"0.5",
        "enter",
        *"3000",
        "enter",
        "enter",  # no damage at intake
        "enter",
        "5",
        "enter",
        *"湘潭县易俗河镇建设路8号3楼",
        "enter",
        "y",
        "enter",
        "enter",
        "enter",
        "enter",  # the class as the answers suggest
        "enter",  # no date required
        "enter",
        "enter",
    )
    await pilot.pause(0.2)


def on_duty_clerk(now: dt.datetime | None = None) -> str:
    """The GZ demo clerk whose shift it is at `now` (real time by default): 张三 by day (early
    shift), 王五 by night. Terminal tests and benches run on the real clock and log in as them."""
    hour = (now or dt.datetime.now()).hour
    return "zhangsan" if 8 <= hour < 20 else "wangwu"


def xt_form(pieces: int):  # noqa: ANN201 - waybills.WaybillForm, imported late
    """The worked example (120 kg, 0.5 m³, 3000 declared, upstairs to 湘潭县, station XT) with
    `pieces` pieces."""
    from depot_tui.services import waybills

    return waybills.WaybillForm(
        destination="430321",
        hazard="no",
        consignee_phone="19973285431",
        consignee_name="李卫东",
        shipper_phone="15018845523",
        shipper_name="黄丽华",
        goods_name="服装",
        pieces=str(pieces),
        packaging="纸箱",
        weight="120",
        volume="0.5",
        declared_value="3000",
        delivery="upstairs",
        address="易俗河镇建设路8号",
        receipt=True,
        receipt_copies="1",
    )


def issue_for_xt(db_path, *, waybills: int, pieces: int, outbox) -> list[str]:  # noqa: ANN001
    """Issue `waybills` waybills of `pieces` pieces each at GZ for XT through the real service,
    on the real clock, as the clerk on duty; their piece labels in order. For tests and
    benches that need a truckload of labels to scan into the demo's XT truck."""
    import os

    from depot_tui import db
    from depot_tui.services import auth, clock
    from depot_tui.services import waybills as service

    clock.fix(None)
    database = db.open_database(str(db_path))
    try:
        actor = auth.login(on_duty_clerk(), "depot123", terminal="test-setup", pid=os.getpid()).actor
        out: list[str] = []
        for _ in range(waybills):
            out += service.issue(actor, xt_form(pieces), shipper_confirmed=True, outbox=outbox).labels
        auth.logout(actor)
    finally:
        database.close()
    return out


def truck_to_gz(db_path, *, waybills: int, pieces: int, outbox) -> list[str]:  # noqa: ANN001
    """A truck from CS that has left for GZ carrying `waybills` waybills of `pieces` pieces,
    all made through the real services (issued and loaded by 赵六 at CS, in his early shift:
    10:00 today, or yesterday before 10:00, so the setup works at any hour); their piece labels
    in the order loaded. For tests and benches of the arrival check at GZ on the real clock."""
    import datetime as dt
    import os

    from depot_tui import db
    from depot_tui.services import auth, clock, loading
    from depot_tui.services import waybills as service

    now = dt.datetime.now()
    in_shift = now.replace(hour=10, minute=0, second=0, microsecond=0)
    clock.fix(in_shift if now >= in_shift else in_shift - dt.timedelta(days=1))
    database = db.open_database(str(db_path))
    try:
        actor = auth.login("zhaoliu", "depot123", terminal="test-setup", pid=os.getpid()).actor
        form = service.WaybillForm(
            destination="440106",
            hazard="no",
            consignee_phone="13925067732",
            consignee_name="刘建国",
            shipper_phone="18673155290",
            shipper_name="周敏",
            goods_name="陶瓷",
            pieces=str(pieces),
            packaging="纸箱",
            weight="80",
            volume="0.4",
            declared_value="2000",
        )
        out: list[str] = []
        for _ in range(waybills):
            out += service.issue(actor, form, shipper_confirmed=True, outbox=outbox).labels
        leave = clock.now() + dt.timedelta(hours=1)
        run = loading.create_run(
            actor,
            loading.RunForm(
                plate="湘A·5K310",
                driver_name="罗志勇",
                driver_phone="13974156620",
                stops="GZ",
                departure=f"{leave:%m-%d %H:%M}",
            ),
        )
        for label in out:
            result = loading.scan(actor, run.id, label)
            assert result.ok, result
        loading.depart(actor, run.id, outbox)
        auth.logout(actor)
    finally:
        database.close()
        clock.fix(None)
    return out


def labels_where(condition: str, *, order: str = "p.id", limit: int = 1, offset: int = 0) -> list[str]:
    """Piece labels from the open database matching an SQL `condition` over p (the piece),
    w (its waybill), d (the waybill's destination depot) and o (its origin depot)."""
    from depot_tui.models import database_proxy

    with database_proxy.connection_context():
        rows = database_proxy.execute_sql(
            "SELECT p.label FROM piece p JOIN waybill w ON w.id = p.waybill_id "
            "JOIN depot d ON d.id = w.dest_depot_id JOIN depot o ON o.id = w.origin_depot_id "
            f"WHERE {condition} ORDER BY {order} LIMIT {int(limit)} OFFSET {int(offset)}"
        ).fetchall()
    return [row[0] for row in rows]


def cs_truck_on_board():  # noqa: ANN201 - a models.Manifest and its models.Piece list
    """The demo's truck from CS waiting at GZ for its arrival check, and the pieces on it."""
    from depot_tui.models import Depot, LoadedPiece, Manifest, Piece

    truck = (
        Manifest.select()
        .join(Depot, on=(Manifest.origin_depot == Depot.id))
        .where((Depot.code == "CS") & (Manifest.status == "arrived"))
        .get()
    )
    on_board = list(
        Piece.select()
        .join(LoadedPiece, on=(LoadedPiece.piece == Piece.id))
        .where(LoadedPiece.manifest == truck.id)
    )
    return truck, on_board


def check_in_cs_truck(clerk):  # noqa: ANN001, ANN201 - an Actor at GZ; a list of models.Waybill
    """The demo truck from CS checked in at GZ by `clerk` through the arrival service, every
    piece: its six waybills are ARRIVED at GZ. Returns them by number. Needs an open database."""
    from depot_tui.models import Waybill, WaybillStatus
    from depot_tui.services import arrival

    truck, on_board = cs_truck_on_board()
    check = arrival.start(clerk, truck.id)
    for p in on_board:
        arrival.scan(clerk, check.id, p.label)
    arrival.finish(clerk, check.id)
    waybills = list(
        Waybill.select()
        .where((Waybill.status == WaybillStatus.ARRIVED) & Waybill.id.in_({p.waybill_id for p in on_board}))
        .order_by(Waybill.number)
    )
    assert len(waybills) == 6
    return waybills


def checked_in_cs_truck():  # noqa: ANN201 - three models.Waybill
    """check_in_cs_truck by 张三, then one of its waybills is held for the shipper's release
    (等通知放货) and one is collect-freight (提付). Returns (first to notify, held, collect)."""
    from depot_tui.models import Waybill, database_proxy
    from depot_tui.services import auth

    with database_proxy.connection_context():
        clerk = auth.login("zhangsan", "depot123", terminal="setup", pid=1).actor
        arrived = check_in_cs_truck(clerk)
        auth.logout(clerk)
        held, collect = arrived[1], arrived[2]
        Waybill.update(hold_for_release=True, payment_method="cash").where(Waybill.id == held.id).execute()
        as_collect(collect.id, hold_for_release=False)
        return arrived[0], Waybill.get_by_id(held.id), Waybill.get_by_id(collect.id)


async def wait_for(pilot, test, tries: int = 80) -> None:  # noqa: ANN001
    """Let the app run until `test()` holds (tries x 50 ms), else fail saying which screen it
    stopped on, where the cursor is and the text it shows: what a clerk would see stuck."""
    from textual.widgets import Static

    for _ in range(tries):
        await pilot.pause(0.05)
        if test():
            return
    app = pilot.app
    shown = "\n".join(str(w.render()) for w in app.screen.query(Static) if str(w.render()).strip())
    raise AssertionError(
        f"the screen did not get there: {type(app.screen).__name__}, focus {app.focused!r}\n{shown}"
    )


def screen_text(app) -> str:  # noqa: ANN001
    """Everything the screen's Static widgets show, joined: what the clerk reads."""
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def log_in_as(pilot, username: str) -> None:  # noqa: ANN001
    """Log `username` in by keys (password depot123) and wait for home."""
    from depot_tui.screens.home import HomeScreen

    await wait_for(
        pilot, lambda: pilot.app.session is None and getattr(pilot.app.focused, "id", None) == "username"
    )
    await pilot.press(*username, "enter", *"depot123", "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), tries=200)  # argon2


async def open_waybill_form(pilot, username: str = "zhangsan"):  # noqa: ANN001, ANN201 - a WaybillScreen
    """Log `username` in by keys and open F2, waiting until its place list has loaded (keys
    typed before then find no place)."""
    from depot_tui.screens.waybill import WaybillScreen

    await log_in_as(pilot, username)
    await pilot.press("f2")
    await wait_for(
        pilot, lambda: isinstance(pilot.app.screen, WaybillScreen) and pilot.app.screen.index is not None
    )
    return pilot.app.screen


async def slip_up(pilot):  # noqa: ANN001, ANN201 - a SlipScreen
    """Until the slip is up and past its half-second look (an F10 sooner is not the shipper's
    check, and the slip refuses it)."""
    from depot_tui.screens.waybill.slip import SlipScreen

    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SlipScreen))
    await pilot.pause(SlipScreen.LOOK_S + 0.1)
    return pilot.app.screen


#: What a terminal sends for the named keys a burst may hold (the rest send no character).
_KEY_CHARS = {"enter": "\r", "tab": "\t", "backspace": "\x7f", "escape": "\x1b", "space": " "}


async def burst(pilot, *keys: str) -> None:  # noqa: ANN001
    """Send `keys` as one read from the terminal delivers them (a laggy SSH link, a paste, a
    scanner): every key is in the app's queue before the first is handled; then wait until
    the app has caught up. Single characters are typed as themselves, other names ("enter",
    "backspace", "f2", "left") as the key."""
    from textual import events

    app = pilot.app
    for key in keys:
        if len(key) == 1:
            name = {" ": "space"}.get(key, key)
            app.post_message(events.Key(name, key))
        else:
            app.post_message(events.Key(key, _KEY_CHARS.get(key)))
    await pilot.pause(0)  # the app has read them: the first went in, the rest wait their turn
    await app.typeahead.idle.wait()
    await pilot.pause(0)


#: Edit keys a hurried clerk may leave in a field (see hurried).
SLIPS = ["backspace", "left", "right", "home", "end", "delete"]


def hurried(plan: list):  # noqa: ANN201 - a hypothesis strategy of key lists
    """The keys of `plan` as a hurried clerk types them, for the property tests that type a
    form in one burst and slowly. A string in `plan` is one key as is ("enter", "f10"); a list
    is a field's characters, each perhaps after a wrong character rubbed out or the cursor
    sent left and back, the field perhaps ending with an edit key or a stray character left
    in (the form may then be refused: both ways must end the same)."""
    from hypothesis import strategies as st

    @st.composite
    def keys(draw) -> list[str]:  # noqa: ANN001
        out: list[str] = []
        for step in plan:
            if isinstance(step, str):
                out.append(step)
                continue
            for char in step:
                if draw(st.integers(0, 5)) == 0:
                    out += [draw(st.sampled_from("0189ab")), "backspace"]
                if draw(st.integers(0, 7)) == 0:
                    n = draw(st.integers(1, 3))
                    out += ["left"] * n + ["right"] * n
                out.append(char)
            if draw(st.integers(0, 9)) == 0:
                out.append(draw(st.sampled_from([*SLIPS, "7", "y", "n", "2"])))
        return out

    return keys()


def fresh_copy(config, folder):  # noqa: ANN001, ANN201 - a config.Config on a copy of config's database
    """`config` on a copy of its SQLite database (a live backup: the WAL's pages too), so a
    property test types each of its two runs into the same depot."""
    import itertools
    from pathlib import Path

    from depot_tui import config as config_module
    from depot_tui.backup import backup_to

    for n in itertools.count():
        target = Path(folder) / f"run-{n}.sqlite3"
        if not target.exists():
            break
    backup_to(Path(config.db), target)
    return config_module.load(db=str(target), demo=True)


def as_collect(waybill_id: int, **more: object) -> None:
    """Make a demo waybill one issued 提付 (`more` changes other columns): the consignee pays all
    of it, the freight the demo's shipper paid at issue taken away as if never paid (what is
    paid toward the freight, at issue or later, is never asked again: services/money.py)."""
    from depot_tui.models import Payment, Waybill

    Waybill.update(payment_method="collect", **more).where(Waybill.id == waybill_id).execute()
    Payment.delete().where((Payment.waybill == waybill_id) & (Payment.purpose == "freight")).execute()


def admin():  # noqa: ANN201 - an Actor
    """The demo's admin logged in at the office terminal."""
    from depot_tui.services import auth

    return auth.login("admin", "depot123", terminal="office", pid=2).actor
