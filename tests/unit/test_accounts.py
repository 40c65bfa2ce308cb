"""Monthly accounts (月结对账, SOP 004 ch.7; issue 24, part 3): a customer's statement drawn up,
checked, sent, disputed and put right, confirmed, invoiced and paid; what monthly customers owe
by age. Without it 月结 money was never recorded: nobody could say what a customer owed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import DEMO_NOW
from test_waybills import good_form, login

from depot_tui.models import Customer, Payment, Statement, StatementLine, Waybill
from depot_tui.services import accounts, auth, clock, money, waybills
from depot_tui.services.errors import FormError, PermissionDenied, ServiceError

PHONE = "15018845523"  # 黄丽华, the worked example's shipper, made a monthly account below


def _five_monthly(clerk, tmp_path) -> list[Waybill]:  # noqa: ANN001
    Customer.update(monthly_account=True).where(Customer.phone == PHONE).execute()
    out = []
    for weight in ("120", "100", "80", "60", "40"):
        number = waybills.issue(
            clerk, good_form(payment="monthly", weight=weight), shipper_confirmed=True, outbox=tmp_path
        ).number
        out.append(Waybill.get(Waybill.number == number))
    Customer.update(credit_limit=Decimal("900")).where(Customer.phone == PHONE).execute()  # (passed since)
    return out


def test_a_statement_goes_from_drawn_up_to_paid_with_a_dispute_put_right(clerk, tmp_path):
    """Five 月结 waybills; the statement holds all five at their totals. The customer disputes
    one (weighed wrong): the waybill is corrected (repriced) and the line settled at its new
    amount; confirmed, invoiced, paid by transfer: one payment per waybill, each waybill paid."""
    bills = _five_monthly(clerk, tmp_path)
    boss = login("chenjing")
    today = f"{DEMO_NOW:%Y-%m-%d}"
    sid = accounts.draw_up(clerk, PHONE, today, today)
    statement = Statement.get_by_id(sid)
    totals = [Decimal(str(w.total)) for w in bills]
    assert statement.total == sum(totals) and statement.number.startswith("DZGZ2611")
    with pytest.raises(PermissionDenied):
        accounts.check(clerk, sid)
    accounts.check(boss, sid)
    accounts.send(clerk, sid)
    accounts.dispute(clerk, sid, bills[0].number, "实际只有 110 kg")
    with pytest.raises(ServiceError) as caught:
        accounts.confirm(clerk, sid)  # not while disputed
    assert caught.value.key == "error.statement_step"
    waybills.correct(clerk, bills[0].number, {"weight": "110"}, "客户对账异议，复磅 110 kg", outbox=tmp_path)
    accounts.settle(clerk, sid, bills[0].number)
    corrected = Decimal(str(Waybill.get_by_id(bills[0].id).total))
    assert corrected == totals[0] - Decimal("8.00")  # 108.00 by weight became 100.00 by volume
    assert Statement.get_by_id(sid).total == sum(totals) - totals[0] + corrected
    accounts.confirm(clerk, sid)
    accounts.invoice(clerk, sid, "No.04417722")
    accounts.pay(clerk, sid, "bank", "HX20261123001")
    assert Statement.get_by_id(sid).status == "paid"
    paid = list(Payment.select().where(Payment.purpose == "account"))
    assert len(paid) == 5 and sum(Decimal(str(p.amount)) for p in paid) == Statement.get_by_id(sid).total
    assert all(
        money.owed(Waybill.get_by_id(w.id)).paid == Decimal(str(Waybill.get_by_id(w.id).total)) for w in bills
    )


def test_a_waybill_is_billed_once_and_an_empty_period_is_refused(clerk, tmp_path):
    """Drawn up twice for the same days, the second finds nothing left; a customer without a
    monthly account, a reversed range, are refused at their fields."""
    _five_monthly(clerk, tmp_path)
    today = f"{DEMO_NOW:%Y-%m-%d}"
    accounts.draw_up(clerk, PHONE, today, today)
    with pytest.raises(ServiceError) as caught:
        accounts.draw_up(clerk, PHONE, today, today)
    assert caught.value.key == "error.statement_empty"
    with pytest.raises(FormError) as caught:
        accounts.draw_up(clerk, "19973285431", today, "2026-11-01")
    assert [e.field for e in caught.value.errors] == ["end", "phone"]
    assert StatementLine.select().count() == 5


def test_receivables_by_age_and_over_the_credit_limit(clerk, tmp_path):
    """Five waybills, three drawn up 45 days later (31–60), two not yet on a statement: the
    customer owes all of it, over its 900.00 limit; paid, it owes only what is unbilled."""
    bills = _five_monthly(clerk, tmp_path)
    later = DEMO_NOW + dt.timedelta(days=45)
    for w in bills[3:]:  # issued after the statement's period
        Waybill.update(issued_at=later).where(Waybill.id == w.id).execute()
    with clock.at(later):
        sid = accounts.draw_up(clerk, PHONE, f"{DEMO_NOW:%Y-%m-%d}", f"{DEMO_NOW:%Y-%m-%d}")
    Statement.update(issued_at=DEMO_NOW - dt.timedelta(days=45)).where(Statement.id == sid).execute()
    (owed,) = [r for r in accounts.receivables(clerk) if r.phone == PHONE]
    billed = Statement.get_by_id(sid).total
    unbilled = sum(Decimal(str(w.total)) for w in bills[3:])
    assert owed.billed == (Decimal("0.00"), billed, Decimal("0.00"), Decimal("0.00"))
    assert (owed.unbilled, owed.total, owed.over_limit) == (unbilled, billed + unbilled, True)


def test_the_accountants_book_of_statements_says_what_the_database_holds(clerk, tmp_path):
    """对账单汇总 (exported for the accountant): each statement of the range with its amount,
    where it stands and its invoice, and the totals billed and paid, as the database has them."""
    import csv
    import io

    from depot_tui.services import registers

    _five_monthly(clerk, tmp_path)
    today = f"{DEMO_NOW:%Y-%m-%d}"
    sid = accounts.draw_up(clerk, PHONE, today, today)
    statement = Statement.get_by_id(sid)
    book = registers.build(clerk, "statements", today, today)
    [row] = list(csv.DictReader(io.StringIO(registers.csv_text(book))))
    assert (row["单号"], Decimal(row["金额"]), row["状态"], row["付款"]) == (
        statement.number,
        statement.total,
        "已出单",
        "",
    )
    assert book.total == f"共 1 张，金额 {statement.total:.2f} 元，已付 0.00 元"
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(registers.xlsx_bytes(book))).active
    cells = [c.value for c in sheet[3]]  # title, headings, then the statement
    assert (cells[0], Decimal(str(cells[3])), cells[4]) == (statement.number, statement.total, "已出单")


def test_a_statement_paid_at_two_terminals_at_once_is_paid_once(clerk, tmp_path, monkeypatch):
    """Both terminals read it invoiced; the second to write is refused and no payment doubles
    (the step's update names the status it leaves)."""
    from depot_tui.services.accounts import life

    _five_monthly(clerk, tmp_path)
    today = f"{DEMO_NOW:%Y-%m-%d}"
    sid = accounts.draw_up(clerk, PHONE, today, today)
    accounts.check(login("chenjing"), sid)
    for step in (accounts.send, accounts.confirm):
        step(clerk, sid)
    accounts.invoice(clerk, sid, "No.1")
    stale = Statement.get_by_id(sid)  # as the other terminal read it: invoiced
    accounts.pay(clerk, sid, "cash")
    monkeypatch.setattr(life, "_statement", lambda actor, statement_id: stale)
    with pytest.raises(ServiceError) as caught:
        accounts.pay(clerk, sid, "cash")
    assert caught.value.key == "error.statement_step"
    assert Payment.select().where(Payment.purpose == "account").count() == 5


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("issue"), st.integers(20, 300)),
            st.tuples(st.just("weight"), st.integers(0, 9), st.integers(20, 300)),
            st.tuples(st.just("draw"), st.just(0)),
            st.tuples(st.just("step"), st.integers(0, 3)),
            st.tuples(st.just("part"), st.integers(1, 99)),
        ),
        max_size=12,
    )
)
def test_any_sequence_of_monthly_waybills_statements_and_payments_adds_up(clerk, tmp_path, steps):
    """However waybills are issued, corrected, billed and statements moved on (refused steps
    change nothing): each statement is the sum of its lines; one paid has received exactly that,
    one not yet less; the money received is what its waybills were paid; and what the customer
    owes is its unbilled waybills plus what is left on its statements."""
    Customer.update(monthly_account=True).where(Customer.phone == PHONE).execute()
    boss = auth.login("chenjing", "depot123", terminal="office", pid=2).actor
    today = f"{DEMO_NOW:%Y-%m-%d}"
    numbers: list[str] = []
    for step in steps:
        try:
            if step[0] == "issue":
                form = good_form(payment="monthly", weight=str(step[1]))
                numbers.append(waybills.issue(clerk, form, shipper_confirmed=True, outbox=tmp_path).number)
            elif step[0] == "weight" and numbers:
                number = numbers[step[1] % len(numbers)]
                waybills.correct(clerk, number, {"weight": str(step[2])}, "复磅", outbox=tmp_path)
            elif step[0] == "draw":
                accounts.draw_up(clerk, PHONE, today, today)
            elif step[0] == "part":  # a part of what is left on the invoiced ones
                for s in accounts.statements(clerk):
                    if s.status == "invoiced":
                        left = s.total - sum(accounts.received(s.id).values(), Decimal("0.00"))
                        part = (left * step[1] / 100).quantize(Decimal("0.01"))
                        accounts.pay(clerk, s.id, "cash", "", f"{part}")
            elif step[0] == "step":
                for s in accounts.statements(clerk):
                    move = {
                        "issued": lambda i: accounts.check(boss, i),
                        "checked": lambda i: accounts.send(clerk, i),
                        "sent": lambda i: accounts.confirm(clerk, i),
                        "confirmed": lambda i: accounts.invoice(clerk, i, "No.1"),
                        "invoiced": lambda i: accounts.pay(clerk, i, "cash"),
                    }.get(s.status)
                    if move is not None:
                        move(s.id)
        except ServiceError:
            pass  # nothing to bill, nothing changed: the invariants below still hold
    customer = Customer.get(Customer.phone == PHONE)
    paid_total = Decimal("0.00")
    unpaid_total = Decimal("0.00")
    for s in Statement.select().where(Statement.customer == customer.id):
        lines = sum((Decimal(str(line.amount)) for line in s.lines), Decimal("0.00"))
        assert Decimal(str(s.total)) == lines
        got = sum(accounts.received(s.id).values(), Decimal("0.00"))
        assert got == lines if s.status == "paid" else got < lines
        paid_total += got
        unpaid_total += lines - got
    received = sum(
        (Decimal(str(p.amount)) for p in Payment.select().where(Payment.purpose == "account")),
        Decimal("0.00"),
    )
    assert received == paid_total  # every yuan received on a statement is on one of its waybills
    billed = StatementLine.select(StatementLine.waybill)
    unbilled = sum(
        (
            Decimal(str(w.total))
            for w in Waybill.select().where(
                (Waybill.shipper == customer.id)
                & (Waybill.payment_method == "monthly")
                & (Waybill.status != "void")
                & (Waybill.origin_depot == clerk.depot_id)
                & Waybill.id.not_in(billed)
            )
        ),
        Decimal("0.00"),
    )
    owed = [r for r in accounts.receivables(clerk) if r.phone == PHONE]
    assert (owed[0].total if owed else Decimal("0.00")) == unbilled + unpaid_total


