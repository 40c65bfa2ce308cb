"""Partner lines (中转商) the depot hands goods on to: who they are, how to reach them, where
they go, and the transfer fee and rebate the waybill form offers when one is chosen (R-5.6:
the rebate is always marked).

Anyone logged in reads them (the counter chooses one); a supervisor or admin adds and changes
them, and stops using one (never deleted: waybills name it).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..models import Partner, PartnerArea, Place, PlaceLevel, Role, database_proxy
from . import audit, checks
from .actor import Actor, requires
from .errors import FormError, NotFound, ServiceError
from .prices import lines as price_lines

#: A transfer fee or rebate past this is a slipped finger (a partner's leg costs tens to hundreds).
MAX_TERM = Decimal("10000")


@dataclass(frozen=True)
class PartnerLine:
    id: int
    name: str
    contact: str
    phone: str
    active: bool
    transfer_fee: Decimal
    rebate: Decimal
    reach: tuple[tuple[str, str], ...]  # (code, name) of the places it reaches

    @property
    def reach_text(self) -> str:
        return "、".join(name for _, name in self.reach)

    def reaches(self, place_code: str) -> bool:
        return reaches({code for code, _ in self.reach}, place_code)


@dataclass(frozen=True)
class PartnerForm:
    name: str
    contact: str = ""
    phone: str = ""
    transfer_fee: str = ""
    rebate: str = ""
    reach: str = ""  # places, by name or code, separated by commas


def reaches(codes: set[str], place_code: str) -> bool:
    """Whether places given by these GB/T 2260 codes take in the county `place_code`: its own
    code, its prefecture's (4303 00) or its province's (43 0000)."""
    return bool({place_code, place_code[:4] + "00", place_code[:2] + "0000"} & codes)


def lines(actor: Actor) -> list[PartnerLine]:
    """Every partner line, those in use first, by name."""
    reach: dict[int, list[tuple[str, str]]] = {}
    for area in PartnerArea.select(PartnerArea, Place).join(Place).order_by(Place.code):
        reach.setdefault(area.partner_id, []).append((area.place.code, area.place.name))
    return [
        PartnerLine(
            p.id,
            p.name,
            p.contact,
            p.phone,
            p.active,
            Decimal(p.default_transfer_fee),
            Decimal(p.default_rebate),
            tuple(reach.get(p.id, [])),
        )
        for p in Partner.select().order_by(Partner.active.desc(), Partner.name)
    ]


def _checked(form: PartnerForm) -> tuple[dict[str, object], list[Place]]:
    """The form's values, or a FormError naming every field that is wrong."""
    errors: list[ServiceError] = []
    values: dict[str, object] = {}
    steps = [
        ("name", lambda: checks.clean_text(form.name, field="name", max_length=60)),
        ("contact", lambda: checks.optional_text(form.contact, "contact", max_length=40)),
        ("phone", lambda: checks.phone(form.phone, "phone") if checks.normal(form.phone) else ""),
        ("default_transfer_fee", lambda: checks.money(form.transfer_fee, "transfer_fee", maximum=MAX_TERM)),
        ("default_rebate", lambda: checks.money(form.rebate, "rebate", maximum=MAX_TERM)),
    ]
    for name, step in steps:
        try:
            values[name] = step()
        except ServiceError as exc:
            errors.append(exc)
    places: list[Place] = []
    for text in checks.listed(form.reach):
        try:
            place = price_lines.find_destination(text)
        except ServiceError as exc:
            errors.append(ServiceError(exc.key, field="reach", **exc.params))
            break
        if place.level not in (PlaceLevel.COUNTY, PlaceLevel.PREFECTURE, PlaceLevel.PROVINCE):
            errors.append(ServiceError("error.place_unknown", field="reach", text=text))
            break
        places.append(place)
    if errors:
        raise FormError(errors)
    return values, places


@requires(Role.SUPERVISOR, Role.ADMIN)
def save(actor: Actor, form: PartnerForm, partner_id: int | None = None) -> Partner:
    """Add a partner line (partner_id None) or change one; audited old -> new."""
    values, places = _checked(form)
    with database_proxy.atomic():
        taken = Partner.select().where(Partner.name == values["name"])
        if partner_id is not None:
            taken = taken.where(Partner.id != partner_id)
        if taken.exists():
            raise FormError([ServiceError("error.partner_taken", field="name", name=values["name"])])
        old = None
        if partner_id is None:
            partner = Partner.create(**values)
        else:
            found = Partner.get_or_none(Partner.id == partner_id)
            if found is None:
                raise NotFound("error.partner_unknown", field="name", name=form.name)
            partner, old = found, _shown(found)
            Partner.update(**values).where(Partner.id == partner.id).execute()
            PartnerArea.delete().where(PartnerArea.partner == partner.id).execute()
        for place in {p.id: p for p in places}.values():
            PartnerArea.create(partner=partner.id, place=place.id)
        new = {**{k: f"{v}" for k, v in values.items()}, "reach": sorted(p.code for p in places)}
        audit.record(
            actor, "partner.add" if old is None else "partner.change", "partner", partner.id, old=old, new=new
        )
    return Partner.get_by_id(partner.id)


def _shown(partner: Partner) -> dict[str, object]:
    codes = sorted(
        a.place.code
        for a in PartnerArea.select(PartnerArea, Place).join(Place).where(PartnerArea.partner == partner.id)
    )
    return {
        "name": partner.name,
        "contact": partner.contact,
        "phone": partner.phone,
        "default_transfer_fee": f"{Decimal(partner.default_transfer_fee)}",
        "default_rebate": f"{Decimal(partner.default_rebate)}",
        "reach": codes,
    }


@requires(Role.SUPERVISOR, Role.ADMIN)
def set_active(actor: Actor, partner_id: int, active: bool, reason: str) -> None:
    """Stop handing goods to a partner line (the form no longer offers it), or start again."""
    why = checks.reason(reason)
    with database_proxy.atomic():
        partner = Partner.get_or_none(Partner.id == partner_id)
        if partner is None:
            raise NotFound("error.partner_unknown", field="name", name=str(partner_id))
        if partner.active == active:
            return
        Partner.update(active=active).where(Partner.id == partner.id).execute()
        audit.record(
            actor,
            "partner.active",
            "partner",
            partner.id,
            old={"active": not active},
            new={"active": active},
            reason=why,
        )
