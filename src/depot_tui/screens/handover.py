"""Shift handover (交接班, F6).

The outgoing clerk's F6 is the handover of their own shift: the summary the system assembled
(services/handover.summary), the items to hand over (each open exception is a matter whose
cause, course and result they write; Ctrl+N adds an instruction from a superior or something
counted face to face; Delete takes a line off), the cash counted against the system's, and F10
to hand over. The incoming clerk's F6 opens the handover waiting for them first: they read it,
mark the items they dispute (Enter, a note each) and accept the rest with F10, which lets them
issue. Ctrl+L is the log of past handovers by day and clerk, read-only and printable; there a
supervisor lets a handover go past an open major exception (Ctrl+Y, with a reason) and settles
disputed items (Ctrl+O lists the handovers that have any). Every rule is the service's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Static

from ..codes import Role
from ..faults import Keep
from ..i18n import t
from ..keys import BACK, KeyAction
from ..services import checks, clock, handover, printing
from ..services.actor import Actor
from ..services.errors import FormError, ServiceError
from ..widgets.choice import Choice
from ..widgets.fields import Field, FieldMessage, form_inputs
from ..widgets.safe import plain, plain_lines
from ..widgets.status_line import shift_label
from ..widgets.tables import Table
from .base import WorkScreen
from .dialogs import FormDialog, show_refusal
from .lists import ListScreen

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


# --- what the screens and the paper say -------------------------------------------------------


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


# --- the outgoing clerk: the handover of their shift ----------------------------------------


class HandoverScreen(ItemTable):
    """F6: the summary, the items, the cash; F10 hands over."""

    screen_id = "handover"
    title_key = "screen.handover"
    help_key = "help.handover"
    screen_keys: list[KeyAction] = [BACK, EDIT, ADD, REMOVE, HAND_OVER, TAKE, LOG]

    def __init__(self) -> None:
        super().__init__()
        self.view: handover.HandoverView | None = None
        self.offered = False  # the handover waiting for this clerk was opened once, on arrival

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Vertical(id="handover"):
            yield Static("", id="hand-title", classes="section-title")
            yield Static("…", id="hand-summary")
            yield Static(t("hand.items_title"), classes="section-title", id="items-title")
            yield Table(t("hand.item_columns").split("|"), id="items", cursor_type="row")
            with Horizontal(classes="form-row", id="cash-row"):
                yield Static(t("hand.cash_counted"), classes="form-label")
                yield Field(id="cash_counted", max_length=12)
                yield Static(t("hand.cash_note"), classes="form-label")
                yield Field(id="cash_note", max_length=200, enter_advances=False)
            yield FieldMessage(id="hand-message")
        yield from self.compose_footer()

    def on_screen_resume(self) -> None:  # also when first shown
        self.reload()

    @work(exclusive=True, group="handover")
    async def reload(self) -> None:
        app = self.depot_app
        if app.session is None:
            return
        actor = app.actor
        if not self.offered:
            self.offered = True
            waiting = await app.call(handover.blocking_issue, actor)
            if waiting is not None:  # taking over comes first: until then no waybill is issued
                await app.push_screen(AcceptScreen(waiting.id, "accept"))
                return
        try:
            view, pending = await app.call(_run_and_pending, actor)
        except ServiceError as exc:  # no shift to hand over (an administrator)
            self.query_one("#hand-title", Static).update(t("screen.handover"))
            self.query_one("#hand-summary", Static).update(plain(t(exc.key, **exc.params)))
            for field in self.query(Field):
                field.disabled = True
            return
        if not self.is_attached:
            return
        self.view = view
        title = header(view.line)
        if pending:
            title += t("hand.waiting_for_you", count=len(pending))
        self.query_one("#hand-title", Static).update(plain(title))
        self.query_one("#hand-summary", Static).update(plain_lines(summary_lines(view.summary)))
        self.query_one("#items", Table).show(_item_rows(view.items))
        draft = view.line.status == "draft"
        title_key = "hand.items_title" if draft else "hand.items_title_read"
        self.query_one("#items-title", Static).update(t(title_key))
        self.refresh_bindings()
        for field in self.query(Field):
            field.disabled = not draft
        counted, note = self.query_one("#cash_counted", Field), self.query_one("#cash_note", Field)
        if not draft or not (counted.value or note.value):  # what was kept at a dropped link
            counted.value = "" if view.line.cash_counted is None else f"{view.line.cash_counted:.2f}"
            note.value = view.cash_note
        if not draft:
            self.say(t("hand.submitted_wait", at=_when(view.line.submitted_at)))
        if self.focused is None or self.focused.disabled:
            self.query_one("#items", Table).focus()

    def say(self, text: str) -> None:
        self.query_one("#hand-message", FieldMessage).show(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A handover handed over is read, not edited: its editing keys leave the key bar."""
        if action in ("add_item", "remove_item", "submit"):
            return self.view is not None and self.view.line.status == "draft"
        return True

    def has_unsaved_input(self) -> bool:
        draft = self.view is not None and self.view.line.status == "draft"
        return draft and any(f.value.strip() for f in self.query(Field))

    def kept(self) -> list[Keep]:
        """Logout, hang-up or crash: the cash and note typed, kept on the draft."""
        if self.depot_app.session is None or self.view is None or not self.has_unsaved_input():
            return []
        counted, note = (self.query_one(f"#{name}", Field).value for name in ("cash_counted", "cash_note"))
        return [
            Keep(
                "handover_cash",
                {"handover_id": self.view.line.id, "cash_counted": counted, "cash_note": note},
            )
        ]

    async def discard_input(self) -> None:
        app = self.depot_app
        if self.view is not None:
            await app.call(handover.keep, app.actor, self.view.line.id, "", "")

    @work(exclusive=True, group="hand-item")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        item = self.highlighted()
        if item is None or self.view is None:
            return
        if self.view.line.status != "draft":
            await self.app.push_screen_wait(ItemScreen(item, "read"))
            return
        if await self.app.push_screen_wait(ItemFormScreen(self.view.line.id, item)):
            self.reload()

    @work(exclusive=True, group="hand-item")
    async def action_add_item(self) -> None:
        if self.view is None or self.view.line.status != "draft":
            return
        if await self.app.push_screen_wait(ItemFormScreen(self.view.line.id, None)):
            self.reload()

    @work(exclusive=True, group="hand-item")
    async def action_remove_item(self) -> None:
        item, app = self.highlighted(), self.depot_app
        if item is None or self.view is None or self.view.line.status != "draft":
            return
        if not await app.confirm("hand.remove_title", "hand.remove_body", subject=item.subject):
            return
        try:
            await app.call(handover.remove_item, app.actor, item.id)
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            app.bell()
            return
        self.reload()

    @work(exclusive=True, group="hand-submit")
    async def action_submit(self) -> None:
        app, view = self.depot_app, self.view
        if view is None or view.line.status != "draft":
            return
        counted, note = (self.query_one(f"#{name}", Field).value for name in ("cash_counted", "cash_note"))
        actor = app.actor
        try:  # refused before the question, so "hand over?" is asked only of one that would go
            await app.call(handover.ready, actor, view.line.id, counted, note)
            if not await app.confirm(
                "hand.confirm_title", "hand.confirm_body", items=len(view.items), cash=counted.strip()
            ):
                return
            done = await app.call(handover.submit, actor, view.line.id, counted, note)
        except ServiceError as exc:
            show_refusal(self, exc, "hand", "#hand-message")
            if (exc.errors[0] if isinstance(exc, FormError) else exc).field == "items":
                self.query_one("#items", Table).focus()
            app.bell()
            return
        app.notify(plain(t("hand.submitted", at=_when(done.submitted_at))), timeout=8)
        self.reload()

    @work(exclusive=True, group="hand-take")
    async def action_take(self) -> None:
        app = self.depot_app
        waiting = await app.call(handover.pending, app.actor)
        if not waiting:
            self.say(t("hand.none_waiting"))
            return
        await app.push_screen(AcceptScreen(waiting[0].id, "accept"))

    def action_log(self) -> None:
        self.app.push_screen(HandoverLogScreen())


