"""DepotApp: the shell. Who is logged in, the global keys, screen routing, hang-up handling.

Kept thin: screens live in screens/, rules in services/. Service calls that touch the database
run in a thread with their own connection (`call`), so the interface never waits on a lock.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from typing import Any

from textual import events, work
from textual.binding import Binding
from textual.driver import Driver
from textual.screen import ModalScreen

from . import faults, keys
from .appcore import DB_THREADS, AppCore, SessionInfo  # noqa: F401 - DB_THREADS: named here by tests
from .codes import Role
from .config import Config
from .db import redact
from .i18n import t
from .resources import resource_dir
from .services.auth import LoginResult
from .services.errors import ServiceError
from .typeahead import TypeAhead
from .watch import ExceptionWatch
from .widgets.status_line import StatusLine


class DepotApp(AppCore, inherit_bindings=False):
    """The depot terminal app. One instance per clerk terminal process."""

    CSS_PATH = [
        str(resource_dir("styles") / name)
        for name in (
            "base.tcss",
            "login.tcss",
            "home.tcss",
            "waybill.tcss",
            "search.tcss",
            "loading.tcss",
            "arrival.tcss",
            "pickup.tcss",
            "handover.tcss",
            "score.tcss",
            "office.tcss",
            "exceptions.tcss",
        )
    ]
    TITLE = "depot-tui"
    ENABLE_COMMAND_PALETTE = False
    # Textual's own app bindings are not inherited: its hidden priority Ctrl+Q would quit past
    # the logout confirmation. Ctrl+C must never quit or log out a clerk either.
    BINDINGS = [Binding("ctrl+c", "noop", show=False, priority=True), *keys.bindings(keys.GLOBAL_KEYS)]

    #: Workers the keys typed behind do not wait for (typeahead): the session sweep's timer, and
    #: a supervisor's watch for exceptions nobody has seen (watch.py).
    background_workers = frozenset({"sweep", "watch"})

    def __init__(self, config: Config, driver_class: type[Driver] | None = None) -> None:
        super().__init__(config, driver_class)
        self.typeahead = TypeAhead(self)
        self.alert = ""  # what the status line says waits for a supervisor (watch.py)
        self.exception_watch = ExceptionWatch(self)
        # The screen of each F-key (keys.WORK_SCREENS), made when it is opened.
        self.work_screens: dict[str, Callable[[], Any]] = {
            "waybill": _waybill_screen,
            "loading": _loading_screen,
            "arrival": _arrival_screen,
            "pickup": _pickup_screen,
            "handover": _handover_screen,
            "score": lambda: _score_screen(self),
            "search": _search_screen,
            "office": _office_screen,
        }
        self.set_keymap(config.keys)  # the config file's [keys]: any key moved by its id

    def get_key_display(self, binding: Binding) -> str:
        return binding.key_display or keys.key_label(binding.key)

    def on_mount(self) -> None:
        from .screens.login import LoginScreen

        self.push_screen(LoginScreen())
        faults.start_log(self.config.log_file)
        # Not before the login screen is up: nobody waits for it, and start-up is measured.
        self.set_timer(1.0, self.sweep_sessions)
        loop = asyncio.get_running_loop()
        # Textual does not handle SIGHUP: a dropped SSH link would kill the process before any
        # cleanup. Save what must be saved, end the session, exit.
        for sig in (signal.SIGHUP, signal.SIGTERM):
            loop.add_signal_handler(sig, self._hang_up, sig)

    # --- keys ---------------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes from the terminal go in one at a time, each once the app has caught
        up with the one before (typeahead.TypeAhead): what a fast clerk, a laggy link, a paste
        or a scanner delivers in one read lands where it was typed, in the order typed.

        A line feed is an Enter: keys typed while the SSH session was still starting reach the
        app through the terminal's line discipline, which turns Enter into a line feed (the
        user name and password typed ahead landed in one field), and a scanner set to end its
        codes with LF sends one. Nothing in the app is bound to Ctrl+J."""
        if isinstance(event, events.Key) and event.key == "ctrl+j" and not event.is_forwarded:
            event = events.Key("enter", "\r")
        typed = isinstance(event, events.Key | events.Paste) and not event.is_forwarded
        if typed and self.typeahead.take(event):
            return
        await super().on_event(event)

    # --- login and logout --------------------------------------------------------------------

    async def logged_in(self, result: LoginResult) -> None:
        self.session = SessionInfo(result.actor, result.depot_name, result.shift_code)
        self.refresh_bindings()
        if result.must_change_password:
            from .screens.password import ChangePasswordScreen

            await self.switch_screen(ChangePasswordScreen())
            return
        await self.show_home()

    async def show_home(self) -> None:
        from .screens.home import HomeScreen

        await self.switch_screen(HomeScreen())
        self.offer_draft()
        self.tell_deductions()
        self.exception_watch.start()

    @work(group="told")
    async def tell_deductions(self) -> None:
        """At login, the clerk's deductions confirmed since they last looked: told now (the
        company's appeal rule counts its 5 working days from being told), until the next key."""
        from .services import scoring

        if self.session is None or self.session.actor.role != Role.CLERK:
            return
        actor = self.session.actor
        try:
            told = await self.call(scoring.told_lines, actor)
        except ServiceError:
            return  # a fault here costs nothing: F7 tells them when it opens
        days = [line.until for line in told if line.until is not None]
        if days:
            points = sum(line.points for line in told)
            until = min(days)
            self.notify(
                t("score.told", count=len(told), points=f"{points:+.0f}", until=f"{until:%m-%d}"), timeout=30
            )

    @work(exclusive=True, group="navigation")
    async def offer_draft(self) -> None:
        """After login, what the last session left: work kept in recovery files saved now;
        waybills a crash hid between their commit and the screen (UnseenScreen); a waybill
        half-typed when the link dropped (or at Ctrl+Q) offered back."""
        from .services import recovery, waybills

        if self.session is None:
            return
        actor = self.session.actor
        for path, keeps in faults.read_recovery(
            self.config.state, db=redact(self.config.db), username=actor.username
        ):
            for keep in keeps:
                await self.call(recovery.save, actor, keep)
            path.unlink(missing_ok=True)
        unseen = await self.call(waybills.unacknowledged, actor)
        if unseen:
            from .screens.unseen import UnseenScreen

            await self.push_screen_wait(UnseenScreen(unseen))
        draft = await self.call(waybills.latest_draft, actor)
        if draft is None or not await self.confirm(
            "wb.draft_offer_title", "wb.draft_offer_body", at=f"{draft.updated_at:%m-%d %H:%M}"
        ):
            return
        from .screens.waybill import WaybillScreen

        await self.push_screen(WaybillScreen(draft))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Work screens and logout exist only for a logged-in user: hidden from the footer before.
        if action in ("open", "logout", "help") and self.session is None:
            return action == "help"
        return True

    # One area's screen opens another area's through these, so no area imports another's screens
    # (the import contract "areas-apart" in pyproject.toml).

    def open_waybill(self, number: str) -> None:
        """One waybill, read-only, over the current screen (F8's view of it)."""
        from .screens.search import WaybillDetailScreen

        self.push_screen(WaybillDetailScreen(number))

    def open_price_table(self) -> None:
        """The depot's price table over the current screen, read only to a clerk (F9 on the
        waybill's empty destination: a clerk quoting by phone reads the table)."""
        from .screens.office import PriceTableScreen

        self.push_screen(PriceTableScreen())

    @work(group="navigation-quote")
    async def open_quote(self, hit: Any) -> None:
        """F8's phone quote taken to F2 (R-3.2): the waybill form opens filled from it."""
        from .screens.waybill import WaybillScreen

        await self.action_open("waybill").wait()
        if isinstance(self.screen, WaybillScreen):
            await self.screen.take_quote(hit)

    def redraw_status(self) -> None:
        """The status lines of the screens up, after `alert` changed."""
        for screen in self.screen_stack:
            for line in screen.query(StatusLine):
                line.redraw()

    def open_exceptions(self) -> None:
        """The depot's exceptions over the current screen (home's Ctrl+E)."""
        from .screens.exceptions import ExceptionsScreen

        self.push_screen(ExceptionsScreen())

    @work(group="exception-report")
    async def report_exception(self, waybill: str = "") -> None:
        """The exception report over the current screen, the waybill at hand filled in (F8)."""
        from .screens.exceptions.forms import ReportFormScreen

        if await self.push_screen_wait(ReportFormScreen(waybill)):
            self.notify(t("exc.reported"), timeout=8)

    def open_register(self, kind: str) -> None:
        """The registers' dialog over the current screen, `kind` offered first (the month's
        summary from the exception list; F5's Ctrl+P opens it at the pickup register)."""
        from .screens.pickup.registers import RegisterScreen

        self.push_screen(RegisterScreen(kind))

    def open_exception(self, exception_id: int) -> None:
        """One exception read whole, over the current screen (from the list)."""
        from .screens.exceptions import ExceptionScreen

        self.push_screen(ExceptionScreen(exception_id))

    def open_handover(self, handover_id: int) -> None:
        """One handover, read-only, over the current screen (as from the handover log)."""
        from .screens.handover import HandoverReadScreen

        self.push_screen(HandoverReadScreen(handover_id))

    @work(exclusive=True, group="navigation")
    async def action_open(self, screen_id: str) -> None:
        from .screens.base import DepotScreen
        from .screens.home import HomeScreen

        if self.session is None or isinstance(self.screen, ModalScreen):
            return  # a dialog is waiting for its answer first
        # What lies over home counts as one place: the scan loop over the run list, a waybill
        # over the search list. Leaving it asks about each screen's typed input, then pops all.
        stack = self.screen_stack
        homes = [i for i, s in enumerate(stack) if isinstance(s, HomeScreen)]
        above = list(reversed(stack[homes[-1] + 1 :])) if homes else []
        if above and getattr(above[-1], "screen_id", None) == screen_id:
            return  # already there (the F-key's screen is the lowest of them)
        for screen in above:
            if isinstance(screen, DepotScreen):
                await screen.settle()
            if isinstance(screen, DepotScreen) and screen.has_unsaved_input():
                if not await self.confirm("confirm.discard.title", "confirm.discard.body"):
                    return
                await screen.discard_input()
        for _ in above:
            self.pop_screen()
        await self.push_screen(self.work_screens[screen_id]())

    @work(exclusive=True, group="navigation")
    async def action_logout(self) -> None:
        if self.session is None:
            self.exit(0)
            return
        unsaved = any(getattr(s, "has_unsaved_input", lambda: False)() for s in self.screen_stack)
        body = "confirm.discard.body" if unsaved else "confirm.logout.body"
        if not await self.confirm("confirm.logout.title", body):
            return
        for screen in self.screen_stack:
            settle = getattr(screen, "settle", None)
            if settle is not None:
                await settle()
        # Saved, or kept in a recovery file for the next login when the database refuses:
        # logging out never strands a clerk in a session, nor loses what was typed.
        _left, fault = await asyncio.to_thread(
            self._save_kept, self._kept(), self.session.actor, "logout", timeout=None
        )
        from .screens.login import LoginScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        await self.switch_screen(LoginScreen())
        self.exception_watch.stop()
        self.session = None  # after the switch: screens being left may still read it
        self.refresh_bindings()
        if fault is not None:
            self.show_fault(fault.message())

    async def action_quit(self) -> None:
        if self.session is not None:
            self.action_logout()
            return
        self.exit(0)

    def action_noop(self) -> None:
        pass

    async def confirm(self, title_key: str, body_key: str, **params: object) -> bool:
        """Ask yes/no in a dialog; call from a worker (actions here are workers)."""
        from .screens.dialogs import ConfirmScreen

        answer: bool | None = await self.push_screen_wait(ConfirmScreen(title_key, body_key, **params))
        return bool(answer)

    def action_help(self) -> None:
        from .screens.base import DepotScreen
        from .screens.dialogs import help_for

        screen = self.screen
        if not isinstance(screen, DepotScreen):
            return
        # The keys that work here: a screen's check_action hides what does not apply just now.
        bindings = [
            item
            for item in getattr(screen, "screen_keys", [])
            if screen.check_action(item.action.split("(")[0], ()) is not False
        ]
        if self.session is not None:
            bindings += keys.GLOBAL_KEYS
        title = t(screen.title_key)
        self.push_screen(help_for(title, screen.help_text(), bindings, self.config.keys))


