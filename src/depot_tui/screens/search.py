"""Waybill search (查询, F8) and one waybill read-only, with its corrections, reprint and void."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Static

from ..i18n import has, t
from ..keys import BACK, REPORT_HERE, REPRINT, KeyAction, bindings, dialog_key
from ..services import checks, lookup, search, waybills
from ..services.errors import FormError, ServiceError
from ..widgets.choice import Choice
from ..widgets.fields import Field, FieldMessage
from ..widgets.safe import plain, plain_lines
from ..widgets.tables import Table
from . import quotes
from .base import DepotDialog, DepotScreen, WorkScreen
from .dialogs import ReasonScreen
from .money import MoneyFormScreen, ReweighFormScreen

CORRECT = KeyAction("correct", "ctrl+e", "correct", "key.correct")
VOID = KeyAction("void", "ctrl+d", "void", "key.void")
QUOTES = KeyAction("quotes", "ctrl+t", "quotes", "key.quotes")
#: An exception found on this waybill (a complaint, damage, late goods), reported from here.
#: Ctrl+X reports an exception wherever a waybill is at hand (keys.REPORT_HERE); here on the bar.
REPORT = dataclasses.replace(REPORT_HERE, show=True, priority=False)
MONEY = KeyAction("money", "ctrl+f", "money", "key.money")
REWEIGH = KeyAction("reweigh", "ctrl+w", "reweigh", "key.reweigh")  # (Ctrl+M is Enter in a terminal)


class SearchScreen(WorkScreen):
    screen_id = "search"
    title_key = "screen.search"
    help_key = "help.search"
    screen_keys: list[KeyAction] = [BACK, QUOTES]

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Vertical(id="search"):
            with Horizontal(classes="form-row"):
                yield Static(t("wb.query"), classes="form-label")
                yield Field(id="query", max_length=60, enter_advances=False, placeholder=t("search.hint"))
            yield FieldMessage(id="search-message")
            yield Table(t("search.columns").split("|"), id="results", cursor_type="row", zebra_stripes=True)
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#query", Field).focus()

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        self._find(event.value)

    @work(exclusive=True, group="search")
    async def _find(self, text: str) -> None:
        message = self.query_one("#search-message", FieldMessage)
        try:
            rows = await self.depot_app.call(search.find, self.depot_app.actor, text)
        except ServiceError as exc:
            message.show(t(exc.key, **exc.params))
            return
        table = self.query_one("#results", Table)
        table.show(
            (
                (
                    row.number,
                    f"{row.issued_at:%m-%d %H:%M}",
                    plain(row.destination),
                    plain(row.consignee[:8]),
                    plain(row.goods[:6]),
                    str(row.pieces),
                    f"{row.total}",
                    t(f"status.{row.status}"),
                )
                for row in rows
            ),
            keys=[row.number for row in rows],
        )
        if not rows:
            message.show(t("search.none_quotes" if checks.looks_like_phone(text) else "search.none"))
            return
        message.clear()
        if len(rows) == 1:
            self.app.push_screen(WaybillDetailScreen(rows[0].number))
        else:
            table.focus()

    @on(DataTable.RowSelected, "#results")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(WaybillDetailScreen(str(event.row_key.value)))

    @work(exclusive=True, group="search")
    async def action_quotes(self) -> None:
        """Ctrl+T: the phone quotes to the number in the query (R-3.2); the one picked opens
        the waybill form filled from it."""
        message = self.query_one("#search-message", FieldMessage)
        text = self.query_one("#query", Field).value
        if not checks.looks_like_phone(text):
            message.show(t("search.quotes_need_phone"))
            return
        try:
            hit = await quotes.pick(self, text)
        except ServiceError as exc:
            message.show(t(exc.key, **exc.params))
            return
        if hit is not None:
            self.depot_app.open_quote(hit)


def _money(owed: Any) -> str:
    """The freight, what was paid toward it and what is left, by whom (services/money.py)."""
    if owed is None:
        return ""
    if owed.over:
        return t(
            "search.money_over", total=f"{owed.total:.2f}", paid=f"{owed.paid:.2f}", over=f"{owed.over:.2f}"
        )
    return t(
        "search.money_line",
        total=f"{owed.total:.2f}",
        paid=f"{owed.paid:.2f}",
        due=f"{owed.due:.2f}",
        payer=t(f"money.payer.{owed.payer}"),
    )


def _tracking(w: Any) -> str:
    """SOP 004's tracking of the waybill: its class, when it is due, and whether it arrived in
    time (services/tracking.py); a waybill from before the class was asked says so."""
    if not w.cargo_class:
        return t("search.not_tracked")
    if w.arrived_at is None:
        state = t("search.on_the_way")
    else:
        key = "search.arrived_late" if w.arrived_on_time is False else "search.arrived"
        state = t(key, at=f"{w.arrived_at:%m-%d %H:%M}")
    due = f"{w.due_at:%m-%d %H:%M}" if w.due_at else "-"
    return t("search.tracking_line", cls=w.cargo_class, due=due, state=state)


class WaybillDetailScreen(DepotScreen):
    """One waybill as it now stands (its slip, with every correction on it), its pieces and
    its history. Read-only: changes go through Ctrl+E (a signed correction) or Ctrl+D (void)."""

    title_key = "screen.search"
    help_key = "help.search"
    screen_keys: list[KeyAction] = [BACK, CORRECT, REPRINT, VOID, REPORT, MONEY, REWEIGH]

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.owed: Any = None  # services.money.Owed, once read
        self.weight: tuple[str, str] | None = None  # kg and m³ on the waybill, once read

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with VerticalScroll(id="detail"):
            yield Static(t("search.slip"), classes="section")
            yield Static("", id="detail-slip")
            yield Static(t("search.tracking"), classes="section")
            yield Static("", id="detail-tracking")
            yield Static(t("search.money"), classes="section")
            yield Static("", id="detail-money")
            yield Static(t("search.pieces"), classes="section")
            yield Static("", id="detail-pieces")
            yield Static(t("search.history"), classes="section")
            yield Static("", id="detail-history")
        yield FieldMessage(id="detail-message")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.refresh_detail()

    @work(exclusive=True, group="detail")
    async def refresh_detail(self) -> None:
        try:
            detail = await self.depot_app.call(search.detail, self.depot_app.actor, self.number)
        except ServiceError as exc:
            self.query_one("#detail-message", FieldMessage).show(t(exc.key, **exc.params))
            return
        self.query_one("#detail-slip", Static).update(plain_lines(detail.slip.rstrip("\n").split("\n")))
        self.query_one("#detail-tracking", Static).update(plain(_tracking(detail.waybill)))
        self.owed = detail.owed
        self.weight = (f"{detail.waybill.weight_kg}", f"{detail.waybill.volume_m3}")
        self.query_one("#detail-money", Static).update(plain(_money(detail.owed)))
        self.query_one("#detail-pieces", Static).update(
            plain("  ".join(f"{p.label} {t(f'piece.{p.status}')}" for p in detail.pieces))
        )
        history = [f"{h.at:%m-%d %H:%M} {h.who} {_action(h.action)} {_said(h)}" for h in detail.history]
        self.query_one("#detail-history", Static).update(plain_lines(history))
        self.query_one("#detail", VerticalScroll).focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_report_here(self) -> None:
        self.depot_app.report_exception(self.number)

    @work(exclusive=True, group="detail-action")
    async def action_reweigh(self) -> None:
        """Weigh the goods again (R-5.9): beyond the tolerance fault 9 is proposed, and the clerk
        corrects the waybill with Ctrl+E (which reprices it)."""
        if self.owed is None or self.weight is None:
            return
        done = await self.depot_app.push_screen_wait(ReweighFormScreen(self.number, *self.weight))
        if done:
            key = "reweigh.fault" if done.fault_proposed else "reweigh.within"
            self.query_one("#detail-message", FieldMessage).show(t(key, off=f"{done.off_percent}"))
            self.refresh_detail()

    @work(exclusive=True, group="detail-action")
    async def action_money(self) -> None:
        """Take money toward the freight, or refund some (a supervisor): Ctrl+F."""
        if self.owed is None:
            return
        if await self.depot_app.push_screen_wait(MoneyFormScreen(self.owed)):
            self.query_one("#detail-message", FieldMessage).show(t("money.saved"))
            self.refresh_detail()

    @work(exclusive=True, group="detail-action")
    async def action_reprint(self) -> None:
        app = self.depot_app
        try:
            await app.call(waybills.reprint, app.actor, self.number, app.config.outbox)
        except ServiceError as exc:
            self.query_one("#detail-message", FieldMessage).show(t(exc.key, **exc.params))
            return
        self.query_one("#detail-message", FieldMessage).show(t("search.reprinted", number=self.number))

    @work(exclusive=True, group="detail-action")
    async def action_correct(self) -> None:
        app = self.depot_app
        try:
            form, place_name = await app.call(_form_of, app.actor, self.number)
        except ServiceError as exc:
            self.query_one("#detail-message", FieldMessage).show(t(exc.key, **exc.params))
            return
        revision = await app.push_screen_wait(CorrectScreen(self.number, form, place_name))
        if revision:
            message = self.query_one("#detail-message", FieldMessage)
            message.show(t("search.corrected_done", revision=revision))
            self.refresh_detail()

    @work(exclusive=True, group="detail-action")
    async def action_void(self) -> None:
        app = self.depot_app
        reason = await app.push_screen_wait(
            ReasonScreen(t("search.void_title", number=self.number), t("search.void_body"))
        )
        if not reason:
            return
        try:
            await app.call(waybills.void, app.actor, self.number, reason)
        except ServiceError as exc:
            self.query_one("#detail-message", FieldMessage).show(t(exc.key, **exc.params))
            return
        self.query_one("#detail-message", FieldMessage).show(t("search.voided", number=self.number))
        self.refresh_detail()


def _form_of(actor, number: str) -> tuple[waybills.WaybillForm, str]:  # noqa: ANN001
    """The waybill as form fields, and its destination's name (what the clerk types there)."""
    form = waybills.form_of(waybills.get(actor, number))
    hit = lookup.place(form.destination)
    return form, hit.name if hit else form.destination


