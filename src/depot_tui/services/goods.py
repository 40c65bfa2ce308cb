"""The prohibited-goods list (R-1.4): read by every clerk, extended by a supervisor.

The waybill form refuses goods whose name contains an active keyword (checks.goods_name);
this module keeps that list. A keyword is never deleted: it is switched off with a reason,
so the audit log still explains a waybill refused last month.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN

from ..models import ProhibitedKeyword, Role, User, database_proxy
from ..resources import resource_dir
from . import audit, checks, clock
from .actor import Actor, requires
from .checks import DECLARED_CATEGORIES, clean_text
from .errors import ServiceError

#: The categories of R-1.4, in the rule sheet's order, then the common goods the sheet's words
#: cover (gas cylinders, thinners and solvents) and the two taken with a declaration; i18n keys
#: are `category.<code>`.
CATEGORIES = (
    "flammable",
    "explosive",
    "polluting",
    "leaking",
    "corrosive",
    "radioactive",
    "prohibited",
    "unknown_chemical",
    "gas_cylinder",
    "solvent",
    "lithium_battery",
    "aerosol",
)
#: What the counter does with goods of each category: refuse them, or take them with the
#: shipper's dangerous-goods declaration printed on the slip for signing.
OUTCOMES = {code: "declare" if code in DECLARED_CATEGORIES else "refuse" for code in CATEGORIES}


def seed_words() -> list[tuple[str, str]]:
    """The list a new database starts with: db/prohibited.tsv, (word, category) per line."""
    text = (resource_dir("db") / "prohibited.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [(word.strip(), category.strip()) for word, category in rows]


@dataclass(frozen=True)
class Keyword:
    word: str
    category: str
    active: bool
    added_by: str  # the supervisor's name, "" for the seeded list


def active_words() -> list[tuple[str, str]]:
    """(word, category) of every keyword in force: what the waybill form checks goods against."""
    return [(k.word, k.category) for k in ProhibitedKeyword.select().where(ProhibitedKeyword.active)]


def keywords(actor: Actor, text: str = "", *, include_off: bool = False) -> list[Keyword]:
    """The list, filtered by a part of the word; active ones first, then by category."""
    del actor  # every logged-in user may read it: a clerk checks before accepting goods
    query = ProhibitedKeyword.select(
        ProhibitedKeyword.word, ProhibitedKeyword.category, ProhibitedKeyword.active, User.name.alias("adder")
    ).join(User, JOIN.LEFT_OUTER, on=ProhibitedKeyword.added_by == User.id)
    part = checks.normal(text)
    if part:
        query = query.where(ProhibitedKeyword.word.contains(part))
    if not include_off:
        query = query.where(ProhibitedKeyword.active)
    order = {code: n for n, code in enumerate(CATEGORIES)}
    rows = [Keyword(r["word"], r["category"], bool(r["active"]), r["adder"] or "") for r in query.dicts()]
    return sorted(rows, key=lambda k: (not k.active, order.get(k.category, 99), k.word))


def _word(text: str) -> str:
    word = clean_text(checks.normal(text), field="word", max_length=40)
    if len(word) < 2:  # one character ("油", "毒") would refuse 酱油 and 消毒液 at every counter
        raise ServiceError("error.keyword_short", field="word")
    return word


@requires(Role.SUPERVISOR, Role.ADMIN)
def add_keyword(actor: Actor, word: str, category: str) -> Keyword:
    """Add a keyword (or switch a switched-off one back on, in the category given)."""
    word = _word(word)
    if category not in CATEGORIES:
        raise ServiceError("error.choice", field="category")
    with database_proxy.atomic():
        row = ProhibitedKeyword.get_or_none(ProhibitedKeyword.word == word)
        if row is not None and row.active:
            raise ServiceError(
                "error.keyword_exists", field="word", word=word, category_key=f"category.{row.category}"
            )
        old = None if row is None else {"active": False, "category": row.category}
        if row is None:
            row = ProhibitedKeyword.create(
                word=word, category=category, active=True, added_by=actor.user_id, added_at=clock.now()
            )
        else:
            row.category, row.active, row.added_by, row.added_at = category, True, actor.user_id, clock.now()
            row.save()
        audit.record(
            actor,
            "goods.keyword_add",
            "prohibited_keyword",
            word,
            old=old,
            new={"active": True, "category": category},
            depot_id=actor.depot_id,
        )
    return Keyword(word, category, True, actor.name)


@requires(Role.SUPERVISOR, Role.ADMIN)
def remove_keyword(actor: Actor, word: str, reason: str) -> None:
    """Switch a keyword off, with the reason (goods it wrongly refused, say)."""
    reason = checks.reason(reason)
    with database_proxy.atomic():
        row = ProhibitedKeyword.get_or_none(ProhibitedKeyword.word == checks.normal(word))
        if row is None or not row.active:
            raise ServiceError("error.keyword_unknown", field="word", word=word)
        row.active = False
        row.save()
        audit.record(
            actor,
            "goods.keyword_remove",
            "prohibited_keyword",
            row.word,
            old={"active": True, "category": row.category},
            new={"active": False},
            reason=reason,
            depot_id=actor.depot_id,
        )
