"""One score event read whole; W opens its waybill, H its handover."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ...i18n import t
from ...keys import bindings, dialog_key
from ...services import printing, scoring
from ...widgets.fields import FieldMessage
from ...widgets.safe import plain_lines
from ..dialogs import FormDialog
from .common import _points, event_state, note_of, rule_name


class EventScreen(FormDialog):
    """One event whole: the rule, points, when, what it refers to, the decision and any
    appeal. w opens its waybill, h its handover."""

    BINDINGS = bindings(
        [
            dialog_key("event.cancel", "enter", "cancel"),
            dialog_key("event.waybill", "w", "waybill"),
            dialog_key("event.handover", "h", "handover"),
        ]
    )

    def __init__(self, event: scoring.EventLine) -> None:
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
            lines.append(t("score.event_note", note=note_of(e)))
        if e.waybill:
            lines.append(t("score.event_waybill", number=e.waybill))
        if e.manifest:
            lines.append(t("score.event_manifest", number=e.manifest))
        if e.handover_id:
            lines.append(t("score.event_handover"))
        lines.append(t("score.event_state", state=event_state(e)))
        if e.decided_by:
            lines.append(t("score.event_decided", name=e.decided_by, reason=e.decision_reason))
        if e.until is not None:
            lines.append(t("score.until", until=f"{e.until:%m-%d}"))
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
        if self.event.waybill:
            self.dismiss(None)
            self.depot_app.open_waybill(self.event.waybill)

    def action_handover(self) -> None:
        if self.event.handover_id:
            self.dismiss(None)
            self.depot_app.open_handover(self.event.handover_id)
