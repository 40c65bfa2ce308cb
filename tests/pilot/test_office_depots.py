"""Depots and routes by keys (F12, 网点与线路): 陈静 adds a route from GZ in one burst; a clerk
reads the depots and routes and changes nothing. A route's stops typed wrong load a truck for
stations it does not go to."""

from __future__ import annotations

from support import burst, log_in_as, screen_text, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import Route, database_proxy
from depot_tui.screens.office import DepotsScreen, OfficeScreen, RoutesScreen

SIZE = (80, 24)


async def open_depots(pilot, app, username: str) -> DepotsScreen:  # noqa: ANN001
    await log_in_as(pilot, username)
    await pilot.press("f12")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeScreen) and app.screen.items)
    parts = [part.id for part in app.screen.items]
    await pilot.press(*["down"] * parts.index("depots"), "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, DepotsScreen) and app.screen.items)
    return app.screen


async def test_a_supervisor_adds_a_route_in_one_burst(demo_config):
    """Ctrl+R from the depots, Ctrl+N, 长沙线, GZ (this depot) as its stop: refused at the
    field with GZ still there; put right to CS XT with 14 hours: the list shows it."""
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await open_depots(pilot, app, "chenjing")
        await burst(pilot, "ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, RoutesScreen))
        listed = app.screen
        await burst(pilot, "ctrl+n", *"长沙线", "enter", *"GZ", "enter", *"14", "enter")
        await wait_for(pilot, lambda: "经停站：" in screen_text(app))
        assert app.focused.id == "stops" and app.focused.value == "GZ"
        await burst(pilot, "ctrl+u", *"CS XT", "f10")
        await wait_for(pilot, lambda: app.screen is listed and len(listed.items) == 2)
        assert [(r.name, r.stops, r.transit_hours) for r in listed.items] == [
            ("湘线", ["CS", "XT"], 24),  # the demo's
            ("长沙线", ["CS", "XT"], 14),
        ]
    with database_proxy.connection_context():
        assert Route.select().where(Route.name == "长沙线").count() == 1


async def test_a_clerk_reads_depots_and_routes_and_changes_nothing(demo_config):
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        listed = await open_depots(pilot, app, "zhangsan")
        assert {line.code for line in listed.items} == {"GZ", "CS", "XT"}
        await burst(pilot, "tab", "enter")
        assert app.screen is listed and "只有管理员可以修改网点" in screen_text(app)
        await burst(pilot, "ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, RoutesScreen))
        await burst(pilot, "ctrl+n")
        assert isinstance(app.screen, RoutesScreen)
