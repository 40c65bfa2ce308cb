"""What the handover screens and the printed sheet say (summary, header, cash, items), the sheet
itself, the item table the screens share, and their keys.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on
from textual.widgets import DataTable

from ...i18n import t
from ...keys import KeyAction
from ...services import clock, handover, printing
from ...services.errors import ServiceError
from ...widgets.safe import plain
from ...widgets.status_line import shift_label
from ...widgets.tables import Table
from ..base import WorkScreen

EDIT = KeyAction("edit", "enter", "open_item", "key.edit_item")
ADD = KeyAction("add", "ctrl+n", "add_item", "key.add_item")
REMOVE = KeyAction("remove", "delete", "remove_item", "key.remove_item")
HAND_OVER = KeyAction("hand_over", "f10,ctrl+s", "submit", "key.hand_over")
TAKE = KeyAction("take", "ctrl+r", "take", "key.take_over")
LOG = KeyAction("log", "ctrl+l", "log", "key.handover_log")
READ = KeyAction("read", "enter", "open_item", "key.read_item")
ACCEPT = KeyAction("accept", "f10,ctrl+s", "accept", "key.accept_handover")
PRINT = KeyAction("print", "ctrl+p", "print", "key.print")
OPEN = KeyAction("open", "enter", "open_item", "key.open")
DAY_BACK = KeyAction("day_back", "pageup", "day(-1)", "key.day_back", priority=True)
DAY_ON = KeyAction("day_on", "pagedown", "day(1)", "key.day_on", priority=True)
DISPUTED = KeyAction("disputed", "ctrl+o", "disputed", "key.disputed_only")
OVERRIDE = KeyAction("override", "ctrl+y", "override", "key.override")


def _money(amounts: dict[str, Any], prefix: str) -> str:
    return "　".join(f"{t(f'{prefix}.{name}')} {amount:.2f}" for name, amount in sorted(amounts.items()))


def _runs(numbers: list[str]) -> str:
    return "、".join(numbers) if numbers else "—"


def summary_lines(got: handover.ShiftSummary) -> list[str]:
    """The shift in five short lines: issued and taken, money by purpose, trucks, what is open."""
    blocking = len(got.blocking)
    purposes = _money(got.by_purpose, "hand.purpose")
    return [
        t(
            "hand.sum_issued",
            waybills=got.waybills,
            pieces=got.pieces,
            money=_money(got.money, "pick.pay") or t("hand.no_money"),
        ),
        (
            t("hand.sum_purpose", money=purposes, cash=f"{got.cash:.2f}")
            if purposes
            else t("hand.sum_cash", cash=f"{got.cash:.2f}")
        ),
        t(
            "hand.sum_trucks",
            departed=_runs(got.departed),
            loading=_runs(got.loading),
            checked=_runs(got.checked),
        ),
        t(
            "hand.sum_open",
            exceptions=len(got.exceptions),
            major=t("hand.sum_major", count=blocking) if blocking else "",
            held=len(got.held),
            notify=got.to_notify,
            receipts=got.receipts_pending,
            overdue=t("hand.sum_overdue", count=got.receipts_overdue) if got.receipts_overdue else "",
            drafts=got.drafts,
        ),
    ]


def _when(moment: dt.datetime | None) -> str:
    return f"{moment:%H:%M}" if moment else "—"


def header(line: handover.LogLine, day_format: str = "%m-%d") -> str:
    """Whose shift, handed over when and to whom, and where it stands."""
    text = t(
        "hand.header",
        shift=shift_label(line.code),
        day=line.day.strftime(day_format),
        name=line.from_name,
        state=t(f"handover.state.{line.status}"),
    )
    if line.submitted_at:
        text += t("hand.header_submitted", at=_when(line.submitted_at))
    if line.to_name:
        text += t("hand.header_accepted", name=line.to_name, at=_when(line.accepted_at))
    return text


def cash_line(view: handover.HandoverView) -> str:
    line = view.line
    if line.cash_counted is None:
        return t("hand.cash_system_only", system=f"{line.cash_system:.2f}")
    text = t(
        "hand.cash_line",
        system=f"{line.cash_system:.2f}",
        counted=f"{line.cash_counted:.2f}",
        difference=f"{line.cash_difference:+.2f}",
    )
    return text + (t("hand.cash_why", note=view.cash_note) if view.cash_note else "")


def item_state(item: handover.ItemLine) -> str:
    """The short state of a line for the table: what a matter still lacks, a count's figures."""
    if item.kind == "count":
        text = t("hand.count_state", expected=item.expected, counted=item.counted)
    elif item.kind == "matter":
        text = t("hand.matter_done") if item.cause and item.course and item.result else t("hand.matter_todo")
    else:
        text = ""
    if item.status in ("disputed", "settled"):
        text = t(f"hand.item.{item.status}") + (" " + text if text else "")
    return text


