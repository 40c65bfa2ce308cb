"""DepotApp: the shell. Who is logged in, the global keys, screen routing, hang-up handling.

Kept thin: screens live in screens/, rules in services/. Service calls that touch the database
run in a thread with their own connection (`call`), so the interface never waits on a lock.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import contextvars
import functools
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.worker import WorkerFailed, active_worker

from . import faults, keys
from .codes import Role
from .config import Config
from .db import Failure, failure, redact, wait_at_most, writes_sent
from .faults import Keep
from .i18n import t
from .models import database_proxy
from .resources import resource_dir
from .services import auth
from .services.actor import Actor
from .services.auth import LoginResult
from .services.errors import DatabaseFailure, ServiceError
from .widgets.fields import Field

R = TypeVar("R")

#: Service calls at once per clerk's session (the scan loop, a screen's loads, a save), and so
#: the database connections it holds; more calls wait their turn.
DB_THREADS = 4


@dataclass(frozen=True)
class SessionInfo:
    actor: Actor
    depot_name: str
    shift_code: str | None


class DepotApp(App[int], inherit_bindings=False):
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
        )
    ]
    TITLE = "depot-tui"
    ENABLE_COMMAND_PALETTE = False
    # Textual's own app bindings are not inherited: its hidden priority Ctrl+Q would quit past
    # the logout confirmation. Ctrl+C must never quit or log out a clerk either.
    BINDINGS = [Binding("ctrl+c", "noop", show=False, priority=True)]

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.session: SessionInfo | None = None
        self.pid = os.getpid()
        self._ending = False  # a hang-up, SIGTERM or fatal error is under way
        # The screen of each F-key (keys.WORK_SCREENS), made when it is opened.
        self.work_screens: dict[str, Callable[[], Any]] = {
            "waybill": _waybill_screen,
            "loading": _loading_screen,
            "arrival": _arrival_screen,
            "pickup": _pickup_screen,
            "handover": _handover_screen,
            "score": lambda: _score_screen(self),
            "search": _search_screen,
        }
        keys.bind_keys(self, keys.GLOBAL_KEYS)
        # The threads service calls run in, each with its database connection kept open: a few,
        # whatever the machine's cores (asyncio's own pool grows with them), so a clerk's session
        # holds at most DB_THREADS connections to a database server shared by every depot.
        self._db_threads = concurrent.futures.ThreadPoolExecutor(DB_THREADS, thread_name_prefix="depot-db")

    # --- start, hang-up, database calls ------------------------------------------------------

    def notify(
        self,
        message: str | Content,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """As Textual's, typed for what the screens pass: Content made by `plain` (user text
        never parsed as markup), which Textual renders but types as str."""
        super().notify(cast(str, message), title=title, severity=severity, timeout=timeout, markup=markup)

    @property
    def actor(self) -> Actor:
        """Who is logged in: the actor every service call of a screen is made as. Screens
        after login only: there is no actor on the login screen."""
        if self.session is None:
            raise RuntimeError("no one is logged in")
        return self.session.actor

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

    # --- what must outlive a logout, a hang-up or a crash -----------------------------------

    #: The longest a hang-up or SIGTERM spends saving typed work before it writes it to a
    #: recovery file instead: the process must be gone within 2 s whatever the database does.
    HANG_UP_SAVE_S = 1.2

    def _kept(self) -> list[tuple[Keep, threading.Lock | None]]:
        """What every open screen holds that must be kept, read from its widgets now (main
        thread, no database), each with the lock its in-flight writes hold (the scan loop's)."""
        kept = []
        for screen in reversed(self.screen_stack):
            collect = getattr(screen, "kept", None)
            if collect is None:
                continue
            try:
                items = collect()
            except Exception as exc:  # a bug there must not stop the rest being kept
                faults.record_bug(exc, f"{type(screen).__name__}.kept")
                continue
            kept += [(keep, getattr(screen, "write_lock", None)) for keep in items]
        return kept

    def _save_kept(
        self,
        kept: list[tuple[Keep, threading.Lock | None]],
        actor: Actor | None,
        end: str | None,
        *,
        timeout: float | None,
    ) -> tuple[list[Keep], Failure | None]:
        """Save `kept` and end the session (`end` is the reason) in a thread of its own, on its
        own connection, waiting `timeout` seconds at most. Returns what was not saved (written
        to a recovery file here) and the fault that stopped it, if any."""
        saved: list[int] = []
        faulted: list[Failure] = []
        ended, late = threading.Event(), threading.Event()

        def work() -> None:
            try:
                database_proxy.connect(reuse_if_open=True)
                if timeout is not None:  # give up on a lock before the deadline, not after it
                    with contextlib.suppress(Exception):
                        wait_at_most(timeout * 0.75)
                from .services import recovery  # its services are not needed at start-up

                if actor is None:
                    return
                for number, (keep, lock) in enumerate(kept):
                    if late.is_set():  # past the deadline: the rest is in the recovery file
                        return
                    with lock or contextlib.nullcontext():
                        recovery.save(actor, keep)
                    saved.append(number)
                if end is not None:
                    auth.logout(actor, end)
            except Exception as exc:
                fault = failure(exc)
                if fault is None:
                    faults.record_bug(exc, "saving on the way out")
                    fault = Failure("other", "program error")
                else:
                    faults.record_fault(fault.kind, fault.detail, "saving on the way out")
                faulted.append(fault)
            finally:
                with contextlib.suppress(Exception):
                    database_proxy.close()
                ended.set()

        threading.Thread(target=work, name="depot-keep", daemon=True).start()
        if not ended.wait(timeout):
            late.set()
            faulted.append(Failure("busy", "still waiting when the process had to end"))
        done = set(saved)
        left = [keep for number, (keep, _lock) in enumerate(kept) if number not in done]
        if left and actor is not None:
            faults.write_recovery(
                self.config.state, db=redact(self.config.db), username=actor.username, keeps=left
            )
        return left, (faulted[0] if faulted else None)

    @work(group="sweep")
    async def sweep_sessions(self) -> None:
        """Sessions of processes on this host that died (killed, crashed) are closed at start,
        not only when their clerk logs in again on the same terminal."""
        await self.call(auth.sweep_sessions)

    def _hang_up(self, sig: signal.Signals) -> None:
        """Save, end the session, and go, within 2 s whatever the database does: what cannot
        be saved in HANG_UP_SAVE_S goes to a recovery file for the next login.

        On SIGHUP the terminal is gone: there is nothing to restore, and Textual's shutdown
        writes to it through its output thread, which a dead terminal has stopped (EIO); its
        queue then fills and the shutdown waits forever, an orphan process per dropped link.
        So SIGHUP leaves at once. SIGTERM exits normally (the terminal may be there to
        restore), with a hard exit behind it should that hang."""
        code = 128 + int(sig)
        started = time.monotonic()
        if not self._end_session("hangup" if sig == signal.SIGHUP else "terminated"):
            return
        if sig == signal.SIGHUP:
            self.hard_exit(code)
            return
        left = max(0.1, 1.8 - (time.monotonic() - started))
        watchdog = threading.Timer(left, self.hard_exit, (code,))
        watchdog.daemon = True
        watchdog.start()
        self.exit(return_code=code)

    def hard_exit(self, code: int) -> None:
        """End the process now, without Textual's shutdown (see _hang_up). Tests replace it:
        they cannot lose their own process."""
        os._exit(code)

    # --- faults: one path for every screen --------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """Every exception nothing else caught comes here (Textual's hook; its own version
        exits with a traceback that shows local values, a typed password among them).

        - Work of a screen already taken down (a worker that finished as the clerk left): dropped.
        - The database failing, or a refusal no screen caught: one line where the clerk looks.
        - A program error in a worker: logged with a reference, one line; the app goes on,
          and everything typed is still on screen.
        - A program error elsewhere (a message handler, whose widget has stopped): logged,
          typed work kept, and the app ends with one line, never a traceback."""
        worker = active_worker.get(None)
        inner = error.error if isinstance(error, WorkerFailed) else error
        node = worker.node if worker is not None else None
        if isinstance(node, Screen) and getattr(node, "gone", False):
            return
        fault = failure(inner)
        if fault is not None:
            faults.record_fault(fault.kind, fault.detail, type(node).__name__)
            inner = DatabaseFailure(fault.kind, fault.detail)
        if isinstance(inner, ServiceError):
            self.show_fault(t(inner.key, **inner.params))
            return
        ref = faults.record_bug(inner, type(node).__name__ if node is not None else "app")
        if self._exception is None:  # a pilot test fails on it at its end, as Textual's would
            self._exception = inner  # type: ignore[assignment]  # Textual's slot, any exception kept as raised
        if isinstance(error, WorkerFailed):
            self.show_fault(t("app.bug", ref=ref, log=self.config.log_file))
            return
        self._bug_exit(ref)

    def _bug_exit(self, ref: str) -> None:
        if self._end_session("crash"):
            self.exit(return_code=1, message=t("app.bug_exit", ref=ref, log=self.config.log_file))

    def _end_session(self, reason: str) -> bool:
        """The process is ending (hang-up, SIGTERM, a fatal error): keep the screens' work and
        end the session within HANG_UP_SAVE_S. False when an ending is already under way."""
        if self._ending:
            return False
        self._ending = True
        faults.log.info("ending (%s): keeping the screens' work", reason)
        kept = self._kept()  # while the session is still there: screens keep only a clerk's work
        actor = self.session.actor if self.session is not None else None
        self.session = None
        self._save_kept(kept, actor, reason, timeout=self.HANG_UP_SAVE_S)
        return True

    def show_fault(self, text: str) -> None:
        """One line where the clerk is looking: the screen's own message line if it has one."""
        show = getattr(self.screen, "show_fault", None)
        if show is not None:
            show(text)
        else:
            self.notify(text, severity="error", timeout=10)
        self.bell()

    async def on_event(self, event: events.Event) -> None:
        """Enter on a form field: move focus as the key is dispatched.

        Textual routes each key to the widget focused at dispatch time, but resolves bindings
        (Input's Enter = submit) only when the key bubbles back up, against the focus *then*.
        Moving focus in a Submitted handler is too late for keys typed ahead (a fast clerk, a
        scanner's burst: they land in the old field); moving it here and forwarding the Enter
        would let the bubbled Enter submit the new field. So the Enter is consumed here: the
        field's submit is queued behind the keys already routed to it, then focus moves.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            focused = self.focused
            # A choice takes its keys now, for the same reason (widgets/choice.Choice.take_key).
            take_key = getattr(focused, "take_key", None)
            if take_key is not None and take_key(event):
                return
            if event.key == "enter" and getattr(focused, "enter_advances", False):
                if isinstance(focused, Field):
                    focused.call_later(focused.action_submit)
                self.screen.focus_next()
                return
        await super().on_event(event)

    async def call(self, func: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        """Run a service function in a worker thread on that thread's database connection.
        The one door from screens to services: a database fault comes out of it as a
        `DatabaseFailure`, a ServiceError, so each screen's refusal path shows it at its field
        and keeps what was typed; nothing else a driver raises reaches a screen.

        Each worker thread keeps its connection open from call to call (Peewee keeps one per
        thread): opening one, with its pragmas and a cold page cache, cost 2.4 ms a call on
        the million-waybill database, a third of an arrival scan. A database failure closes
        the thread's connection, so the next call starts on a fresh one. On PostgreSQL a call
        that found its kept connection dead before it sent a write (a server restart while the
        terminal was idle: its first statement fails) is made once more on a new one, and the
        clerk sees nothing. A connection lost after a write was sent is said, never retried:
        the write may have committed."""

        def run() -> R:
            for attempt in (1, 2):
                kept = not database_proxy.is_closed()  # this thread's connection from an earlier call
                before = writes_sent()
                try:
                    database_proxy.connect(reuse_if_open=True)
                    return func(*args, **kwargs)
                except Exception as exc:
                    fault = failure(exc)
                    if fault is None:
                        raise
                    read_only = writes_sent() == before
                    with contextlib.suppress(Exception):
                        database_proxy.close()
                    if attempt == 1 and fault.kind == "connection" and kept and read_only:
                        # The kept connection was dead (the server was restarted, the link
                        # dropped) before the call sent anything that could change a row: it
                        # is made once more on a new connection.
                        continue
                    faults.record_fault(fault.kind, fault.detail, getattr(func, "__qualname__", "call"))
                    raise DatabaseFailure(fault.kind, fault.detail) from None
            raise AssertionError("unreachable")

        context = contextvars.copy_context()  # as asyncio.to_thread: the caller's context in the thread
        return await asyncio.get_running_loop().run_in_executor(
            self._db_threads, functools.partial(context.run, run)
        )

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
        bindings = list(getattr(screen, "screen_keys", []))
        if self.session is not None:
            bindings += keys.GLOBAL_KEYS
        title = t(screen.title_key)
        self.push_screen(help_for(title, screen.help_text(), bindings))


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
    """F7: the supervisor's table of clerks, or a clerk's own month."""
    from .screens.score import ClerkScoreScreen, ScoreScreen

    if app.actor.role == Role.CLERK:
        return ClerkScoreScreen.own_month(app.actor)
    return ScoreScreen()


def _search_screen():  # noqa: ANN202
    from .screens.search import SearchScreen

    return SearchScreen()
