"""The roster (排班), leave asked and decided (请假、外出、加班), deductions told at login, and
HR's appeals (F7). Each key once, Chinese then English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # The roster
    "screen.roster": ("排班", "Roster"),
    "key.roster": ("排班", "Roster"),
    "key.week_back": ("上周", "Week back"),
    "key.week_on": ("下周", "Week on"),
    "key.swap": ("调班", "Swap"),
    "key.repeat_week": ("按本周排以后", "Repeat week"),
    "key.shift_early": ("早班", "Early"),
    "key.shift_middle": ("中班", "Middle"),
    "key.shift_night": ("晚班", "Night"),
    "key.day_off": ("休息", "Day off"),
    "help.roster": (
        "本站开单员一周的排班：每格是一人一天。方向键移动；1 早班，2 中班，3 晚班，0 休息，马上保存。"
        "带 · 的格没有排过，按本人的常规班次。假/外 表示批准的请假或外出。S 调班：在一人的某天按 S，"
        "移到另一人的同一天再按 S，两人当天的班对调。Ctrl+R 把本周照样排到以后几周。PgUp/PgDn 换周。"
        "登录时按排班上班：迟到按排的班算；排了班没来，下班后作为旷工提请主管确认。过去的日子不能改。",
        "A week of this depot's clerks: one cell per clerk and day. Arrows move; 1 early, 2 middle, "
        "3 night, 0 day off, saved at once. A cell marked · was not planned: the clerk's usual shift. "
        "L/O is approved leave or going out. S swaps: S on one clerk's day, move to another clerk's "
        "same day, S again. Ctrl+R plans the next weeks like this one. PgUp/PgDn change the week. "
        "Login follows the roster: lateness counts from the rostered shift, and a rostered shift "
        "nobody worked is proposed as absence once it ends. Days past cannot be changed.",
    ),
    "roster.title": ("排班 {first} 至 {last}（{count} 人）", "Roster {first} to {last} ({count} clerks)"),
    "roster.clerk": ("开单员", "Clerk"),
    "roster.weekday": ("一|二|三|四|五|六|日", "Mo|Tu|We|Th|Fr|Sa|Su"),
    "roster.cell.early": ("早", "E"),
    "roster.cell.middle": ("中", "M"),
    "roster.cell.night": ("晚", "N"),
    "roster.cell.off": ("休", "off"),
    "roster.cell.leave": ("假", "L"),
    "roster.cell.out": ("外", "O"),
    "roster.usual": ("·", "·"),
    "roster.none": ("本站没有开单员", "No clerks at this depot"),
    "roster.saved": ("{name} {day} 排为 {shift}", "{name} on {day}: {shift}"),
    "roster.swap_from": (
        "调班：{name} {day}。移到另一人的同一天按 S 对调，Esc 取消",
        "Swap: {name} on {day}. Move to another clerk's same day and press S; Esc cancels",
    ),
    "roster.swap_column": ("调班只在同一天的两人之间", "A swap is between two clerks on the same day"),
    "roster.swapped": ("{day}：{a} 和 {b} 已对调", "{day}: {a} and {b} swapped"),
    "roster.swap_cancelled": ("调班已取消", "Swap cancelled"),
    "roster.repeat_title": ("按本周排以后几周", "Plan the next weeks like this one"),
    "roster.repeat_body": (
        "从下周起，每人每天照本周排。以后几周已排的会被替换。",
        "From next week on, each clerk's days as this week. What those weeks held is replaced.",
    ),
    "roster.weeks": ("几周", "Weeks"),
    "roster.repeat_keys": ("Enter 排入　Esc 取消", "Enter plan　Esc cancel"),
    "roster.repeated": (
        "已排入以后 {weeks} 周（{count} 格有变）",
        "Planned {weeks} weeks on ({count} days changed)",
    ),
    "error.roster_past": (
        "{day} 已过，不能再排（最早从今天 {today}）",
        "{day} is past: the roster starts today, {today}",
    ),
    "error.roster_not_clerk": ("不是本站的开单员", "Not a clerk of this depot"),
    "error.roster_swap_same": ("调班要两个人", "A swap takes two clerks"),
    "error.roster_repeat": ("写 1 到 {most} 周", "From 1 to {most} weeks"),
    # Leave, going out, overtime
    "screen.leave": ("请假、外出、加班", "Leave, going out, overtime"),
    "key.leave": ("请假", "Leave"),
    "key.ask_leave": ("申请", "Ask"),
    "key.withdraw": ("撤回", "Withdraw"),
    "key.approve": ("批准", "Approve"),
    "key.refuse": ("不批准", "Refuse"),
    "help.leave_own": (
        "您的请假、外出和加班申请（R-6.11：须事先申请，否则不算）。Ctrl+N 申请：选种类，写起止时间"
        "（如 11-25 08:00）和理由，由主管批准。W 撤回还没处理的一条。批准的请假在排班上，当班不算迟到或旷工；"
        "请假的月份没有全勤奖。",
        "Your requests for leave, going out and overtime (R-6.11: asked in advance, or they do not "
        "count). Ctrl+N asks: the kind, from and to (like 11-25 08:00) and why; a supervisor "
        "decides. W withdraws one not yet decided. Approved leave is on the roster and excuses "
        "lateness and absence on it; a month with leave earns no full-attendance bonus.",
    ),
    "help.leave": (
        "本站的请假、外出和加班申请：待批的在前，早的在前。Y 批准，N 不批准（要写理由）。"
        "批准的请假在排班上，当班不算迟到或旷工。",
        "This depot's requests: those waiting first, oldest first. Y approves, N refuses (with "
        "the reason). Approved leave is on the roster and excuses lateness and absence on it.",
    ),
    "leave.title": ("请假、外出、加班（待批 {waiting}）", "Leave, going out, overtime ({waiting} waiting)"),
    "leave.title_own": ("我的请假、外出、加班", "My leave, going out, overtime"),
    "leave.columns": ("姓名|种类|从|到|状态|理由", "Name|Kind|From|To|State|Why"),
    "leave.none": ("没有申请", "No requests"),
    "leave.kind.leave": ("请假", "leave"),
    "leave.kind.out": ("外出", "out"),
    "leave.kind.overtime": ("加班", "overtime"),
    "leave.state.asked": ("待批", "waiting"),
    "leave.state.approved": ("已批准", "approved"),
    "leave.state.refused": ("不批准", "refused"),
    "leave.state.withdrawn": ("已撤回", "withdrawn"),
    "leave.form_title": ("申请请假、外出或加班", "Ask for leave, going out or overtime"),
    "leave.kind": ("种类", "Kind"),
    "leave.kind_choices": ("1 请假　2 外出　3 加班", "1 leave　2 going out　3 overtime"),
    "leave.starts_at": ("从", "From"),
    "leave.ends_at": ("到", "To"),
    "leave.reason": ("理由", "Why"),
    "leave.time_hint": ("月-日 时:分，如 11-25 08:00", "month-day hour:minute, like 11-25 08:00"),
    "leave.form_keys": ("F10 提交　Esc 取消", "F10 send　Esc cancel"),
    "leave.asked": ("已提交，等主管批准", "Sent: a supervisor decides"),
    "leave.withdrawn": ("已撤回", "Withdrawn"),
    "leave.refuse_title": ("不批准 {name} 的{kind}", "Refuse {name}'s {kind}"),
    "leave.refuse_body": ("写明理由，申请人会看到", "Say why: the clerk reads it"),
    "leave.decided": ("{name} 的{kind}：{state}", "{name}'s {kind}: {state}"),
    "leave.not_waiting": ("这条已处理", "This one is decided"),
    "error.leave_kind": ("选 1 请假、2 外出或 3 加班", "Choose 1 leave, 2 going out or 3 overtime"),
    "error.leave_time": ("写成 11-25 08:00", "Write it as 11-25 08:00"),
    "error.leave_order": ("结束要晚于开始", "The end must be after the start"),
    "error.leave_long": ("一次最多 {days} 天", "{days} days at most at a time"),
    "error.leave_past": (
        "须事先申请：开始不能早于现在 {now}",
        "Asked in advance: not starting before now, {now}",
    ),
    "error.leave_overlap": (
        "与已有的申请（{start} 至 {end}）重叠",
        "Overlaps a request already made ({start} to {end})",
    ),
    "error.leave_not_found": ("没有这条申请", "No such request"),
    "error.leave_decided": (
        "这条申请{status_key}，不能再改",
        "This request is {status_key}: it cannot change",
    ),
    # Told at login: the appeal window opens
    "score.told": (
        "新确认的扣分 {count} 条（{points} 分），按 F7 查看；申诉截止 {until}（含当天）",
        "{count} new deductions confirmed ({points} points): F7 shows them; appeal until {until}",
    ),
    "score.pay_fixed": ("不浮动", "fixed"),
    "score.until": ("申诉截止 {until}（含当天）", "Appeal until {until} (that day included)"),
    # HR: appeals
    "screen.appeals": ("申诉", "Appeals"),
    "help.appeals": (
        "各站开单员的申诉，早的在前（人力资源部处理，不由确认扣分的主管处理）。Y 维持扣分，N 撤销扣分，"
        "都要写理由；Enter 看全文和依据。",
        "Every depot's clerks' appeals, oldest first (HR decides them, not the supervisor who "
        "confirmed the deduction). Y upholds, N overturns, each with a reason; Enter reads one "
        "with its evidence.",
    ),
    "appeals.title": ("待处理的申诉 {count} 条", "{count} appeals waiting"),
    "appeals.none": ("没有待处理的申诉", "No appeals waiting"),
    "key.uphold": ("维持", "Uphold"),
    "key.overturn": ("撤销", "Overturn"),
    "appeals.columns": ("日期|站|姓名|代码|细则|分|申诉理由", "Date|Depot|Name|Code|Rule|Pts|Appeal"),
    # The back office's user form
    "user.hired_on": ("入职日期", "Hired on"),
    "user.hired_on_hint": ("空：用本系统前已入职", "blank: hired before the app"),
}
