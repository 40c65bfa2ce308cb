"""Home (首页): who is on duty and this depot's figures for today and this shift."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Static

from ..i18n import t
from ..keys import KeyAction
from ..services import home
from ..widgets.safe import plain, plain_lines
from ..widgets.status_line import shift_label
from .base import DepotScreen
from .outbox import OutboxScreen
from .uploads import UploadsScreen

FIGURES = [
    ("issued_today", "home.issued_today"),
    ("issued_shift", "home.issued_shift"),
    ("in_stock", "home.in_stock"),
    ("loading", "home.loading"),
    ("incoming", "home.incoming"),
    ("to_check", "home.to_check"),
    ("to_notify", "home.to_notify"),
    ("held", "home.held"),
    ("exceptions", "home.exceptions"),
    ("uploads", "home.uploads"),
]

#: Real-name uploads (R-2.18): mark one, see the day's.
UPLOADS = KeyAction("uploads", "ctrl+u", "uploads", "key.uploads")
#: The depot's exceptions (issue 23): reported, followed up, resolved.
EXCEPTIONS = KeyAction("exceptions", "ctrl+e", "exceptions", "key.exceptions")
#: The outbox: what was printed, what failed to, printed again (issue 25, item 4).
OUTBOX = KeyAction("outbox", "ctrl+o", "outbox", "key.outbox")


class HomeScreen(DepotScreen):
    """Shown after login and whenever a work screen closes; figures refresh each time."""

    help_key = "help.home"
    screen_keys: list[KeyAction] = [UPLOADS, EXCEPTIONS, OUTBOX]

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        actor = self.depot_app.actor
        with Vertical(id="home"):
            yield Static(plain(t("home.greeting", name=actor.name)), id="greeting")
            yield Static("", id="shift")
            yield Static(t("home.today"), classes="section")
            with Grid(id="figures"):
                for figure_id, label in FIGURES:
                    yield Static(t(label), classes="figure-label")
                    yield Static("…", id=f"fig-{figure_id}", classes="figure-value")
            yield Static("", id="home-setup")
            yield Static(t("home.hint"), id="home-hint")
        yield from self.compose_footer()

    def on_screen_resume(self) -> None:
        self.refresh_figures()

    @work(exclusive=True, group="home-figures")
    async def refresh_figures(self) -> None:
        app = self.depot_app
        if app.session is None:  # resumed on the way out of a logout
            return
        figures = await app.call(home.figures, app.actor)
        if figures.shift_code:
            shift_text = t(
                "home.shift",
                shift=shift_label(figures.shift_code),
                start=f"{figures.shift_start:%H:%M}",
                end=f"{figures.shift_end:%H:%M}",
            )
        else:
            shift_text = t("home.no_shift")
        if figures.handover_from:  # taking over comes first: no waybill is issued until then
            shift_text += t("home.handover_waiting", name=figures.handover_from)
        self.query_one("#shift", Static).update(plain(shift_text))
        values = {
            "issued_today": t(
                "home.waybills_pieces", waybills=figures.issued_today, pieces=figures.pieces_today
            ),
            "issued_shift": str(figures.issued_this_shift),
            "in_stock": str(figures.pieces_in_stock),
            "loading": str(figures.trucks_loading),
            "incoming": str(figures.trucks_incoming),
            "to_check": str(figures.trucks_to_check),
            "to_notify": str(figures.waybills_to_notify),
            "held": str(figures.held_goods),
            "exceptions": str(figures.open_exceptions),
            "uploads": (
                t("home.uploads_value", **vars(figures.uploads)) if figures.uploads is not None else ""
            ),
        }
        for figure_id, value in values.items():
            self.query_one(f"#fig-{figure_id}", Static).update(value)
        setup = [t("ready.title"), *(f"  · {t(gap.key, **gap.params)}" for gap in figures.missing)]
        self.query_one("#home-setup", Static).update(plain_lines(setup) if figures.missing else "")
        hint = t("home.hint")
        if figures.locked:
            names = "、".join(f"{name} {until:%H:%M}" for name, until in figures.locked)
            hint = t("home.locked", accounts=names)
        line = self.query_one("#home-hint", Static)
        line.update(plain(hint))
        # At 80x24 a new depot's list of what it lacks takes the hint's row: the key bar below
        # says the same keys, the list's last line would be cut off.
        line.display = bool(figures.locked) or not figures.missing

    def action_uploads(self) -> None:
        self.app.push_screen(UploadsScreen())

    def action_outbox(self) -> None:
        self.app.push_screen(OutboxScreen())

    def action_exceptions(self) -> None:
        self.depot_app.open_exceptions()