def test_a_statement_is_paid_in_part_oldest_waybills_first(clerk, tmp_path):
    """Invoiced, the customer pays the first two waybills and 10.00: the oldest are paid first
    (the third in part), the statement stays invoiced with what is left said on it and in the receivables;
    more than is left is refused; the rest (blank) pays it."""
    bills = _five_monthly(clerk, tmp_path)
    today = f"{DEMO_NOW:%Y-%m-%d}"
    sid = accounts.draw_up(clerk, PHONE, today, today)
    accounts.check(auth.login("chenjing", "depot123", terminal="office", pid=2).actor, sid)
    accounts.send(clerk, sid)
    accounts.confirm(clerk, sid)
    accounts.invoice(clerk, sid, "No.2")
    total = Decimal(str(Statement.get_by_id(sid).total))
    first, second = (Decimal(str(w.total)) for w in bills[:2])
    part = first + second + 10
    left = accounts.pay(clerk, sid, "bank", "HX1", f"{part}")
    assert left == total - part and Statement.get_by_id(sid).status == "invoiced"
    got = accounts.received(sid)
    assert (got[bills[0].id], got[bills[1].id], got[bills[2].id]) == (first, second, Decimal("10.00"))
    assert f"已收 {part:.2f} 元，余 {left:.2f} 元" in accounts.statement_text(clerk, sid)
    (owed,) = [r for r in accounts.receivables(clerk) if r.phone == PHONE]
    assert owed.total == left
    with pytest.raises(FormError) as caught:
        accounts.pay(clerk, sid, "cash", "", f"{left + 1}")
    assert caught.value.errors[0].field == "amount"
    assert accounts.pay(clerk, sid, "cash") == Decimal("0.00")
    assert Statement.get_by_id(sid).status == "paid"
    assert sum(accounts.received(sid).values()) == total
