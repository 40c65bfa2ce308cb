"""The waybill form's layout: its fields in the order of the counter conversation, their widths
and limits, and its keys."""

from __future__ import annotations

from ...keys import KeyAction

LOOKUP = KeyAction("lookup", "f9", "lookup", "key.lookup_f9")
QUOTE = KeyAction("quote", "ctrl+t", "quote", "key.quote")

#: Text fields: id -> (max length, width in cells).
TEXT = {
    "destination": (20, 10),
    "consignee_phone": (20, 14),
    "consignee_name": (60, 30),
    "shipper_phone": (20, 14),
    "shipper_name": (60, 30),
    "goods_name": (60, 14),
    "pieces": (5, 6),
    "packaging": (20, 8),
    "weight": (10, 9),
    "volume": (9, 8),
    "inspection_note": (200, 18),
    "declared_value": (11, 10),
    "intake_damage": (200, 18),
    "required_by": (10, 10),
    "address": (200, 40),
    "receipt_copies": (1, 3),
    "partner": (60, 12),
    "transfer_fee": (10, 8),
    "rebate": (10, 8),
    "freight": (12, 9),
    "below_reason": (200, 30),
    "remarks": (200, 36),  # the required remarks show beside it (#auto-remarks)
}
YES_NO = ("fragile", "receipt", "hold", "transfer")
#: R-2.2's confirmed numbers: form flag -> its phone field (Ctrl+Y there marks it).
CONFIRMED = {"consignee_phone_confirmed": "consignee_phone", "shipper_phone_confirmed": "shipper_phone"}
CONFIRM_PHONE = KeyAction("confirm_phone", "ctrl+y", "confirm_phone", "key.confirm_phone", show=False)
#: Labels that line up with the row below: the consignee's and the shipper's phone and name
#: ("Cons. tel" and "Shipper tel" differ in English, and the rows did not line up).
LABEL_CLASS = {
    "consignee_phone": "party-phone",
    "shipper_phone": "party-phone",
    "consignee_name": "party-name",
    "shipper_name": "party-name",
}
#: Rows of the form: each a list of field ids, in focus order.
ROWS = [
    ["destination"],
    ["consignee_phone", "consignee_name"],
    ["shipper_phone", "shipper_name"],
    ["goods_name", "pieces", "packaging", "fragile"],
    ["hazard", "orientation", "inspection", "inspection_note"],
    ["weight", "volume", "declared_value", "intake_damage"],
    ["payment", "delivery", "address"],
    # (the class before transfer: a transfer's partner, fee and rebate follow it at once)
    ["receipt", "receipt_copies", "hold", "cargo_class", "transfer"],
    ["partner", "transfer_fee", "rebate", "required_by"],
    ["freight", "below_reason"],
    ["remarks"],
]
GAPS = {0, 2, 5, 8}  # a blank line after these rows groups who, what, how, money
PRICE_FIELDS = {"weight", "volume", "declared_value", "delivery", "transfer_fee", "freight", "transfer"}
