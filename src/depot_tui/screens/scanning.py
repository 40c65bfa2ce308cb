"""The scan loop every scanning screen shares (loading F3, arrival check F4).

A scanner is a keyboard that types a label and Enter within milliseconds, back to back.
`ScanField` takes each Enter in its own queue, so a label typed right behind another is never
appended to it. The screen queues the scans and one worker sends them to the service one at a
time, in the order they came; each answer is a repaint of fixed-size lines (OK/ERROR, counts,
the log), never a layout. No scan taken is lost: leaving the screen waits for the queue, and a
dropped link keeps what is still queued (`kept`).
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from textual import events, on, work
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from ..faults import Keep
from ..i18n import t
from ..services import labels
from ..services.errors import DatabaseFailure, ServiceError
from ..services.scans import ScanResult
from ..typeahead import paint_now
from ..widgets.fields import Field
from ..widgets.safe import plain, plain_lines
from .base import WorkScreen


class ScanField(Field):
    """The scan box. Enter is taken here, in the field's own queue: the label so far is sent
    and the field emptied before the next key typed behind it is read."""

    class Scanned(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if isinstance(self.screen, ScanLoopScreen):
                self.screen.hold_paint()  # before the field empties: see hold_paint
            text, self.value = self.value, ""
            if text.strip():
                self.post_message(self.Scanned(text))
            return
        await super()._on_key(event)


class ScanLoopScreen(WorkScreen):
    """A screen with a `ScanField` (#scan), an answer line (#scan-result), a mode line
    (#scan-mode) and a log (#scan-log). Subclasses say what a scan does (`scan_one`, run in a
    worker thread) and how their counters show (`show_counts`); `take_mode` hands the next
    scan a one-off mode chosen on screen (unload with its reason)."""

    #: The loop runs as long as the screen: keys typed behind a scan never wait for it (typeahead).
    background_workers = frozenset({"scan-loop"})

    LOG_LINES = 8  # the last scans, newest first: what fits under the counters at 80x24
    HOLD_S = 0.05  # the longest a scan's Enter holds back painting (see hold_paint)

    def __init__(self) -> None:
        super().__init__()
        self.scans: asyncio.Queue[str] = asyncio.Queue()
        self._scan_lock = threading.Lock()  # held by the scan in flight (see kept)
        self.write_lock = self._scan_lock
        self.results: list[ScanResult] = []  # this session's, newest last
        self._paint_hold: Any = None  # the open App.batch_update() while a scan is answered
        self._hold_timer: Timer | None = None

    def waybill_at_hand(self) -> str:
        """The waybill of the last piece scanned here (a label this screen took as one)."""
        for result in reversed(self.results):
            try:
                return labels.parse_label(result.label).waybill_number
            except labels.LabelError:
                continue
        return ""

    def action_report_here(self) -> None:
        """An exception found at the dock, reported with the last scanned piece's waybill."""
        self.depot_app.report_exception(self.waybill_at_hand())

    # --- what a subclass says ---

    def scan_one(self, raw: str, mode: Any) -> ScanResult:
        raise NotImplementedError

    def show_counts(self, counts: Any) -> None:
        """Show the counters a scan's result carries."""

    def take_mode(self) -> Any:
        """The one-off mode for the scan being taken now (and clear it). Default: none."""
        return None

    # --- the loop ---

    def on_mount(self) -> None:
        self.query_one("#scan", ScanField).focus()
        self._scan_loop()

    @on(ScanField.Scanned)
    def _scanned(self, message: ScanField.Scanned) -> None:
        self.scans.put_nowait(message.text)  # in arrival order; one worker takes them in turn

    @work(group="scan-loop")
    async def _scan_loop(self) -> None:
        app = self.depot_app
        while True:
            raw = await self.scans.get()
            mode = self.take_mode()
            try:
                result = await app.call(self._locked_scan, raw, mode)
            except DatabaseFailure as exc:
                reason = t(f"dbopen.{exc.kind}", **exc.params)
                result = ScanResult(
                    False, "not_recorded", "scan.not_recorded", {"label": raw, "reason": reason}, raw, None
                )
            except ServiceError as exc:  # the loop's truck or check is gone or closed
                result = ScanResult(False, "refused", exc.key, exc.params, raw, None)
            finally:
                self.scans.task_done()
            self.results.append(result)
            self.show(result)
            self._release_paint()  # after show: its lines reach the screen before it paints

    def hold_paint(self) -> None:
        """Keep the Enter's own change (the emptied scan field) off the terminal until the
        answer can go with it. Textual paints the first change after a quiet spell at once,
        and re-phases its 60 Hz timer so the next paint comes 17 to 33 ms later: painting the
        emptied field first put the OK a frame or two behind a scan that takes 7 ms (the
        arrival check's). Held until the answer is shown, or HOLD_S at most."""
        if self._paint_hold is None:
            self._paint_hold = self.app.batch_update()
            self._paint_hold.__enter__()
            self._hold_timer = self.set_timer(self.HOLD_S, self._release_paint)

    def _release_paint(self) -> None:
        if self._paint_hold is None:
            return
        hold, self._paint_hold = self._paint_hold, None
        if self._hold_timer is not None:
            self._hold_timer.stop()
        hold.__exit__(None, None, None)
        paint_now(self.app)

    def on_unmount(self) -> None:
        self._release_paint()

    def _locked_scan(self, raw: str, mode: Any) -> ScanResult:
        with self._scan_lock:
            return self.scan_one(raw, mode)

    async def settle(self) -> None:
        """Before the screen goes (Esc, an F-key, logout): every scan taken is recorded."""
        await self.scans.join()

    def kept(self) -> list[Keep]:
        """On a dropped link the loop stops at once: the scans still queued here are kept, to
        be recorded after the one in flight (the app takes `write_lock`, which that one
        holds, so their order stays). A label without its Enter is no scan."""
        scans = []
        while not self.scans.empty():
            scans.append([self.scans.get_nowait(), self.take_mode()])
            self.scans.task_done()
        return [self.keep_scans(scans)] if scans else []

    def keep_scans(self, scans: list[list[Any]]) -> Keep:
        """The kept form of queued scans, each [label, mode] (services/recovery.py)."""
        raise NotImplementedError

    def show_fault(self, text: str) -> None:
        line = self.query_one("#scan-result", Static)
        line.set_classes("error")
        self.put_line("scan-result", plain(text))

    async def action_back(self) -> None:  # type: ignore[override]  # awaited in the message loop, not a worker: keys wait for the queue
        await self.settle()
        self.dismiss()

    def show(self, result: ScanResult) -> None:
        """The answer to one scan. Every line written here has a fixed size in the stylesheet,
        so the answer is a repaint of those lines, never a layout of the screen."""
        line = self.query_one("#scan-result", Static)
        line.set_classes("ok" if result.ok else "error")
        self.put_line("scan-result", plain(t(result.key, **result.params)))
        if not result.ok:
            self.app.bell()
        if result.counts is not None:
            self.show_counts(result.counts)
        log = [
            f"{'✓' if r.ok else '✗'} {r.label}  {t(r.key, **r.params)}"
            for r in self.results[-self.LOG_LINES :]
        ]
        self.put_line("scan-log", plain_lines(list(reversed(log))))
        self.put_line("scan-mode", "")
