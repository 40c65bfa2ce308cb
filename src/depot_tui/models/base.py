"""The deferred database every model is bound to, row locks and one-statement counts that work on
both databases, exact Decimal fields, and BaseModel.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

import peewee
from peewee import DatabaseProxy, Model, ModelSelect, Select

database_proxy = DatabaseProxy()

M = TypeVar("M", bound=Model)


def locked(query: ModelSelect[M]) -> ModelSelect[M]:
    """`query` taking a lock on the rows it reads until the transaction ends: the check a
    service makes before it writes stays true while it writes. PostgreSQL has row locks (SELECT
    … FOR UPDATE); SQLite holds the whole database from BEGIN IMMEDIATE, so the query is left as
    it is there. Use inside `database_proxy.atomic()`."""
    return query.for_update() if database_proxy.obj.for_update else query


def scalars(*queries: ModelSelect) -> tuple:
    """The values of several one-value queries (counts, sums), asked in one statement: on a
    database server each statement is a round trip, which costs more than the query itself."""
    return Select(columns=list(queries)).bind(database_proxy.obj).tuples().get()


def ids_in(model: type[Model], ids: list[int]) -> peewee.Expression:
    """`model.id IN ids`, typed: BaseModel declares `id` an int for instances, so the class's
    field is not seen as one by the type checker."""
    key: peewee.Field = model._meta.primary_key  # type: ignore[assignment]  # False only without a key
    return key.in_(ids)


class DecimalField(peewee.DecimalField):
    """Decimals read back the same from both databases: the shortest exact form (168, 0.9,
    -2), as SQLite's numeric columns give them. PostgreSQL's NUMERIC(12,2) gives 168.00, which
    showed scores as 99.0 and money as 310.0 in exports."""

    def python_value(self, value):  # noqa: ANN001, ANN201 (peewee's signature)
        value = super().python_value(value)
        if value is None or not value.is_finite():
            return value
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _money(**kw) -> DecimalField:
    return DecimalField(max_digits=12, decimal_places=2, auto_round=False, **kw)


class BaseModel(Model):
    id: int  # every table's key (peewee's implicit AutoField), for the type checker

    class Meta:
        database = database_proxy
        legacy_table_names = False
