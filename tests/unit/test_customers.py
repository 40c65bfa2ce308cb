"""Customers in the back office (services/customers.py): agreed prices that price nothing until
a supervisor approves them, monthly accounts with a credit limit the counter holds to, and the
records of one phone merged. A wrong answer here bills a key customer the wrong freight, or
lets a monthly account run up what the company will not see paid."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from support import DEMO_NOW

from depot_tui.models import Agreement, AuditLog, Customer, Waybill
from depot_tui.services import auth, clock, customers, waybills
from depot_tui.services.errors import FormError, PermissionDenied, ServiceError
from depot_tui.services.waybills import WaybillForm

TOMORROW = DEMO_NOW.date() + dt.timedelta(days=1)
HENGDA = "13802451187"  # 广州市白云区恒达五金店, a monthly account


def login(username: str):
    return auth.login(username, "depot123", terminal="pytest", pid=1).actor


def hengda() -> Customer:
    return Customer.get(Customer.phone == HENGDA)


def form(**changes) -> WaybillForm:
    """恒达 sends 120 kg to 湘潭县 on its monthly account: 120 x 0.90 = 108.00 by the table."""
    base = WaybillForm(
        destination="430321",
        hazard="no",
        consignee_phone="19973285431",
        consignee_name="李卫东",
        shipper_phone=HENGDA,
        shipper_name="广州市白云区恒达五金店",
        goods_name="五金",
        pieces="2",
        packaging="纸箱",
        weight="120",
        volume="0.5",
        payment="monthly",
        delivery="pickup",
    )
    return replace(base, **changes)


@pytest.mark.parametrize(
    "typed, value", [("0.9", "0.9"), ("90%", "0.9"), ("9折", "0.9"), ("九折", "0.9"), ("85折", "0.85")]
)
def test_an_agreed_discount_is_read_as_written(demo_db, typed, value):
    agreement = customers.propose(login("chenjing"), hengda().id, typed, "")
    assert Decimal(agreement.discount) == Decimal(value)


@pytest.mark.parametrize(
    "typed, key",
    [("0.09", "error.discount_range"), ("1.2", "error.discount_range"), ("x折", "error.discount_format")],
)
def test_an_absurd_discount_is_refused(demo_db, typed, key):
    with pytest.raises(FormError) as caught:
        customers.propose(login("chenjing"), hengda().id, typed, "")
    assert (caught.value.key, caught.value.field) == (key, "discount")


def test_an_agreed_price_prices_nothing_until_a_supervisor_approves_it(demo_db, tmp_path):
    """9折 proposed: the quote and the waybill are at the table (108.00) until it is approved;
    then 97.20 (108 x 0.9), and the waybill keeps the table's figure as its table freight."""
    chen, clerk = login("chenjing"), login("zhangsan")
    agreement = customers.propose(chen, hengda().id, "9折", "", note="年度协议")
    assert waybills.quote(clerk, form()).freight == Decimal("108.00")
    customers.decide(chen, agreement.id, True)
    assert waybills.quote(clerk, form()).freight == Decimal("97.20")
    issued = waybills.issue(clerk, form(), shipper_confirmed=True, outbox=tmp_path)
    waybill = Waybill.get(Waybill.number == issued.number)
    assert (waybill.freight, waybill.table_freight) == (Decimal("97.2"), Decimal("97.2"))
    assert [r.action for r in AuditLog.select().where(AuditLog.entity == "agreement")] == [
        "agreement.propose",
        "agreement.approve",
    ]


def test_a_rejected_agreement_needs_its_reason_and_never_prices(demo_db):
    chen = login("chenjing")
    agreement = customers.propose(chen, hengda().id, "8折", "")
    with pytest.raises(ServiceError) as caught:
        customers.decide(chen, agreement.id, False, "")
    assert caught.value.key == "error.reason_required"
    customers.decide(chen, agreement.id, False, "低于成本")
    assert customers.agreed_discount(hengda().id, chen.depot_id, DEMO_NOW.date()) is None


def test_a_new_agreement_ends_the_old_one_the_day_before(demo_db):
    chen = login("chenjing")
    customers.decide(chen, customers.propose(chen, hengda().id, "9折", "").id, True)
    customers.decide(chen, customers.propose(chen, hengda().id, "85折", f"{TOMORROW}").id, True)
    assert customers.agreed_discount(hengda().id, chen.depot_id, DEMO_NOW.date()) == Decimal("0.9")
    assert customers.agreed_discount(hengda().id, chen.depot_id, TOMORROW) == Decimal("0.85")


def test_a_clerk_neither_proposes_nor_approves(demo_db):
    clerk = login("zhangsan")
    with pytest.raises(PermissionDenied):
        customers.propose(clerk, hengda().id, "9折", "")
    agreement = customers.propose(login("chenjing"), hengda().id, "9折", "")
    with pytest.raises(PermissionDenied):
        customers.decide(clerk, agreement.id, True)
    assert Agreement.get_by_id(agreement.id).status == "proposed"


def test_past_the_credit_limit_a_clerk_is_refused_and_a_supervisor_issues(demo_db, tmp_path):
    """恒达's limit leaves it 150 to spend this period (since its statement day, the 25th): a
    108.00 waybill goes; the next (216.00 more) is refused to the clerk at the payment field;
    陈静 (a supervisor, on duty) would be let through."""
    chen, clerk = login("chenjing"), login("zhangsan")
    c = hengda()
    customers.save(chen, c.id, customers.CustomerForm(c.name, c.phone, c.address, True, "", "25"))
    start = customers.balance(hengda(), DEMO_NOW.date())
    customers.save(
        chen, c.id, customers.CustomerForm(c.name, c.phone, c.address, True, f"{start + 150}", "25")
    )
    waybills.issue(clerk, form(), shipper_confirmed=True, outbox=tmp_path)
    assert customers.balance(hengda(), DEMO_NOW.date()) == start + Decimal("108")
    with pytest.raises(FormError) as caught:
        waybills.issue(clerk, form(), shipper_confirmed=True, outbox=tmp_path)
    assert (caught.value.key, caught.value.field) == ("error.credit_limit", "payment")
    assert customers.credit_refused(chen, hengda(), Decimal("108"), DEMO_NOW.date()) is None  # she may


def test_a_monthly_account_is_checked_as_typed(demo_db):
    c = hengda()
    with pytest.raises(FormError) as caught:
        customers.save(login("chenjing"), c.id, customers.CustomerForm("", "12", "", True, "-1", "31"))
    assert [e.field for e in caught.value.errors] == ["name", "phone", "credit_limit", "statement_day"]


def test_the_records_of_one_phone_are_merged_into_one(demo_db):
    """Two records under 李卫东's phone (typed once as 李卫冬): merged, his waybills all name the
    one kept, the other record goes; the names written on the waybills stay as written."""
    kept = Customer.get(Customer.phone == "19973285431")
    twin = Customer.create(name="李卫冬", phone=kept.phone, pinyin="lwd", created_at=clock.now())
    some = Waybill.select().where(Waybill.consignee == kept.id).first()
    Waybill.update(consignee=twin.id).where(Waybill.id == some.id).execute()
    lines = customers.find(login("chenjing"), "19973285431")
    assert {line.same_phone for line in lines} == {1}
    assert customers.merge(login("chenjing"), kept.id) == 1
    assert Waybill.get_by_id(some.id).consignee_id == kept.id
    assert Customer.get_or_none(Customer.id == twin.id) is None
    with pytest.raises(ServiceError) as caught:
        customers.merge(login("chenjing"), kept.id)
    assert caught.value.key == "error.customer_no_duplicates"
