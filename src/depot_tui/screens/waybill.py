"""Waybill entry (开单, F2): the counter form, priced as it is typed, checked at each field.

Fields run in the order of the counter conversation (R-1, R-2); Enter moves on and skips what
does not apply (disabled fields are not in the focus chain). The destination resolves from the
in-memory place index on Enter, synchronously, so keys typed ahead land in the next field.
F10 shows the slip to the shipper; F10 again issues and prints.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from decimal import Decimal
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.worker import WorkerError

from ..codes import DeliveryMode, PaymentMethod
from ..faults import Keep
from ..i18n import t
from ..keys import BACK, SAVE, KeyAction
from ..services import lookup, pricing, waybills
from ..services.errors import FormError, ServiceError
from ..services.waybills import WaybillForm
from ..widgets.choice import Choice
from ..widgets.fields import Field
from ..widgets.safe import plain
from .base import WorkScreen
from .lookup import LookupScreen

LOOKUP = KeyAction("lookup", "f9", "lookup", "key.lookup_f9")
QUOTE = KeyAction("quote", "ctrl+t", "quote", "key.quote")

#: Text fields: id -> (max length, width in cells).
TEXT = {
    "destination": (20, 10),
    "consignee_phone": (20, 14),
    "consignee_name": (60, 30),
    "shipper_phone": (20, 14),
    "shipper_name": (60, 30),
    "goods_name": (60, 14),
    "pieces": (5, 6),
    "packaging": (20, 8),
    "weight": (10, 9),
    "volume": (9, 8),
    "declared_value": (11, 10),
    "address": (200, 40),
    "receipt_copies": (1, 3),
    "partner": (60, 12),
    "transfer_fee": (10, 8),
    "rebate": (10, 8),
    "freight": (12, 9),
    "below_reason": (200, 30),
    "remarks": (200, 60),
}
YES_NO = ("fragile", "receipt", "hold", "transfer")
#: Rows of the form: each a list of field ids, in focus order.
ROWS = [
    ["destination"],
    ["consignee_phone", "consignee_name"],
    ["shipper_phone", "shipper_name"],
    ["goods_name", "pieces", "packaging", "fragile"],
    ["weight", "volume", "declared_value"],
    ["payment", "delivery", "address"],
    ["receipt", "receipt_copies", "hold", "transfer"],
    ["partner", "transfer_fee", "rebate"],
    ["freight", "below_reason"],
    ["remarks"],
]
GAPS = {0, 2, 4, 7}  # a blank line after these rows groups who, what, how, money
PRICE_FIELDS = {"weight", "volume", "declared_value", "delivery", "transfer_fee", "freight", "transfer"}


class WaybillScreen(WorkScreen):
    screen_id = "waybill"
    title_key = "screen.waybill"
    help_key = "help.waybill"
    screen_keys: list[KeyAction] = [BACK, SAVE, LOOKUP, QUOTE]

    def __init__(self, draft: waybills.Draft | None = None) -> None:
        super().__init__()
        self.draft_id: int | None = draft.id if draft else None
        self._draft_form = draft.form if draft else None
        self._draft_at = draft.updated_at if draft else None
        self.index: lookup.PlaceIndex | None = None
        self.context: waybills.FormContext | None = None
        self.rates: pricing.Rates | None = None
        self.dest: lookup.PlaceHit | None = None
        self.errors: dict[str, str] = {}
        self.auto_remarks: set[str] = set()
        self.busy = False
        self._w: dict[str, Any] = {}  # widgets by field id, filled on mount
        self._filling = False  # fill() is setting values: no per-field reactions
        self._quiet: dict[str, str] = {}  # field id -> value the program set, see _set_quietly

    # --- layout ---------------------------------------------------------------------------------

    def _widget(self, name: str) -> Widget:
        if name in TEXT:
            return Field(id=name, max_length=TEXT[name][0])
        if name == "payment":
            options = [(m.value, t(f"pay.{m.value}")) for m in PaymentMethod]
        elif name == "delivery":
            options = [(m.value, t(f"mode.{m.value}")) for m in DeliveryMode]
        else:
            options = [("no", t("choice.no")), ("yes", t("choice.yes"))]
        return Choice(options, id=name, on_change=self._chosen)

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Vertical(id="waybill-form"):
            for number, row in enumerate(ROWS):
                with Horizontal(classes="form-row gap" if number in GAPS else "form-row"):
                    for name in row:
                        yield Static(t(f"wb.{name}"), classes="form-label")
                        widget = self._widget(name)
                        if name in TEXT:
                            widget.styles.width = TEXT[name][1]
                        yield widget
                    if row == ["destination"]:
                        yield Static("", id="dest-info")
            yield Static(t("wb.price_none"), id="price-line")
            yield Static("", id="total-line")
            yield Static("", id="form-message")
            yield Static("", id="form-hint")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        # Widgets by field id, looked up once: the form reads them on every keystroke.
        self._w = {item.name: self.query_one(f"#{item.name}") for item in dataclasses.fields(WaybillForm)}
        for name in ("address", "receipt_copies", "partner", "transfer_fee", "rebate", "below_reason"):
            self._w[name].disabled = True
        self._w["destination"].focus()
        self._load()

    @work(exclusive=True, group="waybill-load")
    async def _load(self) -> None:
        app, actor = self.depot_app, self.depot_app.actor
        self.context = await app.call(waybills.form_context, actor)
        self.index = await app.call(lookup.place_index, actor)
        if self._draft_form is None:  # a draft kept at the last logout or hang-up comes back
            draft = await app.call(waybills.latest_draft, actor)
            if draft is not None:
                self.draft_id, self._draft_form, self._draft_at = draft.id, draft.form, draft.updated_at
        if self._draft_form is not None:
            self.fill(self._draft_form)
            self.show_message(t("wb.draft_restored", at=f"{self._draft_at:%H:%M}"), error=False)
        try:
            await app.call(waybills.check_on_duty, actor)
        except ServiceError as exc:
            self.show_message(t("wb.not_on_duty", reason=t(exc.key, **exc.params)))

    # --- the form's values ------------------------------------------------------------------------

    def current_form(self) -> WaybillForm:
        values: dict[str, Any] = {}
        for item in dataclasses.fields(WaybillForm):
            if item.name == "destination":
                values[item.name] = self.dest.code if self.dest else ""
                continue
            widget = self._w[item.name]
            if isinstance(widget, Field):
                values[item.name] = widget.value
            elif item.name in YES_NO:
                values[item.name] = widget.value == "yes"
            else:
                values[item.name] = widget.value
        return WaybillForm(**values)

    async def settled_form(self) -> WaybillForm:
        """The form once every key already routed to a field has landed in it.

        Keys are handed to the focused field's own queue as they are dispatched; F10 typed at
        the end of a burst can reach the screen while fields before it still hold queued keys
        (a busy machine, a long burst). A callback put behind each field's queue runs after
        them. A known phone's name lookup still under way is waited for too: the name it fills
        in is part of the form the clerk meant."""
        loop = asyncio.get_running_loop()
        waits = []
        for widget in self._w.values():
            if isinstance(widget, Field):
                landed = loop.create_future()
                if widget.call_later(landed.set_result, None):
                    waits.append(landed)
        await asyncio.gather(*waits)
        for worker in list(self.workers):
            if worker.node is self and worker.group == "waybill-customer" and not worker.is_finished:
                with contextlib.suppress(WorkerError):  # a failed lookup leaves the name as typed
                    await worker.wait()
        return self.current_form()

    def fill(self, form: WaybillForm) -> None:
        """Put a form's values on screen (a restored draft, or a fresh form after issuing)."""
        self._filling = True
        for item in dataclasses.fields(WaybillForm):
            value = getattr(form, item.name)
            if item.name == "destination":
                self.dest = self.index.get(value) if (value and self.index) else None
                self._set_quietly("destination", self.dest.name if self.dest else "")
                continue
            widget = self._w[item.name]
            if isinstance(widget, Field):
                self._set_quietly(item.name, value)
                widget.cursor_position = len(value)  # typing adds to it, never before it
            elif item.name in YES_NO:
                widget.value = "yes" if value else "no"
            else:
                widget.value = value
        self._filling = False
        self.auto_remarks = {
            r
            for r in waybills.suggested_remarks(
                fragile=form.fragile,
                packaging=form.packaging,
                declared=bool(form.declared_value.strip() not in ("", "0")),
                hold=form.hold,
            )
            if r in form.remarks
        }
        self.errors.clear()
        for widget in self.query(".-error"):
            widget.remove_class("-error")
        self._show_destination()
        self._update_enabled()
        self._destination_rates()

    def has_unsaved_input(self) -> bool:
        return bool(self._w) and not self.current_form().is_blank()

    def kept(self) -> list[Keep]:
        """The form as typed, kept as a draft on logout, hang-up or crash."""
        if self.depot_app.session is None or not self.has_unsaved_input():
            return []
        return [Keep("waybill", {"form": self.current_form().to_json(), "draft_id": self.draft_id})]

    # --- destination ----------------------------------------------------------------------------------

    @on(Input.Submitted, "#destination")
    def resolve_destination(self) -> None:
        """Enter on the destination. The cursor has already moved on (keys typed ahead belong
        to the next field); this runs after every key typed before the Enter has reached the
        field. One clear match is taken; several open the list; none is an error here."""
        text = self._w["destination"].value.strip()
        if self.index is None or not text or (self.dest is not None and text == self.dest.name):
            return
        hits = self.index.find(text, limit=20)
        exact = [h for h in hits if text in (h.name, h.code)]
        if len(exact) == 1 or len(hits) == 1:
            self.choose_destination(exact[0] if len(exact) == 1 else hits[0])
        elif hits:
            self._pick_destination(text, hits)
        else:
            self._set_error("destination", t("error.destination_unknown", text=text))
            self._w["destination"].focus()

    def _place_rows(self, hits: list[lookup.PlaceHit]) -> list[tuple[str, Any]]:
        return [
            (
                f"{h.name:<6} {h.full_name}"
                + (f"  [{h.depot_code}]" if h.depot_code else "")
                + ("" if h.priced else f"  ({t('wb.unpriced')})"),
                h,
            )
            for h in hits
        ]

    @work(exclusive=True, group="waybill-lookup")
    async def _pick_destination(self, text: str, hits: list[lookup.PlaceHit]) -> None:
        index = self.index
        if index is None:  # the place list is not loaded yet
            return

        async def finder(typed: str) -> list[tuple[str, Any]]:
            return self._place_rows(index.find(typed, limit=20))

        picked = await self.app.push_screen_wait(
            LookupScreen(t("wb.destination"), finder, text, initial=self._place_rows(hits))
        )
        if picked is not None:
            self.choose_destination(picked)

    def choose_destination(self, hit: lookup.PlaceHit) -> None:
        self.dest = hit
        self._set_quietly("destination", hit.name)
        self._clear_error("destination")
        self._show_destination()
        self._destination_rates()

    def _show_destination(self) -> None:
        info = self.query_one("#dest-info", Static)
        if self.dest is None:
            info.update("")
            return
        station = f" → {self.dest.depot_code}" if self.dest.depot_code else ""
        info.update(plain(f"{self.dest.full_name}{station}"))

    @work(exclusive=True, group="waybill-rates")
    async def _destination_rates(self) -> None:
        if self.dest is None:
            self.rates = None
        else:
            found = await self.depot_app.call(waybills.destination, self.depot_app.actor, self.dest.code)
            self.rates = found.rates
        self.reprice()

    # --- field events ------------------------------------------------------------------------------

    def _set_quietly(self, name: str, value: str) -> None:
        """Set a text field from the program without reacting to it as typing.

        Not `self.prevent(Input.Changed)`: in Textual 8.2 all message pumps share one prevent
        stack (a mutable list in a ContextVar that every widget's task inherits), so while a
        message posted inside such a block is handled by a widget that awaits, the Changed of
        keys typed into *other* fields is dropped too (tests/unit/test_no_prevent.py). The
        value is noted instead and its own Changed is skipped in `_typed`."""
        field = self._w[name]
        if field.value != value:
            self._quiet[name] = value
            field.value = value

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if not self._w:
            return
        name = event.input.id or ""
        if name in self._quiet and self._quiet[name] == event.value:
            del self._quiet[name]  # the program set this value; typing will post its own
            return
        if name == "destination":
            if self.dest is not None and event.value != self.dest.name:
                self.dest = None
                self.rates = None
                self._show_destination()
                self.reprice()
            hits = self.index.find(event.value, limit=4) if self.index and event.value.strip() else []
            self.put_line(
                "form-hint",
                plain("  ".join(f"{h.name}({h.depot_code or '-'})" for h in hits))
                if hits
                else t("wb.dest_hint"),
            )
            return
        if name in self.errors:
            self._clear_error(name)
        if name in PRICE_FIELDS:
            self.reprice()
        if name in ("packaging", "declared_value"):
            self._auto_remarks()

    def _chosen(self, choice: Choice) -> None:
        """A choice changed (called inside its key press, see Choice.on_change)."""
        if not self._w or self._filling:
            return
        self._update_enabled()
        if choice.id in PRICE_FIELDS:
            self.reprice()
        self._auto_remarks()
        self._hint_for(choice)

    def _update_enabled(self) -> None:
        form = self.current_form()
        self._w["address"].disabled = form.delivery == DeliveryMode.PICKUP
        self._w["receipt_copies"].disabled = not form.receipt
        for name in ("partner", "transfer_fee", "rebate"):
            self._w[name].disabled = not form.transfer
        copies = self._w["receipt_copies"]
        if form.receipt and not copies.value:
            copies.value = "1"

    def _auto_remarks(self) -> None:
        """货损自负 / 保丢不保损 / 等通知放货 appear when their answer is given and go when it is
        taken back; a remark the clerk deleted by hand stays deleted until the answer changes."""
        form = self.current_form()
        declared = False
        with contextlib.suppress(ServiceError):
            declared = Decimal(str(waybills.check_field("declared_value", form, []))) > 0
        wanted = waybills.suggested_remarks(
            fragile=form.fragile, packaging=form.packaging, declared=declared, hold=form.hold
        )
        parts = [p for p in form.remarks.split("；") if p.strip()]
        for remark in wanted:
            if remark not in self.auto_remarks:
                self.auto_remarks.add(remark)
                if remark not in parts:
                    parts.append(remark)
        for remark in list(self.auto_remarks - set(wanted)):
            self.auto_remarks.discard(remark)
            parts = [p for p in parts if p != remark]
        text = "；".join(parts)
        self._set_quietly("remarks", text)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self._w:
            return
        widget = event.widget
        if isinstance(widget, Choice):
            self._hint_for(widget)
        elif widget.id == "destination":
            self.put_line("form-hint", t("wb.dest_hint"))
        else:
            self.put_line("form-hint", "")
        self._show_field_message(widget.id)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Check the field the cursor left, once the keys typed into it before it lost focus
        have reached it (call_later on the field runs after its queue: a burst's Enter moves
        the focus before the digits in front of it are in the field)."""
        if not self._w:
            return
        name = event.widget.id or ""
        if name in ("destination", "remarks") or name not in self._w:
            return
        event.widget.call_later(self._check_left_field, name)

    def _check_left_field(self, name: str) -> None:
        form = self.current_form()
        if not getattr(form, name, None) and name not in ("consignee_phone", "shipper_phone"):
            return  # an empty field is judged at save time, not while the clerk moves past it
        if name.endswith("_phone") and not getattr(form, name).strip():
            return
        try:
            value = waybills.check_field(name, form, self.context.keywords if self.context else [])
        except ServiceError as exc:
            self._set_error(name, t(exc.key, **exc.params))
            return
        self._clear_error(name)
        if name.endswith("_phone") and isinstance(value, str):
            self._set_quietly(name, value)
            self._known_customer(name.removesuffix("_phone"), value)
        if name == "freight":
            self.reprice()

    @work(group="waybill-customer")
    async def _known_customer(self, party: str, phone: str) -> None:
        """A repeat customer's phone fills in the name (and a consignee's address) if still
        empty; a different name already typed is kept, with the registered one shown."""
        hit = await self.depot_app.call(lookup.customer_by_phone, phone)
        if hit is None:
            return
        name_field = self._w[f"{party}_name"]
        if not name_field.value.strip():
            name_field.value = hit.name
            self.show_message(t("wb.customer_known", name=hit.name), error=False)
        elif name_field.value.strip() != hit.name:
            self.show_message(t("wb.customer_differs", name=hit.name), error=False)
        if party == "consignee" and hit.address:
            address = self._w["address"]
            if not address.value.strip():
                address.value = hit.address

    # --- errors and messages ---------------------------------------------------------------------

    def _set_error(self, name: str, message: str) -> None:
        self.errors[name] = message
        self._w[name].add_class("-error")
        self._show_field_message(name)

    def _clear_error(self, name: str) -> None:
        if self.errors.pop(name, None) is not None:
            self._w[name].remove_class("-error")
            self._show_field_message(self.focused.id if self.focused else None)

    def _show_field_message(self, focused: str | None) -> None:
        if focused in self.errors:
            self.show_message(t("field.error", label=t(f"wb.{focused}"), message=self.errors[focused]))
        elif self.errors:
            first = next(iter(self.errors))
            more = t("wb.errors_count", count=len(self.errors))
            self.show_message(
                t("field.error", label=t(f"wb.{first}"), message=self.errors[first]) + f"  ({more})"
            )
        else:
            message = self.query_one("#form-message", Static)
            if message.has_class("error"):
                self.show_message("", error=False)

    def show_message(self, text: str, *, error: bool = True) -> None:
        message = self.query_one("#form-message", Static)
        message.set_class(error, "error")
        message.update(plain(text))

    def _hint_for(self, choice: Choice) -> None:
        if self.focused is choice:
            self.put_line("form-hint", plain(t("wb.choice_hint", options=choice.hint())))

    def _show_errors(self, exc: ServiceError) -> None:
        errors = exc.errors if isinstance(exc, FormError) else [exc]
        for error in errors:
            if error.field in self._w:
                self._set_error(error.field, t(error.key, **error.params))
            else:
                self.show_message(t(error.key, **error.params))
        first = next((e.field for e in errors if e.field in self._w), None)
        if first:
            widget = self._w[first]
            if widget.disabled:
                self._update_enabled()
            widget.focus()
            self._show_field_message(first)

    # --- price ---------------------------------------------------------------------------------------

    def reprice(self) -> None:
        """Recompute the money from the cached rates: no database on a keystroke."""
        below = self._w["below_reason"]
        if self.dest is None:
            self.put_line("price-line", t("wb.price_none"))
            self.put_line("total-line", "")
            below.disabled = True
            return
        if self.rates is None:
            self.put_line("price-line", plain(t("wb.no_price_here", place=self.dest.name)))
            self.put_line("total-line", "")
            return
        form = self.current_form()

        def number(name: str) -> Decimal:
            """The field's value, or 0 while it is blank or half-typed."""
            try:
                value = waybills.check_field(name, form, [])
            except ServiceError:
                return Decimal("0")
            return value if isinstance(value, Decimal) else Decimal("0")

        freight_text = form.freight.strip()
        money = pricing.breakdown(
            self.rates,
            weight_kg=number("weight"),
            volume_m3=number("volume"),
            declared_value=number("declared_value"),
            delivery_mode=form.delivery,
            transfer_fee=number("transfer_fee") if form.transfer else Decimal("0"),
            freight_billed=number("freight") if freight_text else None,
        )
        self.put_line(
            "price-line",
            t(
                "wb.price_line",
                table=money.table_freight,
                insurance=money.insurance_fee,
                delivery=money.delivery_fee,
                upstairs=money.upstairs_fee,
                transfer=money.transfer_fee,
            ),
        )
        line = t("wb.total", total=money.total)
        if money.below_table:
            line += "  " + t("wb.below_table", table=money.table_freight)
        self.put_line("total-line", line)
        below.disabled = not money.below_table

    # --- save, quote -------------------------------------------------------------------------------

    def action_lookup(self) -> None:
        focused = self.focused
        name = focused.id if focused else ""
        if name == "destination" and self.index is not None:
            text = self._w["destination"].value
            self._pick_destination(text, self.index.find(text, limit=20))
        elif not isinstance(focused, Field):
            return
        elif name in ("consignee_phone", "consignee_name", "shipper_phone", "shipper_name"):
            self._pick_customer(name.split("_")[0], focused.value)
        elif name == "partner" and self.context:
            self._pick_partner(focused.value)
        elif name == "goods_name":
            self._show_keywords(focused.value)

    @work(exclusive=True, group="waybill-lookup")
    async def _show_keywords(self, text: str) -> None:
        """The prohibited-goods list; a supervisor may have changed it, so the form reloads it
        and checks the goods name again."""
        from .keywords import KeywordScreen

        app = self.depot_app
        await app.push_screen_wait(KeywordScreen(text))
        self.context = await app.call(waybills.form_context, app.actor)
        self._w["goods_name"].call_later(self._check_left_field, "goods_name")

    @work(exclusive=True, group="waybill-lookup")
    async def _pick_customer(self, party: str, text: str) -> None:
        app = self.depot_app

        async def finder(typed: str) -> list[tuple[str, Any]]:
            hits = await app.call(lookup.customers, typed, 12)
            return [(f"{h.phone:<14} {h.name}  {h.address}", h) for h in hits]

        hit = await app.push_screen_wait(LookupScreen(t(f"wb.{party}_name"), finder, text))
        if hit is None:
            return
        self._w[f"{party}_phone"].value = hit.phone
        self._w[f"{party}_name"].value = hit.name
        if party == "consignee" and hit.address and not self._w["address"].value:
            self._w["address"].value = hit.address
        if hit.monthly_account and party == "shipper":
            self.show_message(t("wb.monthly_ok"), error=False)
        self._w[f"{party}_name"].focus()

    @work(exclusive=True, group="waybill-lookup")
    async def _pick_partner(self, text: str) -> None:
        partners = self.context.partners if self.context else []

        async def finder(typed: str) -> list[tuple[str, Any]]:
            return [(name, name) for name in partners if typed.strip() in name]

        name = await self.app.push_screen_wait(LookupScreen(t("wb.partner"), finder, text))
        if name:
            self._w["partner"].value = name

    @work(group="waybill-save")
    async def action_save(self) -> None:
        # Not an exclusive worker: a second F10 while the first is still under way (a double
        # tap, or the slip's F10 typed before the slip is up) would cancel the first and then
        # find the form busy, and nothing at all would happen. It is ignored here instead.
        if self.busy:
            return
        app, actor = self.depot_app, self.depot_app.actor
        self.busy = True
        try:
            form = await self.settled_form()
            try:
                slip = await app.call(waybills.preview, actor, form)
            except ServiceError as exc:
                self._show_errors(exc)
                return
            if not await app.push_screen_wait(_slip_screen(slip)):
                return
            self.show_message(t("wb.issuing"), error=False)
            try:
                issued = await app.call(
                    waybills.issue,
                    actor,
                    form,
                    shipper_confirmed=True,
                    outbox=app.config.outbox,
                    draft_id=self.draft_id,
                    shown_later=True,
                )
            except ServiceError as exc:
                self._show_errors(exc)
                return
        finally:
            self.busy = False
        self.draft_id = None
        self.fill(WaybillForm())
        self._w["destination"].focus()
        if issued.print_error:
            self.show_message(t("wb.issued_print_failed", number=issued.number, error=issued.print_error))
        else:
            self.show_message(
                t("wb.issued", number=issued.number, pieces=len(issued.labels), total=issued.total),
                error=False,
            )
        # Seen: a crash from here on hides nothing. If this fails, the next login offers it.
        with contextlib.suppress(ServiceError):
            await app.call(waybills.acknowledge, actor, issued.number)

    @work(group="waybill-save")
    async def action_quote(self) -> None:
        if self.busy:
            return
        app = self.depot_app
        self.busy = True
        try:
            form = await self.settled_form()
            money = await app.call(waybills.quote, app.actor, form)
        except ServiceError as exc:
            self._show_errors(exc)
            return
        finally:
            self.busy = False
        self.show_message(
            t("wb.quoted", dest=self.dest.name if self.dest else "", total=money.total), error=False
        )

    async def discard_input(self) -> None:
        """The clerk chose to throw the form away: a kept draft of it goes too."""
        if self.draft_id is not None:
            await self.depot_app.call(waybills.discard_draft, self.depot_app.actor, self.draft_id)
            self.draft_id = None


def _slip_screen(text: str):  # noqa: ANN202
    from .slip import SlipScreen

    return SlipScreen(text)
