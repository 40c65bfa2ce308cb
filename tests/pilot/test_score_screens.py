"""F7 by keys at GZ on the demo's November: 陈静 decides what waits for her and exports the
month for payroll; 张三 sees his own month only and appeals a deduction. What the keys did must
be what the score events, the appeal, the file and the audit trail say."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook
from support import DEMO_NOW, log_in_as, screen_text, wait_for

from depot_tui.app import DepotApp
from depot_tui.models import Appeal, AuditLog, ScoreEvent, User, database_proxy
from depot_tui.screens.dialogs import ReasonScreen
from depot_tui.screens.score import ClerkScoreScreen, EventScreen, ExportScreen, QueueScreen, ScoreScreen
from depot_tui.services import auth, scoring

SIZE = (80, 24)
MONTH = f"{DEMO_NOW:%Y-%m}"


def setup_month() -> dict[str, int]:
    """Three proposals the other screens would have made this month: 张三 notified late (F15,
    −1), 李四's pieces short at arrival (F10, −2), 王五's handover not done (F20, −2)."""
    with database_proxy.connection_context():
        chen = auth.login("chenjing", "depot123", terminal="setup", pid=1).actor
        ids = {}
        for code, name, day in (("F15", "zhangsan", 20), ("F10", "lisi", 21), ("F20", "wangwu", 22)):
            clerk = User.get(User.username == name)
            ids[code] = scoring.propose(
                chen,
                code,
                user_id=clerk.id,
                depot_id=chen.depot_id,
                note=f"{code} 演示依据",
                at=DEMO_NOW.replace(day=day, hour=10),
            ).id
        auth.logout(chen)
        return ids


async def test_a_supervisor_decides_the_queue_by_keys_and_exports_the_month(demo_config):
    """陈静's F7, Ctrl+D: the queue holds the three proposals and the demo's short lateness
    (A01, gathered from the shifts as the queue opens), oldest first. She rejects the first
    with a reason typed (n), confirms every other one with y alone (the evidence is the
    reason), and the queue is empty. Back on F7 the table agrees:
    - 张三: F15 −1, his two short late mornings confirmed (A01, 2 times: no points, but no
      full attendance) → 100 − 1 = 99;
    - 李四: F10 −2, on time every shift → 100 − 2 + 5 (B03) = 103; 王五 likewise with F20.
    (The first in the queue, rejected, is 张三's oldest A01.) Ctrl+E writes the month as
    XLSX and as CSV, and both say the same as the table."""
    ids = setup_month()
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "chenjing")
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreScreen) and app.screen.items)
        table = app.screen
        await pilot.press("ctrl+d")
        await wait_for(pilot, lambda: isinstance(app.screen, QueueScreen) and app.screen.items)
        queue = app.screen
        waiting = len(queue.items)
        assert waiting > 3 and {e.code for e in queue.items} >= {"F15", "F10", "F20", "A01"}
        first = queue.items[0]
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ReasonScreen))
        await pilot.press(*"打卡机慢了三分钟", "enter")
        await wait_for(pilot, lambda: app.screen is queue and len(queue.items) == waiting - 1)
        for left in range(waiting - 2, -1, -1):
            await pilot.press("y")
            await wait_for(pilot, lambda left=left: len(queue.items) == left and not queue.workers)
        assert "没有待处理的考核" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is table)
        await wait_for(pilot, lambda: {x.name: x.total for x in table.items}.get("李四") == Decimal(103))
        totals = {x.name: x.total for x in table.items}
        assert totals == {"张三": Decimal(99), "李四": Decimal(103), "王五": Decimal(103)}
        for fmt in ("1", "2"):
            await pilot.press("ctrl+e")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
            await pilot.press(fmt, "f10")
            await wait_for(pilot, lambda: app.screen is table)
        await wait_for(pilot, lambda: (demo_config.outbox / f"score-GZ-{MONTH}.csv").exists())

    with database_proxy.connection_context():
        rejected = ScoreEvent.get_by_id(first.id)
        assert (rejected.status, rejected.decision_reason) == ("rejected", "打卡机慢了三分钟")
        for event_id in ids.values():
            event = ScoreEvent.get_by_id(event_id)
            assert event.status == "confirmed" and event.decision_reason.startswith("核实属实")
        assert ScoreEvent.select().where(ScoreEvent.status == "proposed").count() == 0
        decided = AuditLog.select().where(AuditLog.action.in_(["score.confirm", "score.reject"])).count()
        assert decided == waiting
    book = load_workbook(demo_config.outbox / f"score-GZ-{MONTH}.xlsx")
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:4] == ("工号", "姓名", "总分", "等级")
    assert {r[1]: r[2] for r in rows[1:4]} == {"张三": 99, "李四": 103, "王五": 103}
    text = (demo_config.outbox / f"score-GZ-{MONTH}.csv").read_bytes().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert {r[1]: r[2] for r in lines[1:4]} == {"张三": "99", "李四": "103", "王五": "103"}
    assert any(r[2] == "F15" and r[6] == "confirmed" for r in lines[5:])  # (r[5]: the money liable)


async def test_a_clerk_sees_only_his_own_month_and_appeals_a_deduction(demo_config):
    """张三's F15 was confirmed this morning. His F7 shows his own month only: his score in
    the title (100 − 1 + 5 for full attendance, nothing else being confirmed), his events,
    no other clerk's name anywhere, no supervisor's keys. Enter reads the event with its
    evidence; A on it asks why and files the appeal, which then shows on
    the line; a second A is refused (already under appeal)."""
    ids = setup_month()
    with database_proxy.connection_context():
        chen = auth.login("chenjing", "depot123", terminal="setup", pid=1).actor
        scoring.decide(chen, ids["F15"], True, "电话记录显示超过 24 小时")
        scoring.decide(chen, ids["F10"], True, "到站清点少 1 件")
        auth.logout(chen)
    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "zhangsan")
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ClerkScoreScreen) and app.screen.items)
        own = app.screen
        text = screen_text(app)
        assert "张三" in text and "李四" not in text and "王五" not in text
        assert [e.code for e in own.items] == ["F15"] and own.line.total == Decimal(104)  # 100 − 1 + 5
        actions = {active.binding.action for active in own.active_bindings.values()}
        assert "queue" not in actions and "export" not in actions  # none of the supervisor's keys
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EventScreen))
        assert "电话记录显示超过 24 小时" in screen_text(app) and "F15 演示依据" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is own)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ReasonScreen))
        await pilot.press(*"客户电话停机有通话记录", "enter")
        await wait_for(
            pilot, lambda: app.screen is own and own.items and own.items[0].appeal_status == "open"
        )
        assert "申诉中" in str(own.query_one("#list").get_row_at(0))
        await pilot.press("a")
        await wait_for(pilot, lambda: "不能申诉" in screen_text(app))

    with database_proxy.connection_context():
        appeal = Appeal.get(Appeal.event == ids["F15"])
        assert (appeal.status, appeal.reason, appeal.by.username) == (
            "open",
            "客户电话停机有通话记录",
            "zhangsan",
        )
        assert appeal.at == DEMO_NOW and Appeal.select().count() == 1


async def test_a_supervisor_enters_a_fault_praises_a_clerk_and_changes_a_rule(demo_config):
    """陈静 on F7: Ctrl+N on 李四 enters a customer's complaint against him (F19 typed in
    lower case, a note): it counts at once, 100 − 3 + 5 = 102. Ctrl+T on 张三 marks
    him praised: his clean month is +10 instead of +6 (100 + 10 + 5 = 115). Ctrl+R, Enter on
    A02: its points become −3 from the first of next month; a blank is refused at the field
    first. Each is what the database and the audit trail then hold."""
    from depot_tui.models import ScoreMonth, ScoreRule
    from depot_tui.screens.score import EnterEventScreen, RuleFormScreen, RulesScreen

    app = DepotApp(demo_config)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_as(pilot, "chenjing")
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ScoreScreen) and len(app.screen.items) == 3)
        table = app.screen
        zhang = next(n for n, x in enumerate(table.items) if x.name == "张三")
        await pilot.press("home", *["down"] * zhang, "ctrl+t")
        await wait_for(pilot, lambda: {x.name: x.total for x in table.items}.get("张三") == Decimal(115))
        li = next(n for n, x in enumerate(table.items) if x.name == "李四")
        await pilot.press("home", *["down"] * li, "ctrl+n")  # the form takes the highlighted clerk
        await wait_for(pilot, lambda: isinstance(app.screen, EnterEventScreen) and app.focused.id == "code")
        assert app.screen.query_one("#user").label == "李四"
        await pilot.press(*"f19", "enter", "enter", "enter", "enter", "enter", *"客户投诉接电话态度差", "f10")
        await wait_for(
            pilot,
            lambda: (
                app.screen is table and {x.name: x.total for x in table.items}.get("李四") == Decimal(102)
            ),
        )
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, RulesScreen) and app.screen.items)
        rules = app.screen
        row = next(n for n, r in enumerate(rules.items) if r.code == "A02")
        await pilot.press("home", *["down"] * row, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RuleFormScreen))
        await pilot.press("ctrl+u", "f10")
        await wait_for(pilot, lambda: "分值" in str(app.screen.query_one("#dialog-message").render()))
        await pilot.press(*"-3", "f10")
        await wait_for(pilot, lambda: app.screen is rules)

    with database_proxy.connection_context():
        complaint = ScoreEvent.get(ScoreEvent.source == "manual")
        assert (complaint.user.username, complaint.rule.code, complaint.status, complaint.note) == (
            "lisi",
            "F19",
            "confirmed",
            "客户投诉接电话态度差",
        )
        zhang_id = User.get(User.username == "zhangsan").id
        assert ScoreMonth.get(ScoreMonth.month == MONTH).praised == f"[{zhang_id}]"
        newest = ScoreRule.select().where(ScoreRule.code == "A02").order_by(ScoreRule.valid_from.desc()).get()
        assert (newest.points, f"{newest.valid_from:%Y-%m-%d}") == (Decimal(-3), "2026-12-01")
        actions = {a.action for a in AuditLog.select().where(AuditLog.action.startswith("score."))}
        assert {"score.enter", "score.praise", "score.rule_change"} <= actions
