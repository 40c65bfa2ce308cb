"""What every screen after login shares: status line, footer of working keys, F1 help, Esc."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from ..i18n import t
from ..keys import BACK, KeyAction, bind_keys
from ..widgets.keybar import KeyBar
from ..widgets.status_line import StatusLine, shift_label

if TYPE_CHECKING:
    from ..app import DepotApp


class DepotScreen(Screen):
    """A screen of the app. Subclasses set `title_key` and `help_key`, add `screen_keys`, and
    override `has_unsaved_input` / `save_draft` when they hold a form."""

    title_key: ClassVar[str] = "app.title"
    help_key: ClassVar[str] = "help.home"
    screen_keys: ClassVar[list[KeyAction]] = []

    def __init__(self) -> None:
        super().__init__()
        self._put_lines: dict[str, object] = {}  # what put_line last wrote, by id
        bind_keys(self, self.screen_keys)

    @property
    def depot_app(self) -> DepotApp:
        return self.app  # type: ignore[return-value]

    def put_line(self, name: str, text: object) -> None:
        """Rewrite the Static `#name`, whose size never depends on its text (the stylesheet
        fixes it), if the text changed; without laying the screen out again. A layout of the
        waybill form's ~70 widgets was most of a keystroke's cost; the scan loop answers a
        scan with a few of these and nothing else."""
        if self._put_lines.get(name) == text:
            return
        self._put_lines[name] = text
        self.query_one(f"#{name}", Static).update(text, layout=False)

    def compose_status(self) -> ComposeResult:
        session = self.depot_app.session
        if session is None:
            yield StatusLine(demo=self.depot_app.config.demo)
            return
        actor = session.actor
        yield StatusLine(depot=session.depot_name, user=actor.name, role=t(f"role.{actor.role.value}"),
                         shift=shift_label(session.shift_code), demo=self.depot_app.config.demo)

    def compose_footer(self) -> ComposeResult:
        yield KeyBar()

    def has_unsaved_input(self) -> bool:
        """True while the screen holds typed data that Esc or logout would throw away."""
        return False

    def save_draft(self) -> None:
        """Keep what was typed (called on hang-up and before logout). Default: nothing to keep."""

    async def settle(self) -> None:
        """Finish what the screen has under way before it is left (the scan loop's queue).
        Default: nothing under way."""

    async def discard_input(self) -> None:
        """The user confirmed throwing the typed input away (Esc, or an F-key to another
        screen): forget any draft kept of it. Default: nothing kept."""

    def help_text(self) -> str:
        return t(self.help_key)


class WorkScreen(DepotScreen):
    """A screen reached by an F-key from home; Esc goes back home (asking if input would be lost)."""

    screen_keys: ClassVar[list[KeyAction]] = [BACK]

    @work(exclusive=True, group="back")
    async def action_back(self) -> None:
        if self.has_unsaved_input():
            if not await self.depot_app.confirm("confirm.discard.title", "confirm.discard.body"):
                return
            await self.discard_input()
        self.dismiss()
