"""The dialogs of an exception's life (a report by hand, a resolution), of the late list (a call
telling late goods) and of the customer-service log (a call or visit, its answer, a fault cited)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...codes import ExceptionKind, Severity
from ...i18n import t
from ...services import exceptions, tracking
from ...services.errors import ServiceError
from ...widgets.choice import Choice
from ...widgets.fields import Field, FieldMessage, value_of
from ...widgets.safe import plain, plain_lines
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


class TellFormScreen(FormDialog):
    """Late goods told (SOP 004 ch.2: the shipper and the consignee at once): whom, whether
    they were reached, what was said. Returns True once recorded."""

    labels_prefix = "late"

    def __init__(self, item: tracking.Late) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        x = self.item
        with Vertical(classes="dialog", id="late-tell"):
            yield Static(t("late.tell_title", number=x.number), classes="dialog-title")
            yield Static(
                plain_lines(
                    t(
                        "late.parties",
                        shipper=f"{x.shipper_name} {x.shipper_phone}",
                        consignee=f"{x.consignee_name} {x.consignee_phone}",
                    ).split("\n")
                )
            )
            parties = [(p, t(f"late.party.{p}")) for p in tracking.PARTIES]
            first = "consignee" if "shipper" in x.told else "shipper"
            yield from self.row("party", Choice(parties, first, id="party"))
            answers = [(a, t(f"late.answer.{a}")) for a in tracking.ANSWERS]
            yield from self.row("answer", Choice(answers, id="answer"))
            yield from self.row("note", Field(id="note", max_length=200))
            yield FieldMessage(id="dialog-message")
            yield Static(t("exc.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#party").focus()

    @work(exclusive=True, group="late-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(
                tracking.tell,
                app.actor,
                self.item.number,
                value_of(self, "party"),
                value_of(self, "answer"),
                value_of(self, "note"),
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)


class EntryFormScreen(FormDialog):
    """A call or a visit for the customer-service log: enquiry or complaint, phone or counter,
    who, the waybill, what was asked, the hours the answer is promised in. Returns its id."""

    labels_prefix = "log"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="log-entry"):
            yield Static(t("log.entry_title"), classes="dialog-title")
            kinds = [(k, t(f"log.kind.{k}")) for k in exceptions.KINDS]
            yield from self.row("kind", Choice(kinds, id="kind"))
            channels = [(c, t(f"log.channel.{c}")) for c in exceptions.CHANNELS]
            yield from self.row("channel", Choice(channels, id="channel"))
            yield from self.row("caller_name", Field(id="caller_name", max_length=60))
            yield from self.row("caller_phone", Field(id="caller_phone", max_length=20))
            yield from self.row("waybill", Field(id="waybill", max_length=20))
            yield from self.row("question", Field(id="question", max_length=200))
            yield from self.row("within", Field(id="within", max_length=2))
            yield FieldMessage(id="dialog-message")
            yield Static(t("exc.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#kind").focus()

    @work(exclusive=True, group="log-save")
    async def action_save(self) -> None:
        app = self.depot_app
        names = ("kind", "channel", "caller_name", "caller_phone", "waybill", "question", "within")
        entry = exceptions.Entry(**{name: value_of(self, name) for name in names})
        try:
            number = await app.call(exceptions.take, app.actor, entry)
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(number)


class AnswerFormScreen(FormDialog):
    """The answer given to a log line. Returns True once saved."""

    labels_prefix = "log"

    def __init__(self, item: exceptions.LogLine) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        x = self.item
        with Vertical(classes="dialog", id="log-answer"):
            yield Static(t("log.answer_title"), classes="dialog-title")
            yield Static(plain(t("log.asked", caller=x.caller or "-", question=x.question)))
            yield Static(t("log.promised", at=f"{x.promised_at:%m-%d %H:%M}"))
            yield from self.row("answer", Field(id="answer", max_length=200))
            yield FieldMessage(id="dialog-message")
            yield Static(t("exc.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#answer").focus()

    @work(exclusive=True, group="log-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(exceptions.answer, app.actor, self.item.id, value_of(self, "answer"))
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)


class CiteFormScreen(FormDialog):
    """A supervisor enters fault 14 or 19 with a log line as its evidence: against the clerk
    who took it unless another is named. Returns True once entered."""

    labels_prefix = "log"

    def __init__(self, item: exceptions.LogLine) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="log-cite"):
            yield Static(t("log.cite_title"), classes="dialog-title")
            yield Static(plain(t("log.asked", caller=self.item.caller or "-", question=self.item.question)))
            codes = [(c, t(f"log.fault.{c}")) for c in exceptions.CITED]
            yield from self.row("code", Choice(codes, id="code"))
            yield from self.row("username", Field(id="username", max_length=40))
            yield from self.row("note", Field(id="note", max_length=200))
            yield FieldMessage(id="dialog-message")
            yield Static(t("exc.form_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#code").focus()

    @work(exclusive=True, group="log-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(
                exceptions.cite,
                app.actor,
                self.item.id,
                value_of(self, "code"),
                value_of(self, "note"),
                value_of(self, "username"),
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)
