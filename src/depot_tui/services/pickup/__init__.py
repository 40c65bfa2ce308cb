"""After arrival, at the destination counter (R-2.16–2.17, R-3.3): notify the consignee, release
goods held for the shipper's word, hand goods to the consignee.

Every rule is enforced here, not on a screen, so no caller can get round it:
- goods marked 等通知放货 are not handed over until a release is recorded (who authorised it:
  the shipper, by the red slip's 可放货 photo or a call to the shipper's number on file);
- whoever collects shows a resident ID whose number passes GB 11643, and signs (so fault 17,
  pickup without ID or signature, cannot happen);
- collect-freight (提付) is taken, amount and method, before any piece is released.
A consignee may take fewer pieces than arrived; what is left stays here for the next pickup.

A package: counter.py (what waits at this counter and the money due on it), notices.py
(notifying consignees, R-2.16, and notices gone late), release.py (release on notice, R-3.3, and
the pickup itself, R-2.17). Callers import from the package.
"""

from __future__ import annotations

from .counter import (
    NOTICE_ANSWERS,
    NOTICE_METHODS,
    PAY_METHODS,
    RELEASE_METHODS,
    at_counter,
    collect_due,
    collected_at_pickup,
    hand_over,
    paid,
    reference_of,
    released,
    take,
    waiting_pieces,
)
from .notices import Waiting, find, held_here, notify, propose_late_notices, to_notify, unnotified
from .release import PickedUp, PickupForm, pickup, release

__all__ = [
    "NOTICE_ANSWERS",
    "NOTICE_METHODS",
    "PAY_METHODS",
    "PickedUp",
    "PickupForm",
    "RELEASE_METHODS",
    "Waiting",
    "at_counter",
    "collect_due",
    "collected_at_pickup",
    "find",
    "hand_over",
    "held_here",
    "notify",
    "paid",
    "pickup",
    "propose_late_notices",
    "release",
    "reference_of",
    "released",
    "take",
    "to_notify",
    "unnotified",
    "waiting_pieces",
]
