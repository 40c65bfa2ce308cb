"""Money adds up in every direction (issue 24), for any sequence of waybills issued, corrected,
paid and refunded: each waybill's paid and owed are its payments; the clerk's day's money is his
handover's cash by method; the exported CSV sums to the register's total; the depot's day is the
accountant's summary of it. A clerk counting the
drawer against a report that disagrees with the handover cannot tell which one lies."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_waybills import good_form

from depot_tui.models import Payment, Waybill
from depot_tui.services import auth, clock, handover, money, registers, waybills
from depot_tui.services.errors import ServiceError

CENT = Decimal("0.01")
STEP = st.one_of(
    st.tuples(st.just("issue"), st.sampled_from(["cash", "collect"]), st.integers(10, 300)),
    st.tuples(st.just("weight"), st.integers(0, 9), st.integers(10, 300)),
    st.tuples(st.just("terms"), st.integers(0, 9), st.sampled_from(["cash", "collect"])),
    st.tuples(st.just("take"), st.integers(0, 9), st.sampled_from(money.METHODS)),
    st.tuples(st.just("refund"), st.integers(0, 9), st.integers(1, 100)),
)


def _ledger() -> dict[str, Decimal]:
    return {
        "sum": sum((Decimal(str(p.amount)) for p in Payment.select()), Decimal("0.00")),
        "count": Decimal(Payment.select().count()),
    }


def _apply(step: tuple, numbers: list[str], clerk, boss, outbox) -> None:  # noqa: ANN001
    kind = step[0]
    if kind == "issue":
        form = good_form(payment=step[1], weight=str(step[2]))
        numbers.append(waybills.issue(clerk, form, shipper_confirmed=True, outbox=outbox).number)
        return
    if not numbers:
        return
    number = numbers[step[1] % len(numbers)]
    if kind == "weight":
        waybills.correct(clerk, number, {"weight": str(step[2])}, "复磅更正", outbox=outbox)
    elif kind == "terms":
        waybills.correct(clerk, number, {"payment": step[2]}, "客户改付款方式", outbox=outbox)
    elif kind == "take":
        due = money.owed(Waybill.get(Waybill.number == number)).due
        money.take(clerk, number, f"{(due / 2).quantize(CENT) or due}", step[2], "T123")
    else:
        paid = money.owed(Waybill.get(Waybill.number == number)).paid
        part = (paid * step[2] / 100).quantize(CENT)
        money.refund(boss, number, f"{part}", "cash", "退部分运费")


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=1, max_size=12))
def test_any_sequence_of_issues_corrections_payments_and_refunds_adds_up(clerk, tmp_path, steps):
    """Refused steps (nothing owed, nothing paid, a correction that changes nothing) change no
    money; after all of them the figures agree. The demo's own payments of the day, made with no
    shift, are set aside first."""
    Payment.delete().where(Payment.by == clerk.user_id).execute()
    boss = auth.login(
        "chenjing", "depot123", terminal="pytest-office", pid=2
    ).actor  # (not the clerk's terminal)
    numbers: list[str] = []
    for step in [("issue", "cash", 120), *steps]:  # something paid to start from
        before = _ledger()
        try:
            _apply(step, numbers, clerk, boss, tmp_path)
        except ServiceError:
            assert _ledger() == before  # a refusal takes or gives nothing
    assert numbers  # issued: the steps ran against real waybills
    for number in numbers:
        waybill = Waybill.get(Waybill.number == number)
        owed = money.owed(waybill)
        payments = Payment.select().where(Payment.waybill == waybill.id)
        assert owed.paid == sum((Decimal(str(p.amount)) for p in payments), Decimal("0.00"))
        assert owed.total == Decimal(str(waybill.total)).quantize(CENT)
        assert owed.due - owed.over == owed.total - owed.paid  # owed, or paid over, never both
    today = f"{clock.now():%Y-%m-%d}"
    register = registers.build(clerk, "money", today, today)
    by_method: dict[str, Decimal] = {}
    for row in csv.DictReader(io.StringIO(registers.csv_text(register))):
        method = {"现金": "cash", "微信": "wechat", "支付宝": "alipay", "转账": "bank"}[row["方式"]]
        by_method[method] = by_method.get(method, Decimal("0.00")) + Decimal(row["金额"])
    shift = handover.summary(clerk).money
    assert {k: v for k, v in by_method.items() if v} == {k: v for k, v in shift.items() if v}
    assert f"合计 {sum(by_method.values(), Decimal('0.00')):.2f} 元" in register.total
    # The depot's day and the accountant's summary of it are the same money, refunds included.
    depot_day = registers.build(boss, "money", today, today)
    accountant = registers.build(boss, "ledger", today, today)
    assert sum((r[4] for r in depot_day.rows), Decimal("0.00")) == sum(
        (r[4] for r in accountant.rows), Decimal("0.00")
    )
    assert sum(r[3] for r in accountant.rows) == len(depot_day.rows)
