"""Settings (设置): every business setting with its meaning, its value now, who changed it and
when; an admin changes one as typed, from a day on where money depends on it."""

from __future__ import annotations

import datetime as dt

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import clock, printing, settings
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage, value_of
from ...widgets.safe import plain
from ..dialogs import FormDialog
from ..lists import FindListScreen

EDIT = KeyAction("edit", "enter", "open_item", "key.edit_item")


class SettingsScreen(FindListScreen):
    screen_id = "settings"
    title_key = "screen.settings"
    help_key = "help.settings"
    list_title_key = "setting.title"
    columns_key = "setting.columns"
    empty_key = "setting.none"
    read_only_key = "setting.read_only"
    screen_keys: list[KeyAction] = [BACK, EDIT]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "open_item" or self.depot_app.actor.role.value == "admin"

    def load_all(self, actor: Actor) -> list[settings.SettingLine]:
        return settings.lines(actor)

    def matches(self, line: settings.SettingLine, text: str) -> bool:
        return text in t(f"setting.{line.key}").lower() or text in line.key

    def list_title(self) -> str:
        return t(self.list_title_key, count=len(self.items))

    def row(self, line: settings.SettingLine) -> tuple[object, ...]:
        value = _shown(line, line.value)
        if line.next_from is not None:
            value += "  " + t(
                "setting.next", day=f"{line.next_from:%m-%d}", value=_shown(line, line.next_value)
            )
        return (  # within 80 columns: the grade bands are cut here, whole in the form
            t(f"setting.{line.key}"),
            plain(printing.cut(value, 26)),
            f"{line.since:%y-%m-%d}" if line.since else "",
            plain(printing.cut(line.changed_by, 8)) if line.changed_at else t("setting.default"),
            f"{line.changed_at:%m-%d}" if line.changed_at else "",
        )

    @work(exclusive=True, group="setting-form")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        await self.change_item(
            SettingFormScreen, lambda line: t("setting.saved", name=t(f"setting.{line.key}"))
        )


def _shown(line: settings.SettingLine, value: str) -> str:
    """A choice's code in words (up_yuan: 向上取整到元); any other value as stored."""
    return t(f"setting.choice.{value}") if line.kind == "choice" and value else value


class SettingFormScreen(FormDialog):
    """One setting: what it means, its value now, the new value as typed, from which day (a
    setting money depends on), and why."""

    labels_prefix = "setting"

    def __init__(self, line: settings.SettingLine) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        line = self.line
        with Vertical(classes="dialog", id="setting-form"):
            yield Static(t(f"setting.{line.key}"), classes="dialog-title")
            yield Static(t(f"setting.{line.key}.about"))
            yield from self.row("now", Static(plain(_shown(line, line.value))))
            if line.kind == "choice":
                options = [(code, t(f"setting.choice.{code}")) for code in line.choices]
                yield from self.row("value", Choice(options, line.value, id="value"))
            else:
                yield from self.row("value", Field(line.value, id="value", max_length=200))
            if line.dated:
                tomorrow = clock.now().date() + dt.timedelta(days=1)
                yield from self.row("from_day", Field(f"{tomorrow:%Y-%m-%d}", id="from_day", max_length=10))
            yield from self.row("reason", Field(id="reason", max_length=200))
            yield FieldMessage(id="dialog-message")
            yield Static(t("setting.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#value").focus()

    @work(exclusive=True, group="setting-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(
                settings.put,
                app.actor,
                self.line.key,
                value_of(self, "value"),
                from_day=value_of(self, "from_day") if self.line.dated else "",
                reason=value_of(self, "reason"),
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)
