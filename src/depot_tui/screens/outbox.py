"""The outbox (发件箱), from home with Ctrl+O: every slip, label, manifest and register written
there, those whose print failed first with why; the find field narrows to a waybill number;
Enter prints the highlighted file again on its printer (services/printing/outbox.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import work

from ..i18n import t
from ..keys import BACK, KeyAction
from ..services import printing
from ..services.actor import Actor
from ..services.errors import ServiceError
from ..services.printing import outbox
from ..widgets.safe import plain
from .lists import FindListScreen


class OutboxScreen(FindListScreen):
    screen_id = "outbox"
    title_key = "screen.outbox"
    help_key = "help.outbox"
    list_title_key = "outbox.title"
    columns_key = "outbox.columns"
    empty_key = "outbox.none"
    screen_keys: list[KeyAction] = [BACK]

    def load_all(self, actor: Actor) -> list[Any]:
        return outbox.jobs(self.depot_app.config.outbox)

    def matches(self, item: Any, text: str) -> bool:
        return text in item.name.lower()

    def row(self, item: Any) -> Sequence[object]:
        """At 80 columns the printer's words must show: a long file name (a register's) gives
        way to them; Enter says them whole."""
        state = t("outbox.failed", error=item.error) if item.error is not None else t("outbox.written")
        size = f"{max(1, item.size // 1024)} KB"
        return (f"{item.at:%m-%d %H:%M}", printing.cut(item.name, 30), size, plain(state))

    def action_open_item(self) -> None:
        item = self.highlighted()
        if item is not None:
            self.print_again(item.name)

    @work(exclusive=True, group="reprint")
    async def print_again(self, name: str) -> None:
        app = self.depot_app
        try:
            done = await app.call(outbox.reprint, app.actor, app.config.outbox, name)
        except ServiceError as exc:
            self.refused(exc)
            return
        self.say(
            t("outbox.print_failed", name=name, error=done.error)
            if done.error
            else t("outbox.printed", name=name)
        )
        self.refresh_items()