#: What the correction dialog offers, in form order (choices are Choice widgets).
CORRECT_TEXT = [
    "destination",
    "consignee_phone",
    "consignee_name",
    "shipper_phone",
    "shipper_name",
    "goods_name",
    "pieces",  # while the goods are all in stock here; every label is printed again
    "packaging",
    "weight",  # these four reprice it from the issue day's table (services/waybills/revise.py)
    "volume",
    "declared_value",
    "freight",  # blank: as the table says
    "address",
    "receipt_copies",
    "remarks",
]
#: Fields shown two to a row (the dialog fills 24 rows): the first's row holds the second.
CORRECT_PAIRED = {"weight": "volume", "declared_value": "freight"}
CORRECT_CHOICE = {
    "payment": ("pay", ["cash", "collect", "monthly", "on_receipt"]),
    "delivery": ("mode", ["pickup", "delivery", "special", "direct", "upstairs"]),
    "receipt": ("choice", ["no", "yes"]),
    "hold": ("choice", ["no", "yes"]),
}


class CorrectScreen(DepotDialog[int | None]):
    """A signed correction (R-2.13): change what is wrong, say why; F10 saves, Esc cancels."""

    BINDINGS = bindings([dialog_key("save", "f10,ctrl+s", "save"), dialog_key("back", "escape", "cancel")])

    def __init__(self, number: str, form: waybills.WaybillForm, place_name: str) -> None:
        super().__init__()
        self.number, self.form, self.place_name = number, form, place_name

    def _value(self, name: str) -> str:
        value = getattr(self.form, name)
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="correct"):
            yield Static(t("search.correct_title", number=self.number), classes="dialog-title")
            for name in CORRECT_TEXT[:1]:
                with Horizontal(classes="form-row"):
                    yield Static(t(f"wb.{name}"), classes="form-label")
                    yield Field(self.place_name, id=f"c-{name}", max_length=40)
            for name in CORRECT_TEXT[1:]:
                if name in CORRECT_PAIRED.values():
                    continue  # on its partner's row
                with Horizontal(classes="form-row paired" if name in CORRECT_PAIRED else "form-row"):
                    for each in (name, CORRECT_PAIRED.get(name)):
                        if each is not None:
                            yield Static(t(f"wb.{each}"), classes="form-label")
                            yield Field(self._value(each), id=f"c-{each}", max_length=200)
            with Horizontal(classes="form-row"):
                for name, (prefix, codes) in CORRECT_CHOICE.items():
                    yield Static(t(f"wb.{name}"), classes="form-label")
                    yield Choice([(c, t(f"{prefix}.{c}")) for c in codes], self._value(name), id=f"c-{name}")
            with Horizontal(classes="form-row"):
                yield Static(t("wb.reason"), classes="form-label")
                yield Field(id="c-reason", max_length=200)
            yield FieldMessage(id="correct-message")
            yield Static(t("search.correct_hint"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#c-destination", Field).focus()

    def changes(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for name in CORRECT_TEXT:
            value = self.query_one(f"#c-{name}", Field).value
            original = self.place_name if name == "destination" else self._value(name)
            if value != original:
                out[name] = value
        for name in CORRECT_CHOICE:
            value = self.query_one(f"#c-{name}", Choice).value
            if value != self._value(name):
                out[name] = value == "yes" if name in ("receipt", "hold") else value
        return out

    @work(exclusive=True, group="correct")
    async def action_save(self) -> None:
        app = self.depot_app
        message = self.query_one("#correct-message", FieldMessage)
        try:
            revision, _printed = await app.call(
                waybills.correct,
                app.actor,
                self.number,
                self.changes(),
                self.query_one("#c-reason", Field).value,
                outbox=app.config.outbox,
            )
        except ServiceError as exc:
            errors = exc.errors if isinstance(exc, FormError) else [exc]
            first = errors[0]
            label = t(f"wb.{first.field}") + "：" if first.field else ""
            message.show(label + t(first.key, **first.params))
            if first.field and self.query(f"#c-{first.field}"):
                self.query_one(f"#c-{first.field}").focus()
            return
        self.dismiss(revision)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _action(code: str) -> str:
    """What was done, in words (the audit action's code where the catalogue has none)."""
    return _word(f"audit.{code}", code)


def _said(line: search.HistoryLine) -> str:
    """A correction's fields, before and after, by their labels on the form; the reason."""
    changes = [f"{_label(name)}: {old} → {new}" for name, old, new in line.changes]
    return "；".join([*changes, line.reason] if line.reason else changes)


def _label(name: str) -> str:
    return _word(f"wb.{name}", name)


def _word(key: str, fallback: str) -> str:
    return t(key) if has(key) else fallback
