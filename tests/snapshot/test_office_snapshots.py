"""The back office (F12) at 80x24, in Chinese and English: its menu, the price table as a
supervisor and as a clerk sees it, a line being changed, and an import refused row by row.
A column cut, a label untranslated or a dialog taller than the terminal shows here."""

from __future__ import annotations

import datetime as dt

import pytest
from support import DEMO_NOW, log_in_as, wait_for

from depot_tui.app import DepotApp
from depot_tui.i18n import set_language
from depot_tui.models import database_proxy
from depot_tui.screens.office import OfficeScreen, PriceImportScreen, PriceLineScreen
from depot_tui.services import auth, prices, settings

SIZE = (80, 24)
LANGS = ["zh", "en"]
TOMORROW = DEMO_NOW.date() + dt.timedelta(days=1)


def _some_prices() -> None:
    """A province at once with weight bands, and a change to 湘潭县 set for tomorrow."""
    with database_proxy.connection_context():
        chen = auth.login("chenjing", "depot123", terminal="setup", pid=1).actor
        prices.set_line(
            chen, prices.LineForm("420000", "1.5", "300", "40", "60", "30", "100:2 500:1.8", f"{TOMORROW}")
        )
        prices.set_line(chen, prices.LineForm("430321", "1.1", "200", "30", "50", "30", "", f"{TOMORROW}"))
        auth.logout(chen)


def part_open(username: str, part: str, *keys: str):
    """F12, the back office's `part`, then `keys` (a run_before)."""

    async def run(pilot) -> None:  # noqa: ANN001
        app = pilot.app
        await log_in_as(pilot, username)
        await pilot.press("f12")
        await wait_for(pilot, lambda: isinstance(app.screen, OfficeScreen) and app.screen.items)
        parts = [each.id for each in app.screen.items]
        await pilot.press(*["down"] * parts.index(part), "enter")
        await wait_for(
            pilot, lambda: not isinstance(app.screen, OfficeScreen) and getattr(app.screen, "items", None)
        )
        if keys:
            await pilot.press(*keys)
            await pilot.pause(0.4)

    return run


@pytest.mark.parametrize("lang", LANGS)
def test_office_menu(snap_compare, sqlite_config, lang):
    """陈静's F12: the parts of the back office she may open, each said in words."""
    set_language(lang)

    async def run(pilot) -> None:  # noqa: ANN001
        await log_in_as(pilot, "chenjing")
        await pilot.press("f12")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, OfficeScreen) and pilot.app.screen.items)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_price_table_supervisor(snap_compare, sqlite_config, lang):
    """The table as 陈静 keeps it: 湖北省 at once (tomorrow, with its bands), 湘潭县's change
    set for tomorrow beside today's line, and the keys to change, add, import, export."""
    set_language(lang)
    _some_prices()
    assert snap_compare(
        DepotApp(sqlite_config), terminal_size=SIZE, run_before=part_open("chenjing", "prices", "tab")
    )


@pytest.mark.parametrize("lang", LANGS)
def test_price_table_clerk(snap_compare, sqlite_config, lang):
    """张三's view: the same table, found by initials (xtx), with no key to change it."""
    set_language(lang)
    _some_prices()
    run = part_open("zhangsan", "prices", *"xtx", "enter")
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_price_line_form(snap_compare, sqlite_config, lang):
    """Enter on 湘潭县: its rates to change, from tomorrow as offered, a wrong band refused at
    its field with what was typed kept."""
    set_language(lang)

    async def run(pilot) -> None:  # noqa: ANN001
        await part_open("chenjing", "prices", *"xtx", "enter", "enter")(pilot)
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, PriceLineScreen))
        await pilot.press(*["enter"] * 5, *"500:1 100:1.2", "f10")
        await pilot.pause(0.5)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_price_import_refused(snap_compare, sqlite_config, lang, tmp_path):
    """An import with two wrong rows: each named with its row and reason, nothing applied."""
    set_language(lang)
    sqlite_config.outbox.mkdir(parents=True, exist_ok=True)
    (sqlite_config.outbox / "table.csv").write_text(
        "代码,到站,元/公斤,元/立方,最低收费,送货费,上楼费,重量段,生效日期\n"
        "420000,湖北省,1.5,300,40,60,30,,\n,湖北无此县,1,200,30,,,,\n420106,武昌区,-1,300,40,60,30,,\n",
        "utf-8",
    )

    async def run(pilot) -> None:  # noqa: ANN001
        await part_open("chenjing", "prices", "ctrl+r")(pilot)
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, PriceImportScreen))
        await pilot.press(*"table.csv", "f10")
        await wait_for(pilot, lambda: pilot.app.screen.query_one("#refused-rows").render().plain)
        await pilot.pause(0.2)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_users_list(snap_compare, sqlite_config, lang):
    """Every depot's accounts as the admin sees them: role, depot, usual shift, and the state
    of one locked by wrong passwords."""
    set_language(lang)
    with database_proxy.connection_context():
        from depot_tui.models import User

        User.update(locked_until=DEMO_NOW + dt.timedelta(minutes=15), failed_logins=5).where(
            User.username == "wangwu"
        ).execute()
    assert snap_compare(
        DepotApp(sqlite_config), terminal_size=SIZE, run_before=part_open("admin", "users", "tab")
    )


