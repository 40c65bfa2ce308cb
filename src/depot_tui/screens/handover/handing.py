"""F6 for the outgoing clerk: the handover of their shift (R-4), its items, the cash counted,
submitted with F10.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ...faults import Keep
from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import handover
from ...services.actor import Actor
from ...services.errors import FormError, ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage, form_inputs
from ...widgets.safe import plain, plain_lines
from ...widgets.tables import Table
from ..dialogs import FormDialog, show_refusal
from .common import (
    ADD,
    EDIT,
    HAND_OVER,
    LOG,
    REMOVE,
    TAKE,
    ItemTable,
    _item_rows,
    _when,
    header,
    summary_lines,
)
from .log import HandoverLogScreen
from .taking import AcceptScreen, ItemScreen


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
                await app.push_screen(AcceptScreen(waiting.id))
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
        await app.push_screen(AcceptScreen(waiting[0].id))

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
