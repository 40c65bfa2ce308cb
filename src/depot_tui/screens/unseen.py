"""Waybills a crash hid: committed, but the clerk's screen never showed their numbers.

Shown once after login when there are any (`waybills.unacknowledged`): a clerk who saw no
number after F10 would issue the same goods again, and one whose slip and labels were never
printed would send goods unlabelled. Ctrl+P prints them again; Enter says they are checked.
"""

from __future__ import annotations

from rich.cells import set_cell_size
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ..i18n import t
from ..keys import bindings, dialog_key
from ..services import waybills
from ..services.errors import ServiceError
from ..widgets.safe import plain, plain_lines
from .base import DepotDialog


class UnseenScreen(DepotDialog[bool]):
    """The list, Ctrl+P to print slips and labels again, Enter when checked, Esc for later.
    At 80x24 SHOWN rows fit; the rest are counted below them and printed and checked too."""

    SHOWN = 10

    BINDINGS = bindings(
        [
            dialog_key("unseen.checked", "enter", "checked"),
            dialog_key("unseen.print", "ctrl+p", "print"),
            dialog_key("back", "escape", "later"),
        ]
    )

    def __init__(self, unseen: list[waybills.Unseen]) -> None:
        super().__init__()
        self.unseen = unseen

    def compose(self) -> ComposeResult:
        rows = [
            f"{w.number}  {w.issued_at:%m-%d %H:%M}  {set_cell_size(w.consignee_name, 20)} "
            f"{set_cell_size(t('unseen.pieces', pieces=w.pieces), 7)} {w.total:>9.2f}"
            for w in self.unseen[: self.SHOWN]
        ]
        if len(self.unseen) > self.SHOWN:
            rows.append(t("unseen.more", count=len(self.unseen) - self.SHOWN))
        with Vertical(classes="dialog", id="unseen"):
            yield Static(t("unseen.title"), classes="dialog-title")
            yield Static(t("unseen.body"))
            yield Static(plain_lines(rows), id="unseen-list")
            yield Static("", id="unseen-message")
            yield Static(t("unseen.keys"), classes="dialog-keys")

    @work(exclusive=True, group="unseen-print")
    async def action_print(self) -> None:
        app = self.depot_app
        failed = []
        for w in self.unseen:
            try:
                printed = await app.call(waybills.reprint, app.actor, w.number, app.config.outbox)
            except ServiceError as exc:
                failed.append(f"{w.number}: {t(exc.key, **exc.params)}")
                continue
            failed += [f"{w.number}: {p.error}" for p in printed if p.error]
        text = t("unseen.printed", count=len(self.unseen)) if not failed else "; ".join(failed)
        self.query_one("#unseen-message", Static).update(plain(text))

    @work(exclusive=True, group="unseen-ack")
    async def action_checked(self) -> None:
        app = self.depot_app
        try:
            for w in self.unseen:
                await app.call(waybills.acknowledge, app.actor, w.number)
        except ServiceError as exc:
            self.query_one("#unseen-message", Static).update(plain(t(exc.key, **exc.params)))
            return
        self.dismiss(True)

    def action_later(self) -> None:
        self.dismiss(False)
