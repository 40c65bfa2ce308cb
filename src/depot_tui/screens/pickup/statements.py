"""Monthly accounts (月结对账, issue 24), from F5 with Ctrl+Y: the depot's statements not yet
paid (Ctrl+A: all), drawn up with Ctrl+N, read with Enter, moved on with Ctrl+G (checked by a
supervisor, sent, confirmed, invoiced, paid), a line disputed or put right with Ctrl+D, printed
with Ctrl+P; Ctrl+R what the monthly customers owe, by age."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import accounts, clock, printing
from ...services.errors import ServiceError
from ...widgets.fields import Field, FieldMessage, value_of
from ...widgets.safe import plain
from ..dialogs import FormDialog, TextScreen
from ..lists import ListScreen
from ..money import method_choice

OPEN = KeyAction("open_statement", "enter", "open_item", "key.open_item")
NEW = KeyAction("draw_up", "ctrl+n", "draw_up", "key.draw_up")
NEXT = KeyAction("statement_next", "ctrl+g", "next_step", "key.statement_next")
DISPUTE = KeyAction("dispute", "ctrl+d", "dispute", "key.dispute")
ALL = KeyAction("all_statements", "ctrl+a", "toggle_all", "key.all_statements")
PRINT = KeyAction("print_statement", "ctrl+p", "print", "key.print")
OWED = KeyAction("receivables", "ctrl+r", "receivables", "key.receivables")


class StatementsScreen(ListScreen):
    screen_id = "statements"
    title_key = "screen.statements"
    help_key = "help.statements"
    list_title_key = "acct.title"
    columns_key = "acct.columns"
    empty_key = "acct.none"
    screen_keys: list[KeyAction] = [BACK, OPEN, NEW, NEXT, DISPUTE, ALL, PRINT, OWED]

    def __init__(self) -> None:
        super().__init__()
        self.open_only = True

    def load(self, actor: Any) -> list[accounts.StatementView]:
        return accounts.statements(actor, open_only=self.open_only)

    def row(self, x: accounts.StatementView) -> tuple[object, ...]:
        return (
            x.number,
            plain(printing.cut(x.customer, 12)),
            f"{x.start:%m-%d}–{x.end:%m-%d}",
            f"{x.total:.2f}",
            t(f"statement.status.{x.status}"),
            str(x.disputed) if x.disputed else "",
        )

    def action_toggle_all(self) -> None:
        self.open_only = not self.open_only
        self.refresh_items()

    def action_receivables(self) -> None:
        self.app.push_screen(ReceivablesScreen())

    @work(exclusive=True, group="statement")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        item = self.highlighted()
        if item is None:
            return
        app = self.depot_app
        try:
            text = await app.call(accounts.statement_text, app.actor, item.id)
        except ServiceError as exc:  # a database that fails under it: said on the list's line
            self.refused(exc)
            return
        await app.push_screen_wait(TextScreen(t("acct.viewing", number=item.number), text))

    @work(exclusive=True, group="statement")
    async def action_draw_up(self) -> None:
        if await self.depot_app.push_screen_wait(DrawUpScreen()):
            self.say(t("acct.drawn_up"))
            self.refresh_items()

    @work(exclusive=True, group="statement")
    async def action_next_step(self) -> None:
        """The highlighted statement's next step; the invoice and the payment ask their details."""
        item = self.highlighted()
        if item is None:
            return
        app = self.depot_app
        step = {"issued": accounts.check, "checked": accounts.send, "sent": accounts.confirm}.get(item.status)
        try:
            if step is not None:
                await app.call(step, app.actor, item.id)
            elif item.status in ("confirmed", "invoiced"):
                if not await app.push_screen_wait(StepScreen(item)):
                    return
            else:
                self.say(t(f"acct.no_next.{item.status}"))
                return
        except ServiceError as exc:
            self.refused(exc)
            return
        self.say(t("acct.moved", number=item.number))
        self.refresh_items()

    @work(exclusive=True, group="statement")
    async def action_dispute(self) -> None:
        item = self.highlighted()
        if item is not None and await self.depot_app.push_screen_wait(DisputeScreen(item)):
            self.say(t("acct.dispute_saved"))
            self.refresh_items()

    @work(exclusive=True, group="statement")
    async def action_print(self) -> None:
        item = self.highlighted()
        if item is None:
            return
        app = self.depot_app
        try:
            done = await app.call(accounts.print_statement, app.actor, item.id, app.config.outbox)
        except ServiceError as exc:
            self.refused(exc)
            return
        self.say(
            t("register.print_failed", path=str(done.path), error=done.error)
            if done.error
            else t("acct.printed")
        )


