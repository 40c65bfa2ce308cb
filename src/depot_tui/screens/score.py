"""The monthly score (考核, F7).

A supervisor's F7 is every clerk of the depot for a month: score, grade, deductions, repeated
short lateness, bonuses, the money, what is undecided, and the last six months as a sparkline.
PgUp/PgDn change the month; Ctrl+O sorts by score or by name; Enter opens a clerk's events;
Ctrl+D is the queue to decide (y confirms, n rejects with a reason; for an appeal, y upholds
and n overturns); Ctrl+E exports the month (CSV or XLSX to the outbox); Ctrl+W closes it.
A clerk's F7 is their own month only: each event, its reason and evidence, and `a` to appeal
one. Every rule, and who may read what, is the service's (services/scoring.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from ..codes import Role
from ..i18n import language, t
from ..keys import BACK, KeyAction
from ..services import clock, printing, scoring
from ..services.actor import Actor
from ..services.errors import ServiceError
from ..widgets.choice import Choice
from ..widgets.fields import Field, FieldMessage, value_of
from ..widgets.safe import plain, plain_lines
from .dialogs import FormDialog, ReasonScreen
from .lists import ListScreen

OPEN = KeyAction("open", "enter", "open_item", "key.open")
MONTH_BACK = KeyAction("month_back", "pageup", "month(-1)", "key.month_back", priority=True)
MONTH_ON = KeyAction("month_on", "pagedown", "month(1)", "key.month_on", priority=True)
SORT = KeyAction("sort", "ctrl+o", "sort", "key.sort")
QUEUE = KeyAction("queue", "ctrl+d", "queue", "key.score_queue")
EXPORT = KeyAction("export", "ctrl+e", "export", "key.export")
CLOSE = KeyAction("close", "ctrl+w", "close_month", "key.close_month")
APPEAL = KeyAction("appeal", "a", "appeal", "key.appeal")
ENTER_EVENT = KeyAction("enter_event", "ctrl+n", "enter_event", "key.enter_event")
PRAISE = KeyAction("praise", "ctrl+t", "praise", "key.praise")
RULES = KeyAction("rules", "ctrl+r", "rules", "key.rules")
EDIT_RULE = KeyAction("edit_rule", "enter", "open_item", "key.edit_item")
CONFIRM = KeyAction("confirm", "y", "decide(True)", "key.confirm_event")
REJECT = KeyAction("reject", "n", "decide(False)", "key.reject_event")

BARS = "▁▂▃▄▅▆▇█"


def sparkline(totals: Sequence[Decimal | None]) -> str:
    """Six months in six cells: 60 points or less is the lowest bar, 110 the highest; a month
    not worked is a blank."""
    out = []
    for total in totals:
        if total is None:
            out.append(" ")
            continue
        step = (min(max(float(total), 60.0), 110.0) - 60.0) / 50.0
        out.append(BARS[min(len(BARS) - 1, int(step * len(BARS)))])
    return "".join(out)


def _points(value: Decimal) -> str:
    if not value:
        return "0"
    return f"{value:+.0f}" if value == value.to_integral() else f"{value:+.1f}"


def _total(value: Decimal) -> str:
    return f"{value:.0f}" if value == value.to_integral() else f"{value:.1f}"


def _shift_month(month: str, step: int) -> str:
    year, number = (int(x) for x in month.split("-"))
    number += step
    while number < 1:
        year, number = year - 1, number + 12
    while number > 12:
        year, number = year + 1, number - 12
    return f"{year:04d}-{number:02d}"


def rule_name(event: scoring.EventLine) -> str:
    return event.rule_zh if language() == "zh" else event.rule_en


def event_state(event: scoring.EventLine) -> str:
    text = t(f"score.state.{event.status}")
    if event.appeal_status:
        text += " " + t(f"score.appeal.{event.appeal_status}")
    return text


class ScoreScreen(ListScreen):
    """F7. `who` None: the supervisor's table of clerks; (user id, name): that clerk's events
    (the clerk's own F7, or a supervisor's drill-down)."""

    screen_id = "score"
    title_key = "screen.score"
    help_key = "help.score"
    list_title_key = "score.title"
    columns_key = "score.columns"
    empty_key = "score.none"
    screen_keys: list[KeyAction] = [
        BACK,
        OPEN,
        MONTH_BACK,
        MONTH_ON,
        SORT,
        QUEUE,
        ENTER_EVENT,
        PRAISE,
        EXPORT,
        CLOSE,
        RULES,
        APPEAL,
    ]

    def __init__(self, who: tuple[int, str] | None = None, month: str | None = None) -> None:
        super().__init__()
        self.who = who
        self.month = month or f"{clock.now():%Y-%m}"
        self.by_name = False
        self.history: dict[int, list[Decimal | None]] = {}
        self.line: scoring.ClerkMonth | None = None  # the clerk's own month line (events view)
        self.praised: set[int] = set()
        self.closed = False
        if who is not None:
            self.screen_id = "score-clerk"

    def compose(self) -> ComposeResult:
        actor = self.depot_app.actor
        if self.who is None and actor.role == Role.CLERK:
            self.who = (
                actor.user_id or 0,
                actor.name,
            )  # a clerk's actor always has a user  # a clerk's F7 is their own month, nothing else
        if self.who is not None:
            self.columns_key, self.empty_key = "score.event_columns", "score.no_events"
            self.help_key = "help.score_own" if self.own else "help.score_clerk"
        yield from super().compose()

    @property
    def own(self) -> bool:
        session = self.depot_app.session
        return self.who is not None and session is not None and self.who[0] == session.actor.user_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        table_keys = ("sort", "queue", "export", "close_month", "enter_event", "praise", "rules")
        if action in table_keys:
            return self.who is None
        if action == "appeal":
            return self.own
        return True

    def load(self, actor: Actor) -> list[Any]:
        if self.who is None:
            table, self.history = scoring.history(actor, self.month)
            self.praised = scoring.praised(actor, self.month)
            self.closed = scoring.month_closed(actor, self.month)
            return sorted(table, key=(lambda x: x.name) if self.by_name else (lambda x: (-x.total, x.name)))
        table = (
            scoring.month_table(actor, self.month)
            if self.own
            else [x for x in scoring.month_table(actor, self.month) if x.user_id == self.who[0]]
        )
        self.line = next((x for x in table if x.user_id == self.who[0]), None)
        return scoring.events(actor, self.who[0], self.month)

    def list_title(self) -> str:
        if self.who is None:
            pending = sum(x.pending for x in self.items)
            appeals = sum(x.appeals for x in self.items)
            return t(
                "score.title_closed" if self.closed else "score.title",
                month=self.month,
                pending=pending,
                appeals=appeals,
                order=t("score.by_name" if self.by_name else "score.by_total"),
            )
        line = self.line
        if line is None:
            return t("score.clerk_title_none", month=self.month, name=self.who[1])
        return t(
            "score.clerk_title",
            month=self.month,
            name=self.who[1],
            total=_total(line.total),
            grade=line.grade,
            deductions=_points(line.deductions + line.lateness),
            bonus=_points(line.bonus),
            money=f"{line.money:+.0f}",
        )

    def row(self, item: Any) -> tuple[object, ...]:
        if self.who is None:
            line: scoring.ClerkMonth = item
            name = line.name + ("★" if line.user_id in self.praised else "")
            return (
                plain(printing.fit(name, 8)[0]),
                _total(line.total),
                line.grade,
                _points(line.deductions),
                _points(line.lateness),
                _points(line.bonus),
                str(line.pending or ""),
                str(line.appeals or ""),
                f"{line.money:+.0f}",
                sparkline(self.history.get(line.user_id, [])),
            )
        event: scoring.EventLine = item
        return (
            f"{event.occurred_at:%m-%d}",
            event.code,
            plain(printing.fit(rule_name(event), 24)[0]),
            _points(event.points),
            event_state(event),
            plain(printing.fit(event.waybill or event.manifest or event.note, 16)[0]),
        )

    def action_month(self, step: int) -> None:
        self.month = _shift_month(self.month, step)
        self.refresh_items()

    def action_sort(self) -> None:
        self.by_name = not self.by_name
        self.refresh_items()

    def action_open_item(self) -> None:
        item = self.highlighted()
        if item is None:
            return
        if self.who is None:
            self.app.push_screen(ScoreScreen((item.user_id, item.name), self.month))
        else:
            self.app.push_screen(EventScreen(item, "read"))

    def action_queue(self) -> None:
        self.app.push_screen(QueueScreen())

    def action_export(self) -> None:
        self.app.push_screen(ExportScreen(self.month))

    @work(exclusive=True, group="score-close")
    async def action_close_month(self) -> None:
        """Close the month shown; on a closed month, reopen it (an administrator, with a reason)."""
        app = self.depot_app
        try:
            if self.closed:
                reason = await app.push_screen_wait(
                    ReasonScreen(t("score.reopen_title", month=self.month), t("score.reopen_body"))
                )
                if reason is None:
                    return
                await app.call(scoring.reopen_month, app.actor, self.month, reason)
                done = t("score.reopened", month=self.month)
            else:
                if not await app.confirm("score.close_title", "score.close_body", month=self.month):
                    return
                await app.call(scoring.close_month, app.actor, self.month)
                done = t("score.closed", month=self.month)
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            app.bell()
            return
        app.notify(done, timeout=8)
        self.refresh_items()

    @work(exclusive=True, group="score-praise")
    async def action_praise(self) -> None:
        """The highlighted clerk praised this month (a clean month is then +10, not +6), or not."""
        app, line = self.depot_app, self.highlighted()
        if line is None:
            return
        try:
            await app.call(
                scoring.praise, app.actor, line.user_id, self.month, line.user_id not in self.praised
            )
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            app.bell()
            return
        self.refresh_items()

    @work(exclusive=True, group="score-enter")
    async def action_enter_event(self) -> None:
        line = self.highlighted()
        if await self.depot_app.push_screen_wait(EnterEventScreen(self.items, line)):
            self.refresh_items()

    def action_rules(self) -> None:
        self.app.push_screen(RulesScreen())

    @work(exclusive=True, group="score-appeal")
    async def action_appeal(self) -> None:
        app, event = self.depot_app, self.highlighted()
        if event is None or not self.own:
            return
        if not event.appealable:
            self.say(t("score.not_appealable"))
            app.bell()
            return
        reason = await app.push_screen_wait(
            ReasonScreen(t("score.appeal_title", rule=rule_name(event)), t("score.appeal_body"))
        )
        if reason is None:
            return
        try:
            await app.call(scoring.appeal, app.actor, event.id, reason)
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            app.bell()
            return
        app.notify(t("score.appealed"), timeout=8)
        self.refresh_items()


class QueueScreen(ListScreen):
    """What waits for the supervisor, oldest first: y confirms a proposal (or upholds an
    appealed event), n rejects it (or overturns it) with the reason typed; Enter reads it."""

    screen_id = "score-queue"
    title_key = "screen.score_queue"
    help_key = "help.score_queue"
    list_title_key = "score.queue_title"
    columns_key = "score.queue_columns"
    empty_key = "score.queue_none"
    screen_keys: list[KeyAction] = [BACK, OPEN, CONFIRM, REJECT]

    def load(self, actor: Actor) -> list[scoring.EventLine]:
        return scoring.queue(actor)

    def list_title(self) -> str:
        return t(self.list_title_key, count=len(self.items))

    def row(self, event: scoring.EventLine) -> tuple[object, ...]:
        what = t("score.queue_appeal") if event.appeal_status == "open" else t("score.queue_proposal")
        return (
            f"{event.occurred_at:%m-%d}",
            plain(printing.fit(event.user_name, 6)[0]),
            event.code,
            plain(printing.fit(rule_name(event), 20)[0]),
            _points(event.points),
            what,
            plain(printing.fit(event.waybill or event.manifest or event.note, 20)[0]),
        )

    def action_open_item(self) -> None:
        event = self.highlighted()
        if event is not None:
            self.app.push_screen(EventScreen(event, "read"))

    @work(exclusive=True, group="score-decide")
    async def action_decide(self, yes: bool) -> None:
        """y / n on the highlighted line. Confirming a proposal records the evidence as the
        reason; rejecting, and either answer to an appeal, asks for the reason."""
        app, event = self.depot_app, self.highlighted()
        if event is None:
            return
        actor = app.actor
        appealed = event.appeal_status == "open"
        reason: str | None
        if yes and not appealed:
            reason = t("score.confirm_reason", note=event.note or event.code)[:200]
        else:
            if appealed:
                title = "score.uphold_title" if yes else "score.overturn_title"
                body = t("score.appeal_reason_line", reason=event.appeal_reason)
            else:
                title, body = "score.reject_title", t("score.reason_body")
            reason = await app.push_screen_wait(
                ReasonScreen(t(title, name=event.user_name, rule=rule_name(event)), body)
            )
            if reason is None:
                return
        try:
            if appealed:
                appeal_id = await app.call(scoring.open_appeal, actor, event.id)
                await app.call(scoring.decide_appeal, actor, appeal_id, not yes, reason)
            else:
                await app.call(scoring.decide, actor, event.id, yes, reason)
        except ServiceError as exc:
            self.say(t(exc.key, **exc.params))
            app.bell()
            return
        self.refresh_items()  # the decided line leaves; the cursor is on the next, oldest first


class EventScreen(FormDialog):
    """One event whole: the rule, points, when, what it refers to, the decision and any
    appeal. w opens its waybill, h its handover."""

    BINDINGS = [
        Binding("enter", "cancel", show=False),
        Binding("w", "waybill", show=False),
        Binding("h", "handover", show=False),
    ]

    def __init__(self, event: scoring.EventLine, mode: str) -> None:
        super().__init__()
        self.event = event

    def compose(self) -> ComposeResult:
        e = self.event
        lines = [
            t("score.event_rule", code=e.code, rule=rule_name(e), points=_points(e.points)),
            t(
                "score.event_when",
                name=e.user_name,
                at=f"{e.occurred_at:%Y-%m-%d %H:%M}",
                source=t(f"score.source.{e.source}"),
            ),
        ]
        if e.note:
            lines.append(t("score.event_note", note=e.note))
        if e.waybill:
            lines.append(t("score.event_waybill", number=e.waybill))
        if e.manifest:
            lines.append(t("score.event_manifest", number=e.manifest))
        if e.handover_id:
            lines.append(t("score.event_handover"))
        lines.append(t("score.event_state", state=event_state(e)))
        if e.decided_by:
            lines.append(t("score.event_decided", name=e.decided_by, reason=e.decision_reason))
        if e.appeal_status:
            lines.append(t("score.event_appeal", reason=e.appeal_reason))
            if e.appeal_decision:
                lines.append(t("score.event_appeal_decided", reason=e.appeal_decision))
        with Vertical(classes="dialog", id="event-view"):
            yield Static(t("score.event_title"), classes="dialog-title")
            yield Static(plain_lines([part for line in lines for part in printing.fit(line, 66)]))
            yield FieldMessage(id="dialog-message")
            keys = [t("score.event_keys")]
            if e.waybill:
                keys.append(t("score.event_keys_waybill"))
            if e.handover_id:
                keys.append(t("score.event_keys_handover"))
            yield Static("　".join(keys), classes="dialog-keys")

    def action_waybill(self) -> None:
        from .search import WaybillDetailScreen

        if self.event.waybill:
            self.dismiss(None)
            self.app.push_screen(WaybillDetailScreen(self.event.waybill))

    def action_handover(self) -> None:
        from .handover import HandoverReadScreen

        if self.event.handover_id:
            self.dismiss(None)
            self.app.push_screen(HandoverReadScreen(self.event.handover_id))


class ExportScreen(FormDialog):
    """The month to the outbox for payroll: CSV or XLSX."""

    labels_prefix = "score"

    def __init__(self, month: str) -> None:
        super().__init__()
        self.month = month

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-form"):
            yield Static(t("score.export_title", month=self.month), classes="dialog-title")
            yield from self.row("format", Choice([("xlsx", "XLSX"), ("csv", "CSV")], id="format"))
            yield FieldMessage(id="dialog-message")
            yield Static(t("score.export_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#format", Choice).focus()

    @work(exclusive=True, group="score-export")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            done = await app.call(
                scoring.export,
                app.actor,
                self.month,
                self.query_one("#format", Choice).value,
                app.config.outbox,
                language(),
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        app.notify(plain(t("register.written", path=str(done.path))), timeout=8)
        self.dismiss(True)


class EnterEventScreen(FormDialog):
    """A fault or bonus the supervisor saw herself: the clerk, the rule, the day, what it
    refers to (a waybill or a truck run), and the note. It counts at once."""

    labels_prefix = "score"

    def __init__(self, clerks: list[scoring.ClerkMonth], chosen: scoring.ClerkMonth | None) -> None:
        super().__init__()
        self.clerks, self.chosen = clerks, chosen

    def compose(self) -> ComposeResult:
        options = [(str(c.user_id), c.name) for c in self.clerks]
        with Vertical(classes="dialog", id="enter-form"):
            yield Static(t("score.enter_title"), classes="dialog-title")
            chosen = str(self.chosen.user_id) if self.chosen else None
            yield from self.row("user", Choice(options, chosen, id="user"))
            yield from self.row("code", Field(id="code", max_length=8))
            yield from self.row("day", Field(f"{clock.now():%Y-%m-%d}", id="day", max_length=10))
            yield from self.row("waybill", Field(id="waybill", max_length=20))
            yield from self.row("manifest", Field(id="manifest", max_length=20))
            yield from self.row("note", Field(id="note", max_length=200, enter_advances=False))
            yield FieldMessage(id="dialog-message")
            yield Static(t("score.enter_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#code", Field).focus()

    def value(self, name: str) -> str:
        return value_of(self, name)

    @on(Input.Submitted, "#note")
    def _last_field(self) -> None:
        self.action_save()

    @work(exclusive=True, group="score-enter-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(
                scoring.enter,
                app.actor,
                self.value("code"),
                int(self.value("user")),
                self.value("day"),
                self.value("note"),
                waybill=self.value("waybill"),
                manifest=self.value("manifest"),
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)


class RulesScreen(ListScreen):
    """The rules as they stand today (R-5, R-6): code, name, points, how they count, from when.
    Enter changes one's points from a day on; closed months keep what they were paid."""

    screen_id = "score-rules"
    title_key = "screen.score_rules"
    help_key = "help.score_rules"
    list_title_key = "score.rules_title"
    columns_key = "score.rules_columns"
    empty_key = "score.none"
    screen_keys: list[KeyAction] = [BACK, EDIT_RULE]

    def load(self, actor: Actor) -> list[Any]:
        return scoring.rules_on(clock.now().date())

    def row(self, rule: Any) -> tuple[object, ...]:
        name = rule.name_zh if language() == "zh" else rule.name_en
        return (
            rule.code,
            plain(printing.fit(name, 34)[0]),
            _points(Decimal(str(rule.points))),
            t(f"score.unit.{rule.unit}"),
            f"{rule.valid_from:%Y-%m-%d}",
        )

    @work(exclusive=True, group="score-rule")
    async def action_open_item(self) -> None:  # type: ignore[override]  # an action may be a worker
        rule = self.highlighted()
        if rule is not None and await self.depot_app.push_screen_wait(RuleFormScreen(rule)):
            self.refresh_items()


