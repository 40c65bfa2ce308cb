"""The supervisor's queue: proposals and appeals, oldest first, confirmed or rejected with a
reason.
"""

from __future__ import annotations

from textual import work

from ...i18n import t
from ...keys import BACK, KeyAction
from ...services import depots, printing, scoring
from ...services.actor import Actor
from ...services.errors import ServiceError
from ...widgets.safe import plain
from ..dialogs import ReasonScreen
from ..lists import ListScreen
from .common import CONFIRM, OPEN, REJECT, _points, note_of, rule_name
from .event import EventScreen


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
            plain(printing.fit(event.waybill or event.manifest or note_of(event), 20)[0]),
        )

    def action_open_item(self) -> None:
        event = self.highlighted()
        if event is not None:
            self.app.push_screen(EventScreen(event))

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


UPHOLD = KeyAction("uphold", "y", "decide(True)", "key.uphold")
OVERTURN = KeyAction("overturn", "n", "decide(False)", "key.overturn")


class AppealsScreen(QueueScreen):
    """HR's F7: every depot's appeals, oldest first; y upholds the deduction, n overturns it,
    each with the reason."""

    screen_id = "score"  # HR's F7: F7 again does not open it twice
    screen_keys: list[KeyAction] = [BACK, OPEN, UPHOLD, OVERTURN]
    title_key = "screen.appeals"
    help_key = "help.appeals"
    list_title_key = "appeals.title"
    columns_key = "appeals.columns"
    empty_key = "appeals.none"

    def load(self, actor: Actor) -> list[scoring.EventLine]:
        self.depots = depots.codes()
        return scoring.appeals(actor)

    def row(self, event: scoring.EventLine) -> tuple[object, ...]:
        return (
            f"{event.occurred_at:%m-%d}",
            self.depots.get(event.depot_id, ""),
            plain(printing.fit(event.user_name, 6)[0]),
            event.code,
            plain(printing.fit(rule_name(event), 16)[0]),
            _points(event.points),
            plain(printing.fit(event.appeal_reason, 20)[0]),
        )
