"""Customers in the back office (客户): find, edit, merge the records of one phone; monthly
accounts (月结) with their credit limit and statement day; agreed prices (协议价).

An agreed price is a discount off the depot's price table for one customer as shipper, from a
day on. Anyone but a clerk may propose one; it prices nothing until a supervisor or admin
approves it (the counter then prices the shipper's waybills with it). A monthly account whose
unsettled waybills would pass its credit limit is warned at the counter, and only a supervisor
issues past it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from peewee import fn

from ..codes import PaymentMethod, WaybillStatus
from ..models import Agreement, Customer, Role, Waybill, database_proxy, ids_in
from . import audit, checks, clock, depots
from .actor import Actor, requires
from .errors import FormError, NotFound, ServiceError

MAX_CREDIT = Decimal("10000000")
#: An agreed discount under this is a slipped finger (a 9折 customer typed as 0.09).
LOWEST_DISCOUNT = Decimal("0.5")
FOUND_AT_MOST = 200


@dataclass(frozen=True)
class CustomerLine:
    id: int
    name: str
    phone: str
    address: str
    monthly_account: bool
    credit_limit: Decimal | None
    statement_day: int | None
    agreement: Decimal | None  # the discount approved and in force today
    pending: bool  # an agreement waits for a supervisor
    same_phone: int  # other records under this phone (to merge)


@dataclass(frozen=True)
class CustomerForm:
    name: str
    phone: str
    address: str = ""
    monthly_account: bool = False
    credit_limit: str = ""
    statement_day: str = ""


def find(actor: Actor, text: str) -> list[CustomerLine]:
    """Customers whose phone starts with, or name or initials contain, `text` (the most recent
    first, at most 200); all of them, most recent first, when it is empty."""
    query = Customer.select().order_by(Customer.created_at.desc()).limit(FOUND_AT_MOST)
    raw = checks.normal(text)
    if raw:
        digits = raw.replace("-", "").replace(" ", "")
        query = query.where(
            Customer.phone.startswith(digits)
            | Customer.name.contains(raw)
            | Customer.pinyin.startswith(raw.lower())
        )
    customers = list(query)
    ids = [c.id for c in customers]
    today = clock.now().date()
    agreed = {a.customer_id: Decimal(a.discount) for a in _in_force(ids, actor.depot_id, today)}
    pending = {
        a.customer_id
        for a in Agreement.select(Agreement.customer).where(
            Agreement.customer.in_(ids) & (Agreement.status == "proposed")
        )
    }
    phones = {c.phone for c in customers}
    counts: dict[str, int] = {}
    for row in Customer.select(Customer.phone).where(Customer.phone.in_(phones)):
        counts[row.phone] = counts.get(row.phone, 0) + 1
    return [
        CustomerLine(
            c.id,
            c.name,
            c.phone,
            c.address,
            c.monthly_account,
            Decimal(c.credit_limit) if c.credit_limit is not None else None,
            c.statement_day,
            agreed.get(c.id),
            c.id in pending,
            counts.get(c.phone, 1) - 1,
        )
        for c in customers
    ]


def _in_force(customer_ids: list[int], depot_id: int | None, day: dt.date) -> list[Agreement]:
    rows = Agreement.select().where(
        Agreement.customer.in_(customer_ids)
        & (Agreement.depot == depot_id)
        & (Agreement.status == "approved")
        & (Agreement.valid_from <= day)
        & (Agreement.valid_to.is_null() | (Agreement.valid_to >= day))
    )
    latest: dict[int, Agreement] = {}
    for row in sorted(rows, key=lambda a: a.valid_from):
        latest[row.customer_id] = row
    return list(latest.values())


def agreed_discount(customer_id: int | None, depot_id: int | None, day: dt.date) -> Decimal | None:
    """The shipper's approved discount at this depot on `day`, or None (the table's price)."""
    if customer_id is None:
        return None
    found = _in_force([customer_id], depot_id, day)
    return Decimal(found[0].discount) if found else None


@requires(Role.SUPERVISOR, Role.ADMIN)
def save(actor: Actor, customer_id: int | None, form: CustomerForm) -> Customer:
    """A customer's name, phone, address and monthly account (limit, statement day), or a new
    customer (customer_id None: a monthly account opened before its first waybill); audited."""
    errors: list[ServiceError] = []
    values: dict[str, object] = {}
    steps = [
        ("name", lambda: checks.person_name(form.name, "name")),
        ("phone", lambda: checks.phone(form.phone, "phone")),
        ("address", lambda: checks.optional_text(form.address, "address", max_length=200)),
        ("credit_limit", lambda: _credit(form.credit_limit)),
        ("statement_day", lambda: _statement_day(form.statement_day)),
    ]
    for name, step in steps:
        try:
            values[name] = step()
        except ServiceError as exc:
            errors.append(exc)
    if errors:
        raise FormError(errors)
    values["monthly_account"] = form.monthly_account
    with database_proxy.atomic():
        if customer_id is None:
            return _add(actor, values)
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None:
            raise NotFound("error.customer_unknown", field="name", id=customer_id)
        old = {name: _plain(getattr(customer, name)) for name in values}
        Customer.update(**values).where(Customer.id == customer.id).execute()
        new = {name: _plain(value) for name, value in values.items()}
        audit.record(actor, "customer.change", "customer", customer.id, old=old, new=new)
    return Customer.get_by_id(customer.id)


def _add(actor: Actor, values: dict[str, object]) -> Customer:
    """A new customer, found again at the counter by its phone or initials."""
    from pypinyin import Style, lazy_pinyin  # only where a customer is named

    name = str(values["name"])
    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()[:60]
    customer = Customer.create(**values, pinyin=initials, created_at=clock.now(), created_by=actor.user_id)
    new = {name: _plain(value) for name, value in values.items()}
    audit.record(actor, "customer.add", "customer", customer.id, new=new)
    return customer


def _plain(value: object) -> object:
    return f"{value}" if isinstance(value, Decimal) else value


def _credit(text: str) -> Decimal | None:
    if not checks.normal(text):
        return None
    return checks.money(text, "credit_limit", maximum=MAX_CREDIT)


def _statement_day(text: str) -> int | None:
    if not checks.normal(text):
        return None
    return checks.whole_number(text, "statement_day", minimum=1, maximum=28)


@requires(Role.SUPERVISOR, Role.ADMIN)
def merge(actor: Actor, keep_id: int) -> int:
    """The other records of the kept customer's phone merged into it: their waybills name the
    kept one (the names written on each waybill stay as written), their agreements move to it,
    and they go. Returns how many were merged."""
    with database_proxy.atomic():
        keep = Customer.get_or_none(Customer.id == keep_id)
        if keep is None:
            raise NotFound("error.customer_unknown", field="name", id=keep_id)
        others = [
            c.id
            for c in Customer.select(Customer.id).where(
                (Customer.phone == keep.phone) & (Customer.id != keep.id)
            )
        ]
        if not others:
            raise ServiceError("error.customer_no_duplicates", field="phone", phone=keep.phone)
        Waybill.update(shipper=keep.id).where(Waybill.shipper.in_(others)).execute()
        Waybill.update(consignee=keep.id).where(Waybill.consignee.in_(others)).execute()
        Agreement.update(customer=keep.id).where(Agreement.customer.in_(others)).execute()
        monthly = Customer.select().where(ids_in(Customer, others) & Customer.monthly_account).exists()
        if monthly and not keep.monthly_account:
            Customer.update(monthly_account=True).where(Customer.id == keep.id).execute()
        Customer.delete().where(ids_in(Customer, others)).execute()
        audit.record(
            actor, "customer.merge", "customer", keep.id, old={"merged": others}, new={"kept": keep.id}
        )
    return len(others)


def _discount(text: str) -> Decimal:
    """An agreed discount as written: 0.9, 90%, 9折 (or 九折), 85折."""
    raw = checks.normal(text).replace(" ", "")
    tens = {"九": "9", "八": "8", "七": "7", "六": "6", "五": "5"}
    for chinese, digit in tens.items():
        raw = raw.replace(chinese, digit)
    try:
        if raw.endswith("折"):
            number = Decimal(raw[:-1])
            value = number / (10 if number < 10 else 100)
        elif raw.endswith("%"):
            value = Decimal(raw[:-1]) / 100
        else:
            value = Decimal(raw)
    except ArithmeticError:
        raise ServiceError("error.discount_format", field="discount") from None
    if not value.is_finite() or not LOWEST_DISCOUNT <= value < 1:
        raise ServiceError("error.discount_range", field="discount")
    return value.normalize()


@requires(Role.SUPERVISOR, Role.ADMIN)
def propose(actor: Actor, customer_id: int, discount: str, from_day: str, note: str = "") -> Agreement:
    """An agreed price for the customer at the actor's depot from a day on (today at the
    earliest); it waits for a supervisor's approval before it prices anything."""
    today = clock.now().date()
    errors: list[ServiceError] = []
    value, when = Decimal(1), today
    try:
        value = _discount(discount)
    except ServiceError as exc:
        errors.append(exc)
    try:
        when = checks.day(from_day, "from_day", today)
        if when < today:
            raise ServiceError("error.price_past", field="from_day", today=f"{today:%Y-%m-%d}")
    except ServiceError as exc:
        errors.append(exc)
    if errors:
        raise FormError(errors)
    with database_proxy.atomic():
        if Customer.get_or_none(Customer.id == customer_id) is None:
            raise NotFound("error.customer_unknown", field="name", id=customer_id)
        agreement = Agreement.create(
            customer=customer_id,
            depot=actor.depot_id,
            discount=value,
            valid_from=when,
            status="proposed",
            note=checks.optional_text(note, "note", max_length=200),
            proposed_by=actor.user_id,
            proposed_at=clock.now(),
        )
        audit.record(
            actor, "agreement.propose", "agreement", agreement.id, new={"discount": f"{value}", "from": when}
        )
    return agreement


