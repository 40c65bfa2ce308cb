"""Reference data every depot database starts with: places, shift times, score rules, keywords.

All of it is data the company may later change through the app; this only fills an empty
database, and running it again adds nothing twice.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from peewee import chunked

from ..models import Place, ProhibitedKeyword, Role, ScoreRule, ShiftDefinition, database_proxy
from ..resources import resource_dir
from . import audit, clock, goods
from .actor import Actor, requires
from .shifts import STANDARD_SHIFTS

#: R-5 faults and bonuses, R-6 attendance: (code, points, unit, zh, en, escalation).
#: Variants of a fault that cost more (2 instead of 1) are rules of their own (F02B ...).
SCORE_RULES: list[tuple[str, str, str, str, str, dict | None]] = [
    ("F01", "-1", "time", "未及时接待发货客户", "Shipper not received promptly", None),
    ("F02", "-1", "waybill", "收货方错误", "Wrong consignee", None),
    ("F02B", "-2", "waybill", "收货方错误造成错误提货", "Wrong consignee caused a wrong pickup", None),
    ("F03", "-1", "waybill", "到站地址错误", "Wrong destination", None),
    ("F04", "-1", "waybill", "送货开自提", "Delivery waybill issued as self-pickup", None),
    (
        "F04B",
        "-2",
        "waybill",
        "送货开自提并延误送货",
        "Delivery issued as self-pickup, delivery delayed",
        None,
    ),
    ("F05", "-1", "waybill", "付款方式错误", "Wrong payment method", None),
    ("F06", "-1", "waybill", "中转回扣未标注", "Transfer rebate not marked", None),
    ("F07", "-1", "waybill", "签回单未标注", "Return receipt not marked", None),
    ("F08", "-1", "waybill", "未按报价表开单，运费不够", "Not billed per price table, freight short", None),
    ("F09", "-1", "waybill", "重量、体积错误超出10%", "Weight or volume off by more than 10%", None),
    ("F10", "-2", "waybill", "收货件数与开单件数不符", "Pieces received differ from the waybill", None),
    ("F11", "-1", "waybill", "货物未区分注明，未贴标签", "Goods not separated or not labelled", None),
    ("F12", "-2", "waybill", "收取违禁品", "Prohibited goods accepted", None),
    ("F13", "-5", "time", "与客户沟通中发火、咒骂", "Lost temper or swore at a customer", None),
    ("F14", "-1", "time", "客户问题未及时回复处理", "Customer problem not answered in time", None),
    ("F15", "-1", "waybill", "未及时通知客户提货", "Consignee not notified in time", None),
    ("F15B", "-2", "waybill", "未及时通知提货，延误收货", "Late notice delayed the pickup", None),
    ("F16", "-1", "waybill", "未配合返货跟单", "Return-goods follow-up not done", None),
    ("F16B", "-3", "truck", "未做单车跟单明细", "No per-truck tracking sheet", None),
    ("F17", "-1", "time", "提货未写身份证或未签名", "Pickup without ID number or signature", None),
    ("F18", "-1", "time", "交代的事项未及时完成", "Assigned task not done in time", None),
    ("F19", "-3", "time", "客户投诉", "Customer complaint", None),
    ("F20", "-2", "time", "上下班未完成工作交接", "Shift handover not completed", None),
    ("F21", "-1", "day", "未按要求上传云递安APP（每天≥5条）", "Daily real-name uploads (>=5) not met", None),
    (
        "F22",
        "0",
        "waybill",
        "未经同意短欠客户款项（由开单者负责）",
        "Unapproved customer balance (clerk liable, money)",
        None,
    ),
    ("B01", "10", "month", "当月无扣分并获同事上级表扬", "Clean month and praised", None),
    ("B02", "6", "month", "当月无扣分", "Clean month", None),
    ("B03", "5", "month", "全勤", "Full attendance", None),
    # within 10 minutes, more than 5 times 1 point, more than 10 times 2, each further
    # 5 times 1 more. Counted per month, so the points come from the escalation, not per time.
    (
        "A01",
        "0",
        "month",
        "迟到早退10分钟内（按次数累计）",
        "Late/early within 10 min (counted per month)",
        {"more_than": 5, "points": -1, "then_every": 5, "add": -1},
    ),
    # The sheet says nothing of 10 to 20 minutes; A02 starts at 20 as written.
    ("A02", "-2", "time", "迟到早退20分钟至1小时", "Late/early 20 min to 1 h", None),
    ("A03", "-4", "time", "迟到早退1至3小时", "Late/early 1 to 3 h", None),
    ("A04", "-8", "time", "迟到早退3小时以上（旷工）", "Late/early over 3 h (absence)", None),
    ("A05", "-2", "time", "上班时间随意外出不足1小时", "Left the post under 1 h", None),
    ("A06", "-4", "time", "上班时间随意外出不足3小时", "Left the post under 3 h", None),
    ("A07", "-8", "time", "上班时间随意外出超过3小时（旷工）", "Left the post over 3 h (absence)", None),
]

SCORE_RULES_FROM = dt.date(2020, 1, 1)


def load_places() -> int:
    """Fill the place table from db/places.tsv (GB/T 2260, see tools/build_places.py)."""
    if Place.select().exists():
        return 0
    rows = []
    for line in (resource_dir("db") / "places.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, level, parent, pinyin = line.split("\t")
        rows.append((code, name, level, parent, pinyin))
    ids: dict[str, int] = {}
    # Parents come before children in the file: insert level by level to resolve them.
    for level in ("province", "prefecture", "county"):
        batch = [r for r in rows if r[2] == level]
        for chunk in chunked(batch, 400):
            Place.insert_many(
                [
                    {"code": c, "name": n, "level": lv, "parent": ids.get(p), "pinyin": py}
                    for c, n, lv, p, py in chunk
                ]
            ).execute()
        ids.update({p.code: p.id for p in Place.select(Place.id, Place.code).where(Place.level == level)})
    return len(rows)


@requires(Role.ADMIN)
def install_reference_data(actor: Actor) -> None:
    """Everything a new depot database needs before its first login. Idempotent."""
    now = clock.now()
    with database_proxy.atomic():
        added = load_places()
        for code, (start, end) in STANDARD_SHIFTS.items():
            ShiftDefinition.get_or_create(code=code, defaults={"start": start, "end": end})
        for code, points, unit, zh, en, escalation in SCORE_RULES:
            ScoreRule.get_or_create(
                code=code,
                valid_from=SCORE_RULES_FROM,
                defaults={
                    "points": Decimal(points),
                    "unit": unit,
                    "name_zh": zh,
                    "name_en": en,
                    "escalation": json.dumps(escalation) if escalation else "",
                    "created_at": now,
                },
            )
        words = goods.seed_words()
        for word, category in words:
            ProhibitedKeyword.get_or_create(word=word, defaults={"category": category, "added_at": now})
        audit.record(
            actor,
            "seed.reference",
            "database",
            None,
            new={"places": added, "score_rules": len(SCORE_RULES), "keywords": len(words)},
        )
