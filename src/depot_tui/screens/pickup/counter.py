"""Pickup and notify (提货 / 通知, F5): the counter after arrival.

The consignee at the counter comes first: the field at the top takes a waybill number, a piece
label (scanned off a piece) or their phone, and Enter opens the pickup form. Below it is the
list of arrived waybills whose consignee is still to be told, oldest first, overdue ones
marked: Enter on one records a call; Ctrl+R records the shipper's release of held goods. Every
rule (held goods, the ID, the signature, collect-freight first) is the service's; this screen
shows its refusals at the field and keeps what was typed.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from ...i18n import t
from ...keys import BACK, REPORT_HERE, KeyAction
from ...services import pickup, printing
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage, form_inputs
from ...widgets.safe import plain
from ...widgets.tables import Table
from ..dialogs import FormDialog
from ..lists import ListScreen
from ..money import method_choice
from .delivery import DeliveryScreen
from .receipts import ReceiptScreen
from .registers import RegisterScreen
from .statements import StatementsScreen
from .transfers import TransferScreen

NOTIFY = KeyAction("notify", "enter", "open_item", "key.notify")
RELEASE = KeyAction("release", "ctrl+r", "release", "key.release")
DELIVERIES = KeyAction("deliveries", "ctrl+l", "deliveries", "key.deliveries")
TRANSFERS = KeyAction("transfers", "ctrl+t", "transfers", "key.transfers")
RECEIPTS = KeyAction("receipts", "ctrl+g", "receipts", "key.receipts")  # not Ctrl+B: tmux's prefix
REGISTERS = KeyAction("registers", "ctrl+p", "registers", "key.registers")
#: Monthly accounts: not on the (full) key bar; F1 lists it.
STATEMENTS = KeyAction("statements", "ctrl+y", "statements", "key.statements", show=False)


def _state(line: pickup.Waiting) -> str:
    """Held, overdue, calls nobody answered: the first two that apply (what fits at 80x24)."""
    marks = []
    if line.held:
        marks.append(t("pick.held"))
    if line.overdue:
        marks.append(t("pick.overdue"))
    if line.attempts and not line.notified:
        marks.append(t("pick.no_answer", count=line.attempts))
    return " ".join(marks[:2])


class PickupScreen(ListScreen):
    """The find field (pickup) over the list to notify."""

    screen_id = "pickup"
    title_key = "screen.pickup"
    help_key = "help.pickup"
    list_title_key = "pick.notify_title"
    columns_key = "pick.columns"
    empty_key = "pick.none"
    focus_list = False
    screen_keys: list[KeyAction] = [
        BACK,
        NOTIFY,
        RELEASE,
        DELIVERIES,
        TRANSFERS,
        RECEIPTS,
        REGISTERS,
        REPORT_HERE,
        STATEMENTS,
    ]

    def compose_top(self) -> ComposeResult:
        with Horizontal(classes="form-row", id="find-row"):
            yield Static(t("pick.find"), classes="form-label")
            yield Field(id="find", max_length=64, enter_advances=False)
        yield FieldMessage(id="find-message")

    def __init__(self) -> None:
        super().__init__()
        self.picking = False  # the list shows what the find field found, not the notify list

    def on_mount(self) -> None:
        self.query_one("#find", Field).focus()

    def on_screen_resume(self) -> None:
        self.picking = False
        super().on_screen_resume()

    def load(self, actor: Actor) -> list[pickup.Waiting]:
        return pickup.to_notify(actor)

    def row(self, line: pickup.Waiting) -> tuple[object, ...]:
        return (
            line.number,
            plain(printing.fit(line.consignee_name, 6)[0]),
            line.consignee_phone,
            f"{line.arrived_at:%d %H:%M}" if line.arrived_at else "",
            f"{line.collect_due:.2f}" if line.collect_due else "",
            str(line.receipt_copies or ""),
            _state(line),
        )

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        self._find(event.value)

    @work(exclusive=True, group="find")
    async def _find(self, text: str) -> None:
        app, message = self.depot_app, self.query_one("#find-message", FieldMessage)
        try:
            found = await app.call(pickup.find, app.actor, text)
        except ServiceError as exc:
            message.show(t(exc.key, **exc.params))
            return
        if not found:
            message.show(t("pick.not_found", text=text.strip()))
            return
        message.clear()
        if len(found) > 1:  # one phone, several waybills: they are listed; pick one there
            self.items, self.picking = found, True
            self.query_one("#list", Table).show(self.row(line) for line in found)
            self.say(t("pick.several", count=len(found)))
            self.query_one("#list", Table).focus()
            return
        await self._pickup(found[0])

    async def _pickup(self, line: pickup.Waiting) -> None:
        """The pickup form; afterwards the find field is empty for the next consignee (the
        number found is on the form, and in the list if it was not picked up)."""
        await self.depot_app.push_screen_wait(PickupFormScreen(line))
        find = self.query_one("#find", Field)
        find.value = ""
        find.focus()

    @work(exclusive=True, group="notify")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        line = self.highlighted()
        if line is None:
            return
        if self.picking:
            await self._pickup(line)
            return
        if await self.depot_app.push_screen_wait(NotifyScreen(line)):
            self.refresh_items()

    @work(exclusive=True, group="release")
    async def action_release(self) -> None:
        line = self.highlighted()
        if line is None:
            return
        if not line.held:
            self.say(t("pick.not_held", number=line.number))
            self.app.bell()
            return
        if await self.depot_app.push_screen_wait(ReleaseScreen(line)):
            self.refresh_items()

    def action_deliveries(self) -> None:
        self.app.push_screen(DeliveryScreen())

    def action_transfers(self) -> None:
        self.app.push_screen(TransferScreen())

    def action_receipts(self) -> None:
        self.app.push_screen(ReceiptScreen())

    def action_report_here(self) -> None:
        """A complaint or damage found at the counter, reported with the highlighted waybill."""
        line = self.highlighted()
        self.depot_app.report_exception(line.number if line is not None else "")

    def action_statements(self) -> None:
        self.app.push_screen(StatementsScreen())

    def action_registers(self) -> None:
        self.app.push_screen(RegisterScreen())


class NotifyScreen(FormDialog):
    """通知提货: how the consignee was told and what they said."""

    def __init__(self, line: pickup.Waiting) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        line = self.line
        with Vertical(classes="dialog", id="notify"):
            yield Static(plain(t("pick.notify_title_one", number=line.number)), classes="dialog-title")
            yield Static(plain(t("pick.call_line", name=line.consignee_name, phone=line.consignee_phone)))
            yield Static(plain(_bring(line)), id="bring")
            yield from self.row(
                "method", Choice([(m, t(f"pick.method.{m}")) for m in pickup.NOTICE_METHODS], id="method")
            )
            yield from self.row(
                "answer", Choice([(a, t(f"pick.answer.{a}")) for a in pickup.NOTICE_ANSWERS], id="answer")
            )
            yield from self.row("note", Field(id="note", max_length=200))
            yield FieldMessage(id="dialog-message")
            yield Static(t("pick.dialog_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#method", Choice).focus()

    @work(exclusive=True, group="notify-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(
                pickup.notify,
                app.actor,
                self.line.number,
                self.query_one("#method", Choice).value,
                self.query_one("#answer", Choice).value,
                self.query_one("#note", Field).value,
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)


class ReleaseScreen(FormDialog):
    """等通知放货: the shipper's word that held goods may go (R-3.3)."""

    def __init__(self, line: pickup.Waiting) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        line = self.line
        with Vertical(classes="dialog", id="release"):
            yield Static(plain(t("pick.release_title", number=line.number)), classes="dialog-title")
            yield Static(plain(t("pick.shipper_line", name=line.shipper_name, phone=line.shipper_phone)))
            yield from self.row(
                "release_method",
                Choice([(m, t(f"pick.release.{m}")) for m in pickup.RELEASE_METHODS], id="release_method"),
            )
            yield from self.row("authorised_by", Field(line.shipper_name, id="authorised_by", max_length=60))
            yield from self.row("evidence", Field(id="evidence", max_length=200))
            yield FieldMessage(id="dialog-message")
            yield Static(t("pick.release_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#release_method", Choice).focus()

    @work(exclusive=True, group="release-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(
                pickup.release,
                app.actor,
                self.line.number,
                self.query_one("#authorised_by", Field).value,
                self.query_one("#release_method", Choice).value,
                self.query_one("#evidence", Field).value,
            )
        except ServiceError as exc:
            if exc.field == "method":
                exc.field = "release_method"
            self.refuse(exc)
            return
        self.dismiss(True)


class PickupFormScreen(FormDialog):
    """提货: who collects (ID number, signature), how many pieces, the collect-freight taken."""

    FIELDS = (
        "pieces",
        "collector_name",
        "id_number",
        "signature_name",
        "collect_amount",
        "collect_reference",
    )

    def __init__(self, line: pickup.Waiting) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        line = self.line
        with Vertical(classes="dialog", id="pickup-form"):
            yield Static(
                plain(t("pick.pickup_title", number=line.number, name=line.consignee_name)),
                classes="dialog-title",
            )
            yield Static(plain(_bring(line)), id="bring")
            if line.held:
                yield Static(t("pick.held_warning"), id="held-warning")
            yield from self.row("pieces", Field(str(line.here), id="pieces", max_length=4))
            # Not filled in with the consignee: whoever stands at the counter is named (for a
            # company, the person who came), or the register names nobody who was there.
            yield from self.row("collector_name", Field(id="collector_name", max_length=60))
            yield from self.row("id_number", Field(id="id_number", max_length=24))
            yield from self.row("signature_name", Field(id="signature_name", max_length=60))
            if line.collect_due:
                yield from self.row("collect_amount", Field(id="collect_amount", max_length=12))
                yield from self.row("collect_method", method_choice("collect_method"))
                yield from self.row("collect_reference", Field(id="collect_reference", max_length=40))
            yield FieldMessage(id="dialog-message")
            yield Static(t("pick.pickup_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#collector_name", Field).focus()

    def form(self) -> pickup.PickupForm:
        values = {name: widget.value for name in self.FIELDS for widget in form_inputs(self, f"#{name}")}
        method = next((c.value for c in form_inputs(self, "#collect_method")), "")
        return pickup.PickupForm(collect_method=method, **values)

    @work(exclusive=True, group="pickup-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            done = await app.call(pickup.pickup, app.actor, self.line.number, self.form())
        except ServiceError as exc:
            self.refuse(exc)
            return
        text = t("pick.picked_up", number=done.number, pieces=done.pieces, left=done.left)
        if done.collected:
            text += t("pick.collected", amount=f"{done.collected:.2f}")
        for warning in done.warnings:
            text += "\n" + t(warning)
        app.notify(plain(text), timeout=8)
        self.dismiss(True)


def _bring(line: pickup.Waiting) -> str:
    """What the consignee must bring or settle: the ID always, collect-freight, receipt copies."""
    parts = [t("pick.bring_id"), t("pick.here_of", here=line.here, pieces=line.pieces)]
    if line.collect_due:
        parts.append(t("pick.bring_collect", amount=f"{line.collect_due:.2f}"))
    if line.receipt_copies:
        parts.append(t("pick.bring_receipt", copies=line.receipt_copies))
    return "　".join(parts)
