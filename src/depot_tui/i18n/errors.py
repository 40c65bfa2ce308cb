"""Refusals the services raise as keys (services/errors.py), shown at the field they name.

Each key once, Chinese then English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "error.login_failed": ("用户名或密码错误", "Wrong user name or password"),
    "error.account_disabled": ("账号已停用，请找管理员", "This account is disabled; ask an administrator"),
    "error.password_wrong": ("密码不对", "Wrong password"),
    "error.password_short": ("密码至少 {min} 位", "At least {min} characters"),
    "error.password_weak": ("密码太简单", "Too simple"),
    "error.password_same": ("新密码不能与旧密码相同", "The new password must differ from the old one"),
    "error.permission": ("您的角色（{role}）不能执行此操作", "Your role ({role}) may not do this"),
    "error.required": ("必填", "Required"),
    "error.control_chars": ("含有不可见的控制字符", "Contains invisible control characters"),
    "error.too_long": ("太长（最多 {max} 字）", "Too long (at most {max})"),
    "error.username_format": (
        "用户名须为 2–32 位小写字母、数字或 _ . -，以字母开头",
        "User names are 2–32 lowercase letters, digits or _ . -, starting with a letter",
    ),
    "error.username_taken": ("用户名 {username} 已存在", "User name {username} is taken"),
    "error.user_unknown": ("没有用户 {username}", "No user {username}"),
    "error.exception_unknown": (
        "没有这条异常，或不归本站跟进",
        "No such exception, or not this depot's to follow up",
    ),
    "error.exception_resolved": (
        "这条异常已处理完；要改结果先重开（写原因）",
        "This exception is resolved: reopen it (with a reason) to change it",
    ),
    "error.exception_open": (
        "这条异常还没处理完，不用重开",
        "This exception is still open: there is nothing to reopen",
    ),
    "error.resolve_needs_result": (
        "处理结果必填：查明了什么、怎么处理的",
        "A result is needed: what was found and what was done",
    ),
    "error.role_unknown": (
        "没有角色 {role}（clerk、supervisor、admin）",
        "No role {role} (clerk, supervisor, admin)",
    ),
    "error.depot_unknown": ("没有网点 {code}", "No depot {code}"),
    "error.depot_code_format": ("网点代码须为 2–8 位大写字母", "Depot codes are 2–8 capital letters"),
    "error.area_taken": ("{text} 已由网点 {code} 派送", "{code} already delivers to {text}"),
    "error.depot_code_taken": ("网点代码 {code} 已存在", "Depot code {code} is taken"),
    "error.shift_unknown": (
        "没有班次 {code}（early、middle、night）",
        "No shift {code} (early, middle, night)",
    ),
    "error.clerk_needs_shift": ("开单员必须指定班次", "A clerk needs a shift"),
    "error.last_admin": (
        "最后一个管理员不能停用或降级",
        "The last administrator cannot be disabled or demoted",
    ),
    "error.place_unknown": ("找不到地点 {text}", "No place {text}"),
    "error.place_ambiguous": (
        "{text} 有重名，请用六位区划代码",
        "Several places are called {text}: use the 6-digit code",
    ),
    "error.place_not_county": ("{text} 不是县级地点", "{text} is not county level"),
    "error.full_name": ("请填全名（不能只写“张先生”这类称呼）", 'Full name please (not just "Mr Zhang")'),
    "error.phone_chars": (
        "电话只能有数字、空格、-、+ 和括号",
        "Phone numbers hold digits, spaces, -, + and brackets only",
    ),
    "error.phone_invalid": (
        "不是有效的电话号码（手机11位，座机带区号）",
        "Not a valid phone number (mobile 11 digits, landline with area code)",
    ),
    "error.phone_area_code": (
        "座机要带区号，如 020-86317745",
        "A landline needs its area code, e.g. 020-86317745",
    ),
    "error.phone_not_personal": (
        "400/800 等服务号找不到本人，请留手机或座机",
        "400/800 service numbers do not reach the person: a mobile or landline please",
    ),
    "error.whole_number": ("请填整数", "A whole number please"),
    "error.number_range": ("应在 {min} 到 {max} 之间", "Between {min} and {max}"),
    "error.number_format": (
        "请填数字，如 12.5（不能有负号、逗号或字母）",
        "A number like 12.5 (no sign, separators or letters)",
    ),
    "error.number_places": ("最多 {places} 位小数", "At most {places} decimals"),
    "error.number_positive": ("必须大于 0", "Must be more than 0"),
    "error.number_max": ("太大（最多 {max}），请核对", "Too large (at most {max}): check it"),
    "error.prohibited": ("违禁品拒收：{word}（{category}）", "Prohibited goods refused: {word} ({category})"),
    "error.quote_unknown": ("没有这条报价", "No such quote"),
    "error.no_quotes": ("{phone} 近 {days} 天没有报价", "No quote to {phone} in the last {days} days"),
    "error.hazard_unanswered": (
        "问发货人是否危险品：n 否，y 是（须申报）",
        "Ask the shipper whether these are dangerous goods: n no, y yes (declared)",
    ),
    "error.hazard_must_declare": (
        "{word}（{category}）须申报：按 y，发货人在单上签字",
        "{word} ({category}) must be declared: press y; the shipper signs the slip",
    ),
    "error.hazard_not_declarable": (
        "只有锂电池、香水及气雾剂可申报：货名写明是哪类（如 含锂电池）；其他危险品拒收",
        "Only lithium batteries, perfume and aerosols can be declared: name which in the goods; "
        "other dangerous goods are refused",
    ),
    "error.correct_undeclared": (
        "这个货名须申报危险品，发货人没有签过申报：作废重开",
        "These goods must be declared and the shipper signed no declaration: void and issue anew",
    ),
    "error.destination_required": ("请选择到站（县级）", "Choose a destination (county level)"),
    "error.destination_unknown": ("没有这个县级地点：{text}", "No county-level place {text}"),
    "error.choice": ("请选择一项", "Choose one"),
    "error.on_receipt_needs_receipt": ("回单付必须要回单", "Pay on receipt needs a return receipt"),
    "error.address_required": ("送货要填详细地址", "Delivery needs the full address"),
    "error.partner_required": ("中转要填中转商", "A transfer needs the partner line"),
    "error.partner_unknown": ("没有中转商 {name}", "No partner line {name}"),
    "error.rebate_required": ("中转回扣必须标注，没有就填 0", "Mark the transfer rebate: 0 if there is none"),
    "error.not_on_duty": (
        "您现在不在当班时间，不能开单",
        "You are not on duty now and cannot issue waybills",
    ),
    "error.handover_not_accepted": (
        "交接班尚未确认，确认后才能开单",
        "The shift handover is not accepted yet; accept it first",
    ),
    "error.no_price": (
        "本站没有到 {place} 的价格，请主管加入价格表",
        "This depot has no price to {place}: ask a supervisor to add it",
    ),
    "error.no_monthly_account": ("此发货人没有月结账户", "This shipper has no monthly account"),
    "error.below_table_reason": (
        "运费低于价格表 {table}，须填原因",
        "Freight below the table ({table}) needs a reason",
    ),
    "error.numbers_exhausted": ("今天的运单号已用完", "Today's waybill numbers are used up"),
    "error.shipper_not_confirmed": ("发货人尚未核对签字", "The shipper has not checked and signed"),
    "error.waybill_unknown": ("没有运单 {number}", "No waybill {number}"),
    "error.waybill_other_depot": ("运单 {number} 不属于本站", "Waybill {number} is not this depot's"),
    "error.reason_required": ("请填写原因", "Give the reason"),
    "error.plate": ("车牌格式不对（例：粤A·3K729）", "Not a number plate (e.g. 粤A·3K729)"),
    "error.departure_format": ("发车时间写作 21:00 或 11-24 06:30", "Departure as 21:00 or 11-24 06:30"),
    "error.departure_range": (
        "发车时间须在一天前到七天后之间",
        "Departure between a day ago and a week ahead",
    ),
    "error.stops_required": ("请填到站代码（如 CS XT）", "Give the station codes (e.g. CS XT)"),
    "error.stop_unknown": ("没有站点 {code}", "No station {code}"),
    "error.stop_is_here": ("{code} 是本站，不能作为到站", "{code} is this depot, not a destination"),
    "error.stop_twice": ("到站重复了", "A station is named twice"),
    "error.manifest_unknown": ("没有这个车次", "No such truck run"),
    "error.id_length": ("应为18位（现在 {length} 位）", "18 characters needed (this has {length})"),
    "error.id_chars": ("前17位是数字，最后一位是数字或 X", "17 digits, then a digit or X"),
    "error.id_check": (
        "校验位不对：请核对证件逐位重输",
        "check character wrong: type it again from the card",
    ),
    "error.id_birth": ("号码里的出生日期不对", "the birth date in it is not a real date"),
    "error.pickup_unknown": ("没有到本站的运单 {number}", "No waybill {number} bound for this depot"),
    "error.pickup_state": (
        "运单 {number} 现在不能提货（{status}）",
        "Waybill {number} cannot be picked up now ({status})",
    ),
    "error.pickup_held": (
        "运单 {number} 等通知放货：须先登记发货人放货",
        "Waybill {number} is held for release: record the shipper's release first",
    ),
    "error.pickup_nothing_here": (
        "运单 {number} 已无货在本站",
        "Nothing of waybill {number} is here any more",
    ),
    "error.collect_amount": ("提付应收 {due} 元", "Collect freight due: {due} yuan"),
    "error.collect_method": (
        "选收款方式：现金、微信、支付宝、转账",
        "Choose how it was paid: cash, WeChat, Alipay, bank",
    ),
    "error.day_format": ("日期写成 2026-11-24 或 11-24", "Write the date as 2026-11-24 or 11-24"),
    "error.day_range": ("日期须在 {first} 至 {last} 之间", "The date must be from {first} to {last}"),
    "error.range_order": ("结束日期在开始日期之前", "The end date is before the start date"),
    "error.range_long": ("一次最多 {days} 天", "At most {days} days at a time"),
    "error.agreed_time": ("写明和收货人约好的送货时间", "Write the delivery time agreed with the consignee"),
    "error.delivery_mode": (
        "选送货方式：配送、专车、直送、上楼",
        "Choose the mode: delivery, special truck, direct, upstairs",
    ),
    "error.delivery_planned": (
        "运单 {number} 已安排送货：先登记那次送达或未送达",
        "Waybill {number} already has a delivery planned: record how it went first",
    ),
    "error.delivery_fee": (
        "自提改送货，先收送货费 {due} 元",
        "Self-pickup changed to delivery: take the delivery fee first, {due} yuan",
    ),
    "error.delivery_unknown": ("本站没有这次送货", "No such delivery here"),
    "error.delivery_done": (
        "运单 {number} 这次送货已登记为“{status}”",
        "This delivery of waybill {number} is already recorded as '{status}'",
    ),
    "error.transfer_unknown": ("没有运单 {number}", "No waybill {number}"),
    "error.receipt_unknown": ("运单 {number} 没有回单要求", "Waybill {number} has no return receipt"),
    "error.receipt_step": (
        "回单只有 签收、返回、交付 三步",
        "A return receipt is signed, returned, then handed over",
    ),
    "error.receipt_order": (
        "运单 {number} 的回单现在是“{status}”，下一步不是“{to}”",
        "The receipt of waybill {number} is '{status}': '{to}' is not its next step",
    ),
    "error.receipt_depot": (
        "运单 {number} 的回单这一步由 {depot} 站登记",
        "This step of waybill {number}'s receipt is recorded at depot {depot}",
    ),
    "error.receipt_not_handed": (
        "运单 {number} 还没提货或送达，收货人还不能签回单",
        "Waybill {number} is not picked up or delivered yet: no receipt to sign",
    ),
    "error.not_late": ("{number} 现在不算晚到", "{number} is not late now"),
    "error.enquiry_unknown": ("没有这条客服记录", "No such log line"),
    "error.enquiry_answered": ("这条已经答复过了", "This line is already answered"),
    "error.enquiry_fault": ("只能记第 14 或第 19 条", "Only fault 14 or 19 is cited from the log"),
    "error.register_kind": (
        "选登记簿：提货、中转、回单、业务统计",
        "Choose the register: pickup, transfer, receipt, figures",
    ),
    "error.register_format": ("选输出：打印、CSV、XLSX", "Choose the output: print, CSV, XLSX"),
    "error.handover_no_shift": ("没有在班的班次，不能交接", "No shift on duty to hand over"),
    "error.handover_not_yours": ("不是本班的交接", "Not a handover of your shift"),
    "error.handover_not_draft": (
        "交接已{status}，不能再改",
        "The handover is {status}: it cannot be changed",
    ),
    "error.handover_kind": (
        "选：未了事项、上级交代、当面清点",
        "Choose: open matter, instruction, counted item",
    ),
    "error.handover_count_differs": (
        "清点数与应有数不符：写明原因",
        "Counted differs from expected: write why",
    ),
    "error.handover_cash_differs": (
        "系统现金 {system} 元，点数 {counted} 元：写明差额原因",
        "System cash {system}, counted {counted}: explain the difference",
    ),
    "error.handover_blocked": (
        "有 {count} 件重大异常未处理（{what}），不能交班：处理完，或请主管批准",
        "{count} major exception(s) open ({what}): resolve them, or ask a supervisor to override",
    ),
    "error.handover_matter": (
        "未了事项“{subject}”须写明起因、经过、结果",
        "Open matter '{subject}' needs its cause, course and result",
    ),
    "error.handover_not_pending": ("没有待接的这份交接", "No such handover waiting to be taken over"),
    "error.handover_self": ("不能自己接自己的班", "You cannot take over your own shift"),
    "error.handover_dispute_note": ("有异议的项须写明异议", "A disputed item needs a note"),
    "error.notice_method": ("通知方式：电话、短信或其他", "How: phone, SMS or other"),
    "error.notice_answer": ("答复：来提、要送货或无人接听", "Answer: will come, deliver, or no answer"),
    "error.notice_other_note": ("其他方式请写明怎么通知的", "Say how they were told"),
    "error.release_method": (
        "放货依据：红单照片或电话确认",
        "Release by the red slip's photo or a confirming call",
    ),
    "error.release_not_held": ("运单 {number} 没有等通知放货", "Waybill {number} is not held for release"),
    "error.release_wrong_phone": (
        "须打发货人留的电话 {phone} 确认",
        "Call the shipper's number on file, {phone}, to confirm",
    ),
    "error.release_photo": (
        "写明红单“可放货”照片存在哪里（如微信消息）",
        "Say where the photo of the slip marked 可放货 is kept (e.g. the WeChat message)",
    ),
    "error.check_unknown": (
        "没有这个到货清点（不是到本站的车）",
        "No such arrival check (not a truck bound here)",
    ),
    "error.check_finished": ("这车已清点完毕", "This truck's check is finished"),
    "error.damage_not_checked": (
        "{label} 还没有扫描清点，先扫再标破损",
        "{label} has not been scanned in this check: scan it, then mark it damaged",
    ),
    "error.finish_short": (
        "还有 {count} 件未扫到（少件）：确认少件并写明处理情况后才能完成",
        "{count} piece(s) not scanned (short): confirm the shortage and say what was done to finish",
    ),
    "error.manifest_closed": (
        "车次 {number} 已发车，不能再改",
        "Truck run {number} has left; it cannot change",
    ),
    "error.off_route": (
        "运单 {number} 到 {station}，不在本车路线上",
        "Waybill {number} goes to {station}, not on this truck's route",
    ),
    "error.waybill_not_planned": (
        "运单 {number} 不在本车计划中",
        "Waybill {number} is not planned on this truck",
    ),
    "error.nothing_loaded": ("车次 {number} 还没有装货", "Nothing is loaded on {number} yet"),
    "error.depart_needs_note": (
        "{count} 票未装完，须先写明原因：{numbers}",
        "{count} waybill(s) not fully loaded need the reason first: {numbers}",
    ),
    "error.manifest_not_departed": (
        "车次 {number} 还未发车，没有清单可补打",
        "Run {number} has not left: no manifest to reprint",
    ),
    "error.keyword_short": (
        "关键词至少两个字（一个字会拒收太多正常货物）",
        "At least two characters (one would refuse too many ordinary goods)",
    ),
    "error.keyword_exists": ("“{word}”已在清单中（{category}）", "“{word}” is already listed ({category})"),
    "error.keyword_unknown": ("清单中没有“{word}”", "“{word}” is not on the list"),
    "error.not_correctable": (
        "这一项开单后不能更正（须作废重开）",
        "This cannot be corrected after issue (void and issue again)",
    ),
    "error.waybill_void": ("运单 {number} 已作废", "Waybill {number} is void"),
    "error.nothing_changed": ("没有改动", "Nothing changed"),
    "error.void_after_loading": (
        "运单 {number} 已装车，不能作废",
        "Waybill {number} is loaded already and cannot be voided",
    ),
    "error.label_check": (
        "标签 {label} 校验位不对，请重扫或核对",
        "Label {label}: check character wrong; scan again or check it",
    ),
    "error.number_check": (
        "运单号 {number} 校验位不对，请核对",
        "Waybill number {number}: check character wrong",
    ),
    "error.handover_matter_open": (
        "“{subject}”的异常还没处理，不能删除",
        "The exception of “{subject}” is still open: the line stays",
    ),
    "error.handover_not_disputed": ("这一项没有待处理的异议", "This line has no dispute to settle"),
    "error.score_not_found": ("没有这条考核记录", "No such score record"),
    "error.score_decided": ("这条考核已{status}，不能再定", "This record is {status} already"),
    "error.score_month_closed": ("{month} 已结账，不能再改", "{month} is closed: it cannot be changed"),
    "error.score_month_open": ("{month} 没有结账", "{month} is not closed"),
    "error.score_month_not_over": (
        "{month} 还没过完，不能结账",
        "{month} is not over yet: it cannot be closed",
    ),
    "error.score_month_undecided": (
        "还有 {proposals} 条待定、{appeals} 条申诉未处理，不能结账",
        "{proposals} proposal(s) and {appeals} appeal(s) are undecided: decide them first",
    ),
    "error.score_rule_unknown": ("没有 {code} 这条考核细则", "There is no rule {code}"),
    "error.score_rule_closed_month": (
        "{month} 已结账：细则只能从未结账的月份起改",
        "{month} is closed: a rule changes from an open month on",
    ),
    "error.score_rule_later": ("这条细则已有更晚的版本", "This rule has a later version already"),
    "error.score_rule_same_day": (
        "这一天起已有这条细则的版本",
        "This rule already has a version from that day",
    ),
    "error.score_points": (
        "分值写 -100 到 100，最多 1 位小数",
        "Points from -100 to 100, one decimal at most",
    ),
    "error.score_not_appealable": (
        "这条考核{status}，不能申诉",
        "This record is {status}: it cannot be appealed",
    ),
    "error.score_appeal_open": ("这条考核已在申诉中", "This record is under appeal already"),
    "error.score_appeal_late": (
        "申诉须在接到通知后 {days} 个工作日内（{told} 通知，截止 {until}），已过期",
        "Appeals are taken within {days} working days of being told ({told}, until {until}): too late",
    ),
    "error.score_appeal_decided": ("这条申诉已处理", "This appeal is decided already"),
}
