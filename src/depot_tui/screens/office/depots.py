"""Depots and routes (网点与线路): the stations of the line with the counties each delivers to,
and this depot's usual truck runs with their stops and transit time. An admin adds and changes
depots (a code is fixed once; the console's `depot-tui depot add` does the same); a supervisor
keeps the routes; everyone reads both."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import depots, printing, routes
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.fields import Field, FieldMessage, value_of
from ...widgets.safe import plain
from ..dialogs import FormDialog
from ..lists import FindListScreen

EDIT = KeyAction("edit", "enter", "open_item", "key.edit_item")
ROUTES = KeyAction("routes", "ctrl+r", "routes", "key.routes")
ADD = KeyAction("add", "ctrl+n", "add_item", "key.add_item")
SWITCH = KeyAction("switch_route", "ctrl+d", "switch_route", "key.switch_partner")


class DepotsScreen(FindListScreen):
    screen_id = "depots"
    title_key = "screen.depots"
    help_key = "help.depots"
    list_title_key = "depot.title"
    columns_key = "depot.columns"
    empty_key = "depot.none"
    read_only_key = "depot.read_only"
    screen_keys: list[KeyAction] = [BACK, EDIT, ADD, ROUTES]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in ("open_item", "add_item") or self.depot_app.actor.role.value == "admin"

    def load_all(self, actor: Actor) -> list[depots.DepotLine]:
        return depots.listing()

    def matches(self, line: depots.DepotLine, text: str) -> bool:
        return text in line.code.lower() or text in line.name or any(text in area for area in line.areas)

    def list_title(self) -> str:
        return t(self.list_title_key, count=len(self.items))

    def row(self, line: depots.DepotLine) -> tuple[object, ...]:
        return (
            line.code,
            plain(printing.cut(line.name, 14)),
            plain(line.county),
            str(len(line.areas)),
            plain(printing.cut("、".join(line.areas), 30)),
        )

    @work(exclusive=True, group="depot-form")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        await self.change_item(DepotFormScreen, lambda line: t("depot.saved", code=line.code))

    @work(exclusive=True, group="depot-form")
    async def action_add_item(self) -> None:
        code = await self.depot_app.push_screen_wait(NewDepotScreen())
        if code:
            self.say(t("depot.saved", code=code))
            self.refresh_items()

    def action_routes(self) -> None:
        self.app.push_screen(RoutesScreen())


class DepotFormScreen(FormDialog):
    """A depot: name, address, phone and the counties it delivers to besides its own."""

    labels_prefix = "depot"

    def __init__(self, line: depots.DepotLine) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        line = self.line
        others = "，".join(area for area in line.areas if area != line.county)
        with Vertical(classes="dialog", id="depot-form"):
            yield Static(
                plain(t("depot.edit_title", code=line.code, county=line.county)), classes="dialog-title"
            )
            yield from self.row("name", Field(line.name, id="name", max_length=40))
            yield from self.row("address", Field(line.address, id="address", max_length=200))
            yield from self.row("phone", Field(line.phone, id="phone", max_length=20))
            yield from self.row("counties", Field(others, id="counties", max_length=400))
            yield FieldMessage(id="dialog-message")
            yield Static(t("depot.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#name").focus()

    @work(exclusive=True, group="depot-save")
    async def action_save(self) -> None:
        app = self.depot_app
        form = depots.DepotForm(*(value_of(self, name) for name in ("name", "address", "phone", "counties")))
        try:
            await app.call(depots.change_depot, app.actor, self.line.code, form)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)


class NewDepotScreen(FormDialog):
    """A new depot of the line: its code (fixed once), name, county and the other counties it
    delivers to. Returns its code once added."""

    labels_prefix = "depot"
    FIELDS = [("code", 8), ("name", 40), ("county", 20), ("counties", 400), ("address", 200), ("phone", 20)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="depot-form"):
            yield Static(t("depot.new_title"), classes="dialog-title")
            for name, most in self.FIELDS:
                yield from self.row(name, Field(id=name, max_length=most))
            yield FieldMessage(id="dialog-message")
            yield Static(t("depot.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#code").focus()

    @work(exclusive=True, group="depot-save")
    async def action_save(self) -> None:
        app = self.depot_app
        values = {name: value_of(self, name) for name, _ in self.FIELDS}
        try:
            made = await app.call(depots.new_depot, app.actor, **values)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(made.code)


class RoutesScreen(FindListScreen):
    """This depot's routes: a supervisor adds (Ctrl+N) and changes (Enter) them, and stops
    offering one to new runs (Ctrl+D)."""

    screen_id = "routes"
    title_key = "screen.routes"
    help_key = "help.routes"
    list_title_key = "route.title"
    columns_key = "route.columns"
    empty_key = "route.none"
    read_only_key = "route.read_only"
    screen_keys: list[KeyAction] = [BACK, EDIT, ADD, SWITCH]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in ("open_item", "add_item", "switch_route") or self.depot_app.actor.is_supervisor

    def load_all(self, actor: Actor) -> list[routes.RouteLine]:
        return routes.lines(actor)

    def matches(self, line: routes.RouteLine, text: str) -> bool:
        return text in line.name or any(text == code.lower() for code in line.stops)

    def list_title(self) -> str:
        return t(self.list_title_key, count=len(self.items))

    def row(self, line: routes.RouteLine) -> tuple[object, ...]:
        name = line.name if line.active else f"{line.name} {t('partner.stopped')}"
        return (plain(name), " → ".join(line.stops), t("route.hours", hours=line.transit_hours))

    @work(exclusive=True, group="route-form")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        await self.change_item(RouteFormScreen, lambda line: t("route.saved", name=line.name))

    @work(exclusive=True, group="route-form")
    async def action_add_item(self) -> None:
        name = await self.depot_app.push_screen_wait(RouteFormScreen(None))
        if name:
            self.say(t("route.saved", name=name))
            self.refresh_items()

    @work(exclusive=True, group="route-form")
    async def action_switch_route(self) -> None:
        line = self.highlighted()
        if line is None:
            return
        app = self.depot_app
        try:
            await app.call(routes.set_active, app.actor, line.id, not line.active)
        except ServiceError as exc:
            self.refused(exc)
            return
        self.refresh_items()


class RouteFormScreen(FormDialog):
    """A route: its name, its stops as station codes in order, its normal transit time."""

    labels_prefix = "route"

    def __init__(self, line: routes.RouteLine | None) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        line = self.line
        with Vertical(classes="dialog", id="route-form"):
            title = t("route.new_title") if line is None else t("route.edit_title", name=line.name)
            yield Static(plain(title), classes="dialog-title")
            yield from self.row("name", Field(line.name if line else "", id="name", max_length=30))
            yield from self.row(
                "stops", Field(" ".join(line.stops) if line else "", id="stops", max_length=60)
            )
            hours = str(line.transit_hours) if line else ""
            yield from self.row("transit_hours", Field(hours, id="transit_hours", max_length=3))
            yield FieldMessage(id="dialog-message")
            yield Static(t("route.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#name").focus()

    @work(exclusive=True, group="route-save")
    async def action_save(self) -> None:
        app = self.depot_app
        form = routes.RouteForm(*(value_of(self, name) for name in ("name", "stops", "transit_hours")))
        try:
            saved = await app.call(routes.save, app.actor, form, self.line.id if self.line else None)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(saved.name)
