"""Money (issue 24): payments, refunds and re-weighs on a waybill, monthly statements; their
refusals.

Each key once, Chinese then English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "error.pieces_moved": (
        "{number} 已排车或已装车，件数不能再改（请上报异常）",
        "{number} is planned onto or loaded on a truck: its pieces can no longer be corrected (report an exception)",
    ),
    "error.pieces_scanned": (
        "{number} 要去掉的件已扫描过，不能去掉",
        "A piece of {number} to take off has been scanned: it cannot be taken off",
    ),
    "error.pay_on_receipt": (
        "{number} 是回单付：回单签回到本站后才收",
        "{number} is paid on receipt: taken once the signed receipt is back here",
    ),
    "screen.statements": ("月结对账", "Monthly accounts"),
    "screen.receivables": ("应收账款", "Receivables"),
    "acct.title": ("对账单", "Statements"),
    "acct.columns": ("单号|客户|期间|金额|状态|异议", "Number|Customer|Period|Amount|Stands|Disputed"),
    "acct.none": ("没有未付的对账单（Ctrl+N 出单）", "No statement unpaid (Ctrl+N draws one up)"),
    "acct.viewing": ("对账单 {number}", "Statement {number} (printed in Chinese)"),
    "acct.drawn_up": ("对账单已出，等主管核对（Ctrl+G）", "Drawn up: a supervisor checks it next (Ctrl+G)"),
    "acct.moved": ("{number} 已到下一步", "{number} moved on"),
    "acct.no_next.disputed": (
        "有异议：先在 F8 更正运单，再按 Ctrl+D 消除异议",
        "Disputed: correct the waybill in F8, then settle the line with Ctrl+D",
    ),
    "acct.no_next.paid": ("已付款，已完结", "Paid: nothing more to do"),
    "acct.dispute_saved": ("已记录", "Recorded"),
    "acct.printed": ("已打印", "Printed"),
    "acct.draw_up_title": ("出对账单（月结客户）", "Draw up a statement (monthly customer)"),
    "acct.phone": ("客户电话", "Customer phone"),
    "acct.start": ("从", "From"),
    "acct.end": ("到", "To"),
    "acct.invoice_title": ("开票：{number}", "Invoice: {number}"),
    "acct.invoice_no": ("发票号", "Invoice no."),
    "acct.pay_title": ("收款：{number}", "Paid: {number}"),
    "acct.method": ("方式", "By"),
    "acct.reference": ("交易单号", "Transaction no."),
    "acct.amount": ("金额（空＝余额）", "Amount (blank: all)"),
    "acct.dispute_title": ("异议：{number}", "Dispute: {number}"),
    "acct.number": ("运单号", "Waybill"),
    "acct.note": ("客户说", "Customer says"),
    "acct.dispute_keys": (
        "写明异议保存；不写则消除该票异议　F10 保存　Esc 取消",
        "With what they say: disputed; blank: put right   F10 saves   Esc cancels",
    ),
    "acct.owed_title": (
        "月结客户应收（按账龄，! 超信用额度）",
        "Monthly customers owe (by age; ! over the limit)",
    ),
    "acct.owed_columns": (
        "客户|未出单|≤30天|31–60|61–90|>90天|合计",
        "Customer|Unbilled|≤30 d|31–60|61–90|>90 d|Total",
    ),
    "acct.owed_none": ("月结客户都已付清", "No monthly customer owes anything"),
    "help.statements": (
        "月结对账（SOP 004）：客服按客户和期间出对账单（Ctrl+N，月结运单、尚未对过账的），主管（财务）核对，寄出，客户确认或对某票提出异议，开票，付款。Ctrl+G 走下一步；Ctrl+D 记录某票的异议（先在 F8 更正运单，它按开单日价格重算；再按 Ctrl+D 不写内容即消除）；Enter 看对账单，Ctrl+P 打印；Ctrl+A 含已付款的。\nCtrl+R 看各月结客户欠款：未出单的、已出单未付的按账龄（30、60、90 天），超过信用额度的标 !。",
        "Monthly accounts (SOP 004): customer service draws up a customer's statement for a period (Ctrl+N: monthly waybills not billed before); a supervisor (finance) checks it; it is sent; the customer confirms it or disputes a waybill on it; it is invoiced and paid. Ctrl+G takes the next step; Ctrl+D records a dispute on a waybill (correct the waybill in F8 first, which reprices it at the issue day's price; then Ctrl+D with nothing said puts the line right); Enter reads it, Ctrl+P prints it; Ctrl+A shows the paid ones too.\nCtrl+R: what every monthly customer owes, unbilled and billed by age (30, 60, 90 days), ! over the credit limit.",
    ),
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