def _waybill_screen():  # noqa: ANN202 - imported when first opened, not at start-up
    from .screens.waybill import WaybillScreen

    return WaybillScreen()


def _loading_screen():  # noqa: ANN202
    from .screens.loading import LoadingScreen

    return LoadingScreen()


def _arrival_screen():  # noqa: ANN202
    from .screens.arrival import ArrivalScreen

    return ArrivalScreen()


def _pickup_screen():  # noqa: ANN202
    from .screens.pickup import PickupScreen

    return PickupScreen()


def _handover_screen():  # noqa: ANN202
    from .screens.handover import HandoverScreen

    return HandoverScreen()


def _score_screen(app: DepotApp):  # noqa: ANN202
    """F7: the supervisor's table of clerks, a clerk's own month, or HR's appeals."""
    from .screens.score import AppealsScreen, ClerkScoreScreen, ScoreScreen

    if app.actor.role == Role.CLERK:
        return ClerkScoreScreen.own_month(app.actor)
    if app.actor.role == Role.HR:
        return AppealsScreen()
    return ScoreScreen()


def _search_screen():  # noqa: ANN202
    from .screens.search import SearchScreen

    return SearchScreen()


def _office_screen():  # noqa: ANN202
    from .screens.office import OfficeScreen

    return OfficeScreen()
