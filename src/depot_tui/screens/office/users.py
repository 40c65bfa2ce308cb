"""Accounts (用户): who logs in here, as what, at which depot, on which usual shift. An admin
adds, changes, disables and enables accounts and resets passwords; a supervisor reads her
depot's accounts, resets her clerks' passwords and moves their usual shift. Who may do what is
the service's (services/users.py); this screen hides the keys a supervisor has not."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import clock, users
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage, value_of
from ...widgets.safe import plain
from ..dialogs import FormDialog, ReasonScreen
from ..lists import FindListScreen

EDIT = KeyAction("edit", "enter", "open_item", "key.edit_item")
ADD = KeyAction("add", "ctrl+n", "add_item", "key.add_item")
RESET = KeyAction("reset_password", "ctrl+r", "reset_password", "key.reset_password")
SWITCH = KeyAction("switch_user", "ctrl+d", "switch_user", "key.switch_user")

#: Only an admin adds, disables and enables.
ADMIN_ONLY = {"add_item", "switch_user"}
ROLES = ["clerk", "supervisor", "admin", "hr"]
SHIFTS = ["early", "middle", "night", ""]


def _shift(code: str | None) -> str:
    return t(f"shift.{code}") if code else t("user.no_shift")


class UsersScreen(FindListScreen):
    screen_id = "users"
    title_key = "screen.users"
    help_key = "help.users"
    list_title_key = "user.title"
    columns_key = "user.columns"
    empty_key = "user.none"
    screen_keys: list[KeyAction] = [BACK, EDIT, ADD, RESET, SWITCH]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in ADMIN_ONLY or self.depot_app.actor.role.value == "admin"

    def load_all(self, actor: Actor) -> list[users.UserLine]:
        return users.lines(actor)

    def matches(self, line: users.UserLine, text: str) -> bool:
        return text in line.username or text in line.name or line.depot.lower() == text

    def list_title(self) -> str:
        return t(self.list_title_key, count=len(self.items))

    def row(self, line: users.UserLine) -> tuple[object, ...]:
        if not line.active:
            state = t("user.disabled")
        elif line.locked(clock.now()):
            state = t("user.locked", until=f"{line.locked_until:%H:%M}")
        elif line.must_change_password:
            state = t("user.temporary")
        else:
            state = ""
        return (
            line.username,
            plain(line.name),
            t(f"role.{line.role}"),
            line.depot,
            _shift(line.shift),
            state,
        )

    @work(exclusive=True, group="user-form")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        await self.change_item(UserFormScreen, lambda line: t("user.saved", username=line.username))

    @work(exclusive=True, group="user-form")
    async def action_add_item(self) -> None:
        mine = next((x.depot for x in self.every if x.username == self.depot_app.actor.username), "")
        added = await self.depot_app.push_screen_wait(UserFormScreen(None, mine))
        if added:
            self.say(t("user.added", username=added))
            self.refresh_items()

    @work(exclusive=True, group="user-form")
    async def action_reset_password(self) -> None:
        line = self.highlighted()
        if line is not None and await self.depot_app.push_screen_wait(PasswordResetScreen(line)):
            self.say(t("user.reset", username=line.username))
            self.refresh_items()

    @work(exclusive=True, group="user-form")
    async def action_switch_user(self) -> None:
        """Disable an active account or enable a disabled one, with the reason why."""
        line = self.highlighted()
        if line is None:
            return
        title = t("user.disable_title" if line.active else "user.enable_title", username=line.username)
        reason = await self.depot_app.push_screen_wait(ReasonScreen(title, t("user.reason_body")))
        if reason is None:
            return
        app = self.depot_app
        call = users.disable_user if line.active else users.enable_user
        try:
            await app.call(call, app.actor, line.username, reason)
        except ServiceError as exc:
            self.refused(exc)
            return
        self.say(t("user.disabled_now" if line.active else "user.enabled_now", username=line.username))
        self.refresh_items()


class UserFormScreen(FormDialog):
    """An account: new (user name, a temporary password) or as it is (name, role, depot,
    usual shift). Returns the user name once saved."""

    labels_prefix = "user"

    def __init__(self, line: users.UserLine | None, depot: str = "") -> None:
        super().__init__()
        self.line = line
        self.depot = depot  # a new account's depot, as offered

    def compose(self) -> ComposeResult:
        line = self.line
        with Vertical(classes="dialog", id="user-form"):
            title = t("user.new_title") if line is None else t("user.edit_title", username=line.username)
            yield Static(plain(title), classes="dialog-title")
            if line is None:
                yield from self.row("username", Field(id="username", max_length=32))
            yield from self.row("name", Field(line.name if line else "", id="name", max_length=40))
            roles = [(code, t(f"role.{code}")) for code in ROLES]
            yield from self.row("role", Choice(roles, line.role if line else "clerk", id="role"))
            shifts = [(code, _shift(code)) for code in SHIFTS]
            yield from self.row("shift", Choice(shifts, (line.shift or "") if line else "early", id="shift"))
            yield from self.row("depot", Field(line.depot if line else self.depot, id="depot", max_length=8))
            if line is None:
                yield from self.row("password", Field(id="password", password=True, max_length=128))
            hired = f"{line.hired_on:%Y-%m-%d}" if line and line.hired_on else ""
            yield from self.row(
                "hired_on", Field(hired, id="hired_on", max_length=10, placeholder=t("user.hired_on_hint"))
            )
            yield FieldMessage(id="dialog-message")
            yield Static(t("user.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#username" if self.line is None else "#name").focus()

    @work(exclusive=True, group="user-save")
    async def action_save(self) -> None:
        app = self.depot_app
        shift = value_of(self, "shift") or None
        try:
            if self.line is None:
                user = await app.call(
                    users.add_user,
                    app.actor,
                    username=value_of(self, "username"),
                    name=value_of(self, "name"),
                    role=value_of(self, "role"),
                    depot_code=value_of(self, "depot"),
                    password=value_of(self, "password"),
                    shift_code=shift,
                    temporary=True,
                    hired_on=value_of(self, "hired_on"),
                )
                self.dismiss(user.username)
                return
            await app.call(
                users.change_user,
                app.actor,
                self.line.username,
                name=value_of(self, "name"),
                role=value_of(self, "role"),
                depot_code=value_of(self, "depot"),
                shift_code=shift,
                hired_on=value_of(self, "hired_on"),
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(self.line.username)


class PasswordResetScreen(FormDialog):
    """A temporary password for an account, changed at its next login; unlocks it too."""

    labels_prefix = "user"

    def __init__(self, line: users.UserLine) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="user-reset"):
            yield Static(plain(t("user.reset_title", username=self.line.username)), classes="dialog-title")
            yield Static(t("user.reset_body"))
            yield from self.row("password", Field(id="password", password=True, max_length=128))
            yield FieldMessage(id="dialog-message")
            yield Static(t("user.reset_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#password").focus()

    @work(exclusive=True, group="user-reset")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(users.reset_password, app.actor, self.line.username, value_of(self, "password"))
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)
