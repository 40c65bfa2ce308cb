"""Customers (客户): found by phone, name or initials; a supervisor edits one (its monthly
account, credit limit and statement day), merges the records of one phone, and keeps its agreed
prices (协议价), which price nothing until a supervisor approves them. A clerk reads them."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import t
from ...keys import BACK, KeyAction, bindings, dialog_key
from ...services import customers, printing
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage, value_of
from ...widgets.safe import plain, plain_lines
from ..dialogs import FormDialog, ReasonScreen
from ..lists import FindListScreen

EDIT = KeyAction("edit", "enter", "open_item", "key.edit_item")
ADD = KeyAction("add", "ctrl+n", "add_item", "key.add_item")
AGREE = KeyAction("agreements", "ctrl+t", "agreements", "key.agreements")
MERGE = KeyAction("merge", "ctrl+o", "merge", "key.merge")

CHANGES = {"open_item", "add_item", "agreements", "merge"}


class CustomersScreen(FindListScreen):
    screen_id = "customers"
    title_key = "screen.customers"
    help_key = "help.customers"
    list_title_key = "customer.title"
    columns_key = "customer.columns"
    empty_key = "customer.none"
    read_only_key = "customer.read_only"
    narrow_in_memory = False  # tens of thousands: the find text goes to the database
    screen_keys: list[KeyAction] = [BACK, EDIT, ADD, AGREE, MERGE]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in CHANGES or self.depot_app.actor.is_supervisor

    def load_all(self, actor: Actor) -> list[customers.CustomerLine]:
        return customers.find(actor, self.found)

    def matches(self, line: customers.CustomerLine, text: str) -> bool:
        return True  # the database found them

    def list_title(self) -> str:
        if self.found:
            return t("customer.title_found", text=self.found, count=len(self.items))
        return t(self.list_title_key, count=len(self.items))

    def row(self, line: customers.CustomerLine) -> tuple[object, ...]:
        agreed = f"×{line.agreement}" if line.agreement is not None else ""
        if line.pending:
            agreed = (agreed + " " + t("customer.pending")).strip()
        return (
            plain(
                printing.cut(line.name, 16)
                + (" " + t("customer.twins", n=line.same_phone) if line.same_phone else "")
            ),
            line.phone,
            t("customer.monthly") if line.monthly_account else "",
            f"{line.credit_limit}" if line.credit_limit is not None else "",
            f"{line.statement_day}" if line.statement_day else "",
            agreed,
        )

    @work(exclusive=True, group="customer-form")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        await self.change_item(CustomerFormScreen, lambda line: t("customer.saved", name=line.name))

    @work(exclusive=True, group="customer-form")
    async def action_add_item(self) -> None:
        name = await self.depot_app.push_screen_wait(CustomerFormScreen(None))
        if name:
            self.say(t("customer.saved", name=name))
            self.found = ""
            self.refresh_items()

    @work(exclusive=True, group="customer-form")
    async def action_agreements(self) -> None:
        line = self.highlighted()
        if line is not None:
            await self.depot_app.push_screen_wait(AgreementScreen(line))
            self.refresh_items()

    @work(exclusive=True, group="customer-form")
    async def action_merge(self) -> None:
        """The other records of the highlighted customer's phone merged into it."""
        line = self.highlighted()
        if line is None:
            return
        app = self.depot_app
        if not await app.confirm(
            "customer.merge_title", "customer.merge_body", name=line.name, phone=line.phone
        ):
            return
        try:
            merged = await app.call(customers.merge, app.actor, line.id)
        except ServiceError as exc:
            self.refused(exc)
            return
        self.say(t("customer.merged", count=merged, name=line.name))
        self.refresh_items()


