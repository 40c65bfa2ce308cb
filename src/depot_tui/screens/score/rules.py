"""The score rules in force (R-5, R-6), and changing a rule's points from a day on."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ...i18n import language, t
from ...keys import BACK, KeyAction
from ...services import clock, printing, scoring
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.fields import Field, FieldMessage
from ...widgets.safe import plain
from ..dialogs import FormDialog
from ..lists import ListScreen
from .common import EDIT_RULE, _points, _shift_month


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
