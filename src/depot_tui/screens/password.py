"""Choose a new password, required after an administrator's reset."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..i18n import t
from ..keys import SAVE
from ..services import auth
from ..services.errors import ServiceError
from ..widgets.fields import Field, FieldMessage
from .base import DepotScreen


class ChangePasswordScreen(DepotScreen):
    """Temporary password, new password twice; F10 or Enter on the last field saves."""

    screen_keys = [SAVE]

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Vertical(id="login-box"):
            yield Static(t("login.change_title"), id="login-title")
            yield Static(t("login.change_hint"))
            for field_id, label in (
                ("old", "login.old_password"),
                ("new", "login.new_password"),
                ("again", "login.repeat_password"),
            ):
                yield Static(t(label), classes="label")
                yield Field(id=field_id, password=True, max_length=128, enter_advances=field_id != "again")
            yield FieldMessage(id="password-message")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#old", Field).focus()

    @on(Input.Submitted, "#again")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        old, new, again = (self.query_one(f"#{i}", Field).value for i in ("old", "new", "again"))
        if new != again:
            self.query_one("#password-message", FieldMessage).show(t("login.passwords_differ"))
            self.query_one("#again", Field).focus()
            return
        self._save(old, new)

    @work(exclusive=True, group="password")
    async def _save(self, old: str, new: str) -> None:
        app = self.depot_app
        try:
            await app.call(auth.change_password, app.actor, old, new)
        except ServiceError as exc:
            self.query_one("#password-message", FieldMessage).show(t(exc.key, **exc.params))
            self.query_one("#old" if exc.field == "old_password" else "#new", Field).focus()
            return
        app.call_later(app.show_home)  # not awaited: the switch removes this screen
