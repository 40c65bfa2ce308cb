"""The waybill form's fields and values: its layout, reading and filling it, what a choice
changes (the fields that apply, the remarks its answers call for, the price), and errors and
messages at the field. WaybillScreen adds what the clerk does with it."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import unicodedata
from decimal import Decimal
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from ...codes import DeliveryMode, PaymentMethod
from ...faults import Keep
from ...i18n import t
from ...services import lookup, pricing, waybills
from ...services.errors import FormError, ServiceError
from ...services.waybills import WaybillForm
from ...widgets.choice import Choice
from ...widgets.fields import Field
from ...widgets.safe import plain
from ..base import WorkScreen
from . import price
from .layout import CONFIRMED, GAPS, LABEL_CLASS, PRICE_FIELDS, ROWS, TEXT, YES_NO


def digits(phone: str) -> str:
    """A number as compared for its confirmation: the check's tidying (spaces, full-width
    digits) keeps it confirmed."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", phone) if ch.isdigit())


class WaybillFields(WorkScreen):
    """The form as widgets: laid out, read, filled, repriced, its errors shown at the field."""

    def __init__(self, draft: waybills.Draft | None = None) -> None:
        super().__init__()
        self.draft_id: int | None = draft.id if draft else None
        self._draft_form = draft.form if draft else None
        self._draft_at = draft.updated_at if draft else None
        self.index: lookup.PlaceIndex | None = None
        self.context: waybills.FormContext | None = None
        self.rates: pricing.Rates | None = None
        self.dest: lookup.PlaceHit | None = None
        self.discount: Decimal | None = None  # the shipper's approved agreed price (协议价)
        self._dest_typed = ""  # what was typed when the one priced match was taken (F9 lists the rest)
        self.errors: dict[str, str] = {}
        self.auto_remarks: list[str] = []  # the remarks the answers require, shown by the field
        self.busy = False
        self._w: dict[str, Any] = {}  # widgets by field id, filled on mount
        self._filling = False  # fill() is setting values: no per-field reactions
        self._quiet: dict[str, str] = {}  # field id -> value the program set, see _set_quietly
        self.confirmed: dict[str, str] = {}  # confirmed flag -> the number confirmed (Ctrl+Y)
        self.loaded = asyncio.Event()  # the place index and any kept draft are in

    # --- layout ---------------------------------------------------------------------------------

    def _widget(self, name: str) -> Widget:
        if name in TEXT:
            priced = self._price_typed if name in PRICE_FIELDS else None
            return Field(id=name, max_length=TEXT[name][0], on_change=priced)
        if name == "payment":
            options = [(m.value, t(f"pay.{m.value}")) for m in PaymentMethod]
        elif name == "delivery":
            options = [(m.value, t(f"mode.{m.value}")) for m in DeliveryMode]
        elif name == "hazard":  # unanswered until the clerk has asked
            options = [("no", t("choice.no")), ("yes", t("wb.hazard_yes"))]
            return Choice(options, "", id=name, on_change=self._chosen, placeholder=t("wb.unasked"))
        elif name == "cargo_class":  # blank: the class the answers suggest, fixed at issue
            options = [("", t("wb.class_auto")), *((c, c) for c in waybills.CLASSES)]
        elif name in waybills.CHOICES:
            options = [(code, t(f"wb.{name}.{code}")) for code in waybills.CHOICES[name]]
        else:
            options = [("no", t("choice.no")), ("yes", t("choice.yes"))]
        return Choice(options, id=name, on_change=self._chosen)

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        # The rows sit on the screen itself: a container around them was one more node every
        # key's messages went through (the type-ahead waits for each: issue 21's rush bench).
        for number, row in enumerate(ROWS):
            with Horizontal(classes="form-row gap" if number in GAPS else "form-row"):
                for name in row:
                    yield Static(
                        t(f"wb.{name}"), classes=f"form-label {LABEL_CLASS.get(name, '')}", id=f"label-{name}"
                    )
                    widget = self._widget(name)
                    if name in TEXT:
                        widget.styles.width = TEXT[name][1]
                    yield widget
                if row == ["destination"]:
                    yield Static("", id="dest-info")
                if row == ["remarks"]:
                    yield Static("", id="auto-remarks")
        yield Static(t("wb.price_none"), id="price-line")
        yield Static("", id="total-line")
        yield Static("", id="form-message")
        yield Static("", id="form-hint")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        # Widgets by field id, looked up once: the form reads them on every keystroke.
        self._w = {
            item.name: self.query_one(f"#{item.name}")
            for item in dataclasses.fields(WaybillForm)
            if item.name not in CONFIRMED
        }
        off = (
            "address",
            "receipt_copies",
            "partner",
            "transfer_fee",
            "rebate",
            "below_reason",
            "inspection_note",
        )
        for name in off:
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
        self.loaded.set()
        try:
            await app.call(waybills.check_on_duty, actor)
        except ServiceError as exc:
            self.show_message(t("wb.not_on_duty", reason=t(exc.key, **exc.params)))

    # --- the form's values ------------------------------------------------------------------------

    def current_form(self) -> WaybillForm:
        values: dict[str, Any] = {}
        for item in dataclasses.fields(WaybillForm):
            if item.name in CONFIRMED:  # the number as confirmed, while the field still holds it
                phone = digits(self._w[CONFIRMED[item.name]].value)
                values[item.name] = bool(phone) and self.confirmed.get(item.name) == phone
                continue
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

    def fill(self, form: WaybillForm) -> None:
        """Put a form's values on screen (a restored draft, or a fresh form after issuing)."""
        self._filling = True
        self.confirmed.clear()
        for item in dataclasses.fields(WaybillForm):
            value = getattr(form, item.name)
            if item.name in CONFIRMED:
                if value:
                    self.confirmed[item.name] = digits(getattr(form, CONFIRMED[item.name]))
                continue
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
        self.show_confirmed()
        self._auto_remarks()  # shown beside the clerk's own, which keeps only what was typed
        self.errors.clear()
        for widget in self.query(".-error"):
            widget.remove_class("-error")
        self._show_destination()
        self._update_enabled()
        self._destination_rates()

    def has_unsaved_input(self) -> bool:
        """Anything typed, a destination typed but not yet chosen included."""
        if not self._w:
            return False
        return not self.current_form().is_blank() or bool(self._w["destination"].value.strip())

    def kept(self) -> list[Keep]:
        """The form as typed, kept as a draft on logout, hang-up or crash."""
        if self.depot_app.session is None or not self.has_unsaved_input():
            return []
        return [Keep("waybill", {"form": self.current_form().to_json(), "draft_id": self.draft_id})]

    def show_confirmed(self) -> None:
        """A ✓ by the label of each phone number confirmed (R-2.2), while the field holds it.
        Called at each character typed into a phone field: the label is rewritten only when
        the mark comes or goes, and without a layout (its width is fixed with room for the
        ✓: .party-phone); it had been a layout of the whole form per digit."""
        for flag, name in CONFIRMED.items():
            phone = digits(self._w[name].value)
            mark = "✓" if phone and self.confirmed.get(flag) == phone else ""
            self.put_line(f"label-{name}", t(f"wb.{name}") + mark)

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
        self._w["inspection_note"].disabled = form.inspection != "opened"
        for name in ("partner", "transfer_fee", "rebate"):
            self._w[name].disabled = not form.transfer
        copies = self._w["receipt_copies"]
        if form.receipt and not copies.value:
            copies.value = "1"

    def _auto_remarks(self) -> None:
        """货损自负 / 保丢不保损 / 等通知放货 shown beside the remarks field while their answers
        call for them: the waybill carries them before the clerk's own remark (the service
        joins them), so what the clerk types is never glued to one."""
        form = self.current_form()
        declared = False
        with contextlib.suppress(ServiceError):
            declared = Decimal(str(waybills.check_field("declared_value", form, []))) > 0
        wanted = waybills.suggested_remarks(
            fragile=form.fragile, packaging=form.packaging, declared=declared, hold=form.hold
        )
        self.auto_remarks = wanted
        own = [part for part in form.remarks.split("；") if part.strip() not in ("", *wanted)]
        if "；".join(own) != form.remarks:  # a draft or a stored waybill held them in the field
            self._set_quietly("remarks", "；".join(own))
        self.put_line("auto-remarks", plain("＋" + "；".join(wanted)) if wanted else "")

    # --- errors and messages ---------------------------------------------------------------------

    def _set_error(self, name: str, message: str) -> None:
        self.errors.pop(name, None)
        self.errors[name] = message  # the newest last: the message line shows it
        self._w[name].add_class("-error")
        self._show_field_message(self.focused.id if self.focused else None)

    def _clear_error(self, name: str) -> None:
        if self.errors.pop(name, None) is not None:
            self._w[name].remove_class("-error")
            self._show_field_message(self.focused.id if self.focused else None)

    def _show_field_message(self, focused: str | None) -> None:
        if focused in self.errors:
            self.show_message(t("field.error", label=t(f"wb.{focused}"), message=self.errors[focused]))
        elif self.errors:  # the newest refusal, with how many fields are left to fix
            newest = next(reversed(self.errors))
            more = t("wb.errors_count", count=len(self.errors))
            self.show_message(
                t("field.error", label=t(f"wb.{newest}"), message=self.errors[newest]) + f"  ({more})"
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

    def _price_typed(self, _field: Field) -> None:
        """A price field changed, in the key press that changed it: the total is redrawn with
        the character, not a message later."""
        if self._w and not self._filling:
            self.reprice()

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
        money = price.money(self.current_form(), self.rates, self.discount)
        self.put_line("price-line", price.price_line(money))
        self.put_line("total-line", price.total_line(money, self.discount))
        below.disabled = not money.below_table
