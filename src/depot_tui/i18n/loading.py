"""Loading check (装车, F3) and its scan answers.

Each key once, Chinese then English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "scan.ok": ("OK  {number} 第 {index}/{pieces} 件", "OK  {number} piece {index}/{pieces}"),
    "scan.unloaded": ("已卸车 {label}，回到库存", "Unloaded {label}: back in stock"),
    "scan.closed": ("错误：车次 {number} 已发车", "ERROR: run {number} has left"),
    "scan.format": ("错误：不是标签（扫错码了？）", "ERROR: not a label (wrong code scanned?)"),
    "scan.bad_check": (
        "错误：校验位不对，请重扫或手输",
        "ERROR: check character wrong, scan again or type it",
    ),
    "scan.unknown": ("错误：没有这个标签", "ERROR: no such label"),
    "scan.void": ("错误：运单 {number} 已作废，不能装车", "ERROR: waybill {number} is void, do not load"),
    "scan.repeat": (
        "错误：本车已装（{at}），重复扫描不计数",
        "ERROR: already on this truck ({at}); not counted again",
    ),
    "scan.other_truck": (
        "错误：已装在车次 {number}（{plate}）上",
        "ERROR: already on run {number} ({plate})",
    ),
    "scan.departed": ("错误：此件已{status}，不在库", "ERROR: this piece is {status}, not in stock"),
    "scan.not_here": ("错误：此件在 {station}，不在本站", "ERROR: this piece is at {station}, not here"),
    "scan.off_route": (
        "错误：到 {station}，本车路线 {route}",
        "ERROR: goes to {station}; this truck runs {route}",
    ),
    "scan.not_on_truck": ("错误：此件不在本车上", "ERROR: this piece is not on this truck"),
    "scan.not_recorded": (
        "错误：{label} 未记录（数据库：{reason}），请重扫",
        "ERROR: {label} NOT recorded (database: {reason}); scan it again",
    ),
    "help.loading": (
        "本站未发的车次和今天已发的车次。\n↑↓ 选择，Enter 开始装车（扫描）；Ctrl+N 新建车次（车牌、司机、电话、到站代码、发车时间）；F9 看库存，并可选货加入所选车次的计划；Ctrl+P 补打已发车的清单。",
        "This depot's open truck runs and today's departures.\n↑↓ choose, Enter starts loading (scanning); Ctrl+N makes a new run (plate, driver, phone, station codes, departure); F9 shows the stock and adds waybills to the highlighted run's plan; Ctrl+P reprints a departed run's manifest.",
    ),
    "help.loading_scan": (
        "扫描枪扫标签即装车，手输标签后按 Enter 也可以。每扫一件立即显示 OK 或错误（错误会响铃），错误写明原因。\n未计划的运单扫到即加入本车计划；F9 从库存选运单加入计划。Ctrl+R 卸车：先写原因，再扫要卸下的那件。\nF10 发车：核对计划与实装，未装完的运单须写明原因（Enter），整车备注用 Ctrl+E，发车后打印发车清单。",
        "Scan a label to load the piece; a label typed by hand and Enter works too. Each scan answers at once with OK or an error (with the bell) that names the cause.\nA waybill not yet planned joins the plan when scanned; F9 picks waybills from the stock into the plan. Ctrl+R unloads: give the reason, then scan the piece to take off.\nF10 departs: planned against loaded; any waybill not fully loaded needs its reason (Enter), Ctrl+E writes a note for the whole truck; the manifest prints on departure.",
    ),
    "load.runs_title": ("车次（装车中、今日已发）", "Truck runs (loading, left today)"),
    "load.run_columns": (
        "车次|车牌|路线|计划发车|状态|已装/计划",
        "Run|Plate|Route|Departure|Status|Loaded/planned",
    ),
    "load.no_runs": ("还没有车次：Ctrl+N 新建", "No truck runs yet: Ctrl+N makes one"),
    "load.status.open": ("装车中", "loading"),
    "load.status.departed": ("已发车", "departed"),
    "load.status.arrived": ("已到达", "arrived"),
    "load.status.checking": ("清点中", "checking"),
    "load.status.checked": ("已清点", "checked"),
    "load.reprinted": (
        "已补打车次 {number} 的清单（{where}）",
        "Reprinted the manifest of {number} ({where})",
    ),
    "load.new_run": ("新建车次", "New truck run"),
    "load.new_run_keys": (
        "到站：站点代码如 CS XT，或线路名\u3000Enter 下一项\u3000F10 建立\u3000Esc 取消",
        "Stops: station codes (CS XT) or a route's name   Enter next   F10 create   Esc cancel",
    ),
    "load.plate": ("车牌", "Plate"),
    "load.driver_name": ("司机", "Driver"),
    "load.driver_phone": ("司机电话", "Driver phone"),
    "load.stops": ("到站/线路", "Stops"),
    "load.departure": ("发车", "Departs"),
    "load.ready": ("请扫描标签", "Scan a label"),
    "load.scan": ("扫描", "Scan"),
    "load.count_detail": ("本车已装 {kg} kg\u3000{m3} m³", "On the truck {kg} kg   {m3} m³"),
    "load.count_waybill": (
        "本票 {number}：{loaded}/{planned} 件",
        "Waybill {number}: {loaded}/{planned} pieces",
    ),
    "load.unload_title": ("卸车", "Unload"),
    "load.unload_body": (
        "写明卸车原因，然后扫描要卸下的那一件。",
        "Give the reason, then scan the piece to take off.",
    ),
    "load.unload_mode": (
        "卸车模式：下一次扫描将卸下该件（原因：{reason}）",
        "Unloading: the next scan takes that piece off (reason: {reason})",
    ),
    "load.depart_title": ("发车：{number}\u3000{plate}", "Depart: {number}   {plate}"),
    "load.plan_columns": (
        "|运单号|到站|收货人|已装/计划|未装原因",
        "|Waybill|Stn|Consignee|Loaded/planned|Why not loaded",
    ),
    "load.depart_total": (
        "{waybills} 票\u3000已装 {loaded}/{planned} 件\u3000{kg} kg\u3000{m3} m³",
        "{waybills} waybills   loaded {loaded}/{planned} pieces   {kg} kg   {m3} m³",
    ),
    "load.depart_keys": (
        "Enter 写未装原因\u3000Ctrl+E 整车备注\u3000F10 发车并打印\u3000Esc 返回",
        "Enter why a line stays  Ctrl+E truck note  F10 depart, print  Esc back",
    ),
    "load.manifest_note": ("整车备注：{note}", "Truck note: {note}"),
    "load.manifest_note_title": ("整车备注", "Note for the whole truck"),
    "load.manifest_note_body": (
        "印在清单末尾（铅封号、临时加货、晚发原因等）。",
        "Printed at the end of the manifest (seal number, goods added, why late).",
    ),
    "load.note_title": ("未装原因：{number}", "Why not loaded: {number}"),
    "load.note_body": (
        "还有 {left} 件留库，写明原因（会印在清单上）。",
        "{left} piece(s) stay in stock; give the reason (printed on the manifest).",
    ),
    "load.departed": (
        "车次 {number} 已发车，清单已打印（{where}）",
        "Run {number} has left; manifest printed ({where})",
    ),
    "help.loading_stock": (
        "本站未装车的货，按到站分组，先开的在前；每组一行合计（票、件、kg、m³）。部分装车的运单显示“在库/总件数”，等通知放货和已作废的注明（作废的不计数，不能装车），已在某车次计划里的注明车次号（→01 即 …-01）。\n从车次进来时：空格选一票（在到站那一行按空格选整个到站），F10 加入该车次的计划。Esc 返回。",
        "Goods here not yet on a truck, by destination, oldest first; each destination has a line of totals (waybills, pieces, kg, m³). A partly loaded waybill shows pieces left/all; held and void waybills say so (void ones are not counted and cannot be loaded), and one already on a run's plan shows that run (→01 is …-01).\nOpened from a truck run: Space marks a waybill (on a destination's line, all of it), F10 adds the marked ones to the run's plan. Esc goes back.",
    ),
    "load.stock_title": (
        "库存（未装车），按到站、先开先走",
        "Stock not loaded, by destination, oldest first",
    ),
    "load.stock_for": (
        "库存 → 车次 {number}（{route}）：空格选择，F10 加入计划",
        "Stock → run {number} ({route}): Space marks, F10 adds to the plan",
    ),
    "load.stock_columns": (
        "  运单号|收货人|货名|在库|kg|m³|开单|说明",
        "  Waybill|Receiver|Goods|Left|kg|m³|Date|Note",
    ),
    "load.stock_empty": ("本站没有未装车的货", "Nothing here waits for a truck"),
    "load.stock_waybills": ("{count} 票", "{count} wb"),
    "load.stock_void": ("已作废", "VOID"),
    "load.stock_hold": ("等通知", "hold"),
    "load.stock_already": ("已在车次 {number} 的计划里", "Already on the plan of run {number}"),
    "load.stock_picked": ("已选 {count} 票，F10 加入计划", "{count} marked; F10 adds them to the plan"),
    "load.stock_none_picked": ("还没有选运单：空格选择", "Nothing marked yet: Space marks a waybill"),
    "load.stock_planned_now": (
        "{count} 票已加入车次 {number} 的计划",
        "{count} waybill(s) added to the plan of run {number}",
    ),
}