@requires(Role.SUPERVISOR, Role.ADMIN)
def decide(actor: Actor, agreement_id: int, approve: bool, reason: str = "") -> None:
    """Approve a proposed agreement (the customer's earlier one ends the day before it starts)
    or reject it with the reason."""
    with database_proxy.atomic():
        agreement = Agreement.get_or_none((Agreement.id == agreement_id) & (Agreement.status == "proposed"))
        if agreement is None:
            raise NotFound("error.agreement_unknown", field="discount")
        why = reason if approve else checks.reason(reason)
        if approve:
            Agreement.update(valid_to=agreement.valid_from - dt.timedelta(days=1)).where(
                (Agreement.customer == agreement.customer_id)
                & (Agreement.depot == agreement.depot_id)
                & (Agreement.status == "approved")
                & (Agreement.valid_from < agreement.valid_from)
                & Agreement.valid_to.is_null()
            ).execute()
        Agreement.update(
            status="approved" if approve else "rejected", decided_by=actor.user_id, decided_at=clock.now()
        ).where(Agreement.id == agreement.id).execute()
        audit.record(
            actor,
            "agreement.approve" if approve else "agreement.reject",
            "agreement",
            agreement.id,
            old={"status": "proposed"},
            new={"status": "approved" if approve else "rejected"},
            reason=why,
        )


