"""Type-ahead: every key is applied where it was typed, in the order it was typed.

A terminal hands the app what the clerk typed in one read whenever the link lags, on a paste,
or from a scanner. Textual gives each key to the widget focused when the app *reads* it, and
resolves bindings (Backspace, arrows, Enter, F-keys) only when the key has bubbled back up to
the app; by then the characters behind it have landed, and a key read before a screen is up
goes to the screen being left. So the app lets keys into Textual one at a time
(`DepotApp.on_event` hands each one here first): a key goes in at once when the app is quiet;
the next one waits until the app has caught up with it, as if the clerk had typed slowly:

- every message the key caused has been handled, on the app and on every widget of the screen
  now on top (focus moved, a field's Submitted answered, a screen pushed, popped and mounted);
- every worker started since is finished (a form's load, a lookup, a save and the fresh form
  after it), unless it waits for an answer on a screen over its own (a dialog, the slip), where
  the next keys go; workers a node lists in `background_workers` (the scan loop, the session
  sweep) run for ever and are not waited for.

Nothing is dropped and nothing overtakes: the keys always go in in the order typed. Only the
wait for workers gives way: to Esc or Ctrl+Q typed behind (the clerk wants out of a screen whose
load hangs on the database: the keys before it go in, then it), and after `HOLD_S`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from typing import TYPE_CHECKING

from textual import events
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

#: The longest keys wait for the workers the last key started. A save over a slow database
#: takes a few seconds at worst; past this the keys go in anyway, in order.
HOLD_S = 10.0
#: Rounds of "every node has handled what it had" at most before a key is taken as caught up:
#: a key bubbles up a node a round, and its messages cause more (a Submitted moves focus,
#: which blurs a field, whose handler ...). Each round after the first looks at busy nodes only.
ROUNDS = 20
#: The longest one round waits for a node's queue: a node taken down mid-round never answers.
ROUND_S = 0.5
#: How long keys wait for workers before the screen paints what has happened so far (a
#: lookup of a known customer is a few milliseconds: no frame for it; a slow save shows).
PAINT_AFTER_S = 0.05
#: Keys that end the wait for workers: whoever types them wants out now.
LEAVE_KEYS = frozenset({"escape", "ctrl+q"})


class TypeAhead:
    """The keys and pastes read from the terminal, let into the app one at a time."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._waiting: deque[events.Event] = deque()
        self._let_in: set[int] = set()  # ids of events let in, to pass on_event untouched
        self._held: dict[Worker, tuple[Screen, ...]] = {}  # workers keys started: stack then
        self._known: set[Worker] = set()  # workers that existed when the last key went in
        self._stack: tuple[Screen, ...] = ()  # the screens when the last key went in
        self._ends: dict[Worker, asyncio.Future[None]] = {}  # see _end_of
        self._nudged = asyncio.Event()  # something a held wait must look at again
        self._watching = False  # screen changes nudge (subscribed once the app runs)
        self._typing_into: Input | None = None  # the field the last key typed a character into
        self._holding = False  # waiting for workers: nothing goes in
        self._paint_hold: contextlib.AbstractContextManager[None] | None = None  # see _hold_paint
        self._task: asyncio.Task[None] | None = None
        self.idle = asyncio.Event()
        self.idle.set()

    def take(self, event: events.Event) -> bool:
        """Called with every key or paste the app receives. False: let it through now (the app
        is quiet, or this is an event let in from the queue). True: it waits its turn."""
        if id(event) in self._let_in:
            self._let_in.discard(id(event))
            return False
        if self._task is None:
            self._start(event)
            return False  # quiet: straight in, no added latency
        if self._behind_text(event):
            return False
        self._waiting.append(event)
        if isinstance(event, events.Key) and event.key in LEAVE_KEYS:
            self._nudged.set()
        return True

    def _screen_changed(self, _screen: Screen) -> None:
        self._nudged.set()

    def _behind_text(self, event: events.Event) -> bool:
        """A character typed behind characters just let into the focused field goes in at
        once: the field's own queue keeps them in order, and a field takes its characters
        itself (no binding, no focus change). Typing runs at the speed of the field."""
        return (
            not self._waiting
            and not self._holding
            and self._typing_into is not None
            and self._typing_into is self.app.focused
            and _is_text(event)
        )

    def _start(self, event: events.Event) -> None:
        if not self._watching:
            self.app.screen_change_signal.subscribe(self.app, self._screen_changed)
            self._watching = True
        self._going_in(event)
        self.idle.clear()
        self._task = asyncio.create_task(self._catch_up_then_let_in())

    async def _catch_up_then_let_in(self) -> None:
        try:
            while True:
                await self._caught_up()
                if not self._waiting:
                    return
                self._hold_paint()
                event = self._waiting.popleft()
                self._going_in(event)
                run = [event]  # and the characters typed behind it into the same field
                while self._waiting and self._typing_into is not None and _is_text(self._waiting[0]):
                    run.append(self._waiting.popleft())
                for event in run:
                    self._let_in.add(id(event))
                    if not self.app.post_message(event):  # the app is closing: nothing more goes in
                        self._waiting.clear()
                        return
        finally:
            self._release_paint()
            self._task = None
            self.idle.set()

    async def _caught_up(self) -> None:
        """Until the app has handled what the last key caused, and the workers it started
        that the clerk would wait for have finished."""
        await self._messages_handled()
        started = time.monotonic()
        while True:
            self._hold_new_workers()
            holding = [worker for worker, stack in self._held.items() if self._holds(worker, stack)]
            waited = time.monotonic() - started
            if holding and (waited >= HOLD_S or self._leaving()):
                self._held.clear()  # given up on: the keys behind do not wait for them again
                holding = []
            self._holding = bool(holding)
            if not self._holding:
                return
            # Woken by a held worker's end, a screen pushed or popped (a worker now waiting on
            # a dialog), or a leave key typed; nothing runs while the keys wait. A wait longer
            # than a frame or two lets the screen paint what has happened so far.
            if waited >= PAINT_AFTER_S:
                self._release_paint()
            self._nudged.clear()
            nudged = asyncio.ensure_future(self._nudge())
            ends = [self._end_of(worker) for worker in holding]
            timeout = (PAINT_AFTER_S if self._paint_hold is not None else HOLD_S) - waited
            await asyncio.wait([*ends, nudged], timeout=max(timeout, 0), return_when="FIRST_COMPLETED")
            nudged.cancel()
            await self._messages_handled()

    async def _nudge(self) -> None:
        await self._nudged.wait()

    def _end_of(self, worker: Worker) -> asyncio.Future[None]:
        """A future done when `worker` is. Never cancelled: cancelling what awaits a worker's
        task would cancel the worker."""
        end = self._ends.get(worker)
        if end is None:
            end = self._ends[worker] = asyncio.ensure_future(_finished(worker))
        return end

    def _hold_paint(self) -> None:
        """No frames while keys typed ahead go in: each would be a full paint of a screen the
        next key changes again (a layout of the waybill form's ~70 widgets is 10-16 ms here),
        and a burst then cost a frame per Enter. One paint when they are all in."""
        if self._paint_hold is None:
            self._paint_hold = self.app.batch_update()
            self._paint_hold.__enter__()

    def _release_paint(self) -> None:
        hold, self._paint_hold = self._paint_hold, None
        if hold is not None:
            hold.__exit__(None, None, None)
            paint_now(self.app)

    def _going_in(self, event: events.Event) -> None:
        app = self.app
        self._known = set(app.workers)
        self._stack = tuple(app.screen_stack)
        self._typing_into = app.focused if _is_text(event) and isinstance(app.focused, Input) else None

    def _leaving(self) -> bool:
        return any(isinstance(e, events.Key) and e.key in LEAVE_KEYS for e in self._waiting)

    def _hold_new_workers(self) -> None:
        for worker in self.app.workers:
            if worker in self._known or worker in self._held:
                continue
            if worker.group in getattr(worker.node, "background_workers", ()):
                continue
            self._held[worker] = self._stack
        for worker in [w for w in self._held if w.is_finished]:
            del self._held[worker]
            self._ends.pop(worker, None)

    def _holds(self, worker: Worker, stack_then: tuple[Screen, ...]) -> bool:
        """A worker keeps the keys waiting while it runs on the screen on top (or on the app,
        while the screens are as they were when it started)."""
        if worker.is_finished:
            return False
        app = self.app
        node: DOMNode = worker.node
        if node is app:
            return tuple(app.screen_stack) == stack_then
        try:
            screen = node if isinstance(node, Screen) else node.screen
            return screen is app.screen
        except Exception:  # its widget taken down (NoScreen), or no screen at all
            return False

    async def _messages_handled(self) -> None:
        """Rounds of a callback behind the queues a key goes through (the focused widget, its
        containers, the screen, the app) and of every node with messages waiting, until a
        round leaves every queue of the app and of the screen on top empty. Handlers run in
        their node's queue and the slow ones are workers (watched by _caught_up), so a node
        whose queue is empty has nothing under way that the next key could overtake."""
        loop = asyncio.get_running_loop()
        app = self.app
        focused = app.focused
        try:  # the key goes to the focused widget, or to the screen when none has focus
            path: list[DOMNode] = list(focused.ancestors_with_self) if focused else [app.screen, app]
        except Exception:  # no screen (starting or closing)
            path = [app]
        nodes = [*path, *self._busy()]
        for _ in range(ROUNDS):
            waits = []
            for node in dict.fromkeys(nodes):  # each once, in order
                handled = loop.create_future()
                if node.call_later(_done, handled):
                    waits.append(handled)
            if waits:
                await asyncio.wait(waits, timeout=ROUND_S)
            nodes = self._busy()
            if not nodes:
                return

    def _busy(self) -> list[DOMNode]:
        """The app and the nodes of the screen on top that have messages waiting."""
        app = self.app
        try:
            nodes: list[DOMNode] = [app.screen]
        except Exception:  # no screen (starting or closing): nothing to wait for
            return []
        busy: list[DOMNode] = []
        for node in nodes:  # the screen's tree, grown as it is read (a fifth less than walk_children)
            if node.message_queue_size:
                busy.append(node)
            nodes.extend(node.children)
        if busy or app.message_queue_size:
            busy.append(app)
        return busy


def paint_now(app: App) -> None:
    """The frame a batch held back, painted at once. The screen paints from its 60 Hz timer,
    resumed by its idle handler: with no message left for the screen that never came (the
    terminal kept the frame from before the burst, seen in tmux), and a timer that had ticked
    in the last 17 ms waited for its next tick: the slip after a burst reached the terminal up
    to a frame late. `Screen._on_timer_update` is that tick (Textual 8.2; test_screen_work
    fails if it goes)."""
    try:
        screen = app.screen
    except Exception:  # no screen: starting or closing
        return
    screen._on_timer_update()
    screen.check_idle()  # and what waits for the paint (call_after_refresh)


def _is_text(event: events.Event) -> bool:
    return isinstance(event, events.Key) and event.is_printable


async def _finished(worker: Worker) -> None:
    while worker.state is WorkerState.PENDING:  # its task is made as it starts
        await asyncio.sleep(0)
    with contextlib.suppress(Exception):  # failed or cancelled: ended all the same
        await worker.wait()


def _done(future: asyncio.Future[None]) -> None:
    if not future.done():  # a round that timed out has stopped waiting for it
        future.set_result(None)
