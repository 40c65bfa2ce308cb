"""The status line at the top of every screen: depot, user, shift and the clock (HH:MM)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..i18n import t
from ..services import clock
from .safe import printable


class StatusLine(Static):
    """Redrawn once a minute, on the minute: an idle screen writes (almost) nothing."""

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
        self._redraw()
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
        self.update(Content(text))  # plain: names are user data, never markup


def shift_label(code: str | None) -> str:
    return t(f"shift.{code}") if code else t("shift.none")
