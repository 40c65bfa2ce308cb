"""The scan loop at the truck: every piece scanned on (or off with Ctrl+R), answered in order, kept
across a dropped link.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from ...faults import Keep
from ...i18n import t
from ...keys import BACK, REPORT_HERE, KeyAction
from ...services import loading
from ...services.scans import ScanResult
from ...widgets.safe import plain, plain_lines
from ..dialogs import ReasonScreen
from ..scanning import ScanField, ScanLoopScreen
from .common import DEPART, STOCK, UNLOAD
from .departure import DepartScreen
from .stock import StockScreen


class ScanScreen(ScanLoopScreen):
    """The scan loop for one open truck run."""

    screen_id = "loading-scan"
    title_key = "screen.loading"
    help_key = "help.loading_scan"
    screen_keys: list[KeyAction] = [BACK, DEPART, UNLOAD, STOCK, REPORT_HERE]

    def __init__(self, run: loading.Run) -> None:
        super().__init__()
        self.run = run
        self.unload_reason = ""

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Vertical(id="scan-box"):
            yield Static(self._run_line(), id="run-line")
            yield Static(t("load.ready"), id="scan-result", classes="ready")
            with Horizontal(id="scan-counts"):
                yield Digits(f"{self.run.loaded_pieces}/{self.run.planned_pieces}", id="truck-count")
                yield Static("", id="count-detail")
            with Horizontal(classes="form-row"):
                yield Static(t("load.scan"), classes="form-label")
                yield ScanField(id="scan", max_length=64, enter_advances=False)
            yield Static("", id="scan-mode")
            yield Static("", id="scan-log")
        yield from self.compose_footer()

    def _run_line(self) -> Content:
        r = self.run
        return plain(
            f"{r.number}  {r.plate}  {r.driver_name}  → {' → '.join(r.stops)}  "
            f"{t('load.departure')} {r.planned_departure:%H:%M}"
        )

    def take_mode(self) -> str:
        reason, self.unload_reason = self.unload_reason, ""
        return reason

    def keep_scans(self, scans: list[list[Any]]) -> Keep:
        return Keep("loading_scans", {"run_id": self.run.id, "scans": scans})

    def scan_one(self, raw: str, mode: str) -> ScanResult:
        return loading.take(self.depot_app.actor, self.run.id, raw, mode)  # mode: Ctrl+R's reason

    def show_counts(self, counts: loading.Counts) -> None:
        self.query_one("#truck-count", Digits).update(f"{counts.truck_loaded}/{counts.truck_planned}")
        detail = [t("load.count_detail", kg=counts.kg, m3=counts.m3)]
        if counts.waybill and counts.waybill_planned:  # not for a piece this truck never had
            detail.append(
                t(
                    "load.count_waybill",
                    number=counts.waybill,
                    loaded=counts.waybill_loaded,
                    planned=counts.waybill_planned,
                )
            )
        self.put_line("count-detail", plain_lines(detail))

    @work(exclusive=True, group="unload")
    async def action_unload(self) -> None:
        reason = await self.app.push_screen_wait(ReasonScreen(t("load.unload_title"), t("load.unload_body")))
        if reason:
            self.unload_reason = reason
            self.put_line("scan-mode", plain(t("load.unload_mode", reason=reason)))
        self.query_one("#scan", ScanField).focus()

    @work(exclusive=True, group="stock")
    async def action_stock(self) -> None:
        """Pick waybills from the stock into this truck's plan; the counters follow."""
        app = self.depot_app
        added = await app.push_screen_wait(StockScreen(self.run))
        if added:
            counts = await app.call(loading.counts, app.actor, self.run.id)
            self.query_one("#truck-count", Digits).update(f"{counts.truck_loaded}/{counts.truck_planned}")
        self.query_one("#scan", ScanField).focus()

    @work(exclusive=True, group="depart")
    async def action_depart(self) -> None:
        departed = await self.app.push_screen_wait(DepartScreen(self.run))
        if departed:
            self.dismiss()
