"""Real-name uploads (R-2.18: "云递安APP上传,每天至少5条以上"; fault 21: "未按要求上传云递安APP扣1分/
天"): each waybill a clerk entered in the real-name app, marked here by its number or label (a
keystroke at the counter), or read from the app's daily export (CSV or XLSX with a 运单号 column
and, if given, 上传时间). Counted against the daily quota (`upload.daily_quota`, 5: "至少5条以上"
includes the fifth) on home; a shift short of it is proposed as fault 21 (scoring/quota.py).

A waybill is uploaded once; an export read twice adds nothing the second time. A file with a
number this depot did not issue is refused whole, naming its row, like a price table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..codes import WaybillStatus
from ..models import Piece, RealNameUpload, Role, User, Waybill, database_proxy
from . import audit, checks, clock, depots, settings
from .actor import Actor
from .errors import ServiceError
from .prices import cells_of, resolve

NUMBER_HEADS = ("运单号", "单号", "waybill", "number")
TIME_HEADS = ("上传时间", "时间", "time", "uploaded")


@dataclass(frozen=True)
class UploadLine:
    number: str
    at: dt.datetime
    by: str
    source: str


@dataclass(frozen=True)
class Today:
    mine: int  # the actor's own uploads today
    depot: int  # the depot's
    quota: int  # a clerk's day


def _waybill(actor: Actor, text: str, field: str = "number") -> Waybill:
    """The waybill of this depot a number or a piece's label names (void ones refused)."""
    raw = checks.normal(text).upper()
    if not raw:
        raise ServiceError("error.required", field=field)
    waybill = Waybill.get_or_none(Waybill.number == raw)
    if waybill is None:
        piece = Piece.get_or_none(Piece.label == raw)
        waybill = Waybill.get_by_id(piece.waybill_id) if piece else None
    if waybill is None or waybill.origin_depot_id != actor.depot_id:
        raise ServiceError("error.upload_unknown", field=field, number=raw)
    if waybill.status == WaybillStatus.VOID:
        raise ServiceError("error.upload_void", field=field, number=waybill.number)
    return waybill


def mark(actor: Actor, text: str) -> UploadLine:
    """The actor uploaded this waybill (number or label) just now. Refused twice, saying when
    and by whom it was."""
    now = clock.now()
    with database_proxy.atomic():
        waybill = _waybill(actor, text)
        done = RealNameUpload.get_or_none(RealNameUpload.waybill == waybill.id)
        if done is not None:
            raise ServiceError(
                "error.upload_twice",
                field="number",
                number=waybill.number,
                at=f"{done.at:%m-%d %H:%M}",
                name=User.get_by_id(done.user_id).name,
            )
        row = RealNameUpload.create(
            depot=actor.depot_id, waybill=waybill.id, user=actor.user_id, at=now, source="key"
        )
        audit.record(actor, "upload.mark", "waybill", waybill.id, new={"upload": row.id, "at": now})
    return UploadLine(waybill.number, now, actor.name, "key")


def _when(text: str, row: int) -> dt.datetime | None:
    raw = checks.normal(text)
    if not raw:
        return None
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"):
        try:
            return dt.datetime.strptime(raw, pattern)
        except ValueError:
            continue
    raise ServiceError("error.upload_time", field="path", row=row, text=raw[:20])


@dataclass(frozen=True)
class ImportedUploads:
    added: int
    already: int  # in the file but marked before (by key or an earlier import)


def import_file(actor: Actor, path_text: str, outbox: Path) -> ImportedUploads:
    """The real-name app's export, whole or not at all: every row's number must be a waybill
    this depot issued, and its time (when given) a time; each new one is recorded as the
    actor's upload at its time (or now)."""
    path = resolve(path_text, outbox)
    table = cells_of(path)
    heads = [checks.normal(cell).lower() for cell in table[0]]
    number_at = next((i for i, h in enumerate(heads) if h in NUMBER_HEADS), None)
    if number_at is None:
        raise ServiceError("error.upload_heads", field="path")
    time_at = next((i for i, h in enumerate(heads) if h in TIME_HEADS), None)
    now = clock.now()
    with database_proxy.atomic():
        found: dict[int, dt.datetime] = {}
        for row, cells in enumerate(table[1:], start=2):
            if not any(c.strip() for c in cells):
                continue
            try:
                waybill = _waybill(actor, cells[number_at] if number_at < len(cells) else "", "path")
            except ServiceError as exc:
                raise ServiceError(
                    "error.upload_row", field="path", row=row, number=exc.params.get("number", "")
                ) from None
            at = _when(cells[time_at], row) if time_at is not None and time_at < len(cells) else None
            found.setdefault(waybill.id, at or now)
        marked = {
            u.waybill_id
            for u in RealNameUpload.select(RealNameUpload.waybill).where(
                RealNameUpload.waybill.in_(list(found))
            )
        }
        new = [(w, at) for w, at in found.items() if w not in marked]
        RealNameUpload.insert_many(
            [
                {"depot": actor.depot_id, "waybill": w, "user": actor.user_id, "at": at, "source": "import"}
                for w, at in new
            ]
        ).execute()
        audit.record_many(
            actor, "upload.import", "waybill", [(w, None, {"at": at, "file": path.name}) for w, at in new]
        )
    return ImportedUploads(len(new), len(found) - len(new))


def _day(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time())
    return start, start + dt.timedelta(days=1)


def today(actor: Actor) -> Today:
    """Today's uploads: the actor's, the depot's, and the quota a clerk's day is held to."""
    start, end = _day(clock.now().date())
    here = RealNameUpload.select().where(
        (RealNameUpload.depot == actor.depot_id) & (RealNameUpload.at >= start) & (RealNameUpload.at < end)
    )
    mine = here.where(RealNameUpload.user == actor.user_id).count()
    return Today(mine, here.count(), int(settings.get("upload.daily_quota", actor.depot_id)))


def listing(actor: Actor, limit: int = 200) -> list[UploadLine]:
    """Today's uploads here, newest first (the last marked first within a minute): the actor's
    own for a clerk, everyone's for a supervisor."""
    start, end = _day(clock.now().date())
    query = (
        RealNameUpload.select(RealNameUpload, Waybill)
        .join(Waybill)
        .where(
            (RealNameUpload.depot == actor.depot_id)
            & (RealNameUpload.at >= start)
            & (RealNameUpload.at < end)
        )
    )
    if actor.role == Role.CLERK:
        query = query.where(RealNameUpload.user == actor.user_id)
    names = depots.user_names()
    rows = sorted(
        query.order_by(RealNameUpload.at.desc()).limit(limit), key=lambda u: (u.at, u.id), reverse=True
    )
    return [UploadLine(u.waybill.number, u.at, names.get(u.user_id, ""), u.source) for u in rows]
