"""Partner lines (中转商): who takes goods on from here, where to, and on what terms. A
supervisor or admin adds and changes them and stops using one; a clerk reads them."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import partners, printing
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.fields import Field, FieldMessage, value_of
from ...widgets.safe import plain
from ..dialogs import FormDialog, ReasonScreen
from ..lists import FindListScreen

EDIT = KeyAction("edit", "enter", "open_item", "key.edit_item")
ADD = KeyAction("add", "ctrl+n", "add_item", "key.add_item")
SWITCH = KeyAction("switch_partner", "ctrl+d", "switch_partner", "key.switch_partner")

#: What only a supervisor or admin may do here.
CHANGES = {"open_item", "add_item", "switch_partner"}


class PartnersScreen(FindListScreen):
    screen_id = "partners"
    title_key = "screen.partners"
    help_key = "help.partners"
    list_title_key = "partner.title"
    columns_key = "partner.columns"
    empty_key = "partner.none"
    read_only_key = "partner.read_only"
    screen_keys: list[KeyAction] = [BACK, EDIT, ADD, SWITCH]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in CHANGES or self.depot_app.actor.is_supervisor

    def load_all(self, actor: Actor) -> list[partners.PartnerLine]:
        return partners.lines(actor)

    def matches(self, line: partners.PartnerLine, text: str) -> bool:
        return text in line.name.lower() or text in line.reach_text or line.phone.startswith(text)

    def list_title(self) -> str:
        return t(self.list_title_key, count=len(self.items))

    def row(self, line: partners.PartnerLine) -> tuple[object, ...]:
        name = line.name if line.active else f"{line.name} {t('partner.stopped')}"
        return (
            plain(printing.cut(name, 16)),
            plain(printing.cut(line.contact, 6)),
            line.phone,
            f"{line.transfer_fee}",
            f"{line.rebate}",
            plain(printing.cut(line.reach_text, 20)),
        )

    @work(exclusive=True, group="partner-form")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        await self.change_item(PartnerFormScreen, lambda line: t("partner.saved", name=line.name))

    @work(exclusive=True, group="partner-form")
    async def action_add_item(self) -> None:
        name = await self.depot_app.push_screen_wait(PartnerFormScreen(None))
        if name:
            self.say(t("partner.saved", name=name))
            self.refresh_items()

    @work(exclusive=True, group="partner-form")
    async def action_switch_partner(self) -> None:
        """Stop using a partner line (the form no longer offers it), or use it again."""
        line = self.highlighted()
        if line is None:
            return
        title = t("partner.stop_title" if line.active else "partner.resume_title", name=line.name)
        reason = await self.depot_app.push_screen_wait(ReasonScreen(title, t("user.reason_body")))
        if reason is None:
            return
        app = self.depot_app
        try:
            await app.call(partners.set_active, app.actor, line.id, not line.active, reason)
        except ServiceError as exc:
            self.refused(exc)
            return
        self.refresh_items()


class PartnerFormScreen(FormDialog):
    """A partner line: name, contact, phone, the usual transfer fee and rebate, and the places
    it reaches (counties, or whole cities or provinces). Returns its name once saved."""

    labels_prefix = "partner"
    FIELDS = [
        ("name", 60),
        ("contact", 40),
        ("phone", 20),
        ("transfer_fee", 10),
        ("rebate", 10),
        ("reach", 300),
    ]

    def __init__(self, line: partners.PartnerLine | None) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        line = self.line
        values = (
            {
                "name": line.name,
                "contact": line.contact,
                "phone": line.phone,
                "transfer_fee": f"{line.transfer_fee}",
                "rebate": f"{line.rebate}",
                "reach": "，".join(name for _, name in line.reach),
            }
            if line is not None
            else {}
        )
        with Vertical(classes="dialog", id="partner-form"):
            title = t("partner.new_title") if line is None else t("partner.edit_title", name=line.name)
            yield Static(plain(title), classes="dialog-title")
            for name, most in self.FIELDS:
                yield from self.row(name, Field(values.get(name, ""), id=name, max_length=most))
            yield FieldMessage(id="dialog-message")
            yield Static(t("partner.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#name").focus()

    @work(exclusive=True, group="partner-save")
    async def action_save(self) -> None:
        app = self.depot_app
        form = partners.PartnerForm(**{name: value_of(self, name) for name, _ in self.FIELDS})
        try:
            saved = await app.call(partners.save, app.actor, form, self.line.id if self.line else None)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(saved.name)
