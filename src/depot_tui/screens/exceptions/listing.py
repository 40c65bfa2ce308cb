"""The exceptions this depot follows up: open ones first, the gravest and oldest first; Ctrl+A
shows the resolved ones too; Ctrl+N reports one by hand; Enter reads one whole; Ctrl+L the late
list, Ctrl+K the customer-service log, Ctrl+P (a supervisor) the month's summary."""

from __future__ import annotations

from typing import Any

from textual import work

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import exceptions, printing
from ...widgets.safe import plain
from ..lists import ListScreen
from .forms import ReportFormScreen
from .late import LateScreen
from .log import LogScreen

OPEN = KeyAction("open_exception", "enter", "open_item", "key.open_item")
REPORT = KeyAction("report_exception", "ctrl+n", "report", "key.report_exception")
ALL = KeyAction("all_exceptions", "ctrl+a", "toggle_all", "key.all_exceptions")
LATE = KeyAction("late_list", "ctrl+l", "late", "key.late_list")
LOG = KeyAction("service_log", "ctrl+k", "log", "key.service_log")
SUMMARY = KeyAction("month_summary", "ctrl+p", "summary", "key.month_summary")


class ExceptionsScreen(ListScreen):
    screen_id = "exceptions"
    title_key = "screen.exceptions"
    help_key = "help.exceptions"
    list_title_key = "exc.title"
    columns_key = "exc.columns"
    empty_key = "exc.none"
    screen_keys: list[KeyAction] = [BACK, OPEN, REPORT, ALL, LATE, LOG, SUMMARY]

    def __init__(self) -> None:
        super().__init__()
        self.open_only = True

    def load(self, actor: Any) -> list[exceptions.Line]:
        return exceptions.listing(actor, open_only=self.open_only)

    def list_title(self) -> str:
        key = "exc.title_open" if self.open_only else "exc.title_all"
        return t(key, count=sum(1 for x in self.items if x.resolved_at is None))

    def row(self, x: exceptions.Line) -> tuple[object, ...]:
        return (
            f"{x.found_at:%m-%d %H:%M}",
            _grade(x),
            t(f"exc.kind.{x.kind}"),
            x.waybill or "-",
            plain(printing.cut(x.owner or x.found_by, 6)),
            plain(printing.cut(x.description, 24)),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "summary" or self.depot_app.actor.is_supervisor

    def action_late(self) -> None:
        self.depot_app.push_screen(LateScreen())

    def action_log(self) -> None:
        self.depot_app.push_screen(LogScreen())

    def action_summary(self) -> None:
        """The month's work summary (工作小结): a register, read, printed or exported."""
        self.depot_app.open_register("summary")

    def action_toggle_all(self) -> None:
        self.open_only = not self.open_only
        self.refresh_items()

    def action_open_item(self) -> None:
        item = self.highlighted()
        if item is not None:
            self.depot_app.open_exception(item.id)

    @work(exclusive=True, group="exception-form")
    async def action_report(self) -> None:
        number = await self.depot_app.push_screen_wait(ReportFormScreen())
        if number:
            self.say(t("exc.reported"))
            self.refresh_items()


def _grade(x: exceptions.Line) -> str:
    """The grade, or resolved; a grave one nobody has seen by its deadline is overdue."""
    if x.resolved_at is not None:
        return t("exc.resolved")
    grade = t(f"severity.{x.severity}")
    return f"{grade}·{t('exc.overdue')}" if x.overdue else grade
