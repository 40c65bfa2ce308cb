"""Quotes recalled (R-3.2): the caller's phone number typed where a destination goes lists the
quotes to that number of the last month (F2's destination, F8's query); the one picked fills the
waybill form, priced again from the day's table with any difference explained."""

from __future__ import annotations

from typing import Any

from ..i18n import t
from ..services import waybills
from ..services.errors import ServiceError
from ..services.waybills import QuoteHit, Recheck
from .base import DepotScreen
from .lookup import LookupScreen


def rows(hits: list[QuoteHit]) -> list[tuple[str, Any]]:
    """One line per quote: when, where to, what, the amount, who quoted, and the waybill it
    became (→ number) if one was issued from it."""
    return [
        (
            t(
                "wb.quote_row",
                at=f"{h.at:%m-%d %H:%M}",
                place=h.place_name,
                goods=h.goods_name[:8],
                pieces=h.pieces,
                weight=h.weight,
                amount=f"{h.amount:.2f}",
                clerk=h.clerk,
            )
            + (f" → {h.waybill}" if h.waybill else ""),
            h,
        )
        for h in hits
    ]


async def pick(screen: DepotScreen, phone: str) -> QuoteHit | None:
    """The caller's quotes in a list to pick from; None if the clerk left it (Esc). Raises the
    service's refusal (a number that is not a phone number, none found) for the field."""
    app = screen.depot_app
    hits = await app.call(waybills.recent, app.actor, phone)
    if not hits:
        raise ServiceError(
            "error.no_quotes", field="destination", phone=phone.strip(), days=waybills.RECALL_DAYS
        )

    async def finder(typed: str) -> list[tuple[str, Any]]:
        return [row for row in rows(hits) if typed.strip() in row[0]] if typed.strip() else rows(hits)

    title = t("wb.quotes_of", phone=phone.strip())
    picked = await app.push_screen_wait(LookupScreen(title, finder, "", initial=rows(hits)))
    return picked if isinstance(picked, QuoteHit) else None


async def said(screen: DepotScreen, hit: QuoteHit) -> tuple[str, bool]:
    """What the clerk is told on taking a quote, and whether it is a refusal: when and what was
    quoted, and whether the day's table prices it the same (and why not)."""
    app = screen.depot_app
    try:
        check: Recheck = await app.call(waybills.recheck, app.actor, hit.id)
    except ServiceError as exc:
        return t(exc.key, **exc.params), True
    quoted = t("wb.quote_taken", at=f"{hit.at:%m-%d}", clerk=hit.clerk, amount=f"{check.quoted:.2f}")
    if not check.cause:
        return quoted + t("wb.quote_same"), False
    since = f"{check.since:%m-%d}" if check.since else ""
    return quoted + t(f"wb.quote_differs.{check.cause}", today=f"{check.today:.2f}", since=since), False
