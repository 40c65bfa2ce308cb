"""The waybill form's F9 lists: destinations, customers and partners, each to pick from
and filling the form with what is picked."""

from __future__ import annotations

from typing import Any

from textual import work

from ...i18n import t
from ...services import lookup, partners
from ..lookup import LookupScreen, place_rows
from .fields import WaybillFields


class WaybillLookups(WaybillFields):
    """The lists F9 opens on the waybill form (WaybillScreen.action_lookup), and what a
    pick fills in."""

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
        """F9 on the partner: the lines that reach the destination first (marked), then the
        rest; the one chosen fills its usual transfer fee and rebate where none is typed."""
        terms = self.context.partner_terms if self.context else {}
        place = self.dest.code if self.dest is not None else ""

        async def finder(typed: str) -> list[tuple[str, Any]]:
            names = [name for name in terms if typed.strip() in name]
            near = [name for name in names if place and partners.reaches(set(terms[name][2]), place)]
            return [
                (f"{name} ✓" if name in near else name, name)
                for name in near + [n for n in names if n not in near]
            ]

        name = await self.app.push_screen_wait(LookupScreen(t("wb.partner"), finder, text))
        if not name:
            return
        self._w["partner"].value = name
        fee, rebate, _reach = terms[name]
        for field_name, value in (("transfer_fee", fee), ("rebate", rebate)):
            if not self._w[field_name].value:
                self._w[field_name].value = f"{value}"
        self.reprice()

    @work(exclusive=True, group="waybill-lookup")
    async def _pick_destination(self, text: str, hits: list[lookup.PlaceHit]) -> None:
        index = self.index
        if index is None:  # the place list is not loaded yet
            return

        async def finder(typed: str) -> list[tuple[str, Any]]:
            return place_rows(index.find(typed, limit=20))

        picked = await self.app.push_screen_wait(
            LookupScreen(t("wb.destination"), finder, text, initial=place_rows(hits))
        )
        if picked is not None:
            self.choose_destination(picked)

    def choose_destination(self, hit: lookup.PlaceHit) -> None:
        self.dest = hit
        self._dest_typed = ""
        self._set_quietly("destination", hit.name)
        self._clear_error("destination")
        self._show_destination()
        self._destination_rates()
