"""Arrival check (到货清点, F4): the trucks bound here, the night check loop, the finish.

Built for a tired clerk at 3 a.m. who is not looking at the screen: the answer line is five
rows of colour with the words in bold, the counts are large digits, every error rings the bell.
The loop itself is screens/scanning.py's; the check lives in the database, so another terminal
(or this one after a dropped link) continues it.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from ..faults import Keep
from ..i18n import t
from ..keys import BACK, REPORT_HERE, KeyAction, bindings, dialog_key
from ..services import arrival
from ..services.actor import Actor
from ..services.errors import ServiceError
from ..services.scans import ScanResult
from ..widgets.safe import plain, plain_lines
from ..widgets.tables import Table
from .base import DepotDialog
from .dialogs import ReasonScreen
from .lists import ListScreen
from .scanning import ScanField, ScanLoopScreen

CHECK = KeyAction("check", "enter", "open_item", "key.check")
# Not Ctrl+D: the scan field (a Textual Input) deletes with it. Ctrl+R, as loading's unload:
# the key that records a problem with a piece.
DAMAGED = KeyAction("damaged", "ctrl+r", "damaged", "key.damaged")
FINISH = KeyAction("finish", "f10,ctrl+s", "finish", "key.finish")


class ArrivalScreen(ListScreen):
    """Trucks bound here; Enter starts or rejoins the check of the highlighted one."""

    screen_id = "arrival"
    title_key = "screen.arrival"
    help_key = "help.arrival"
    list_title_key = "arr.incoming_title"
    columns_key = "arr.columns"
    empty_key = "arr.none"
    screen_keys: list[KeyAction] = [BACK, CHECK]

    def load(self, actor: Actor) -> list[arrival.Incoming]:
        return arrival.incoming(actor)

    def row(self, truck: arrival.Incoming) -> tuple[str, ...]:
        left = f"{truck.departed_at:%m-%d %H:%M}" if truck.departed_at else ""
        return (
            truck.number,
            truck.origin,
            truck.plate,
            left,
            t(f"arr.state.{truck.state}"),
            str(truck.waybills),
            f"{truck.checked}/{truck.pieces}",
        )

    @work(exclusive=True, group="open-check")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        truck, app = self.highlighted(), self.depot_app
        if truck is None:
            return
        try:
            check = await app.call(arrival.start, app.actor, truck.manifest_id)
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            return
        await app.push_screen(CheckScreen(check))


class CheckScreen(ScanLoopScreen):
    """The check loop for one truck at this depot."""

    screen_id = "arrival-check"
    title_key = "screen.arrival"
    help_key = "help.arrival_check"
    screen_keys: list[KeyAction] = [BACK, FINISH, DAMAGED, REPORT_HERE]

    def __init__(self, check: arrival.Check) -> None:
        super().__init__()
        self.check = check

    def compose(self) -> ComposeResult:
        c = self.check
        yield from self.compose_status()
        with Vertical(id="check-box"):
            yield Static(
                plain(t("arr.run_line", number=c.number, origin=c.origin, plate=c.plate, driver=c.driver)),
                id="run-line",
            )
            yield Static(t("arr.ready"), id="scan-result", classes="ready")
            with Horizontal(id="scan-counts"):
                yield Digits(f"{c.counts.checked}/{c.counts.expected}", id="check-count")
                yield Static(self._detail(c.counts), id="count-detail")
            with Horizontal(classes="form-row"):
                yield Static(t("load.scan"), classes="form-label")
                yield ScanField(id="scan", max_length=64, enter_advances=False)
            yield Static("", id="scan-mode")
            yield Static("", id="scan-log")
        yield from self.compose_footer()

    def keep_scans(self, scans: list[list[Any]]) -> Keep:
        return Keep("arrival_scans", {"check_id": self.check.id, "scans": scans})

    def scan_one(self, raw: str, mode: object) -> ScanResult:
        return arrival.scan(self.depot_app.actor, self.check.id, raw)

    @staticmethod
    def _detail(counts: arrival.Counts):  # noqa: ANN205 - Content
        lines = [t("arr.count_detail", over=counts.over, damaged=counts.damaged)]
        if counts.waybill and counts.waybill_expected:  # not for an over piece
            lines.append(
                t(
                    "arr.count_waybill",
                    number=counts.waybill,
                    checked=counts.waybill_checked,
                    expected=counts.waybill_expected,
                )
            )
        return plain_lines(lines)

    def show_counts(self, counts: arrival.Counts) -> None:
        self.query_one("#check-count", Digits).update(f"{counts.checked}/{counts.expected}")
        self.put_line("count-detail", self._detail(counts))

    @work(exclusive=True, group="damaged")
    async def action_damaged(self) -> None:
        """破损: the piece scanned last (counted in this check) gets a short note."""
        await self.settle()
        pieces = ("ok", "over", "repeat", "damaged")  # results that found a piece
        last = next((r for r in reversed(self.results) if r.code in pieces), None)
        if last is None:
            self.put_line("scan-mode", t("arr.damage_none"))
            self.app.bell()
            return
        app = self.depot_app
        note = await app.push_screen_wait(
            ReasonScreen(t("arr.damage_title"), t("arr.damage_body", label=last.label))
        )
        if note:
            try:
                result = await app.call(arrival.mark_damaged, app.actor, self.check.id, last.label, note)
            except ServiceError as exc:
                result = ScanResult(False, "refused", exc.key, exc.params, last.label, None)
            self.results.append(result)
            self.show(result)
        self.query_one("#scan", ScanField).focus()

    @work(exclusive=True, group="finish")
    async def action_finish(self) -> None:
        await self.settle()
        finished = await self.app.push_screen_wait(FinishScreen(self.check))
        if finished:
            self.dismiss()
        else:
            self.query_one("#scan", ScanField).focus()


class FinishScreen(DepotDialog[bool]):
    """Short, over and damaged per waybill; F10 finishes (with a note when pieces are short)."""

    BINDINGS = bindings([dialog_key("back", "escape", "cancel"), dialog_key("save", "f10,ctrl+s", "finish")])

    def __init__(self, check: arrival.Check) -> None:
        super().__init__()
        self.check = check
        self.summary: arrival.Summary | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="finish"):
            yield Static(plain(t("arr.finish_title", number=self.check.number)), classes="dialog-title")
            yield Table(t("arr.finish_columns").split("|"), id="finish-lines", cursor_type="row")
            yield Static("", id="finish-total")
            yield Static("", id="finish-message")
            yield Static("", id="finish-keys", classes="dialog-keys")

    def on_mount(self) -> None:
        self._load()

    @work(exclusive=True, group="finish-load")
    async def _load(self) -> None:
        app = self.depot_app
        self.summary = s = await app.call(arrival.summary, app.actor, self.check.id)
        table = self.query_one("#finish-lines", Table)
        table.show(
            (
                line.number,
                plain(line.consignee[:8]),
                str(line.expected),
                str(line.checked),
                _which(line.short),
                _which(line.over),
                _which([i for i, _ in line.damaged]),
            )
            for line in s.lines
        )
        c = s.check.counts
        self.query_one("#finish-total", Static).update(
            t(
                "arr.finish_total",
                expected=c.expected,
                checked=c.checked,
                short=s.short,
                over=s.over,
                damaged=s.damaged,
            )
            + ("" if s.short or s.over or s.damaged else "　" + t("arr.finish_clean"))
        )
        keys = "arr.finish_short_keys" if s.short else "arr.finish_keys"
        self.query_one("#finish-keys", Static).update(t(keys))
        table.focus()

    @work(exclusive=True, group="finish-go")
    async def action_finish(self) -> None:
        app, s = self.depot_app, self.summary
        if s is None:
            return
        note: str | None = ""
        if s.short:
            note = await app.push_screen_wait(
                ReasonScreen(t("arr.finish_note_title", count=s.short), t("arr.finish_note_body"))
            )
            if not note:
                return
        try:
            done = await app.call(arrival.finish, app.actor, self.check.id, note, accept_short=bool(note))
        except ServiceError as exc:
            message = self.query_one("#finish-message", Static)
            message.set_class(True, "error")
            message.update(plain(t(exc.key, **exc.params)))
            return
        app.notify(t("arr.finished", number=done.number, exceptions=done.exceptions))
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


def _which(indexes: list[int]) -> str:
    """Piece numbers in a cell: '2: 3,5' (how many, which); empty when none."""
    if not indexes:
        return ""
    shown = ",".join(str(i) for i in indexes[:4]) + ("…" if len(indexes) > 4 else "")
    return f"{len(indexes)}: {shown}"
