"""Waybill entry (开单, F2): the counter form, priced as it is typed, checked at each field.

Fields run in the order of the counter conversation (R-1, R-2); Enter moves on and skips what
does not apply (disabled fields are not in the focus chain). The destination resolves from the
in-memory place index on Enter, synchronously, so keys typed ahead land in the next field.
F10 shows the slip to the shipper; F10 again issues and prints.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ScreenStackError
from textual.await_remove import AwaitRemove
from textual.widgets import Input

from ...codes import PaymentMethod
from ...i18n import t
from ...keys import BACK, SAVE, KeyAction
from ...services import checks, clock, customers, lookup, waybills
from ...services.errors import ServiceError
from ...services.waybills import WaybillForm
from ...widgets.choice import Choice
from ...widgets.fields import Field
from ...widgets.safe import plain
from .. import quotes
from .fields import digits
from .layout import CONFIRM_PHONE, CONFIRMED, LOOKUP, QUOTE
from .lookups import WaybillLookups

if TYPE_CHECKING:
    from .slip import SlipScreen


class WaybillScreen(WaybillLookups):
    """F2: the form and what the clerk does with it: the destination resolved on Enter, each
    field checked as it is left, F9 lookups, F10 the slip then the waybill, Ctrl+T a quote."""

    screen_id = "waybill"
    title_key = "screen.waybill"
    help_key = "help.waybill"
    screen_keys: list[KeyAction] = [BACK, SAVE, LOOKUP, QUOTE, CONFIRM_PHONE]
    quote_id: int | None = None  # the phone quote the form was filled from
    _slip: SlipScreen | None = None  # see slip()

    # --- destination ----------------------------------------------------------------------------------

    @on(Input.Submitted, "#destination")
    def resolve_destination(self) -> None:
        """Enter on the destination. The cursor has already moved on (keys typed ahead belong
        to the next field); this runs after every key typed before the Enter has reached the
        field. One clear match is taken; several open the list; none is an error here."""
        text = self._w["destination"].value.strip()
        if self.index is None or not text or (self.dest is not None and text == self.dest.name):
            return
        if checks.looks_like_phone(text):  # the caller of a phone quote has come
            self._recall_quotes(text)
            return
        hits = self.index.find(text, limit=20)
        exact = [h for h in hits if text in (h.name, h.code)]
        priced = [h for h in hits if h.priced]
        if len(exact) == 1 or len(hits) == 1:
            self.choose_destination(exact[0] if len(exact) == 1 else hits[0])
        elif len(priced) == 1:  # the one place this depot can price: taken, the rest on F9
            self.choose_destination(priced[0])
            self._dest_typed = text
            self.show_message(t("wb.dest_others", count=len(hits) - 1, text=text), error=False)
        elif hits:
            self._pick_destination(text, hits)
        else:
            self._set_error("destination", t("error.destination_unknown", text=text))
            self._w["destination"].focus()

    @work(exclusive=True, group="waybill-lookup")
    async def _recall_quotes(self, phone: str) -> None:
        try:
            hit = await quotes.pick(self, phone)
        except ServiceError as exc:
            self._set_error("destination", t(exc.key, **exc.params))
            self._w["destination"].focus()
            return
        if hit is None:
            self._w["destination"].focus()
            return
        await self.take_quote(hit)

    async def take_quote(self, hit: waybills.QuoteHit) -> None:
        """Fill the form from a quote; the waybill issued from it is linked to it. The clerk is
        told what was quoted and whether today's table prices it the same. Nothing typed is
        overwritten: a form holding more than the caller's number (a draft it opened with, a
        waybill half typed) is issued or discarded first."""
        await self.loaded.wait()
        if not self.current_form().is_blank():
            self.show_message(t("wb.quote_form_not_empty"))
            return
        self.fill(waybills.form_of_quote(hit))
        self.quote_id = hit.id
        self._w["consignee_phone"].focus()
        text, refused = await quotes.said(self, hit)
        self.show_message(text, error=refused)

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
        if name.endswith("_phone"):
            self.show_confirmed()  # a number changed after it was confirmed is not confirmed
        # (a price field reprices itself as it changes: Field.on_change, WaybillFields._price_typed)
        if name in ("packaging", "declared_value"):
            self._auto_remarks()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self._w:
            return
        widget = event.widget
        if isinstance(widget, Choice):
            self._hint_for(widget)
        elif widget.id == "destination":
            self.put_line("form-hint", t("wb.dest_hint"))
        elif widget.id in CONFIRMED.values():
            self.put_line("form-hint", t("wb.phone_hint"))
        elif widget.id == "required_by":
            self.put_line("form-hint", t("wb.required_hint"))
        else:
            self.put_line("form-hint", "")
        self._show_field_message(widget.id)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Check the field the cursor left (every key typed into it is in it: typeahead), once
        the field it went to has shown its own message: the message line then shows this
        refusal, the newest thing the clerk has to know."""
        if not self._w:
            return
        name = event.widget.id or ""
        if name in ("destination", "remarks") or name not in self._w:
            return
        self.call_later(self._check_left_field, name)

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
        if party == "shipper":  # the shipper's agreed price, if a supervisor approved one
            app = self.depot_app
            discount = None
            if hit is not None:
                discount = await app.call(
                    customers.agreed_discount, hit.id, app.actor.depot_id, clock.now().date()
                )
            if discount != self.discount:
                self.discount = discount
                self.reprice()
        if hit is None:
            return
        name_field = self._w[f"{party}_name"]
        said = ""
        if not name_field.value.strip():
            name_field.value = hit.name
            said = t("wb.customer_known", name=hit.name)
        elif name_field.value.strip() != hit.name:
            said = t("wb.customer_differs", name=hit.name)
        if said and not self.errors:  # a refusal on the line stays until it is put right
            self.show_message(said, error=False)
        if party == "consignee" and hit.address:
            address = self._w["address"]
            if not address.value.strip():
                address.value = hit.address

    def action_confirm_phone(self) -> None:
        """Ctrl+Y at a phone field: the number was called back or repeated (R-2.2). Again
        takes the mark off; a number changed afterwards loses it."""
        name = (self.focused.id if self.focused else None) or ""
        flag = next((f for f, field in CONFIRMED.items() if field == name), None)
        phone = digits(self._w[name].value) if flag else ""
        if flag is None or not phone:
            self.show_message(t("wb.confirm_where"))
            return
        if self.confirmed.get(flag) == phone:
            del self.confirmed[flag]
        else:
            self.confirmed[flag] = phone
        self.show_confirmed()

    # --- save, quote -------------------------------------------------------------------------------

    def action_lookup(self) -> None:
        focused = self.focused
        name = focused.id if focused else ""
        if name == "destination" and not self._w["destination"].value.strip():
            self.depot_app.open_price_table()  # nothing typed: the whole table to read
        elif name == "destination" and self.index is not None:
            text = self._w["destination"].value
            if self.dest is not None and text == self.dest.name and self._dest_typed:
                text = self._dest_typed  # the others matching what was typed
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
            form = self.current_form()  # every key typed before F10 is in it (typeahead)
            try:
                slip = await app.call(waybills.preview, actor, form)
            except ServiceError as exc:
                self._show_errors(exc)
                return
            shown = self.slip(slip, paying=form.payment == PaymentMethod.CASH)
            if not await app.push_screen_wait(shown):
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
                    quote_id=self.quote_id,
                    paid_by=shown.method,
                    reference=shown.reference,
                )
            except ServiceError as exc:
                self._show_errors(exc)
                return
        finally:
            self.busy = False
        self.draft_id = self.quote_id = None
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
            form = self.current_form()  # every key typed before F10 is in it (typeahead)
            money = await app.call(waybills.quote, app.actor, form)
        except ServiceError as exc:
            self._show_errors(exc)
            return
        finally:
            self.busy = False
        self.show_message(
            t("wb.quoted", dest=self.dest.name if self.dest else "", total=money.total), error=False
        )

    def slip(self, text: str, *, paying: bool) -> SlipScreen:
        """The slip showing `text`: the same screen for each waybill the form issues, kept
        (installed) while the form is up and taken down with it (`remove`)."""
        if self._slip is None:
            from .slip import SlipScreen

            self._slip = SlipScreen(text, paying=paying)
            self.app.install_screen(self._slip, f"waybill-slip-{id(self)}")
        return self._slip.show(text, paying=paying)

    def remove(self) -> AwaitRemove:
        slip, self._slip = self._slip, None
        if slip is not None:
            with contextlib.suppress(ScreenStackError):  # still up (the app ending): goes with it
                self.app.uninstall_screen(slip)
                slip.remove()
        return super().remove()

    async def discard_input(self) -> None:
        """The clerk chose to throw the form away: a kept draft of it goes too."""
        if self.draft_id is not None:
            await self.depot_app.call(waybills.discard_draft, self.depot_app.actor, self.draft_id)
            self.draft_id = None
