"""The app's machinery under the screens: the one door to the services (`call`, in a few
database threads), faults shown where the clerk looks or logged as bugs, and what must outlive a
logout, a hang-up or a crash. DepotApp (app.py) adds who is logged in, the keys and the screens."""

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

from textual import work
from textual.app import App
from textual.content import Content
from textual.dom import DOMNode
from textual.driver import Driver
from textual.filter import Monochrome, NoColor
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import WorkerFailed, active_worker

from . import faults
from .config import Config
from .db import Failure, failure, redact, wait_at_most, writes_sent
from .faults import Keep
from .i18n import t
from .models import database_proxy
from .restyle import restyle
from .services import auth, printing
from .services.actor import Actor
from .services.errors import DatabaseFailure, ServiceError

R = TypeVar("R")

#: Service calls at once per clerk's session (the scan loop, a screen's loads, a save), and so
#: the database connections it holds; more calls wait their turn.
DB_THREADS = 4


@dataclass(frozen=True)
class SessionInfo:
    actor: Actor
    depot_name: str
    shift_code: str | None


#: Terminals that show no colour: a VT100 and its kin, and those named "-m" / "-mono".
MONOCHROME_TERMS = ("vt52", "vt100", "vt102", "vt220", "dumb")


def without_colour(environ: os._Environ[str] | dict[str, str]) -> bool:
    """NO_COLOR set (no-color.org: present and not empty), or a terminal that has no colour."""
    term = environ.get("TERM", "")
    return bool(environ.get("NO_COLOR")) or term in MONOCHROME_TERMS or term.endswith(("-m", "-mono"))


class AppCore(App[int], inherit_bindings=False):
    """A Textual app that keeps a clerk's work and session whatever the database or the link does."""

    #: The longest a hang-up or SIGTERM spends saving typed work before it writes it to a
    #: recovery file instead: the process must be gone within 2 s whatever the database does.
    HANG_UP_SAVE_S = 1.2

    def __init__(self, config: Config, driver_class: type[Driver] | None = None) -> None:
        super().__init__(driver_class=driver_class)
        if without_colour(os.environ):
            # Textual's NO_COLOR turns colours to greys and still writes 24-bit colour codes,
            # and it takes a VT100 for a 16-colour terminal. No colour at all here: bold,
            # reverse and underline mark focus, the table's cursor and errors (base.tcss,
            # App:nocolor).
            self.no_color = True
            self._filters = [f for f in self._filters if not isinstance(f, Monochrome)] + [NoColor()]
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            # Scrolls jump instead of gliding: every frame of a glide goes down the clerk's link.
            # F1's help read to its end and back cost 24.3 KB gliding, 7.1 KB jumping (3 s and
            # 0.9 s at 64 kbit/s), and a key's answer lands at once. TEXTUAL_ANIMATIONS=full
            # gives the glides back where the link is fast.
            self.animation_level = "none"
        self.config = config
        printing.use_printers(config.printers, config.forms)
        self.session: SessionInfo | None = None
        self.pid = os.getpid()
        self._ending = False  # a hang-up, SIGTERM or fatal error is under way
        # The threads service calls run in, each with its database connection kept open: a few,
        # whatever the machine's cores (asyncio's own pool grows with them), so a clerk's session
        # holds at most DB_THREADS connections to a database server shared by every depot.
        self._db_threads = concurrent.futures.ThreadPoolExecutor(DB_THREADS, thread_name_prefix="depot-db")
        self._db_closed = False  # the app has ended: no more calls (on_unmount)

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

    async def _shutdown(self) -> None:
        """As Textual's, which prunes the screens without their `remove`: each screen's work
        is cancelled first (`take_down`). Home's figures landing as the app ended found its
        widgets gone, and the NoMatches was logged as a bug at the clerk's Ctrl+Q."""
        for screen in self.screen_stack:
            take_down = getattr(screen, "take_down", None)
            if take_down is not None:
                take_down()
        await super()._shutdown()

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        """As Textual's, except for a widget not yet in the DOM: styling it is thrown away,
        since the stylesheet is applied to every widget as it is mounted (App._register).
        Textual styles one anyway whenever its __init__ sets a class: Input's -valid, its
        `compact`; every Field paid twice what Input's own making costs, and F2's form makes
        some 30 of them each time it opens. A widget back in a state it has been in (a
        field focused again) takes the styles it had then (restyle.py)."""
        if node is self or node.is_attached:
            restyle(
                node,
                self.stylesheet,
                animate,
                functools.partial(super().update_styles, node, animate=animate),
            )

    @property
    def actor(self) -> Actor:
        """Who is logged in: the actor every service call of a screen is made as. Screens
        after login only: there is no actor on the login screen."""
        if self.session is None:
            raise RuntimeError("no one is logged in")
        return self.session.actor

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
        not only when their clerk logs in again on the same terminal. Housekeeping: a database
        fault here is logged (`call`) and not said: it landed on whatever screen the clerk
        had open by then, over the answer to their own last key. Every login sweeps again."""
        with contextlib.suppress(DatabaseFailure):
            await self.call(auth.sweep_sessions)

    def on_unmount(self) -> None:
        """The app has ended (Textual unmounts it last, its screens and workers gone): its
        database threads go, and with each its connection (thread-local, closed as the thread
        ends). Left running, they outlived the app, and each kept the whole app alive: a thread
        keeps the stderr it was started under, Textual's print capture, which holds the app.
        The pilot tests leaked an app, its threads and its connections per test. A call still
        running on a hung database is not waited for; a worker that asks for one afterwards
        (a timer that fired as the app ended) is cancelled (`call`)."""
        self._db_closed = True
        self._db_threads.shutdown(wait=False, cancel_futures=True)

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
        """One line where the clerk is looking: the screen's own message line if it has one.
        With no screen left (the app is ending) the log has it, and nobody is looking."""
        if not self.screen_stack:
            return
        show = getattr(self.screen, "show_fault", None)
        if show is not None:
            show(text)
        else:
            self.notify(text, severity="error", timeout=10)
        self.bell()

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

        if self._db_closed:
            # The app has ended and its threads with it: the work is cancelled, as Textual
            # cancels the workers it knows of, not a program error on a screen that is gone.
            raise asyncio.CancelledError
        context = contextvars.copy_context()  # as asyncio.to_thread: the caller's context in the thread
        return await asyncio.get_running_loop().run_in_executor(
            self._db_threads, functools.partial(context.run, run)
        )