class RuleFormScreen(FormDialog):
    labels_prefix = "score"

    def __init__(self, rule: Any) -> None:
        super().__init__()
        self.rule = rule

    def compose(self) -> ComposeResult:
        rule = self.rule
        name = rule.name_zh if language() == "zh" else rule.name_en
        with Vertical(classes="dialog", id="rule-form"):
            yield Static(plain(t("score.rule_title", code=rule.code, name=name)), classes="dialog-title")
            yield from self.row("points", Field(f"{rule.points}", id="points", max_length=6))
            first_next = _shift_month(f"{clock.now():%Y-%m}", 1) + "-01"
            yield from self.row(
                "from_day", Field(first_next, id="from_day", max_length=10, enter_advances=False)
            )
            yield FieldMessage(id="dialog-message")
            yield Static(t("score.rule_keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#points", Field).focus()

    @on(Input.Submitted, "#from_day")
    def _last_field(self) -> None:
        self.action_save()

    @work(exclusive=True, group="score-rule-save")
    async def action_save(self) -> None:
        app = self.depot_app
        try:
            await app.call(
                scoring.change_rule,
                app.actor,
                self.rule.code,
                self.query_one("#points", Field).value,
                self.query_one("#from_day", Field).value,
            )
        except ServiceError as exc:
            self.refuse(exc)
            return
        self.dismiss(True)
