"""Delivery (送货), from F5 with Ctrl+L: the waybills to plan a delivery for, then the day's
deliveries. Enter on one to plan opens the plan (day, agreed time, address, mode; a self-pickup
changed to delivery takes its fee and collect-freight here first, R-2.16); Enter on a planned
one records how it went: delivered (who signed, collect-freight at the door) or failed (why).
PgUp / PgDn go a day back / forward. Every rule is the service's (services/delivery.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...codes import DeliveryMode
from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import clock, delivery, printing
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage, form_inputs
from ...widgets.safe import plain
from ..dialogs import FormDialog
from ..lists import ListScreen
from ..money import method_choice

OPEN = KeyAction("open", "enter", "open_item", "key.plan_or_record")
# PgUp/PgDn, not Ctrl+B/Ctrl+F: Ctrl+B is tmux's prefix, and clerks keep SSH sessions in tmux.
DAY_BACK = KeyAction("day_back", "pageup", "day(-1)", "key.day_back", priority=True)
DAY_ON = KeyAction("day_on", "pagedown", "day(1)", "key.day_on", priority=True)


def _mode(mode: str) -> str:
    return t(f"deliver.mode.{mode}")


class DeliveryScreen(ListScreen):
    """To plan (any day) over the deliveries of the day shown."""

    screen_id = "pickup-delivery"
    title_key = "screen.delivery"
    help_key = "help.delivery"
    list_title_key = "deliver.title"
    columns_key = "deliver.columns"
    empty_key = "deliver.none"
    screen_keys: list[KeyAction] = [BACK, OPEN, DAY_BACK, DAY_ON]

    def __init__(self) -> None:
        super().__init__()
        self.day = clock.now().date()

    def load(self, actor: Actor) -> list[Any]:
        return [*delivery.to_deliver(actor), *delivery.deliveries(actor, self.day)]

    def list_title(self) -> str:
        waiting = sum(isinstance(item, delivery.ToDeliver) for item in self.items)
        return t(self.list_title_key, day=f"{self.day:%Y-%m-%d}", waiting=waiting)

    def row(self, item: Any) -> tuple[object, ...]:
        name = plain(printing.fit(item.consignee_name, 6)[0])
        if isinstance(item, delivery.ToDeliver):
            state = t("deliver.to_plan")
            if item.mode == DeliveryMode.PICKUP:
                state += t("deliver.changed")
            if item.held:
                state = t("pick.held")
            elif item.failures:
                state += t("deliver.failures", count=item.failures)
            mode = _mode(item.mode) if item.mode != DeliveryMode.PICKUP else ""
            return item.number, name, plain(printing.fit(item.address, 18)[0]), mode, "", state
        state = t(f"delivery.state.{item.status}")
        if item.status == "delivered":
            state += " " + item.signer
        elif item.status == "failed":
            state += " " + item.failure_reason
        return (
            item.number,
            name,
            plain(printing.fit(item.address, 18)[0]),
            _mode(item.mode),
            plain(printing.fit(item.agreed_time, 10)[0]),
            plain(printing.fit(state, 14)[0]),
        )

    def action_day(self, step: int) -> None:
        self.day += dt.timedelta(days=step)
        self.refresh_items()

    @work(exclusive=True, group="delivery")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        item = self.highlighted()
        if item is None:
            return
        if isinstance(item, delivery.ToDeliver):
            if item.held:
                self.say(t("error.pickup_held", number=item.number))
                self.app.bell()
                return
            done = await self.depot_app.push_screen_wait(PlanScreen(item, self.day))
        elif item.status == "planned":
            done = await self.depot_app.push_screen_wait(OutcomeScreen(item))
        else:
            self.say(t("error.delivery_done", number=item.number, status_key=f"delivery.state.{item.status}"))
            return
        if done:
            self.refresh_items()


class PlanScreen(FormDialog):
    """安排送货: the day and time agreed with the consignee, where, how; a changed self-pickup
    pays the delivery fee and collect-freight here first."""

    labels_prefix = "deliver"

    def __init__(self, item: delivery.ToDeliver, day: dt.date) -> None:
        super().__init__()
        self.item, self.day = item, day

    def compose(self) -> ComposeResult:
        item = self.item
        changed = item.mode == DeliveryMode.PICKUP
        with Vertical(classes="dialog", id="plan-form"):
            yield Static(
                plain(t("deliver.plan_title", number=item.number, name=item.consignee_name)),
                classes="dialog-title",
            )
            yield Static(plain(t("pick.call_line", name=item.consignee_name, phone=item.consignee_phone)))
            if item.failures:
                yield Static(plain(t("deliver.last_failure", count=item.failures, reason=item.last_failure)))
            yield from self.row("day", Field(f"{self.day:%Y-%m-%d}", id="day", max_length=10))
            yield from self.row("agreed_time", Field(id="agreed_time", max_length=40))
            yield from self.row("address", Field(item.address, id="address", max_length=200))
            modes = [(m.value, _mode(m)) for m in delivery.MODES]
            yield from self.row("mode", Choice(modes, item.mode if not changed else None, id="mode"))
            if changed:
                yield Static(
                    plain(t("deliver.fee_line", fee=f"{item.fee:.2f}", upstairs=f"{item.fee_upstairs:.2f}")),
                    id="fee-line",
                )
                yield from self.row("fee_amount", Field(id="fee_amount", max_length=12))
                yield from self.row("fee_method", method_choice("fee_method"))
                yield from self.row("fee_reference", Field(id="fee_reference", max_length=40))
                if item.collect_due:
                    yield Static(plain(t("pick.bring_collect", amount=f"{item.collect_due:.2f}")))
                    yield from self.row("collect_amount", Field(id="collect_amount", max_length=12))
                    yield from self.row("collect_method", method_choice("collect_method"))
                    yield from self.row("collect_reference", Field(id="collect_reference", max_length=40))
            yield FieldMessage(id="dialog-message")
            yield Static(t("deliver.plan_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#agreed_time", Field).focus()

    def form(self) -> delivery.DeliveryForm:
        values: dict[str, str] = {}
        for widget in form_inputs(self):
            if widget.id and widget.id in delivery.DeliveryForm.__dataclass_fields__:
                values[widget.id] = widget.value
        return delivery.DeliveryForm(**values)

    @work(exclusive=True, group="plan-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            planned = await app.call(delivery.plan, app.actor, self.item.number, self.form())
        except ServiceError as exc:
            self.refuse(exc)
            return
        text = t("deliver.planned", number=planned.number, day=f"{planned.day:%m-%d}")
        if planned.fee or planned.collected:
            text += t("deliver.taken", amount=f"{planned.fee + planned.collected:.2f}")
        app.notify(plain(text), timeout=6)
        self.dismiss(True)


class OutcomeScreen(FormDialog):
    """送达 / 未送达: who signed and the collect-freight taken at the door, or why not."""

    labels_prefix = "deliver"

    def __init__(self, item: delivery.DeliveryLine) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(classes="dialog", id="outcome-form"):
            yield Static(
                plain(t("deliver.outcome_title", number=item.number, name=item.consignee_name)),
                classes="dialog-title",
            )
            yield Static(plain(f"{item.address}　{_mode(item.mode)}　{item.agreed_time}"))
            yield from self.row(
                "outcome",
                Choice(
                    [("delivered", t("delivery.state.delivered")), ("failed", t("delivery.state.failed"))],
                    id="outcome",
                    on_change=self._chosen,
                ),
            )
            yield from self.row("signer", Field(id="signer", max_length=60))
            if item.collect_due:
                yield from self.row("collect_amount", Field(id="collect_amount", max_length=12))
                yield from self.row("collect_method", method_choice("collect_method"))
                yield from self.row("collect_reference", Field(id="collect_reference", max_length=40))
            yield from self.row("reason", Field(id="reason", max_length=200, disabled=True))
            yield FieldMessage(id="dialog-message")
            yield Static(t("deliver.outcome_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#outcome", Choice).focus()

    def _chosen(self, choice: Choice) -> None:
        """Delivered asks for the signer (and money); failed for the reason only."""
        failed = choice.value == "failed"
        for widget in form_inputs(self, "#signer, #collect_amount, #collect_method, #collect_reference"):
            widget.disabled = failed
        self.query_one("#reason", Field).disabled = not failed

    def _value(self, name: str) -> str:
        return next((w.value for w in form_inputs(self, f"#{name}")), "")

    @work(exclusive=True, group="outcome-save")
    async def action_save(self) -> None:
        app, item = self.depot_app, self.item
        try:
            if self._value("outcome") == "failed":
                await app.call(delivery.failed, app.actor, item.id, self._value("reason"))
            else:
                await app.call(
                    delivery.delivered,
                    app.actor,
                    item.id,
                    self._value("signer"),
                    self._value("collect_amount"),
                    self._value("collect_method"),
                    self._value("collect_reference"),
                )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)
