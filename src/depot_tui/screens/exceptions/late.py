"""The late list (晚到跟踪, SOP 004 ch.2): goods from here or to here that are late at a step —
not gone on a truck (class A), not arrived by their due time, arrived and the consignee not
told — class A first. Ctrl+T records a call telling the shipper or the consignee."""

from __future__ import annotations

from typing import Any

from textual import work

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import printing, tracking
from ...widgets.safe import plain
from ..lists import ListScreen
from .forms import TellFormScreen

TELL = KeyAction("tell_late", "ctrl+t", "tell", "key.tell_late")


class LateScreen(ListScreen):
    screen_id = "late"
    title_key = "screen.late"
    help_key = "help.late"
    list_title_key = "late.title"
    columns_key = "late.columns"
    empty_key = "late.none"
    screen_keys: list[KeyAction] = [BACK, TELL]

    def load(self, actor: Any) -> list[tracking.Late]:
        return tracking.late(actor)

    def list_title(self) -> str:
        return t("late.title_count", count=len(self.items))

    def row(self, x: tracking.Late) -> tuple[object, ...]:
        told = "".join(t(f"late.told.{p}") if p in x.told else "·" for p in tracking.PARTIES)
        return (
            x.cargo_class,
            t(f"late.step.{x.step}"),
            f"{x.due:%m-%d %H:%M}",
            x.number,
            x.route,
            plain(printing.cut(x.consignee_name, 8)),
            told,
        )

    @work(exclusive=True, group="late-tell")
    async def action_tell(self) -> None:
        item = self.highlighted()
        if item is None:
            return
        if await self.depot_app.push_screen_wait(TellFormScreen(item)):
            self.say(t("late.told_saved", number=item.number))
            self.refresh_items()
