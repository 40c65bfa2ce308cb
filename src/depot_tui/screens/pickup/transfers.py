"""Transfer register (中转登记), from F5 with Ctrl+T: waybills issued as transfers whose goods
are here; Enter hands one to its partner line: the partner, the partner's waybill number, the
fee and the rebate (中转回扣), which the service refuses blank (0 when there is none: fault 6).
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import printing, transfers
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage
from ...widgets.safe import plain
from ..dialogs import FormDialog
from ..lists import ListScreen

HAND_ON = KeyAction("hand_on", "enter", "open_item", "key.transfer")


class TransferScreen(ListScreen):
    screen_id = "pickup-transfer"
    title_key = "screen.transfer"
    help_key = "help.transfer"
    list_title_key = "transfer.title"
    columns_key = "transfer.columns"
    empty_key = "transfer.none"
    screen_keys: list[KeyAction] = [BACK, HAND_ON]

    def load(self, actor: Actor) -> list[transfers.ToTransfer]:
        return transfers.to_transfer(actor)

    def row(self, item: transfers.ToTransfer) -> tuple[object, ...]:
        return (
            item.number,
            plain(printing.fit(item.destination, 8)[0]),
            plain(printing.fit(item.consignee_name, 6)[0]),
            plain(printing.fit(item.partner, 12)[0]),
            f"{item.fee:.2f}",
            f"{item.rebate:.2f}",
            t("pick.held") if item.held else str(item.here),
        )

    @work(exclusive=True, group="transfer")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        item = self.highlighted()
        if item is None:
            return
        if item.held:
            self.say(t("error.pickup_held", number=item.number))
            self.app.bell()
            return
        partners = await self.depot_app.call(transfers.partners)
        if await self.depot_app.push_screen_wait(TransferFormScreen(item, partners)):
            self.refresh_items()


class TransferFormScreen(FormDialog):
    """中转: to whom, their number, the fee, the rebate."""

    labels_prefix = "transfer"

    def __init__(self, item: transfers.ToTransfer, partners: list[str]) -> None:
        super().__init__()
        self.item, self.partners = item, partners

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(classes="dialog", id="transfer-form"):
            yield Static(
                plain(t("transfer.form_title", number=item.number, place=item.destination)),
                classes="dialog-title",
            )
            choices = [(name, name) for name in self.partners] or [("", "—")]
            yield from self.row(
                "partner",
                Choice(choices, item.partner if item.partner in self.partners else None, id="partner"),
            )
            yield from self.row("partner_number", Field(id="partner_number", max_length=40))
            yield from self.row("fee", Field(f"{item.fee:.2f}" if item.fee else "", id="fee", max_length=12))
            yield from self.row("rebate", Field(id="rebate", max_length=12))
            yield Static(plain(t("transfer.rebate_hint", rebate=f"{item.rebate:.2f}")), id="rebate-hint")
            yield FieldMessage(id="dialog-message")
            yield Static(t("transfer.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#partner_number", Field).focus()

    @work(exclusive=True, group="transfer-save")
    async def action_save(self) -> None:
        app = self.depot_app
        form = transfers.TransferForm(
            partner=self.query_one("#partner", Choice).value,
            partner_number=self.query_one("#partner_number", Field).value,
            fee=self.query_one("#fee", Field).value,
            rebate=self.query_one("#rebate", Field).value,
        )
        try:
            done = await app.call(transfers.register, app.actor, self.item.number, form)
        except ServiceError as exc:
            self.refuse(exc)
            return
        app.notify(
            plain(t("transfer.done", number=done.number, partner=done.partner, pieces=done.pieces)), timeout=6
        )
        self.dismiss(True)
