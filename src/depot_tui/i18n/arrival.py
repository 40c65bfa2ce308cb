"""Night-shift arrival check (到货清点, F4).

Each key once, Chinese then English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "arr.ok": ("OK  {number} 第 {index}/{pieces} 件", "OK  {number} piece {index}/{pieces}"),
    "arr.closed": ("错误：这车已清点完毕", "ERROR: this truck's check is finished"),
    "arr.format": ("错误：不是标签（扫错码了？）", "ERROR: not a label (wrong code scanned?)"),
    "arr.bad_check": (
        "错误：校验位不对，请重扫或手输",
        "ERROR: check character wrong, scan again or type it",
    ),
    "arr.unknown": ("错误：没有这个标签", "ERROR: no such label"),
    "arr.repeat": ("已清点过（{at} {who}），不重复计数", "Already counted ({at} {who}); not counted again"),
    "arr.over": (
        "多件：{number} 第 {index} 件不在本车清单，应到 {station}",
        "OVER: {number} piece {index} is not on this manifest; goes to {station}",
    ),
    "arr.over_next_stop": (
        "多件：{number} 第 {index} 件到 {station}，应留在车上",
        "OVER: {number} piece {index} goes to {station}; it stays on the truck",
    ),
    "arr.over_other_truck": (
        "多件：{number} 第 {index} 件在车次 {number_other} 上，应到 {station}",
        "OVER: {number} piece {index} is on run {number_other}; goes to {station}",
    ),
    "arr.damaged_marked": ("已标破损 {label}：{note}", "Marked damaged {label}: {note}"),
    "arr.damaged_marked_known": (
        "已标破损 {label}：{note}（收货时已记破损：{intake}）",
        "Marked damaged {label}: {note} (damage noted at intake: {intake})",
    ),
    "arr.incoming_title": (
        "到本站的车（在途、清点中、一天内已清点）",
        "Trucks bound here (on the way, being checked, checked in the last day)",
    ),
    "arr.columns": ("车次|始发|车牌|发车|状态|票|已点/应到", "Run|From|Plate|Left|State|WB|Counted/due"),
    "arr.none": ("没有到本站的车", "No truck is bound here"),
    "arr.state.on_way": ("在途", "on the way"),
    "arr.state.arrived": ("待清点", "to check"),
    "arr.run_line": (
        "{number}\u3000从 {origin}\u3000{plate}\u3000{driver}",
        "{number}   from {origin}   {plate}   {driver}",
    ),
    "arr.state.checking": ("清点中", "checking"),
    "arr.state.checked": ("已清点", "checked"),
    "arr.ready": ("请扫描卸下的货", "Scan what comes off"),
    "arr.count_detail": ("多件 {over}\u3000破损 {damaged}", "Over {over}   Damaged {damaged}"),
    "arr.count_waybill": ("本票 {number}：{checked}/{expected} 件", "Waybill {number}: {checked}/{expected}"),
    "arr.damage_title": ("标记破损", "Mark damaged"),
    "arr.damage_body": (
        "{label}：简述破损情况（如：纸箱压扁、液体渗漏）。",
        "{label}: say briefly what is damaged (box crushed, leaking).",
    ),
    "arr.damage_none": (
        "还没有扫到货，先扫要标破损的那一件",
        "Nothing scanned yet: scan the damaged piece first",
    ),
    "arr.finish_title": ("完成清点：{number}", "Finish the check: {number}"),
    "arr.finish_columns": (
        "运单号|收货人|应到|已点|少件|多件|破损",
        "Waybill|Consignee|Due|Counted|Short|Over|Damaged",
    ),
    "arr.finish_total": (
        "应到 {expected}\u3000已点 {checked}\u3000少件 {short}\u3000多件 {over}\u3000破损 {damaged}",
        "Due {expected}   counted {checked}   short {short}   over {over}   damaged {damaged}",
    ),
    "arr.finish_clean": ("件数相符，没有破损", "Every piece as expected, nothing damaged"),
    "arr.finish_keys": ("F10 完成\u3000Esc 返回继续扫描", "F10 finish   Esc back to scanning"),
    "arr.finish_short_keys": (
        "有少件：F10 确认少件并写处理情况\u3000Esc 返回继续扫描",
        "Pieces short: F10 confirm and say what was done   Esc back to scanning",
    ),
    "arr.finish_note_title": ("确认少件 {count} 件", "Confirm {count} piece(s) short"),
    "arr.finish_note_body": (
        "写明处理情况（已查车厢、已电话始发站等），会记入异常汇报表。",
        "Say what was done (truck searched, origin phoned); it goes on the exception report.",
    ),
    "arr.finished": (
        "车次 {number} 清点完成：异常 {exceptions} 条，已报主管处理",
        "Run {number} checked: {exceptions} exception(s), reported to the supervisor",
    ),
    "help.arrival": (
        "到本站的车：在途的、正在清点的、一天内清点完的。↑↓ 选择，Enter 开始或继续清点（多人可同时清点同一车，断线后接着点）。",
        "Trucks bound here: on the way, being checked, checked in the last day. ↑↓ choose, Enter starts or resumes the check (several clerks may check one truck; a dropped link resumes where it stopped).",
    ),
    "help.arrival_check": (
        "逐件扫描卸下的货：OK 计数；不在本车清单的是多件（写明应到哪里）；重复扫描不计数；错误都会响铃。手输标签后按 Enter 也可以。\nCtrl+R 把刚扫的那一件标为破损并简述。F10 完成：列出每票的少件、多件、破损；有少件须确认并写明处理情况。完成后生成异常汇报，件数不符的提出扣分待主管确认，到货运单进入通知提货。",
        "Scan each piece as it comes off: OK counts it; a piece not on this manifest is over (the line says where it goes); a repeat counts nothing; every error rings the bell. A label typed by hand and Enter works too.\nCtrl+R marks the piece just scanned damaged, with a short note. F10 finishes: short, over and damaged per waybill; pieces short need a confirmation and a note. Finishing files the exception reports, proposes deductions for piece counts that differ, and puts the waybills on the notify list.",
    ),
}