class CustomerFormScreen(FormDialog):
    """A customer as the back office keeps it, or a new one (a monthly account opened before its
    first waybill). Returns its name once saved."""

    labels_prefix = "customer"

    def __init__(self, line: customers.CustomerLine | None) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        line = self.line or customers.CustomerLine(0, "", "", "", False, None, None, None, False, 0)
        with Vertical(classes="dialog", id="customer-form"):
            title = t("customer.edit_title", name=line.name) if self.line else t("customer.new_title")
            yield Static(plain(title), classes="dialog-title")
            yield from self.row("name", Field(line.name, id="name", max_length=60))
            yield from self.row("phone", Field(line.phone, id="phone", max_length=20))
            yield from self.row("address", Field(line.address, id="address", max_length=200))
            options = [("no", t("customer.no")), ("yes", t("customer.yes"))]
            yield from self.row(
                "monthly_label", Choice(options, "yes" if line.monthly_account else "no", id="monthly")
            )
            limit = f"{line.credit_limit}" if line.credit_limit is not None else ""
            yield from self.row("credit_limit", Field(limit, id="credit_limit", max_length=12))
            day = f"{line.statement_day}" if line.statement_day else ""
            yield from self.row("statement_day", Field(day, id="statement_day", max_length=2))
            yield FieldMessage(id="dialog-message")
            yield Static(t("customer.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#name").focus()

    @work(exclusive=True, group="customer-save")
    async def action_save(self) -> None:
        app = self.depot_app
        form = customers.CustomerForm(
            name=value_of(self, "name"),
            phone=value_of(self, "phone"),
            address=value_of(self, "address"),
            monthly_account=value_of(self, "monthly") == "yes",
            credit_limit=value_of(self, "credit_limit"),
            statement_day=value_of(self, "statement_day"),
        )
        try:
            saved = await app.call(customers.save, app.actor, self.line.id if self.line else None, form)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(saved.name)


class AgreementScreen(FormDialog):
    """A customer's agreed prices at this depot: those set, and a new one proposed from a day
    on (F10). One waiting is approved with Ctrl+Y or rejected with Ctrl+D and the reason."""

    BINDINGS = bindings(  # with FormDialog's Esc and F10
        [dialog_key("approve", "ctrl+y", "decide(True)"), dialog_key("reject", "ctrl+d", "decide(False)")]
    )
    labels_prefix = "customer"

    def __init__(self, line: customers.CustomerLine) -> None:
        super().__init__()
        self.line = line
        self.waiting: customers.AgreementLine | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="agreement-form"):
            yield Static(plain(t("customer.agreement_title", name=self.line.name)), classes="dialog-title")
            yield Static("", id="agreement-list")
            yield from self.row("discount", Field(id="discount", max_length=10))
            yield from self.row("from_day", Field(id="from_day", max_length=10))
            yield from self.row("note", Field(id="note", max_length=200))
            yield FieldMessage(id="dialog-message")
            yield Static(t("customer.agreement_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#discount").focus()
        self.load()

    @work(exclusive=True, group="agreement-load")
    async def load(self) -> None:
        app = self.depot_app
        lines = await app.call(customers.agreements, app.actor, self.line.id)
        self.waiting = next((a for a in lines if a.status == "proposed"), None)
        shown = [
            t(
                f"customer.agreement.{a.status}",
                discount=f"{a.discount}",
                since=f"{a.valid_from:%Y-%m-%d}",
                to=f"{a.valid_to:%Y-%m-%d}" if a.valid_to else "",
                who=a.proposed_by,
            )
            for a in lines[:6]
        ]
        self.query_one("#agreement-list", Static).update(plain_lines(shown or [t("customer.agreement_none")]))

    @work(exclusive=True, group="agreement-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(
                customers.propose,
                app.actor,
                self.line.id,
                value_of(self, "discount"),
                value_of(self, "from_day"),
                value_of(self, "note"),
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.query_one("#dialog-message", FieldMessage).show(t("customer.proposed"))
        for name in ("discount", "from_day", "note"):  # proposed: ready for the decision, not a twin
            self.query_one(f"#{name}", Field).value = ""
        self.load()

    @work(exclusive=True, group="agreement-save")
    async def action_decide(self, approve: bool) -> None:
        app, waiting = self.depot_app, self.waiting
        if waiting is None:
            self.query_one("#dialog-message", FieldMessage).show(t("error.agreement_unknown"))
            return
        reason = ""
        if not approve:
            title = t("customer.reject_title", discount=f"{waiting.discount}")
            answer = await app.push_screen_wait(ReasonScreen(title, t("user.reason_body")))
            if answer is None:
                return
            reason = answer
        try:
            await app.call(customers.decide, app.actor, waiting.id, approve, reason)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.query_one("#dialog-message", FieldMessage).show(
            t("customer.approved" if approve else "customer.rejected")
        )
        self.load()
