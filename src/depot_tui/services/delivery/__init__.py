"""Delivery (送货, R-2.16): goods taken to the consignee instead of collected at the counter.

A waybill is to deliver when it was issued with a delivery mode (配送, 专车, 直送, 上楼) or
its consignee answered the notice with "deliver". A delivery is planned for a day with the
address, mode and the time agreed with the consignee (R-2.16: agree time and place first);
then it is recorded delivered (who signed, collect-freight taken at the door) or failed (why).
A failed delivery stays on the day's list as it was and the waybill is to plan again.

A self-pickup changed to delivery first collects the delivery fee (the origin's price table,
plus the upstairs fee for 上楼) and any collect-freight, before it can be planned. Goods held
for the shipper's word are not planned or delivered until a release is recorded.

A package: planning.py (what waits to be delivered, the fee due first, planning a delivery with
time and place agreed), outcome.py (the deliveries planned, delivered or failed). Callers import
from the package.
"""

from __future__ import annotations

from .outcome import DeliveryLine, delivered, deliveries, failed
from .planning import MODES, PLAN_DAYS, DeliveryForm, Planned, ToDeliver, fee_due, plan, to_deliver

__all__ = [
    "DeliveryForm",
    "DeliveryLine",
    "MODES",
    "PLAN_DAYS",
    "Planned",
    "ToDeliver",
    "delivered",
    "deliveries",
    "failed",
    "fee_due",
    "plan",
    "to_deliver",
]
