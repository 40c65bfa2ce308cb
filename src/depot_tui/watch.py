"""The 5-minute report on a supervisor's terminal (issue 23, part 2): every second, the major and
urgent exceptions of the depots concerned that no supervisor has opened yet; a new one rings
the bell and is said once, and the status line says how many wait on every screen until one is
opened. Clerks' sessions do not poll."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import faults
from .i18n import t
from .services import exceptions
from .services.errors import ServiceError
from .widgets.safe import plain

if TYPE_CHECKING:
    from textual.timer import Timer

    from .app import DepotApp

POLL_S = 1.0


class ExceptionWatch:
    def __init__(self, app: DepotApp) -> None:
        self.app = app
        self.known: set[int] = set()
        self.timer: Timer | None = None
        self.checking = False

    def start(self) -> None:
        """After a supervisor's login (again after each login: a clerk's stops it)."""
        self.stop()
        session = self.app.session
        if session is None or not session.actor.is_supervisor:
            return
        self.timer = self.app.set_interval(POLL_S, self.poll)

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self.known.clear()
        self.app.alert = ""

    def poll(self) -> None:
        """Each second: one check at a time (a slow database skips seconds, never queues them)."""
        if not self.checking:
            self.checking = True
            # The method, not a coroutine made now: a worker cancelled before it runs (the app
            # ending as the second ticks) left that coroutine "never awaited".
            self.app.run_worker(
                self._check,  # type: ignore[arg-type]  # Textual's WorkType union: mypy picks Never
                group="watch",
                exit_on_error=False,
            )

    async def _check(self) -> None:
        app = self.app
        try:
            if app.session is None:
                return
            waiting = await app.call(exceptions.unseen, app.session.actor)
        except ServiceError:
            return  # a database fault here costs nothing: the next second tries again
        except Exception:  # a bug here must not end a supervisor's session, nor repeat each second
            faults.log.exception("the exception watch stopped")
            self.stop()
            return
        finally:
            self.checking = False
        if app.session is None or self.timer is None:  # logged out while it asked
            return
        new = [item for item in waiting if item[0] not in self.known]
        self.known = {item[0] for item in waiting}
        if new:
            app.bell()
            app.notify(plain(t("exc.alert_new", what=new[-1][2])), severity="warning", timeout=15)
        alert = t("exc.alert", count=len(waiting)) if waiting else ""
        if alert != app.alert:
            app.alert = alert
            app.redraw_status()
