"""The customer-service log (客服记录, SOP 004): every enquiry and complaint, unanswered first
and the overdue at the top. Ctrl+N logs a call or a visit (a complaint also opens an exception),
Enter answers the highlighted one, Ctrl+A shows the answered ones too; a supervisor cites a line
as the evidence of fault 14 or 19 (Ctrl+K)."""

from __future__ import annotations

from typing import Any

from textual import work

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import exceptions, printing
from ...widgets.safe import plain
from ..lists import ListScreen
from .forms import AnswerFormScreen, CiteFormScreen, EntryFormScreen

ANSWER = KeyAction("answer_enquiry", "enter", "open_item", "key.answer_enquiry")
TAKE = KeyAction("take_enquiry", "ctrl+n", "take", "key.take_enquiry")
ALL = KeyAction("all_enquiries", "ctrl+a", "toggle_all", "key.all_enquiries")
CITE = KeyAction("cite_enquiry", "ctrl+k", "cite", "key.cite_enquiry")


class LogScreen(ListScreen):
    screen_id = "service_log"
    title_key = "screen.service_log"
    help_key = "help.service_log"
    list_title_key = "log.title"
    columns_key = "log.columns"
    empty_key = "log.none"
    screen_keys: list[KeyAction] = [BACK, ANSWER, TAKE, ALL, CITE]

    def __init__(self) -> None:
        super().__init__()
        self.open_only = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "cite" or self.depot_app.actor.is_supervisor

    def load(self, actor: Any) -> list[exceptions.LogLine]:
        return exceptions.log(actor, open_only=self.open_only)

    def list_title(self) -> str:
        waiting = sum(1 for x in self.items if x.answered_at is None)
        overdue = sum(1 for x in self.items if x.answered_at is None and x.overdue)
        key = "log.title_open" if self.open_only else "log.title_all"
        return t(key, count=waiting, overdue=overdue)

    def row(self, x: exceptions.LogLine) -> tuple[object, ...]:
        if x.answered_at is not None:
            state = t("log.late_answer") if x.overdue else t("log.answered")
        else:
            state = t("log.overdue") if x.overdue else f"{x.promised_at:%H:%M}"
        return (
            f"{x.taken_at:%m-%d %H:%M}",
            t(f"log.kind.{x.kind}"),
            state,
            x.waybill or "-",
            plain(printing.cut(x.caller, 10)),
            plain(printing.cut(x.question, 22)),
        )

    def action_toggle_all(self) -> None:
        self.open_only = not self.open_only
        self.refresh_items()

    @work(exclusive=True, group="log-form")
    async def action_take(self) -> None:
        if await self.depot_app.push_screen_wait(EntryFormScreen()):
            self.say(t("log.taken"))
            self.refresh_items()

    def action_open_item(self) -> None:
        self._answer()

    @work(exclusive=True, group="log-form")
    async def _answer(self) -> None:
        item = self.highlighted()
        if item is None:
            return
        if item.answered_at is not None:
            self.say(t("log.already", who=item.answered_by, answer=item.answer))
            return
        if await self.depot_app.push_screen_wait(AnswerFormScreen(item)):
            self.say(t("log.answer_saved"))
            self.refresh_items()

    @work(exclusive=True, group="log-form")
    async def action_cite(self) -> None:
        item = self.highlighted()
        if item is None:
            return
        if await self.depot_app.push_screen_wait(CiteFormScreen(item)):
            self.say(t("log.cited"))