def _run_and_pending(actor: Actor) -> tuple[handover.HandoverView, list[Any]]:
    return handover.run(actor), handover.pending(actor)


class ItemFormScreen(FormDialog):
    """A line of the handover: an open matter (cause, course, result), an instruction from a
    superior, or something counted face to face (what should be there, what was counted, and
    why they differ)."""

    labels_prefix = "hand"

    def __init__(self, handover_id: int, item: handover.ItemLine | None) -> None:
        super().__init__()
        self.handover_id, self.item = handover_id, item

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(classes="dialog", id="item-form"):
            yield Static(t("hand.item_title_edit" if item else "hand.item_title_new"), classes="dialog-title")
            kinds = [(k, t(f"hand.kind.{k}")) for k in handover.KINDS]
            fixed = bool(item and item.kind == "matter" and item.exception_open)  # stays a matter
            yield from self.row(
                "kind",
                Choice(
                    kinds,
                    item.kind if item else "instruction",
                    id="kind",
                    on_change=self._kind,
                    disabled=fixed,
                ),
            )
            yield from self.row("subject", Field(item.subject if item else "", id="subject", max_length=120))
            for name, limit in (
                ("expected", 40),
                ("counted", 40),
                ("cause", 500),
                ("course", 500),
                ("result", 500),
            ):
                value = getattr(item, name) if item else ""
                yield from self.row(name, Field(value, id=name, max_length=limit))
            yield FieldMessage(id="dialog-message")
            yield Static(t("hand.item_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self._kind(self.query_one("#kind", Choice))
        item = self.item
        matter_to_write = item is not None and item.kind == "matter" and not item.cause
        self.query_one("#cause" if matter_to_write else "#subject" if item else "#kind").focus()

    def _kind(self, choice: Choice) -> None:
        """A matter asks for cause, course and result; a count for the figures (and the reason
        of a difference, in result); an instruction for its text only."""
        kind = choice.value
        for name in ("cause", "course"):
            self.query_one(f"#{name}", Field).disabled = kind != "matter"
        for name in ("expected", "counted"):
            self.query_one(f"#{name}", Field).disabled = kind != "count"
        self.query_one("#result", Field).disabled = kind == "instruction"

    def form(self) -> handover.ItemForm:
        values = {w.id or "": w.value for w in form_inputs(self) if not w.disabled or w.id == "kind"}
        return handover.ItemForm(**values)

    @work(exclusive=True, group="item-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            if self.item is None:
                await app.call(handover.add_item, app.actor, self.handover_id, self.form())
            else:
                await app.call(handover.update_item, app.actor, self.item.id, self.form())
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)


# --- the incoming clerk, and anyone reading one from the log -----------------------------------


class AcceptScreen(ItemTable):
    """A whole handover. `accept`: the incoming clerk marks disputes (Enter on an item, a note
    each) and F10 accepts; `read`: from the log, read-only, where a supervisor settles a
    disputed item with Enter. Ctrl+P prints it either way."""

    screen_id = "handover-accept"
    title_key = "screen.handover_accept"
    help_key = "help.handover_accept"

    def __init__(self, handover_id: int, mode: str) -> None:
        self.reading = mode == "read"  # before the Screen's __init__: it binds screen_keys
        super().__init__()
        self.handover_id = handover_id
        self.view: handover.HandoverView | None = None
        self.disputes: dict[int, str] = {}  # item id -> the note, until F10 accepts
        if self.reading:
            self.title_key, self.help_key = "screen.handover_read", "help.handover_read"

    @property
    def screen_keys(self) -> list[KeyAction]:  # type: ignore[override]
        return [BACK, READ, PRINT] if self.reading else [BACK, READ, ACCEPT, PRINT]

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Vertical(id="handover"):
            yield Static("", id="hand-title", classes="section-title")
            yield Static("…", id="hand-summary")
            yield Static("", id="hand-cash")
            yield Static(
                t("hand.items_title_read" if self.reading else "hand.items_title_accept"),
                classes="section-title",
            )
            yield Table(t("hand.item_columns").split("|"), id="items", cursor_type="row")
            yield Static("", id="hand-message")  # how many disputed: a count, not an error
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.reload()

    @work(exclusive=True, group="hand-view")
    async def reload(self) -> None:
        app = self.depot_app
        try:
            view = await app.call(handover.detail, app.actor, self.handover_id)
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            return
        self.view = view
        if not self.reading and not self.disputes:  # written before the link dropped
            self.disputes = {
                i.id: i.dispute_note for i in view.items if i.status == "pending" and i.dispute_note
            }
        self.query_one("#hand-title", Static).update(plain(header(view.line)))
        self.query_one("#hand-summary", Static).update(plain_lines(summary_lines(view.summary)))
        cash = [cash_line(view)]
        if view.override_by:
            cash.append(t("hand.override_line", name=view.override_by, reason=view.override_reason))
        self.query_one("#hand-cash", Static).update(plain_lines(cash))
        self.show_items()
        self.query_one("#items", Table).focus()

    def show_items(self) -> None:
        items = self.view.items if self.view else []
        table = self.query_one("#items", Table)
        row = table.cursor_row
        table.show(_item_rows(items, None if self.reading else self.disputes))
        if items and row is not None:
            table.move_cursor(row=min(row, len(items) - 1))
        if not self.reading:
            self.say(
                t("hand.accept_hint", disputed=len(self.disputes)) if items else t("hand.accept_no_items")
            )

    def say(self, text: str) -> None:
        self.query_one("#hand-message", Static).update(plain(text))

    def has_unsaved_input(self) -> bool:
        return bool(self.disputes)

    def kept(self) -> list[Keep]:
        """Logout, hang-up or crash: the disputes written so far, kept on the lines."""
        if self.depot_app.session is None or not self.disputes:
            return []
        return [
            Keep(
                "disputes",
                {"handover_id": self.handover_id, "disputes": {str(k): v for k, v in self.disputes.items()}},
            )
        ]

    async def discard_input(self) -> None:
        app = self.depot_app
        await app.call(handover.keep_disputes, app.actor, self.handover_id, {})

    @work(exclusive=True, group="hand-item")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        item, app = self.highlighted(), self.depot_app
        if item is None:
            return
        if not self.reading:
            note = await app.push_screen_wait(ItemScreen(item, "dispute", self.disputes.get(item.id, "")))
            if note is None:
                return
            if note:
                self.disputes[item.id] = note
            else:
                self.disputes.pop(item.id, None)
            self.show_items()
            return
        may_settle = item.status == "disputed" and app.actor.role in (Role.SUPERVISOR, Role.ADMIN)
        if await app.push_screen_wait(ItemScreen(item, "settle" if may_settle else "read")):
            self.reload()

    @work(exclusive=True, group="hand-accept")
    async def action_accept(self) -> None:
        app = self.depot_app
        if self.reading or self.view is None:
            return
        if not await app.confirm(
            "hand.accept_title",
            "hand.accept_body",
            name=self.view.line.from_name,
            disputed=len(self.disputes),
        ):
            return
        try:
            await app.call(handover.accept, app.actor, self.handover_id, dict(self.disputes))
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            app.bell()
            return
        self.disputes.clear()
        app.notify(plain(t("hand.accepted", name=self.view.line.from_name)), timeout=8)
        self.dismiss()

    @work(exclusive=True, group="hand-print")
    async def action_print(self) -> None:
        await print_handover(self, self.handover_id)


class ItemScreen(FormDialog):
    """One line whole. `dispute`: the incoming clerk's note (blank takes the dispute back);
    `settle`: the supervisor's answer to a dispute; `read`: nothing to type."""

    labels_prefix = "hand"
    BINDINGS = [Binding("enter", "save", show=False)]  # read: Enter closes (a field submits first)

    def __init__(self, item: handover.ItemLine, mode: str, note: str = "") -> None:
        super().__init__()
        self.item, self.purpose, self.note = item, mode, note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="item-view"):
            yield Static(t(f"hand.item_view_{self.purpose}"), classes="dialog-title")
            yield Static(
                plain_lines([part for line in item_detail(self.item) for part in printing.fit(line, 66)])
            )
            if self.purpose == "dispute":
                yield from self.row(
                    "dispute_note", Field(self.note, id="dispute_note", max_length=500, enter_advances=False)
                )
            elif self.purpose == "settle":
                yield from self.row(
                    "settled_note", Field(id="settled_note", max_length=500, enter_advances=False)
                )
            yield FieldMessage(id="dialog-message")
            yield Static(t(f"hand.item_view_keys_{self.purpose}"), classes="dialog-keys")

    def on_mount(self) -> None:
        for field in self.query(Field):
            field.focus()

    @on(Input.Submitted)
    def _entered(self) -> None:
        self.action_save()

    @work(exclusive=True, group="item-answer")
    async def action_save(self) -> None:
        if self.purpose == "read":
            self.dismiss(None)
        elif self.purpose == "dispute":
            self.dismiss(self.query_one("#dispute_note", Field).value.strip())
        else:
            app = self.depot_app
            try:
                await app.call(
                    handover.settle, app.actor, self.item.id, self.query_one("#settled_note", Field).value
                )
            except ServiceError as exc:
                self.refuse(exc)
                return
            self.dismiss(True)


# --- the log ------------------------------------------------------------------------------------


class HandoverLogScreen(ListScreen):
    """Past handovers of this depot, a day at a time (the outgoing shift's day), by clerk if
    one is typed; Ctrl+O: every handover with a dispute still to settle."""

    screen_id = "handover-log"
    title_key = "screen.handover_log"
    help_key = "help.handover_log"
    list_title_key = "hand.log_title"
    columns_key = "hand.log_columns"
    empty_key = "hand.log_none"
    focus_list = False
    screen_keys: list[KeyAction] = [BACK, OPEN, DAY_BACK, DAY_ON, DISPUTED, PRINT, OVERRIDE]

    def __init__(self) -> None:
        super().__init__()
        self.day = clock.now().date()
        self.disputed_only = False

    def compose_top(self) -> ComposeResult:
        with Horizontal(classes="form-row", id="log-filter"):
            yield Static(t("hand.day"), classes="form-label")
            yield Field(f"{self.day:%Y-%m-%d}", id="day", max_length=10, enter_advances=False)
            yield Static(t("hand.clerk"), classes="form-label")
            yield Field(id="clerk", max_length=40, enter_advances=False)
        yield FieldMessage(id="filter-message")

    def on_mount(self) -> None:
        self.query_one("#list", Table).focus()

    def load(self, actor: Actor) -> list[handover.LogLine]:
        return handover.log(actor, f"{self.day:%Y-%m-%d}", self.clerk, self.disputed_only)

    def list_title(self) -> str:
        if self.disputed_only:
            return t("hand.log_title_disputed", count=len(self.items))
        return t(self.list_title_key, day=f"{self.day:%Y-%m-%d}", count=len(self.items))

    def row(self, line: handover.LogLine) -> tuple[object, ...]:
        difference = line.cash_difference
        return (
            f"{line.day:%m-%d}",
            shift_label(line.code),
            plain(printing.fit(line.from_name, 8)[0]),
            _when(line.submitted_at),
            plain(printing.fit(line.to_name, 8)[0]),
            _when(line.accepted_at),
            t(f"handover.state.{line.status}"),
            "" if difference is None else f"{difference:+.2f}",
            str(line.items),
            str(line.disputed or "") + (t("hand.log_override") if line.override else ""),
        )

    @property
    def clerk(self) -> str:
        return self.query_one("#clerk", Field).value

    @on(Input.Submitted, "#day, #clerk")
    def _filter(self) -> None:
        message = self.query_one("#filter-message", FieldMessage)
        try:
            self.day = checks.day(self.query_one("#day", Field).value, "day", clock.now().date())
        except ServiceError as exc:
            show_refusal(self, exc, "hand", "#filter-message")
            return
        message.clear()
        self.query_one("#day", Field).value = f"{self.day:%Y-%m-%d}"
        self.disputed_only = False
        self.refresh_items()
        self.query_one("#list", Table).focus()

    def action_day(self, step: int) -> None:
        self.day += dt.timedelta(days=step)
        self.query_one("#day", Field).value = f"{self.day:%Y-%m-%d}"
        self.disputed_only = False
        self.refresh_items()

    def action_disputed(self) -> None:
        self.disputed_only = not self.disputed_only
        self.refresh_items()

    def action_open_item(self) -> None:
        line = self.highlighted()
        if line is not None:
            self.app.push_screen(AcceptScreen(line.id, "read"))

    @work(exclusive=True, group="log-print")
    async def action_print(self) -> None:
        line = self.highlighted()
        if line is not None:
            await print_handover(self, line.id)

    @work(exclusive=True, group="log-override")
    async def action_override(self) -> None:
        """A supervisor lets the highlighted draft be handed over past an open major exception."""
        from .search import ReasonScreen

        app, line = self.depot_app, self.highlighted()
        if line is None:
            return
        if line.status != "draft":
            self.say(t("hand.override_not_draft", status_key=f"handover.state.{line.status}"))
            return
        reason = await app.push_screen_wait(
            ReasonScreen(t("hand.override_title", name=line.from_name), t("hand.override_body"))
        )
        if reason is None:
            return
        try:
            await app.call(handover.override, app.actor, line.id, reason)
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            app.bell()
            return
        app.notify(plain(t("hand.overridden", name=line.from_name)), timeout=8)
        self.refresh_items()
