"""The status line at the top of every screen: depot, user, shift and the clock (HH:MM)."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from ..i18n import t
from ..services import clock
from .safe import printable


class StatusLine(Widget):
    """Redrawn once a minute, on the minute, and only on the screen shown: an idle screen writes
    (almost) nothing. The line is made as it is drawn, so a screen shown again after a while
    (home, under a work screen) shows the time it is, not the time it was left at."""

    DEFAULT_CSS = """
    StatusLine { dock: top; height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    def __init__(
        self, *, depot: str = "", user: str = "", role: str = "", shift: str = "", demo: bool = False
    ) -> None:
        super().__init__()
        self._parts = {"depot": printable(depot), "user": printable(user), "role": role, "shift": shift}
        self._demo = demo

    def on_mount(self) -> None:
        now = clock.now()
        to_next_minute = 60 - now.second if now.second else 60
        self.set_timer(to_next_minute, self._start_minutely)

    def _start_minutely(self) -> None:
        self._redraw()
        self.set_interval(60, self._redraw)

    def redraw(self) -> None:
        """Now, not at the minute: what waits for a supervisor changed (app.alert)."""
        self._redraw()

    def _redraw(self) -> None:
        # A screen underneath (home, under F4's list) is not drawn: redrawing its line made
        # Textual repaint the whole screen over it, 3.4 KB a minute over the wire on an idle
        # list (issue 25, item 6). It is drawn anew, with the time, when it is shown again.
        # (Textual's Screen.is_current counts the screen under any top screen as maybe visible.)
        if self.app.screen is self.screen:
            self.refresh()

    def render(self) -> Content:
        stamp = clock.now().strftime("%m-%d %H:%M")
        text = (
            t("status.line", clock=stamp, **self._parts)
            if self._parts["user"]
            else f"{t('app.title')} │ {stamp}"
        )
        if self._demo:
            text = f"[{t('app.demo')}] {text}"
        alert = getattr(self.app, "alert", "")
        if alert:  # the 5-minute report: grave exceptions no supervisor has opened yet
            text = f"{text} │ {alert}"
        return Content(text)  # plain: names are user data, never markup


def shift_label(code: str | None) -> str:
    return t(f"shift.{code}") if code else t("shift.none")
