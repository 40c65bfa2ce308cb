"""Checks on what a clerk types (R-2): each returns the clean value or raises a ServiceError
naming the field, so the screen shows the reason at that field and keeps what was typed.

Pure functions: the form calls them as the cursor leaves a field, the waybill service calls
them again before anything is stored. Numbers are parsed here, not by Textual's number input,
which accepts "1e3", "1_000" and "-5".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .errors import ServiceError

#: Upper limits that catch a slipped finger: one waybill never outweighs a 17.5 m trailer.
MAX_PIECES = 9999  # piece labels carry at most 4 index digits
MAX_WEIGHT_KG = Decimal("40000")
MAX_VOLUME_M3 = Decimal("150")
MAX_DECLARED = Decimal("10000000")
MAX_FEE = Decimal("1000000")
MAX_COPIES = 9

_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_PHONE_CHARS = re.compile(r"^[\d\s()+\-]+$")
# "张先生", "王总", "李姐": a surname and a form of address, not the full name asks for.
_ADDRESS_ONLY = re.compile(r"^.(先生|女士|小姐|老板|师傅|总|姐|哥|生|工)$")


def clean_text(value: str, *, field: str, max_length: int) -> str:
    """A name as typed, trimmed; control characters and escapes are refused, not kept."""
    value = value.strip()
    if not value:
        raise ServiceError("error.required", field=field)
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        raise ServiceError("error.control_chars", field=field)
    if len(value) > max_length:
        raise ServiceError("error.too_long", field=field, max=max_length)
    return value


def normal(text: str) -> str:
    """Full-width digits and letters (a Chinese input method's default) become ASCII."""
    return unicodedata.normalize("NFKC", text).strip()


def listed(text: str) -> list[str]:
    """Names or codes typed as a list: separated by commas (either width) or 、, blanks left out
    (湘潭县，430304、韶山市)."""
    return [part.strip() for part in re.split(r"[,，、]", normal(text)) if part.strip()]


def looks_like_phone(text: str) -> bool:
    """Typed where a place goes, a phone number rather than a place: phone characters only and
    7 digits or more (a county code has 6). Not checked as a number: `phone` does that."""
    raw = text.strip()
    return bool(_PHONE_CHARS.match(raw)) and sum(ch.isdigit() for ch in raw) >= 7


def person_name(text: str, field: str) -> str:
    """A shipper's or consignee's full name (a person or a company)."""
    name = clean_text(normal(text), field=field, max_length=60)
    if len(name) < 2 or _ADDRESS_ONLY.match(name) or name.isdigit():
        raise ServiceError("error.full_name", field=field)
    return name


def phone(text: str, field: str) -> str:
    """A mobile number (11 digits, any range the numbering plan holds, 16x/17x/19x included) or
    a landline with its area code, checked against libphonenumber's metadata.

    Stored as 13802451187 or 020-86317745, whatever spaces, dashes, +86 or full-width digits
    were typed.
    """
    import phonenumbers  # the metadata costs ~20 ms to import: only where phones are checked

    raw = normal(text)
    if not raw:
        raise ServiceError("error.required", field=field)
    if not _PHONE_CHARS.match(raw):
        raise ServiceError("error.phone_chars", field=field)
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 7 or len(digits) > 16:
        raise ServiceError("error.phone_invalid", field=field)
    try:
        number = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        raise ServiceError("error.phone_invalid", field=field) from None
    kind = phonenumbers.number_type(number)
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        if len(digits) in (7, 8) and not digits.startswith("1"):
            raise ServiceError("error.phone_area_code", field=field)
        raise ServiceError("error.phone_invalid", field=field)
    national = phonenumbers.national_significant_number(number)
    if kind == phonenumbers.PhoneNumberType.MOBILE:
        return national
    if kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        area = phonenumbers.length_of_geographical_area_code(number)
        return f"0{national[:area]}-{national[area:]}" if area else national
    # 400/800 service numbers and the like reach a switchboard, not the person.
    raise ServiceError("error.phone_not_personal", field=field)


def whole_number(text: str, field: str, *, minimum: int, maximum: int) -> int:
    raw = normal(text)
    if not raw:
        raise ServiceError("error.required", field=field)
    if not raw.isascii() or not raw.isdigit():
        raise ServiceError("error.whole_number", field=field)
    value = int(raw)
    if value < minimum or value > maximum:
        raise ServiceError("error.number_range", field=field, min=minimum, max=maximum)
    return value


def pieces(text: str, field: str = "pieces") -> int:
    return whole_number(text, field, minimum=1, maximum=MAX_PIECES)


def copies(text: str, field: str = "receipt_copies") -> int:
    return whole_number(text, field, minimum=1, maximum=MAX_COPIES)


def decimal(text: str, field: str, *, places: int, maximum: Decimal, positive: bool) -> Decimal:
    """A plain decimal: digits, at most one point, at most `places` decimals. No sign, no
    exponent, no digit separators: "1e3", "1_000", "-5", "NaN" are refused, not interpreted."""
    raw = normal(text).replace("，", ".")
    if not raw:
        raise ServiceError("error.required", field=field)
    if not raw.isascii() or not _NUMBER.match(raw):
        raise ServiceError("error.number_format", field=field)
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ServiceError("error.number_format", field=field) from None
    if "." in raw and len(raw.split(".")[1]) > places:
        raise ServiceError("error.number_places", field=field, places=places)
    if positive and value <= 0:
        raise ServiceError("error.number_positive", field=field)
    if value > maximum:
        raise ServiceError("error.number_max", field=field, max=maximum)
    return value


def weight(text: str, field: str = "weight") -> Decimal:
    return decimal(text, field, places=2, maximum=MAX_WEIGHT_KG, positive=True)


def volume(text: str, field: str = "volume") -> Decimal:
    return decimal(text, field, places=3, maximum=MAX_VOLUME_M3, positive=True)


def money(text: str, field: str, *, maximum: Decimal = MAX_FEE, blank_is_zero: bool = True) -> Decimal:
    """Money in yuan, two decimals at most, zero or more."""
    if blank_is_zero and not normal(text):
        return Decimal("0")
    return decimal(text, field, places=2, maximum=maximum, positive=False)


def declared_value(text: str, field: str = "declared_value") -> Decimal:
    return money(text, field, maximum=MAX_DECLARED)


def optional_text(text: str, field: str, *, max_length: int) -> str:
    """Free text that may be empty (remarks): no control characters, bounded."""
    if not text.strip():
        return ""
    return clean_text(text, field=field, max_length=max_length)


def kept_text(text: str, max_length: int) -> str:
    """Typed text kept unchecked for later (a form saved as the link dropped): control and
    format characters dropped, cut to `max_length`. The form checks it when it is sent."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf")).strip()[:max_length]


def reason(text: str) -> str:
    """Why a recorded fact is being changed (correct, void, unload, switch off): required."""
    given = optional_text(text, "reason", max_length=200)
    if not given:
        raise ServiceError("error.reason_required", field="reason")
    return given


_DAY = re.compile(r"^(?:(\d{4})-)?(\d{1,2})-(\d{1,2})$")


def day(
    text: str, field: str, today: dt.date, *, earliest: dt.date | None = None, latest: dt.date | None = None
) -> dt.date:
    """A date typed as 2026-11-24 or 11-24 (this year); blank is today. Outside
    earliest..latest (when given) is refused with the range."""
    raw = normal(text)
    if not raw:
        value = today
    else:
        match = _DAY.match(raw)
        if match is None:
            raise ServiceError("error.day_format", field=field)
        year, month, dom = match.groups()
        try:
            value = dt.date(int(year) if year else today.year, int(month), int(dom))
        except ValueError:
            raise ServiceError("error.day_format", field=field) from None
    if (earliest and value < earliest) or (latest and value > latest):
        raise ServiceError(
            "error.day_range",
            field=field,
            first=f"{earliest or value:%Y-%m-%d}",
            last=f"{latest or value:%Y-%m-%d}",
        )
    return value


def address(text: str, field: str = "address") -> str:
    """A delivery address, needed for every mode but self-pickup (R-2.6)."""
    return clean_text(text, field=field, max_length=200)


#: Categories of R-1.4 whose goods are taken only with the shipper's dangerous-goods declaration
#: (危险货物声明, SOP 004 ch.1 2.1); every other category is refused (services/goods.py).
DECLARED_CATEGORIES = frozenset({"lithium_battery", "aerosol"})
#: Spaces and punctuation a goods name may carry between a keyword's characters (锂-电池, 锂 电池).
_BETWEEN = re.compile(r"[\s\-_·・.,，。、/\\()（）【】\[\]*+]+")


def folded(text: str) -> str:
    """Text as keywords are matched: NFKC, case folded, without spaces and punctuation."""
    return _BETWEEN.sub("", normal(text)).casefold()


def prohibited(goods: str, keywords: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The (keyword, category) of R-1.4 that the goods name contains, if any: a refused
    category before a declared one (手机锂电池稀释剂 is refused, not declared)."""
    name = folded(goods)
    hits = [(word, category) for word, category in keywords if folded(word) and folded(word) in name]
    hits.sort(key=lambda hit: hit[1] in DECLARED_CATEGORIES)
    return hits[0] if hits else None


def goods_name(text: str, keywords: list[tuple[str, str]], field: str = "goods_name") -> str:
    """What the goods are; refused when it names prohibited goods (R-1.4), with the reason.
    Goods of a declared category pass here: the hazard answer must declare them (`hazard`)."""
    name = clean_text(normal(text), field=field, max_length=60)
    hit = prohibited(name, keywords)
    if hit is not None and hit[1] not in DECLARED_CATEGORIES:
        raise ServiceError("error.prohibited", field=field, word=hit[0], category_key=f"category.{hit[1]}")
    return name


def needs_declaring(goods: str, keywords: list[tuple[str, str]], answer: str) -> bool:
    """Goods of a declared category on a waybill whose shipper did not declare them (a goods
    name corrected after issue to 锂电池: the declaration was never signed)."""
    hit = prohibited(goods, keywords)
    return hit is not None and hit[1] in DECLARED_CATEGORIES and answer != "yes"


def hazard(
    answer: str, goods: str, keywords: list[tuple[str, str]], field: str = "hazard"
) -> tuple[str, str]:
    """R-1.2 "是否危险品", asked at every intake: "no", or "yes" (declared). Goods of a declared
    category must be declared, and only they can be: other dangerous goods are refused (R-1.4).
    Returns the answer and the declared category ("" for no)."""
    if answer not in ("no", "yes"):
        raise ServiceError("error.hazard_unanswered", field=field)
    hit = prohibited(goods, keywords)
    declared = hit if hit is not None and hit[1] in DECLARED_CATEGORIES else None
    if answer == "no" and declared is not None:
        raise ServiceError(
            "error.hazard_must_declare", field=field, word=declared[0], category_key=f"category.{declared[1]}"
        )
    if answer == "yes" and declared is None:
        raise ServiceError("error.hazard_not_declarable", field=field)
    return answer, declared[1] if declared else ""


_ID_NUMBER = re.compile(r"^[0-9]{17}[0-9X]$")


@dataclass(frozen=True)
class IdNumber:
    """A resident ID number that passed the check, and what the check could not settle."""

    number: str
    birth: dt.date
    place_known: bool  # False: the address code is not in the library's table (warn, not refuse)


def id_number(text: str, today: dt.date, field: str = "id_number") -> IdNumber:
    """A resident ID number (居民身份证, GB 11643): 18 characters, a real birth date not in the
    future, and the ISO 7064 MOD 11-2 check character, through python-stdnum's cn.ric. Typed
    full-width digits, spaces and a lowercase x are normalised first. An address code missing
    from the library's division table is reported, not refused: the tables lag behind real
    numbers (new districts), and a valid card must not be turned away at the counter."""
    from stdnum.cn import ric
    from stdnum.exceptions import ValidationError

    number = re.sub(r"\s", "", normal(text)).upper()
    if not number:
        raise ServiceError("error.required", field=field)
    if len(number) != 18:
        raise ServiceError("error.id_length", field=field, length=len(number))
    if not _ID_NUMBER.match(number):
        raise ServiceError("error.id_chars", field=field)
    if ric.calc_check_digit(number) != number[-1]:
        raise ServiceError("error.id_check", field=field)
    try:
        birth = ric.get_birth_date(number)
    except ValidationError:
        raise ServiceError("error.id_birth", field=field) from None
    if birth > today or birth.year < 1900:
        raise ServiceError("error.id_birth", field=field)
    try:
        ric.get_birth_place(number)
        known = True
    except ValidationError:
        known = False
    return IdNumber(number, birth, known)