def item_detail(item: handover.ItemLine) -> list[str]:
    """Everything written on a line, one field a line (the dialog and the paper)."""
    lines = [f"[{t(f'hand.kind.{item.kind}')}] {item.subject}"]
    if item.kind == "count":
        lines.append(t("hand.count_line", expected=item.expected, counted=item.counted))
    for name in ("cause", "course", "result"):
        value = getattr(item, name)
        if value:
            lines.append(f"{t(f'hand.{name}')}：{value}")
    if item.dispute_note:
        lines.append(t("hand.disputed_line", note=item.dispute_note))
    if item.settled_note:
        lines.append(t("hand.settled_line", name=item.settled_by, note=item.settled_note))
    return lines


def sheet(view: handover.HandoverView, depot_name: str, printed_by: str, at: dt.datetime) -> str:
    """The handover on 80-column paper, signed by both clerks."""
    rule = "-" * printing.WIDTH
    lines = [printing.center(t("hand.sheet_title", depot=depot_name)), ""]
    for text in [header(view.line, "%Y-%m-%d"), *summary_lines(view.summary), cash_line(view)]:
        lines += printing.fit(text, printing.WIDTH)
    if view.override_by:
        lines += printing.fit(
            t("hand.override_line", name=view.override_by, reason=view.override_reason), printing.WIDTH
        )
    lines.append(rule)
    for number, item in enumerate(view.items, 1):
        first, *rest = item_detail(item)
        lines += printing.fit(f"{number} {first}", printing.WIDTH)
        for text in rest:
            lines += ["    " + part for part in printing.fit(text, printing.WIDTH - 4)]
    if not view.items:
        lines.append(t("hand.no_items"))
    lines += [
        rule,
        "",
        t("hand.signatures"),
        "",
        t("hand.printed", at=f"{at:%Y-%m-%d %H:%M}", name=printed_by),
    ]
    return "\n".join(lines) + "\n"


async def print_handover(screen: WorkScreen, handover_id: int) -> None:
    """The handover to the print command (default: the outbox); the clerk is told where."""
    app = screen.depot_app
    session = app.session
    if session is None:
        return

    def build() -> printing.Printed:
        view = handover.detail(session.actor, handover_id)
        text = sheet(view, session.depot_name, session.actor.name, clock.now())
        name = f"handover-{view.line.day:%Y%m%d}-{view.line.code}-{view.line.id}.txt"
        return printing.deliver(app.config.outbox, name, text, session.actor.depot_id)

    try:
        done = await app.call(build)
    except ServiceError as exc:
        app.notify(plain(t(exc.key, **exc.params)), severity="error")
        return
    if done.error:
        app.notify(
            plain(t("register.print_failed", path=str(done.path), error=done.error)),
            severity="error",
            timeout=10,
        )
    else:
        app.notify(plain(t("hand.printed_to", path=str(done.path))), timeout=8)


def _item_rows(
    items: list[handover.ItemLine], marks: dict[int, str] | None = None
) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for item in items:
        state = item_state(item)
        if marks is not None and item.id in marks:
            state = t("hand.item.disputed")
        rows.append(
            (
                t(f"hand.kind.{item.kind}"),
                plain(printing.fit(item.subject, 36)[0]),
                plain(printing.fit(state, 24)[0]),
            )
        )
    return rows


class ItemTable(WorkScreen):
    """A handover's lines in the table #items (the outgoing clerk's F6, and the handover read
    or taken over): the highlighted line, and Enter (the table's selection) opens it."""

    view: handover.HandoverView | None

    def highlighted(self) -> handover.ItemLine | None:
        items = self.view.items if self.view else []
        row = self.query_one("#items", Table).cursor_row
        return items[row] if items and row is not None and row < len(items) else None

    @on(DataTable.RowSelected, "#items")
    def _selected(self) -> None:
        self.action_open_item()

    def action_open_item(self) -> None:
        raise NotImplementedError
