"""Re-weighing an issued waybill (issue 24, part 5; R-5.9 "重量、体积错误超出10%"): at loading or
at the counter the goods are weighed (and measured) again; a difference beyond
`reweigh.threshold_percent` of what the waybill says proposes fault 9 against the clerk who
issued it. The waybill itself is corrected only by a correction (revise.correct), which reprices
it; the re-weigh is recorded either way."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...models import database_proxy
from .. import audit, checks, scoring, settings
from ..actor import Actor
from ..errors import FormError, ServiceError
from .revise import get


@dataclass(frozen=True)
class Reweighed:
    number: str
    weight: tuple[Decimal, Decimal]  # on the waybill, found now
    volume: tuple[Decimal, Decimal]
    off_percent: Decimal  # the larger of the two differences, in per cent of the waybill's
    fault_proposed: bool


def _off(stated: Decimal, found: Decimal) -> Decimal:
    if stated <= 0:
        return Decimal("0") if found <= 0 else Decimal("100")
    return (abs(found - stated) * 100 / stated).quantize(Decimal("0.1"))


def reweigh(actor: Actor, number: str, weight: str, volume: str = "") -> Reweighed:
    """The goods weighed (and, if typed, measured) again: recorded, and fault 9 proposed when
    either is off by more than the threshold (R-5.9)."""
    errors: list[ServiceError] = []
    found_w = found_v = None
    try:
        found_w = checks.weight(weight)
    except ServiceError as exc:
        errors.append(exc)
    if checks.normal(volume):
        try:
            found_v = checks.volume(volume)
        except ServiceError as exc:
            errors.append(exc)
    if errors:
        raise FormError(errors)
    with database_proxy.atomic():
        waybill = get(actor, number)
        if waybill.status == "void":
            raise ServiceError("error.waybill_void", number=waybill.number)
        stated_w, stated_v = Decimal(str(waybill.weight_kg)), Decimal(str(waybill.volume_m3))
        new_w = Decimal(str(found_w))
        new_v = Decimal(str(found_v)) if found_v is not None else stated_v
        off = max(_off(stated_w, new_w), _off(stated_v, new_v))
        limit = Decimal(str(settings.get("reweigh.threshold_percent", waybill.origin_depot_id)))
        audit.record(
            actor,
            "waybill.reweigh",
            "waybill",
            waybill.number,
            old={"weight": f"{stated_w}", "volume": f"{stated_v}"},
            new={"weight": f"{new_w}", "volume": f"{new_v}", "off_percent": f"{off}"},
        )
        proposed = off > limit
        if proposed:
            scoring.propose(
                actor,
                "F09",
                user_id=waybill.issued_by_id,
                depot_id=waybill.origin_depot_id,
                waybill_id=waybill.id,
                note=f"{waybill.number}: {stated_w} kg {stated_v} m³ → {new_w} kg {new_v} m³ ({off}%)",
            )
    return Reweighed(waybill.number, (stated_w, new_w), (stated_v, new_v), off, proposed)
