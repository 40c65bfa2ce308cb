"""The incoming clerk taking over (accept, or dispute item by item), and anyone reading a handover
from the log or the score.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ...codes import Role
from ...faults import Keep
from ...i18n import t
from ...keys import BACK, bindings, dialog_key
from ...services import handover, printing
from ...services.errors import ServiceError
from ...widgets.fields import Field, FieldMessage
from ...widgets.safe import plain, plain_lines
from ...widgets.tables import Table
from ..dialogs import FormDialog
from .common import (
    ACCEPT,
    PRINT,
    READ,
    ItemTable,
    _item_rows,
    cash_line,
    header,
    item_detail,
    print_handover,
    summary_lines,
)


class AcceptScreen(ItemTable):
    """A whole handover, for the incoming clerk to take over: Enter on an item marks a dispute
    (a note each), F10 accepts, Ctrl+P prints. `HandoverReadScreen` shows the same read-only."""

    screen_id = "handover-accept"
    title_key = "screen.handover_accept"
    help_key = "help.handover_accept"
    screen_keys = [BACK, READ, ACCEPT, PRINT]
    #: Read from the log or the score, not taken over (HandoverReadScreen).
    reading = False

    def __init__(self, handover_id: int) -> None:
        super().__init__()
        self.handover_id = handover_id
        self.view: handover.HandoverView | None = None
        self.disputes: dict[int, str] = {}  # item id -> the note, until F10 accepts

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
    # Enter saves the dispute note (read: closes); a field submits first.
    BINDINGS = bindings([dialog_key("item.save", "enter", "save")])

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


class HandoverReadScreen(AcceptScreen):
    """A handover read from the log or from a score event: read-only, where a supervisor settles
    a disputed item with Enter. Ctrl+P prints it."""

    title_key = "screen.handover_read"
    help_key = "help.handover_read"
    screen_keys = [BACK, READ, PRINT]
    reading = True