@dataclass(frozen=True)
class AgreementLine:
    id: int
    discount: Decimal
    valid_from: dt.date
    valid_to: dt.date | None
    status: str
    proposed_by: str
    note: str


def agreements(actor: Actor, customer_id: int) -> list[AgreementLine]:
    """The customer's agreements at the actor's depot, newest first."""
    names = depots.user_names()
    rows = (
        Agreement.select()
        .where((Agreement.customer == customer_id) & (Agreement.depot == actor.depot_id))
        .order_by(Agreement.valid_from.desc(), Agreement.proposed_at.desc())
    )
    return [
        AgreementLine(
            a.id,
            Decimal(a.discount),
            a.valid_from,
            a.valid_to,
            a.status,
            names.get(a.proposed_by_id, "") if a.proposed_by_id else "",
            a.note,
        )
        for a in rows
    ]


def balance(customer: Customer, day: dt.date) -> Decimal:
    """What the monthly account owes this statement period: its monthly waybills (as shipper,
    not void) since the last statement day (the 1st when it has none)."""
    start = _period_start(customer.statement_day or 1, day)
    total = (
        Waybill.select(fn.COALESCE(fn.SUM(Waybill.total), 0))
        .where(
            (Waybill.shipper == customer.id)
            & (Waybill.payment_method == PaymentMethod.MONTHLY)
            & (Waybill.status != WaybillStatus.VOID)
            & (Waybill.issued_at >= dt.datetime.combine(start, dt.time()))
        )
        .scalar()
    )
    return Decimal(str(total or 0))


def _period_start(statement_day: int, day: dt.date) -> dt.date:
    """The day after the last statement day on or before `day`."""
    if day.day > statement_day:
        return day.replace(day=statement_day) + dt.timedelta(days=1)
    previous = day.replace(day=1) - dt.timedelta(days=1)
    return previous.replace(day=min(statement_day, previous.day)) + dt.timedelta(days=1)


def credit_refused(
    actor: Actor, customer: Customer | None, total: Decimal, day: dt.date
) -> ServiceError | None:
    """A monthly waybill that takes the account past its credit limit: refused to a clerk
    (a supervisor issues it, and the audit says so)."""
    if customer is None or customer.credit_limit is None:
        return None
    owed = balance(customer, day)
    limit = Decimal(customer.credit_limit)
    if owed + total <= limit or actor.is_supervisor:
        return None
    return ServiceError("error.credit_limit", field="payment", limit=f"{limit}", owed=f"{owed}")