@pytest.mark.parametrize("lang", LANGS)
def test_user_form_new(snap_compare, sqlite_config, lang):
    """Ctrl+N: a new account, with a clerk's user name already taken refused at its field."""
    set_language(lang)
    run = part_open(
        "admin",
        "users",
        "ctrl+n",
        *"lisi",
        "enter",
        *"李小四",
        "enter",
        "enter",
        "enter",
        "enter",
        *"temp-pass-1",
        "f10",
    )
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_settings_list(snap_compare, sqlite_config, lang):
    """Every setting with its value now, the insurance rate's change set for tomorrow beside
    it, and who changed the notice deadline; the grade bands cut with … at 80 columns."""
    set_language(lang)
    with database_proxy.connection_context():
        admin = auth.login("admin", "depot123", terminal="setup", pid=1).actor
        settings.put(admin, "insurance.rate", "4‰", from_day=f"{TOMORROW}")
        settings.put(admin, "notify.deadline_hours", "12")
        auth.logout(admin)
    assert snap_compare(
        DepotApp(sqlite_config), terminal_size=SIZE, run_before=part_open("zhangsan", "settings", "tab")
    )


@pytest.mark.parametrize("lang", LANGS)
def test_setting_form(snap_compare, sqlite_config, lang):
    """The insurance rate's form: what it means, its value now, a new one as typed, from
    tomorrow, and a rate over 5% refused at its field."""
    set_language(lang)
    run = part_open("admin", "settings", "tab", "enter", "ctrl+u", *"6%", "f10")
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_partners_list(snap_compare, sqlite_config, lang):
    """The partner lines as a clerk reads them: contact, phone, usual fee and rebate, where
    each goes; no key to change them."""
    set_language(lang)
    run = part_open("zhangsan", "partners", "tab")
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


def _agreed_hengda() -> None:
    """恒达: a 9折 agreement approved, an 85折 one from the 1st waiting, a limit and a day."""
    from depot_tui.models import Customer
    from depot_tui.services import customers

    with database_proxy.connection_context():
        chen = auth.login("chenjing", "depot123", terminal="setup", pid=1).actor
        c = Customer.get(Customer.phone == "13802451187")
        customers.decide(chen, customers.propose(chen, c.id, "9折", "").id, True)
        customers.propose(chen, c.id, "85折", "2026-12-01", note="年度协议续签")
        customers.save(chen, c.id, customers.CustomerForm(c.name, c.phone, c.address, True, "50000", "25"))
        auth.logout(chen)


@pytest.mark.parametrize("lang", LANGS)
def test_customers_list(snap_compare, sqlite_config, lang):
    """The latest customers: monthly accounts with their limit and statement day, 恒达's agreed
    price and the one waiting for approval."""
    set_language(lang)
    _agreed_hengda()
    assert snap_compare(
        DepotApp(sqlite_config), terminal_size=SIZE, run_before=part_open("chenjing", "customers", "tab")
    )


@pytest.mark.parametrize("lang", LANGS)
def test_agreement_dialog(snap_compare, sqlite_config, lang):
    """Ctrl+T on 恒达: the agreement in force and the one waiting, and a new one refused as
    absurd (0.09, a 9折 typed wrong) at its field."""
    set_language(lang)
    _agreed_hengda()
    run = part_open("chenjing", "customers", *"13802451187", "enter", "ctrl+t", *"0.09", "f10")
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_depots_and_routes(snap_compare, sqlite_config, lang):
    """GZ's routes (Ctrl+R from the depots): 长沙线 CS → XT in 14 hours, and one stopped."""
    set_language(lang)
    from depot_tui.services import routes

    with database_proxy.connection_context():
        chen = auth.login("chenjing", "depot123", terminal="setup", pid=1).actor
        routes.save(chen, routes.RouteForm("长沙线", "CS XT", "14"))
        old = routes.save(chen, routes.RouteForm("湘潭直达", "XT", "12"))
        routes.set_active(chen, old.id, False)
        auth.logout(chen)

    async def run(pilot) -> None:  # noqa: ANN001
        from depot_tui.screens.office import RoutesScreen

        await part_open("chenjing", "depots", "ctrl+r")(pilot)
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, RoutesScreen) and pilot.app.screen.items)
        await pilot.press("tab")
        await pilot.pause(0.3)

    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)


#: The back office's other views: (name, who, part, keys) — each list and form at 80x24.
VIEWS = [
    ("depots_list", "admin", "depots", ("tab",)),
    ("depot_new", "admin", "depots", ("ctrl+n", *"cs", "enter", *"长沙芙蓉站", "f10")),
    (
        "route_form",
        "chenjing",
        "depots",
        ("ctrl+r", "ctrl+n", *"长沙线", "enter", *"CS XT", "enter", *"0", "f10"),
    ),
    ("partner_form", "chenjing", "partners", ("tab", "enter")),
    ("customer_form", "chenjing", "customers", ("tab", "enter")),
    ("user_reset", "admin", "users", ("tab", "ctrl+r", *"abc", "f10")),
    ("price_export", "chenjing", "prices", ("ctrl+e",)),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name, who, part, keys", VIEWS, ids=[view[0] for view in VIEWS])
def test_back_office_view(snap_compare, sqlite_config, lang, name, who, part, keys):
    """Each list and dialog of the back office not pictured above, with a refusal where the
    keys make one (a depot without its county, a route of 0 hours, a password too short)."""
    set_language(lang)
    run = part_open(who, part, *keys)
    assert snap_compare(DepotApp(sqlite_config), terminal_size=SIZE, run_before=run)
