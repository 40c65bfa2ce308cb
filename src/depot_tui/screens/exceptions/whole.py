"""One exception read whole (SOP 004 ch.3: "every exception can be read whole with its
history"): what was found, what was decided, and every step with its time and author. A clerk
adds notes (Ctrl+N); a supervisor names the owner (Ctrl+G), resolves (Ctrl+R) and reopens
(Ctrl+O)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import exceptions
from ...services.errors import ServiceError
from ...widgets.fields import FieldMessage
from ...widgets.safe import plain_lines
from ..base import DepotScreen
from ..dialogs import ReasonScreen
from .forms import ResolveFormScreen

NOTE = KeyAction("note_exception", "ctrl+n", "note", "key.note_exception")
OWNER = KeyAction("owner_exception", "ctrl+g", "owner", "key.owner_exception")
RESOLVE = KeyAction("resolve_exception", "ctrl+r", "resolve", "key.resolve_exception")
REOPEN = KeyAction("reopen_exception", "ctrl+o", "reopen", "key.reopen_exception")

#: What only a supervisor may do here (hidden from a clerk's key bar, refused by the service).
SUPERVISOR = {"owner", "resolve", "reopen"}


class ExceptionScreen(DepotScreen):
    title_key = "screen.exceptions"
    help_key = "help.exceptions"
    screen_keys: list[KeyAction] = [BACK, NOTE, OWNER, RESOLVE, REOPEN]

    def __init__(self, exception_id: int) -> None:
        super().__init__()
        self.exception_id = exception_id
        self.whole: exceptions.Whole | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in SUPERVISOR or self.depot_app.actor.is_supervisor

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with VerticalScroll(id="exception"):
            yield Static("", id="exc-head")
            yield Static(t("exc.history"), classes="section")
            yield Static("", id="exc-steps")
        yield FieldMessage(id="exc-message")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.refresh_whole()

    @work(exclusive=True, group="exception-seen")
    async def _seen(self) -> None:
        """A supervisor opened it: the 5-minute report is done (the first time is kept)."""
        app = self.depot_app
        try:
            await app.call(exceptions.seen, app.actor, self.exception_id)
        except ServiceError:
            return  # the list and the status line keep it waiting; the next opening tries again
        self.refresh_whole()

    @work(exclusive=True, group="exception-read")
    async def refresh_whole(self) -> None:
        app = self.depot_app
        try:
            whole = await app.call(exceptions.read, app.actor, self.exception_id)
        except ServiceError as exc:
            self.query_one("#exc-message", FieldMessage).show(t(exc.key, **exc.params))
            return
        self.whole = whole
        if whole.line.seen_at is None and app.actor.is_supervisor:
            self._seen()
        self.query_one("#exc-head", Static).update(plain_lines(head_lines(whole)))
        steps = [
            t(
                "exc.step_line",
                at=f"{s.at:%m-%d %H:%M}",
                who=s.who,
                kind=t(f"exc.step.{s.kind}"),
                text=_said(s),
            )
            for s in whole.steps
        ]
        self.query_one("#exc-steps", Static).update(plain_lines(steps))
        self.query_one("#exception", VerticalScroll).focus()

    async def _reason(self, title_key: str) -> str | None:
        return await self.depot_app.push_screen_wait(ReasonScreen(t(title_key), t("exc.reason_body")))

    async def _do(self, call, *args: object) -> None:  # noqa: ANN001 - a service function
        app = self.depot_app
        try:
            await app.call(call, app.actor, self.exception_id, *args)
        except ServiceError as exc:
            self.query_one("#exc-message", FieldMessage).show(t(exc.key, **exc.params))
            self.app.bell()
            return
        self.refresh_whole()

    @work(exclusive=True, group="exception-step")
    async def action_note(self) -> None:
        text = await self._reason("exc.note_title")
        if text is not None:
            await self._do(exceptions.note, text)

    @work(exclusive=True, group="exception-step")
    async def action_owner(self) -> None:
        username = await self._reason("exc.owner_title")
        if username is not None:
            await self._do(exceptions.assign, username)

    @work(exclusive=True, group="exception-step")
    async def action_resolve(self) -> None:
        if await self.depot_app.push_screen_wait(ResolveFormScreen(self.exception_id)):
            self.refresh_whole()

    @work(exclusive=True, group="exception-step")
    async def action_reopen(self) -> None:
        reason = await self._reason("exc.reopen_title")
        if reason is not None:
            await self._do(exceptions.reopen, reason)


def head_lines(whole: exceptions.Whole) -> list[str]:
    """What was found and what was decided, a line each."""
    x = whole.line
    state = (
        t("exc.open") if x.resolved_at is None else t("exc.resolved_at", at=f"{x.resolved_at:%m-%d %H:%M}")
    )
    lines = [
        t("exc.head", kind=t(f"exc.kind.{x.kind}"), severity=t(f"severity.{x.severity}"), state=state),
        t(
            "exc.found",
            at=f"{x.found_at:%m-%d %H:%M}",
            who=x.found_by,
            depot=whole.depot,
            waybill=x.waybill or "-",
        ),
        t("exc.seen_line", text=x.description),
        t("exc.owner", who=x.owner or "-"),
    ]
    if x.resolved_at is not None:
        lines += [
            t("exc.decided", cause=t(f"exc.cause.{x.cause}") if x.cause else "-", result=whole.resolution),
            t(
                "exc.money",
                responsible=t(f"exc.responsible.{whole.responsible}") if whole.responsible else "-",
                who=whole.responsible_user or "-",
                compensation=f"{whole.compensation:.2f}",
                charges=f"{whole.charges:.2f}",
            ),
        ]
    return lines


def _said(step: exceptions.Step) -> str:
    """A step's text; a supervisor's first opening keeps the minutes since it was found."""
    return t("exc.seen_after", minutes=step.text) if step.kind == "seen" else step.text
