"""Return receipts (回单登记), from F5 with Ctrl+G: the receipts this depot has a step to take
for, overdue ones first. Enter records the next step when it is this depot's: signed (the
destination, once the goods were handed over), returned to the origin, handed to the shipper
(and to whom). Ctrl+O shows the overdue ones only.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import printing, receipts
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.fields import Field, FieldMessage
from ...widgets.safe import plain
from ..dialogs import FormDialog
from ..lists import ListScreen

STEP = KeyAction("step", "enter", "open_item", "key.receipt_step")
OVERDUE = KeyAction("overdue", "ctrl+o", "overdue", "key.overdue_only")


class ReceiptScreen(ListScreen):
    screen_id = "pickup-receipts"
    title_key = "screen.receipts"
    help_key = "help.receipts"
    list_title_key = "receipt.title"
    columns_key = "receipt.columns"
    empty_key = "receipt.none"
    screen_keys: list[KeyAction] = [BACK, STEP, OVERDUE]

    def __init__(self) -> None:
        super().__init__()
        self.overdue_only = False

    def load(self, actor: Actor) -> list[receipts.ReceiptLine]:
        return receipts.receipts(actor, overdue_only=self.overdue_only)

    def list_title(self) -> str:
        return t("receipt.title_overdue" if self.overdue_only else self.list_title_key)

    def row(self, item: receipts.ReceiptLine) -> tuple[object, ...]:
        party = item.consignee_name if item.status == "unsigned" else item.shipper_name
        since = f"{item.since:%m-%d}" if item.since else ""
        step = t(f"receipt.next.{item.next_here}") if item.next_here else t("receipt.elsewhere")
        late = t("pick.overdue") if item.overdue else ""
        return (
            item.number,
            f"{item.origin}→{item.destination}",
            str(item.copies),
            t(f"receipt.state.{item.status}"),
            plain(printing.fit(party, 8)[0]),
            since,
            step,
            late,
        )

    def action_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.refresh_items()

    @work(exclusive=True, group="receipt")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        item = self.highlighted()
        if item is None:
            return
        if not item.next_here:
            self.say(t("receipt.not_here", number=item.number))
            self.app.bell()
            return
        app = self.depot_app
        if item.next_here == "handed":
            if not await app.push_screen_wait(HandScreen(item)):
                return
        else:
            if not await app.confirm(
                f"receipt.confirm.{item.next_here}",
                "receipt.confirm_body",
                number=item.number,
                copies=item.copies,
            ):
                return
            try:
                await app.call(receipts.step, app.actor, item.number, item.next_here)
            except ServiceError as exc:
                self.say(t(exc.key, **exc.params))
                self.app.bell()
                return
        self.say(t("receipt.recorded", number=item.number, state_key=f"receipt.state.{item.next_here}"))
        self.refresh_items()


class HandScreen(FormDialog):
    """回单交付: to whom the signed copies were given for the shipper."""

    labels_prefix = "receipt"

    def __init__(self, item: receipts.ReceiptLine) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(classes="dialog", id="hand-form"):
            yield Static(
                plain(t("receipt.hand_title", number=item.number, copies=item.copies)), classes="dialog-title"
            )
            yield Static(plain(t("pick.shipper_line", name=item.shipper_name, phone=item.shipper_phone)))
            yield from self.row("handed_to", Field(id="handed_to", max_length=60))
            yield FieldMessage(id="dialog-message")
            yield Static(t("receipt.hand_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#handed_to", Field).focus()

    @work(exclusive=True, group="hand-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(
                receipts.step,
                app.actor,
                self.item.number,
                "handed",
                self.query_one("#handed_to", Field).value,
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)
