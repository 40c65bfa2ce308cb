"""Roles on every write: a clerk's session is refused whatever only a supervisor or an
administrator may do, however the call is reached (a screen, a script, a forgotten path)."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil

import pytest

import depot_tui.services as services_package
from depot_tui.models import Role, ScoreEvent, User
from depot_tui.services import auth, scoring
from depot_tui.services.errors import PermissionDenied

#: Public service functions that take the actor and that a clerk may call, by what they are.
#: A new function that takes an actor must be put here or be given @requires: this test
#: fails until it is, so a supervisor's write cannot slip in unchecked.
CLERK_MAY = {
    # reads of the clerk's own depot and work
    "arrival": {"counts", "incoming", "summary"},
    "delivery": {"deliveries", "to_deliver"},
    "handover": {"blocking_issue", "detail", "log", "pending", "run", "summary"},
    "home": {"figures"},
    "lookup": {"place_index"},
    "loading": {"counts", "manifest_text", "run", "runs", "stock", "summary"},
    "pickup": {"at_counter", "find", "to_notify"},
    "printing": {"reprint"},  # the outbox: a slip the printer jammed on, printed again
    "receipts": {"receipts"},
    "registers": {"build", "output", "view"},
    "search": {"detail", "find"},
    "transfers": {"to_transfer"},
    "waybills": {
        "check_on_duty",
        "destination",
        "agreed",  # the shipper's agreed price on the form's rates
        "form_context",
        "get",
        "latest_draft",
        "preview",
        "quote",
        "recent",  # the caller's quotes, read back at the counter
        "recheck",
        "unacknowledged",
    },
    "goods": {"keywords"},
    "exceptions": {"listing", "log", "read", "unseen"},  # the depot's exceptions and service log, read
    "tracking": {"late"},  # the late list, read
    "prices": {"depot_for", "export_table", "table_on"},  # the price table, read (R-5.8: billed by it)
    "readiness": {"missing"},
    "customers": {"agreements", "find"},  # the customers, read
    "partners": {"lines"},  # the partner lines, read (the form offers them)
    "routes": {"lines"},  # this depot's routes, read
    "settings": {"lines"},  # the settings, read
    "customers_w": {"credit_refused"},  # the counter's check, inside issue
    # the counter and the dock: a clerk's own work
    "arrival_w": {"finish", "mark_damaged", "scan", "start"},
    "delivery_w": {"delivered", "failed", "plan"},
    "handover_w": {
        "accept",
        "add_item",
        "keep",
        "keep_disputes",
        "ready",
        "remove_item",
        "start",
        "submit",
        "update_item",
    },
    "loading_w": {"create_run", "depart", "plan", "reprint", "scan", "set_note", "take", "unload"},
    "pickup_w": {"notify", "pickup", "release"},
    "receipts_w": {"step"},
    "transfers_w": {"register"},
    "waybills_w": {"acknowledge", "correct", "discard_draft", "issue", "reprint", "reweigh", "save_draft"},
    "recovery_w": {"save"},
    # the finder reports (SOP 004 ch.3) and follows up; the clerk at the phone logs and answers
    "exceptions_w": {"answer", "note", "report", "take"},
    "tracking_w": {"tell"},  # late goods: the clerk tells the shipper and the consignee
    "accounts": {"print_statement", "receivables", "statement_text", "statements"},  # monthly accounts, read
    # customer service draws up, sends and follows a statement (finance's check is a supervisor's)
    "accounts_w": {"confirm", "dispute", "draw_up", "invoice", "pay", "send", "settle"},
    "money_w": {"take"},  # money paid toward the freight at the counter (a refund is a supervisor's)
    # one's own account and session
    "auth_w": {"change_password", "logout"},
    # checked inside: own month only, own events only, system-seen faults only
    "scoring_w": {"appeal", "events", "month_closed", "month_table", "propose", "tell", "told_lines"},
    # the real-name uploads a clerk made, marked or read from the app's export
    "uploads": {"listing", "today"},
    "uploads_w": {"import_file", "mark"},
    # one's own leave, going out and overtime (R-6.11: the clerk asks)
    "leave_w": {"ask", "ask_typed", "mine", "withdraw"},
    # proposed by the system while a clerk works (faults the clerk's own work shows)
    "handover_s": {"propose_missed"},
    "pickup_s": {"propose_late_notices"},
    # the machinery every write uses inside its own transaction
    "audit_w": {"record", "record_many"},
    "shifts_w": {"clock_in", "clock_out"},
}


def _allowed(module: str) -> set[str]:
    return set().union(*(names for key, names in CLERK_MAY.items() if key.split("_")[0] == module))


def _actor_functions():
    """(area, name, function) of every public service function taking the actor, in every
    module of services/ and of its packages (services/waybills/issue.py is area waybills)."""
    prefix = services_package.__name__ + "."
    for info in pkgutil.walk_packages(services_package.__path__, prefix):
        module = importlib.import_module(info.name)
        area = info.name.removeprefix(prefix).split(".")[0]
        for name, func in inspect.getmembers(module, inspect.isfunction):
            if func.__module__ == module.__name__ and not name.startswith("_"):
                params = list(inspect.signature(func).parameters)
                if params and params[0] == "actor":
                    yield area, name, func


def test_every_function_a_clerk_may_not_call_refuses_a_clerk(demo_db):
    """Every public service function that takes the acting user either is listed above as
    a clerk's, or refuses a clerk's session before it reads its other arguments. Before this,
    `scoring.propose` took anyone (a clerk could queue a +10 for himself), and so did
    `propose_attendance` and `seed.install_reference_data`."""
    clerk = auth.login("zhangsan", "depot123", terminal="pts/1", pid=os.getpid()).actor
    unlisted, unrefused = [], []
    for module, name, func in _actor_functions():
        if name in _allowed(module):
            continue
        roles = getattr(func, "required_roles", None)
        if roles is None:
            unlisted.append(f"{module}.{name}")
            continue
        assert Role.CLERK not in roles, f"{module}.{name} lists the clerk: put it in CLERK_MAY"
        arity = len(inspect.signature(func).parameters) - 1
        try:
            func(clerk, *([None] * arity))
        except PermissionDenied:
            continue
        except Exception:  # noqa: BLE001 - anything but the refusal means it was not checked first
            pass
        unrefused.append(f"{module}.{name}")
    assert unlisted == [] and unrefused == []


def test_a_refusal_names_the_role_in_words(demo_db):
    """A clerk refused a supervisor's work reads 您的角色（开单员）, not the stored code
    (您的角色（clerk）)."""
    from depot_tui.i18n import t
    from depot_tui.services import scoring

    clerk = auth.login("zhangsan", "depot123", terminal="pts/1", pid=os.getpid()).actor
    try:
        scoring.close_month(clerk, "2026-10")
    except PermissionDenied as exc:
        refusal = exc
    else:
        raise AssertionError("a clerk closed a month")
    assert "您的角色（开单员）" in t(refusal.key, **refusal.params)


def test_the_list_names_only_functions_that_exist():
    """A name left in CLERK_MAY after its function went would hide nothing, but would mislead."""
    present = {(module, name) for module, name, _ in _actor_functions()}
    listed = {(key.split("_")[0], name) for key, names in CLERK_MAY.items() for name in names}
    assert listed - present == set()


def test_a_clerk_cannot_propose_a_bonus_for_himself(demo_db):
    """Finding 7: a clerk's session proposed B01 (+10) for itself into the supervisor's queue.
    A clerk's session proposes only the faults the system sees in its work; a supervisor may
    propose anything."""
    clerk = auth.login("zhangsan", "depot123", terminal="pts/1", pid=os.getpid()).actor
    queued = ScoreEvent.select().count()
    for code in ("B01", "B02", "F19"):
        with pytest.raises(PermissionDenied):
            scoring.propose(clerk, code, user_id=clerk.user_id, depot_id=clerk.depot_id, note="me")
    assert ScoreEvent.select().count() == queued
    event = scoring.propose(clerk, "F08", user_id=clerk.user_id, depot_id=clerk.depot_id, note="below table")
    assert event.points < 0
    chen = auth.login("chenjing", "depot123", terminal="pts/2", pid=os.getpid()).actor
    lisi = User.get(User.username == "lisi")
    assert scoring.propose(chen, "B01", user_id=lisi.id, depot_id=chen.depot_id, note="表扬").points > 0
