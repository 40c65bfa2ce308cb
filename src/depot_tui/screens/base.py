"""What every screen after login shares: status line, footer of working keys, F1 help, Esc."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import events, work
from textual.app import ComposeResult
from textual.await_remove import AwaitRemove
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Static

from ..faults import Keep
from ..i18n import t
from ..keys import BACK, KeyAction, bindings
from ..widgets.fields import Field
from ..widgets.keybar import KeyBar
from ..widgets.status_line import StatusLine, shift_label

if TYPE_CHECKING:
    from ..app import DepotApp


def styled_at_mount(screen: Screen, message: Message) -> None:
    """A ScreenResume restyles nothing when nothing it restyles for has changed. Textual sends
    one as a screen is pushed, asking it to restyle every widget it holds, each of which the
    stylesheet was applied to a moment before as it was mounted (App._register): on F2's
    form, 85 widgets, some 40 ms of the 300-400 ms of CPU F2 takes to open
    (tests/bench/f2_open.py). And one each time it shows again (a dialog over it closed, the
    slip shown for the next waybill), for what may have changed while it was hidden and
    that Textual restyles the visible screens only for: the stylesheet (a theme) and the
    app's own classes and pseudo-classes (the terminal's focus). Unchanged since the screen
    was hidden, nothing is restyled: the slip, shown for each waybill, restyled its widgets
    each time."""
    if isinstance(message, events.ScreenSuspend):
        screen._styled_as = _app_style(screen)  # type: ignore[attr-defined]
    elif isinstance(message, events.ScreenResume):
        before = getattr(screen, "_styled_as", None)
        if not getattr(screen, "_resumed", False):
            screen._resumed = True  # type: ignore[attr-defined]
            message.refresh_styles = False
        elif before is not None and _same_style(before, _app_style(screen)):
            message.refresh_styles = False


def _app_style(screen: Screen) -> tuple[object, frozenset[str], frozenset[str]]:
    app = screen.app
    return app.stylesheet.rules_map, app.classes, frozenset(app.get_pseudo_classes())


def _same_style(before: tuple[object, ...], now: tuple[object, ...]) -> bool:
    return before[0] is now[0] and before[1:] == now[1:]


def laid_out_already(screen: Screen, message: Message) -> bool:
    """True for a Resize to the size every screen of the stack is already laid out at: the one
    a screen's own first layout sends it (Textual posts Resize to every widget it has just
    shown, the screen among them). Textual answers it with a second layout of the screen and
    of each screen under a dialog: on the slip over F2, a layout of the whole form (85
    widgets) between F10 and the slip on the terminal. A real resize has a size some screen
    is not laid out at yet, and goes through."""
    if not isinstance(message, events.Resize):
        return False
    try:
        stack = screen.app.screen_stack
    except Exception:  # no app (not mounted yet, or gone): Textual decides
        return False
    return screen in stack and all(shown.outer_size == message.size for shown in stack)


def one_frame(screen: Screen) -> None:
    """Before the screen's paint (its 60 Hz timer's tick, `Screen._on_timer_update`): a screen
    shown again with a widget changed (the slip with the next waybill) needs a layout and a
    repaint, and Textual painted what the layout moved, then the whole screen, two frames
    back to back; the whole screen once will do."""
    if screen._layout_required and screen._repaint_required:
        screen._repaint_required = False
        screen._dirty_widgets.add(screen)


class SparedWork(Screen):
    """What every screen and dialog of the app spares Textual's work: the first restyle and
    the restyles a resume asks for needlessly (`styled_at_mount`), the layout a screen's own
    first Resize asks for (`laid_out_already`), the second frame of a screen shown again
    (`one_frame`)."""

    def post_message(self, message: Message) -> bool:
        styled_at_mount(self, message)
        if laid_out_already(self, message):
            return True
        return super().post_message(message)

    def _on_timer_update(self) -> None:
        one_frame(self)
        super()._on_timer_update()


class DepotScreen(SparedWork):
    """A screen of the app. Subclasses set `title_key` and `help_key`, add `screen_keys`, and
    override `has_unsaved_input` / `kept` when they hold a form."""

    #: Textual's Screen.focused repaints the whole screen each time the focus moves: on a form,
    #: every Enter sent the clerk's terminal all 24 rows again (3 to 4 KB over the wire, most of
    #: a waybill's bytes: issue 25, item 6). The widgets losing and taking the focus repaint
    #: themselves (their :focus styles); the screen need not. The same reactive, no repaint.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    title_key: str = "app.title"
    help_key: str = "help.home"
    screen_keys: list[KeyAction] = []

    #: Held by writes this screen has in flight that kept work must follow (the scan loop's).
    write_lock: threading.Lock | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Each screen binds exactly its `screen_keys` (and Textual's own screen keys, Tab): a
        key a base class binds and this screen does not list does nothing here (a handover read
        from the log has no F10)."""
        kwargs.pop("inherit_bindings", None)
        cls.BINDINGS = [*Screen.BINDINGS, *cls.__dict__.get("BINDINGS", []), *bindings(cls.screen_keys)]
        super().__init_subclass__(inherit_bindings=False, **kwargs)

    def __init__(self) -> None:
        super().__init__()
        self._put_lines: dict[str, VisualType] = {}  # what put_line last wrote, by id
        self.gone = False  # taken down: whatever its work brings back now is dropped

    def remove(self) -> AwaitRemove:
        """Taken down (popped, switched away, logged out): see `take_down`."""
        self.take_down()
        return super().remove()

    def take_down(self) -> None:
        """Its workers are cancelled and its timers stopped now, before its widgets go. A
        load that lands while the screen is being pruned would otherwise query widgets
        already gone (NoMatches), and that ended the clerk's session. A result that still
        arrives is dropped (`DepotApp._handle_exception`). Also as the app ends
        (`AppCore._shutdown`), which prunes its screens without `remove`."""
        self.gone = True
        self.workers.cancel_node(self)
        for timer in list(self._timers):
            timer.stop()

    def show_fault(self, text: str) -> None:
        """A refusal or fault no handler of this screen caught, in one line where the clerk
        looks: the screen's message line (`show_message` or `say`) where it has one, else a
        notice."""
        for name in ("show_message", "say"):
            show = getattr(self, name, None)
            if show is not None:
                try:
                    show(text)
                    return
                except NoMatches:  # not composed yet
                    break
        self.notify(text, severity="error", timeout=10)

    @property
    def depot_app(self) -> DepotApp:
        """The app, as the DepotApp it is (Textual types `self.app` as any App)."""
        return cast("DepotApp", self.app)

    def put_line(self, name: str, text: VisualType) -> None:
        """Rewrite the Static `#name`, whose size never depends on its text (the stylesheet
        fixes it), if the text changed; without laying the screen out again. A layout of the
        waybill form's ~70 widgets was most of a keystroke's cost; the scan loop answers a
        scan with a few of these and nothing else."""
        if self._put_lines.get(name) == text:
            return
        self._put_lines[name] = text
        self.query_one(f"#{name}", Static).update(text, layout=False)

    def on_field_full(self, event: Field.Full) -> None:
        """A field's limit reached: said on the screen's message line (or as a notice)."""
        self.show_fault(t("field.full", max=event.field.max_length))

    def compose_status(self) -> ComposeResult:
        session = self.depot_app.session
        if session is None:
            yield StatusLine(demo=self.depot_app.config.demo)
            return
        actor = session.actor
        yield StatusLine(
            depot=session.depot_name,
            user=actor.name,
            role=t(f"role.{actor.role.value}"),
            shift=shift_label(session.shift_code),
            demo=self.depot_app.config.demo,
        )

    def compose_footer(self) -> ComposeResult:
        yield KeyBar()

    def has_unsaved_input(self) -> bool:
        """True while the screen holds typed data that Esc or logout would throw away."""
        return False

    def kept(self) -> list[Keep]:
        """What this screen holds that must outlive a logout, a hang-up or a crash, as plain
        data read from its widgets now (main thread; no database). The app saves it in a
        worker thread, or to a recovery file for the next login when the database cannot
        take it in time. Default: nothing to keep."""
        return []

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

    screen_keys: list[KeyAction] = [BACK]

    @work(exclusive=True, group="back")
    async def action_back(self) -> None:
        if self.has_unsaved_input():
            if not await self.depot_app.confirm("confirm.discard.title", "confirm.discard.body"):
                return
            await self.discard_input()
        self.dismiss()


ResultT = TypeVar("ResultT")


class DepotDialog(SparedWork, ModalScreen[ResultT]):
    """A dialog over a screen of the app, returning a `ResultT` when dismissed."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)  # as DepotScreen's, and why

    @property
    def depot_app(self) -> DepotApp:
        """The app, as the DepotApp it is (Textual types `self.app` as any App)."""
        return cast("DepotApp", self.app)
