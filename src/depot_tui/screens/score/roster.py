"""The roster (排班, Ctrl+P on the supervisor's F7): a week of the depot's clerks, a cell per clerk
and day, planned by keys. Every rule is the service's (services/roster.py).

A key on a cell shows its answer at once and is written in the order typed: the writes queue
behind one worker, so `1 → 2 → 3` typed in one burst plans three days, each the shift typed on
it, whatever the database's pace. A write refused (a day past) says why and the week is read
again, so the grid never shows what was not saved.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import Input, Static

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import clock, printing, roster
from ...services.errors import ServiceError
from ...widgets.fields import Field, FieldMessage
from ...widgets.safe import plain
from ...widgets.tables import Table
from ..base import WorkScreen
from ..dialogs import FormDialog

WEEK_BACK = KeyAction("week_back", "pageup", "week(-1)", "key.week_back", priority=True)
WEEK_ON = KeyAction("week_on", "pagedown", "week(1)", "key.week_on", priority=True)
EARLY = KeyAction("shift_early", "1", "plan('early')", "key.shift_early")
MIDDLE = KeyAction("shift_middle", "2", "plan('middle')", "key.shift_middle")
NIGHT = KeyAction("shift_night", "3", "plan('night')", "key.shift_night")
OFF = KeyAction("day_off", "0", "plan('')", "key.day_off")
SWAP = KeyAction("swap", "s", "swap", "key.swap")
REPEAT = KeyAction("repeat_week", "ctrl+r", "repeat", "key.repeat_week")


def cell_text(cell: roster.Cell) -> str:
    """早 / 中 / 晚 / 休, · when not planned (the usual shift), 假 / 外 for approved leave."""
    text = t(f"roster.cell.{cell.code}") if cell.code else t("roster.cell.off")
    if not cell.planned:
        text += t("roster.usual")
    if cell.leave:
        text += t(f"roster.cell.{cell.leave}")
    return text


class RosterScreen(WorkScreen):
    """A week of the depot's clerks: 1/2/3/0 plan the highlighted day, S swaps two clerks' day,
    Ctrl+R repeats the week over the next weeks, PgUp/PgDn change the week."""

    screen_id = "roster"
    title_key = "screen.roster"
    help_key = "help.roster"
    screen_keys: list[KeyAction] = [BACK, EARLY, MIDDLE, NIGHT, OFF, SWAP, REPEAT, WEEK_BACK, WEEK_ON]
    #: The write queue's worker runs as long as the screen: keys do not wait for it (typeahead).
    background_workers = frozenset({"roster-writes"})

    def __init__(self, monday: dt.date | None = None) -> None:
        super().__init__()
        self.monday = roster.monday_of(monday or clock.now().date())
        self.lines: list[roster.RosterLine] = []
        self.swap_from: Coordinate | None = None
        self.writes: asyncio.Queue[tuple[Callable[..., Any], tuple[Any, ...], str, Coordinate]] = (
            asyncio.Queue()
        )

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Vertical(classes="list-box"):
            yield Static("", classes="section-title", id="roster-title")
            yield Table(self._headings(), id="roster", cursor_type="cell", zebra_stripes=True)
            yield Static("", id="list-message")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.write_in_order()
        self.reload()

    def _headings(self) -> list[str]:
        names = t("roster.weekday").split("|")
        days = [self.monday + dt.timedelta(days=n) for n in range(7)]
        return [t("roster.clerk"), *(f"{name} {day:%m-%d}" for name, day in zip(names, days, strict=True))]

    def say(self, text: str) -> None:
        self.query_one("#list-message", Static).update(plain(text))

    @work(exclusive=True, group="roster-load")
    async def reload(self, keep: Coordinate | None = None) -> None:
        app = self.depot_app
        try:
            lines = await app.call(roster.weeks, app.actor, self.monday)
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            app.bell()
            return
        if not self.is_attached:
            return
        self.lines = lines
        table = self.query_one("#roster", Table)
        table.headings = self._headings()
        table.show(
            [plain(printing.fit(line.name, 8)[0]), *(cell_text(c) for c in line.days)] for line in lines
        )
        last = self.monday + dt.timedelta(days=6)
        self.query_one("#roster-title", Static).update(
            t("roster.title", first=f"{self.monday:%m-%d}", last=f"{last:%m-%d}", count=len(lines))
        )
        if not lines:
            self.say(t("roster.none"))
        where = keep or Coordinate(0, self._today_column())
        table.cursor_coordinate = where
        table.focus()

    def _today_column(self) -> int:
        offset = (clock.now().date() - self.monday).days
        return 1 + offset if 0 <= offset < 7 else 1

    def _at_cursor(self) -> tuple[Coordinate, roster.RosterLine, dt.date] | None:
        """The highlighted clerk and day (None on the name column or an empty week)."""
        where = self.query_one("#roster", Table).cursor_coordinate
        if not self.lines or where.column == 0 or where.row >= len(self.lines):
            return None
        return where, self.lines[where.row], self.monday + dt.timedelta(days=where.column - 1)

    def action_plan(self, code: str) -> None:
        """The highlighted day becomes `code` ("" a day off): shown now, written in order."""
        spot = self._at_cursor()
        if spot is None:
            return
        where, line, day = spot
        old = line.days[where.column - 1]
        cell = roster.Cell(code or None, True, old.leave)
        line.days[where.column - 1] = cell
        self.query_one("#roster", Table).update_cell_at(where, cell_text(cell))
        actor = self.depot_app.actor
        shift = t(f"shift.{code}") if code else t("roster.cell.off")
        said = t("roster.saved", name=line.name, day=f"{day:%m-%d}", shift=shift)
        self.writes.put_nowait((roster.set_day, (actor, line.user_id, day, code or None), said, where))

    def action_swap(self) -> None:
        """S on one clerk's day marks it; S on another clerk's same day swaps the two."""
        spot = self._at_cursor()
        if spot is None:
            return
        where, line, day = spot
        if self.swap_from is None or self.swap_from.row == where.row:
            self.swap_from = where
            self.say(t("roster.swap_from", name=line.name, day=f"{day:%m-%d}"))
            return
        first = self.swap_from
        self.swap_from = None
        if first.column != where.column:
            self.say(t("roster.swap_column"))
            self.app.bell()
            return
        other = self.lines[first.row]
        table = self.query_one("#roster", Table)
        a, b = other.days[where.column - 1], line.days[where.column - 1]
        other.days[where.column - 1] = roster.Cell(b.code, True, a.leave)
        line.days[where.column - 1] = roster.Cell(a.code, True, b.leave)
        table.update_cell_at(first, cell_text(other.days[where.column - 1]))
        table.update_cell_at(where, cell_text(line.days[where.column - 1]))
        actor = self.depot_app.actor
        said = t("roster.swapped", day=f"{day:%m-%d}", a=other.name, b=line.name)
        self.writes.put_nowait((roster.swap, (actor, day, other.user_id, line.user_id), said, where))

    async def action_back(self) -> None:  # type: ignore[override]  # awaited in the message loop: keys wait for the writes
        if self.swap_from is not None:  # Esc first cancels a swap begun
            self.swap_from = None
            self.say(t("roster.swap_cancelled"))
            return
        await self.settle()
        self.dismiss()

    async def settle(self) -> None:
        """Before the screen goes (Esc, an F-key): every day typed is written (or refused)."""
        await self.writes.join()

    @work(group="roster-writes")
    async def write_in_order(self) -> None:
        """The queued writes, one at a time in the order typed. A refusal says why and reads
        the week again (what is shown is then what is stored)."""
        app = self.depot_app
        while True:
            func, args, said, where = await self.writes.get()
            try:
                await app.call(func, *args)
            except ServiceError as exc:
                self.say(t(exc.key, **exc.params))
                app.bell()
                self._drop_queued()
                self.reload(where)
                continue
            finally:
                self.writes.task_done()
            if self.is_attached and self.writes.empty():
                self.say(said)

    def _drop_queued(self) -> None:
        while not self.writes.empty():
            self.writes.get_nowait()
            self.writes.task_done()

    def action_week(self, step: int) -> None:
        self.monday += dt.timedelta(days=7 * step)
        self.swap_from = None
        self.reload()

    @work(exclusive=True, group="roster-repeat")
    async def action_repeat(self) -> None:
        app = self.depot_app
        weeks = await app.push_screen_wait(RepeatWeekScreen(self.monday))
        if weeks is not None:
            self.say(t("roster.repeated", weeks=weeks[0], count=weeks[1]))
            self.reload(self.query_one("#roster", Table).cursor_coordinate)


class RepeatWeekScreen(FormDialog):
    """How many weeks on to plan like this one; returns (weeks, days changed) once done."""

    labels_prefix = "roster"

    def __init__(self, monday: dt.date) -> None:
        super().__init__()
        self.monday = monday

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="repeat-form"):
            yield Static(t("roster.repeat_title"), classes="dialog-title")
            yield Static(t("roster.repeat_body"))
            yield from self.row("weeks", Field("4", id="weeks", max_length=2, enter_advances=False))
            yield FieldMessage(id="dialog-message")
            yield Static(t("roster.repeat_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#weeks", Field).focus()

    @on(Input.Submitted, "#weeks")
    def _entered(self) -> None:
        self.action_save()

    @work(exclusive=True, group="roster-repeat-save")
    async def action_save(self) -> None:
        app = self.depot_app
        text = self.query_one("#weeks", Field).value.strip()
        weeks = int(text) if text.isdigit() else 0
        try:
            changed = await app.call(roster.repeat_week, app.actor, self.monday, weeks)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss((weeks, changed))
