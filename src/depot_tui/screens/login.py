"""Login (登录): user name, password, the reason when refused; in demo mode, the demo accounts."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..i18n import t
from ..keys import KeyAction
from ..services import auth, demo_accounts, settings
from ..services.errors import DatabaseFailure, ServiceError
from ..widgets.fields import Field, FieldMessage
from ..widgets.status_line import StatusLine
from .base import DepotScreen


class LoginScreen(DepotScreen):
    """The first screen on every terminal. A refused login keeps the user name and clears the
    password (a wrong password is not worth keeping on screen); nothing else is typed here."""

    help_key = "help.login"
    screen_keys = [KeyAction("quit", "ctrl+q", "app.quit", "key.quit")]

    def compose(self) -> ComposeResult:
        # Nobody is logged in here, even while the logout that shows this screen still holds
        # the last clerk's session: the top line names no one.
        yield StatusLine(demo=self.depot_app.config.demo)
        with Vertical(id="login-box"):
            yield Static(t("login.title"), id="login-title")
            yield Static(t("login.username"), classes="label")
            yield Field(id="username", max_length=32)
            yield Static(t("login.password"), classes="label")
            yield Field(id="password", password=True, max_length=128, enter_advances=False)
            yield FieldMessage(id="login-message")
        if self.depot_app.config.demo:
            rows = [
                f"{u:<9} {n}  {t(f'role.{r.value}')}" + (f" · {t(f'shift.{s}')}" if s else "") + f" · {d}"
                for u, n, r, d, s in demo_accounts.DEMO_USERS
            ]
            heading = t("login.demo_accounts", password=demo_accounts.DEMO_PASSWORD)
            yield Static("\n".join([heading, *rows]), id="demo-accounts")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#username", Field).focus()

    def help_text(self) -> str:
        return t(
            self.help_key, max=settings.get("auth.max_failures"), minutes=settings.get("auth.lock_minutes")
        )

    @on(Input.Submitted, "#password")
    def _submit(self) -> None:
        username = self.query_one("#username", Field).value
        if not username.strip():
            self.query_one("#login-message", FieldMessage).show(t("error.login_failed"))
            self.query_one("#username", Field).focus()
            return
        self.query_one("#login-message", FieldMessage).show(t("login.checking"))
        self._login(username, self.query_one("#password", Field).value)

    @work(exclusive=True, group="login")
    async def _login(self, username: str, password: str) -> None:
        app = self.depot_app
        try:
            result = await app.call(auth.login, username, password, terminal=app.config.terminal, pid=app.pid)
        except ServiceError as exc:
            self.query_one("#login-message", FieldMessage).show(t(exc.key, **exc.params))
            password_field = self.query_one("#password", Field)
            if not isinstance(exc, DatabaseFailure):  # the database's fault, not the password's
                password_field.value = ""
            password_field.focus()
            return
        # Not awaited: the switch removes this screen, and with it this worker.
        app.call_later(app.logged_in, result)
