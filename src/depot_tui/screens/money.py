"""Money on a waybill at the counter (issue 24): a payment toward its freight, all of what is
owed or a part, by any method (a transaction number for WeChat, Alipay and bank); a refund, for
a supervisor, with its reason; a re-weigh, which proposes fault 9 beyond the tolerance. Opened
from F8's waybill (Ctrl+F, Ctrl+W)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ..i18n import t
from ..services import money, waybills
from ..services.errors import ServiceError
from ..widgets.choice import Choice
from ..widgets.fields import Field, FieldMessage, value_of
from .dialogs import FormDialog


def method_choice(name: str, value: str | None = None) -> Choice:
    """How money is paid (cash, WeChat, Alipay, bank), for every form that takes money."""
    return Choice([(m, t(f"pick.pay.{m}")) for m in money.METHODS], value, id=name)


class MoneyFormScreen(FormDialog):
    """Take (or, for a supervisor, refund) money on `owed`'s waybill. Returns True once saved."""

    labels_prefix = "money"

    def __init__(self, owed: money.Owed) -> None:
        super().__init__()
        self.owed = owed

    def compose(self) -> ComposeResult:
        o = self.owed
        boss = self.depot_app.actor.is_supervisor
        with Vertical(classes="dialog", id="money-form"):
            yield Static(t("money.title", number=o.number), classes="dialog-title")
            yield Static(t("money.state", total=f"{o.total:.2f}", paid=f"{o.paid:.2f}", due=f"{o.due:.2f}"))
            kinds = [("take", t("money.kind.take"))] + ([("refund", t("money.kind.refund"))] if boss else [])
            yield from self.row("kind", Choice(kinds, id="kind", on_change=self._kind))
            yield from self.row("amount", Field(f"{o.due:.2f}" if o.due else "", id="amount", max_length=10))
            yield from self.row("method", method_choice("method"))
            yield from self.row("reference", Field(id="reference", max_length=40))
            yield from self.row("reason", Field(id="reason", max_length=200, disabled=True))
            yield FieldMessage(id="dialog-message")
            yield Static(t("exc.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#kind").focus()

    def _kind(self, choice: Choice) -> None:
        """A refund needs its reason; a payment has none."""
        for reason in self.query("#reason").results(Field):
            reason.disabled = choice.value != "refund"

    @work(exclusive=True, group="money-save")
    async def action_save(self) -> None:
        app = self.depot_app
        number, amount = self.owed.number, value_of(self, "amount")
        method, reference = value_of(self, "method"), value_of(self, "reference")
        try:
            if value_of(self, "kind") == "refund":
                await app.call(
                    money.refund, app.actor, number, amount, method, value_of(self, "reason"), reference
                )
            else:
                await app.call(money.take, app.actor, number, amount, method, reference)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)


class ReweighFormScreen(FormDialog):
    """The goods weighed (and measured) again (R-5.9). Returns the services' Reweighed."""

    labels_prefix = "reweigh"

    def __init__(self, number: str, weight: str, volume: str) -> None:
        super().__init__()
        self.number, self.weight, self.volume = number, weight, volume

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="reweigh-form"):
            yield Static(t("reweigh.title", number=self.number), classes="dialog-title")
            yield Static(t("reweigh.stated", weight=self.weight, volume=self.volume))
            yield from self.row("weight", Field(id="weight", max_length=10))
            yield from self.row("volume", Field(id="volume", max_length=9))
            yield FieldMessage(id="dialog-message")
            yield Static(t("reweigh.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#weight").focus()

    @work(exclusive=True, group="reweigh-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            done = await app.call(
                waybills.reweigh, app.actor, self.number, value_of(self, "weight"), value_of(self, "volume")
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(done)
