"""The dialogs of an exception's life: a report by hand, a resolution, an owner."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...codes import ExceptionKind, Severity
from ...i18n import t
from ...services import exceptions
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage, value_of
from ..dialogs import FormDialog


class ReportFormScreen(FormDialog):
    """异常业务汇报表 by hand: kind, severity, the waybill if one is at hand, pieces, what was
    seen. Returns the new exception's id."""

    labels_prefix = "exc"

    def __init__(self, waybill: str = "") -> None:
        super().__init__()
        self.waybill = waybill

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="exc-report"):
            yield Static(t("exc.report_title"), classes="dialog-title")
            kinds = [(k.value, t(f"exc.kind.{k.value}")) for k in ExceptionKind]
            yield from self.row("kind", Choice(kinds, ExceptionKind.OTHER.value, id="kind"))
            grades = [(s.value, t(f"severity.{s.value}")) for s in Severity]
            yield from self.row("severity", Choice(grades, id="severity"))
            yield from self.row("waybill", Field(self.waybill, id="waybill", max_length=20))
            yield from self.row("pieces", Field(id="pieces", max_length=5))
            yield from self.row("seen", Field(id="seen", max_length=200))
            yield FieldMessage(id="dialog-message")
            yield Static(t("exc.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#kind").focus()

    @work(exclusive=True, group="exception-save")
    async def action_save(self) -> None:
        app = self.depot_app
        names = ("kind", "severity", "waybill", "pieces", "seen")
        form = exceptions.Report(**{name: value_of(self, name) for name in names})
        try:
            number = await app.call(exceptions.report, app.actor, form)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(number)


class ResolveFormScreen(FormDialog):
    """What the head of department decided: the cause, the result, who is responsible (a clerk
    by user name), the compensation paid and the charges borne. Returns True once saved."""

    labels_prefix = "exc"

    def __init__(self, exception_id: int) -> None:
        super().__init__()
        self.exception_id = exception_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="exc-resolve"):
            yield Static(t("exc.resolve_title"), classes="dialog-title")
            causes = [(c, t(f"exc.cause.{c}")) for c in exceptions.CAUSES]
            yield from self.row("cause", Choice(causes, id="cause"))
            yield from self.row("result", Field(id="result", max_length=200))
            who = [(r, t(f"exc.responsible.{r}")) for r in exceptions.RESPONSIBLE]
            yield from self.row("responsible", Choice(who, "none", id="responsible"))
            yield from self.row("responsible_user", Field(id="responsible_user", max_length=40))
            yield from self.row("compensation", Field(id="compensation", max_length=10))
            yield from self.row("charges", Field(id="charges", max_length=10))
            yield FieldMessage(id="dialog-message")
            yield Static(t("exc.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#cause").focus()

    @work(exclusive=True, group="exception-save")
    async def action_save(self) -> None:
        app = self.depot_app
        names = ("cause", "result", "responsible", "responsible_user", "compensation", "charges")
        form = exceptions.Resolution(**{name: value_of(self, name) for name in names})
        try:
            await app.call(exceptions.resolve, app.actor, self.exception_id, form)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)