class ReceivablesScreen(ListScreen):
    """What each monthly customer owes here, the most first, by age; over its limit marked."""

    screen_id = "receivables"
    title_key = "screen.receivables"
    help_key = "help.statements"
    list_title_key = "acct.owed_title"
    columns_key = "acct.owed_columns"
    empty_key = "acct.owed_none"
    screen_keys: list[KeyAction] = [BACK]

    def load(self, actor: Any) -> list[accounts.Receivable]:
        return accounts.receivables(actor)

    def row(self, x: accounts.Receivable) -> tuple[object, ...]:
        return (
            plain(printing.cut(x.customer, 12)),
            f"{x.unbilled:.2f}",
            *(f"{a:.2f}" for a in x.billed),
            f"{x.total:.2f}" + (" !" if x.over_limit else ""),
        )


class DrawUpScreen(FormDialog):
    """A monthly customer's statement for a period (this month so far by default)."""

    labels_prefix = "acct"

    def compose(self) -> ComposeResult:
        today = clock.now().date()
        with Vertical(classes="dialog", id="acct-form"):
            yield Static(t("acct.draw_up_title"), classes="dialog-title")
            yield from self.row("phone", Field(id="phone", max_length=20))
            yield from self.row("start", Field(f"{today.replace(day=1):%Y-%m-%d}", id="start", max_length=10))
            yield from self.row("end", Field(f"{today:%Y-%m-%d}", id="end", max_length=10))
            yield FieldMessage(id="dialog-message")
            yield Static(t("exc.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#phone").focus()

    @work(exclusive=True, group="acct-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            done = await app.call(
                accounts.draw_up,
                app.actor,
                value_of(self, "phone"),
                value_of(self, "start"),
                value_of(self, "end"),
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(done)


class StepScreen(FormDialog):
    """Invoiced (the invoice number) or paid (how, and the transaction number)."""

    labels_prefix = "acct"

    def __init__(self, item: accounts.StatementView) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        paying = self.item.status == "invoiced"
        with Vertical(classes="dialog", id="acct-form"):
            yield Static(
                t("acct.pay_title" if paying else "acct.invoice_title", number=self.item.number),
                classes="dialog-title",
            )
            if paying:
                yield from self.row("method", method_choice("method", "bank"))
                yield from self.row("reference", Field(id="reference", max_length=40))
                yield from self.row("amount", Field(id="amount", max_length=12))  # blank: all that is left
            else:
                yield from self.row("invoice_no", Field(id="invoice_no", max_length=40))
            yield FieldMessage(id="dialog-message")
            yield Static(t("exc.form_keys"), classes="dialog-keys")

    @work(exclusive=True, group="acct-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            if self.item.status == "invoiced":
                await app.call(
                    accounts.pay,
                    app.actor,
                    self.item.id,
                    value_of(self, "method"),
                    value_of(self, "reference"),
                    value_of(self, "amount"),
                )
            else:
                await app.call(accounts.invoice, app.actor, self.item.id, value_of(self, "invoice_no"))
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)


class DisputeScreen(FormDialog):
    """The customer disputes a waybill on it (what they say); with nothing said, a disputed line
    is put right at the waybill's amount now (correct the waybill first, in F8)."""

    labels_prefix = "acct"

    def __init__(self, item: accounts.StatementView) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="acct-form"):
            yield Static(t("acct.dispute_title", number=self.item.number), classes="dialog-title")
            yield from self.row("number", Field(id="number", max_length=20))
            yield from self.row("note", Field(id="note", max_length=200))
            yield FieldMessage(id="dialog-message")
            yield Static(t("acct.dispute_keys"), classes="dialog-keys")

    @work(exclusive=True, group="acct-save")
    async def action_save(self) -> None:
        app = self.depot_app
        number, note = value_of(self, "number"), value_of(self, "note")
        try:
            if note.strip():
                await app.call(accounts.dispute, app.actor, self.item.id, number, note)
            else:
                await app.call(accounts.settle, app.actor, self.item.id, number)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)
