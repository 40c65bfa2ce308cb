"""Money (issue 24): payments, refunds and re-weighs on a waybill, monthly statements; their
refusals.

Each key once, Chinese then English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "error.account_unknown": ("{phone} 不是月结客户", "{phone} is not a monthly account"),
    "error.statement_empty": (
        "{name} 这期间没有未对账的月结运单",
        "{name} has no monthly waybill left to bill in the period",
    ),
    "error.statement_unknown": ("没有这张对账单", "No such statement"),
    "error.statement_step": (
        "对账单 {number} 现在是「{status}」，不能这样做",
        "Statement {number} is {status}: not now",
    ),
    "error.statement_no_line": ("对账单上没有运单 {number}", "Waybill {number} is not on the statement"),
    "error.statement_not_disputed": ("运单 {number} 没有异议", "Waybill {number} is not disputed"),
    "error.reference_required": (
        "微信、支付宝、转账要填交易单号",
        "WeChat, Alipay and bank transfers need their transaction number",
    ),
    "error.pay_on_account": (
        "{number} 是月结，记在客户账上，柜台不收",
        "{number} is on a monthly account: not paid at the counter",
    ),
    "error.pay_elsewhere": ("{number} 的运费不在本站收", "{number}'s freight is not taken at this depot"),
    "error.nothing_owed": ("{number} 已付清", "{number} is paid in full"),
    "error.nothing_paid": (
        "{number} 还没有收过款，无可退",
        "Nothing was paid on {number}: nothing to refund",
    ),
    "error.pay_amount": (
        "金额须大于 0，最多 {most} 元（待收）",
        "More than 0 and at most {most} yuan (still owed)",
    ),
    "error.refund_amount": (
        "退款须大于 0，最多 {most} 元（已收）",
        "More than 0 and at most {most} yuan (paid)",
    ),
}
