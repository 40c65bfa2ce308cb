"""The back office (后台管理, F12): its menu, the price table, the settings, the depots and
routes, and the refusals of the back office's services (office_accounts.py has the accounts,
customers and partner lines).

Each key once, Chinese then English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "screen.office": ("后台管理", "Back office"),
    "screen.prices": ("价格表", "Price table"),
    "key.office": ("后台管理", "Back office"),
    "key.import": ("导入", "Import"),
    "help.office": (
        "后台管理：一个网点的基础资料。主管和管理员可以修改；开单员只能查看（价格表）。Enter 打开。",
        "The back office: what a depot runs on. Supervisors and admins change it; clerks read it (the price table). Enter opens.",
    ),
    "office.title": ("后台管理", "Back office"),
    "office.columns": ("功能|说明", "Part|What it is"),
    "office.none": ("没有可用的功能", "Nothing here for this account"),
    "office.part.prices": ("价格表", "Price table"),
    # One line of the menu: at most 60 columns.
    "office.about.prices": (
        "本站到各地运价：县市省、重量段、某天起生效、导入导出",
        "Rates by county, city or province; weight bands; Excel in/out",
    ),
    "office.about.prices_read": ("本站到各地的运价（只读）", "This depot's rates to each place (read only)"),
    # The price table
    "help.prices": (
        "本站价格表：每行一个到站（县，或整个市、省，县的价优先）。元/kg 与 元/m³ 取高者，不低于最低收费；重量段写作 100:1.2 500:1，即 100 公斤内每公斤 1.2、500 公斤内 1，超出按 元/kg。改价从某天起生效，之前开的单和报价不变。查找框输入到站、代码或拼音后按 Enter。主管：Enter 改这一行，Ctrl+N 新增到站，Ctrl+R 导入 XLSX/CSV（整份文件无误才导入），Ctrl+E 导出。",
        "This depot's price table: one line a destination (a county, or a whole city or province; a county's own line comes first). Per kg and per m³, the higher of the two, never below the minimum; weight bands are written 100:1.2 500:1, i.e. up to 100 kg 1.2 a kg, up to 500 kg 1, above that the per-kg rate. A change takes effect from a day on; waybills and quotes before it keep their price. Type a destination, code or initials in the find field and press Enter. Supervisors: Enter changes a line, Ctrl+N adds a destination, Ctrl+R imports XLSX/CSV (only a file with no wrong row goes in), Ctrl+E exports.",
    ),
    "price.title": (
        "{depot} 价格表：{count} 个到站（{day}）",
        "{depot} price table: {count} destinations ({day})",
    ),
    "price.title_found": (
        "{depot} 价格表：“{text}” {count} 个到站",
        "{depot} price table: “{text}” {count} destinations",
    ),
    "price.columns": (
        "代码|到站|元/kg|元/m³|最低|送货|上楼|重量段|生效",
        "Code|Destination|/kg|/m³|Min|Deliv|Up|Weight bands|From",
    ),
    "price.none": (
        "还没有价格：Ctrl+N 新增一行，或 Ctrl+R 导入价格表文件",
        "No prices yet: Ctrl+N adds a line, Ctrl+R imports a price-table file",
    ),
    "price.none_read": ("还没有价格，请主管添加", "No prices yet: ask the supervisor to add them"),
    "price.not_found": ("没有到 “{text}” 的价格", "No price to “{text}”"),
    "price.next": ("{day}起新价", "new {day}"),
    "price.read_only": ("开单员只能查看价格表", "Clerks read the price table only"),
    "price.saved": ("已保存：{place} 从 {day} 起", "Saved: {place} from {day}"),
    "price.line_title": ("价格：{place}", "Price: {place}"),
    "price.new_title": ("新增到站价格", "Price to a new destination"),
    "price.destination": ("到站", "Destination"),
    "price.per_kg": ("元/公斤", "Per kg"),
    "price.per_m3": ("元/立方", "Per m³"),
    "price.min_charge": ("最低收费", "Minimum"),
    "price.delivery_fee": ("送货费", "Delivery"),
    "price.upstairs_fee": ("上楼费", "Upstairs"),
    "price.weight_breaks": ("重量段", "Weight bands"),
    "price.from_day": ("生效日期", "From"),
    "price.depot": ("网点", "Depot"),
    "price.path": ("文件", "File"),
    "price.format": ("格式", "Format"),
    "price.line_keys": (
        "到站填区划代码或名称；重量段如 100:1.2 500:1。F10 保存，Esc 取消",
        "Destination: code or name; weight bands like 100:1.2 500:1. F10 saves, Esc cancels",
    ),
    "price.import_title": ("导入价格表（XLSX 或 CSV）", "Import a price table (XLSX or CSV)"),
    "price.import_about": (
        "每行一个到站，表头：{heads}。只写文件名则在发件箱里找。生效日期一栏空着的行用下面的日期。",
        "One row a destination, headed: {heads}. A name alone is looked for in the outbox. Rows with no date take the date below.",
    ),
    "price.import_keys": (
        "F10 导入（整份无误才导入），Esc 取消",
        "F10 imports (only a file with no wrong row), Esc cancels",
    ),
    "price.refused_row": ("第 {row} 行 {label}：{message}", "Row {row} {label}: {message}"),
    "price.refused_more": ("……另有 {count} 行", "… and {count} more rows"),
    "price.imported": (
        "已导入 {count} 行（{ended} 条旧价到期，{replaced} 条未生效的改价被替换）",
        "Imported {count} lines ({ended} old prices end, {replaced} changes not yet in force replaced)",
    ),
    "price.export_title": ("导出价格表", "Export the price table"),
    "price.export_keys": (
        "1 XLSX 2 CSV，F10 导出到发件箱，Esc 取消",
        "1 XLSX 2 CSV, F10 writes it to the outbox, Esc cancels",
    ),
    "price.code": ("代码", "Code"),
    # What a new depot still lacks (home, to supervisors and admins; depot-tui init)
    "ready.title": ("开单前还缺：", "Before the first waybill, still missing:"),
    "ready.no_prices": (
        "价格表（F12 → 价格表，Ctrl+N 新增或 Ctrl+R 导入）",
        "a price table (F12, price table: Ctrl+N or Ctrl+R to import)",
    ),
    "ready.no_clerk": (
        "开单员账号（F12 → 用户，Ctrl+N；或 depot-tui user add … --depot {depot}）",
        "a clerk's account (F12, accounts: Ctrl+N; or depot-tui user add … --depot {depot})",
    ),
    "ready.no_other_depot": (
        "收货的网点（F12 → 网点与线路，Ctrl+N；或 depot-tui depot add）",
        "a depot to send to (F12, depots: Ctrl+N; or depot-tui depot add)",
    ),
    # Settings
    "screen.settings": ("设置", "Settings"),
    "office.part.settings": ("设置", "Settings"),
    "office.about.settings": (
        "保价费率、锁定、通知与回单期限、考核等级与金额、打印",
        "Insurance, lockout, deadlines, score grades and money, printing",
    ),
    "help.settings": (
        "公司的业务设置：当前值、谁在何时改的。管理员 Enter 修改：按平时的写法输入（保价费率写 3‰、0.003 或 千分之三）；保价和考核金额这类和钱有关的设置从某天起生效，之前的不变。主管和开单员只能查看。",
        "The company's business settings: the value now, who changed it and when. An admin changes one with Enter, typed as usual (the insurance rate as 3‰, 0.003 or 千分之三); a setting money depends on (insurance, the score's money) takes effect from a day on and what came before keeps its value. Others read them.",
    ),
    "setting.title": ("设置（{count} 项）", "Settings ({count})"),
    "setting.columns": ("设置|当前值|起|修改人|修改时间", "Setting|Value|Since|Changed by|At"),
    "setting.none": ("没有设置", "No settings"),
    "setting.default": ("默认", "default"),
    "setting.next": ("{day}起 {value}", "{value} from {day}"),
    "setting.saved": ("已保存：{name}", "Saved: {name}"),
    "setting.read_only": ("只有管理员可以修改设置", "Only an admin changes settings"),
    "setting.value": ("新值", "New value"),
    "setting.now": ("当前值", "Now"),
    "setting.from_day": ("生效日期", "From"),
    "setting.reason": ("原因", "Why"),
    "setting.keys": ("F10 保存，Esc 取消", "F10 saves, Esc cancels"),
    "setting.choice.up_yuan": ("向上取整到元", "up to a whole yuan"),
    "setting.choice.cent": ("四舍五入到分", "to the cent"),
    "setting.insurance.rate": ("保价费率", "Insurance rate"),
    "setting.insurance.rate.about": (
        "保价费 = 声明价值 × 费率（R-2.8：千分之三）。",
        "Insurance fee = declared value × this rate (R-2.8: 3‰).",
    ),
    "setting.insurance.rounding": ("保价费取整", "Insurance rounding"),
    "setting.insurance.rounding.about": (
        "保价费向上取整到元，或四舍五入到分。",
        "The fee rounded up to a whole yuan, or to the cent.",
    ),
    "setting.auth.max_failures": ("密码错几次锁定", "Wrong passwords to lock"),
    "setting.auth.max_failures.about": (
        "连续输错这么多次密码，账号锁定。",
        "This many wrong passwords in a row lock the account.",
    ),
    "setting.auth.lock_minutes": ("锁定分钟", "Lock minutes"),
    "setting.auth.lock_minutes.about": (
        "锁定多少分钟后自动解锁（管理员也可重设密码解锁）。",
        "Minutes until a locked account unlocks (an admin's reset unlocks at once).",
    ),
    "setting.auth.min_password_length": ("密码最短长度", "Shortest password"),
    "setting.auth.min_password_length.about": (
        "新密码至少这么多个字符。",
        "A new password has at least this many characters.",
    ),
    "setting.issue.grace_minutes": ("开单宽限分钟", "Issue grace minutes"),
    "setting.issue.grace_minutes.about": (
        "班前、班后这么多分钟内仍可开单（R-2.12）。",
        "Minutes before and after a shift a clerk may still issue (R-2.12).",
    ),
    "setting.notify.deadline_hours": ("通知提货时限（小时）", "Notify within (hours)"),
    "setting.notify.deadline_hours.about": (
        "到货后这么多小时内须通知收货人（R-5.15）。",
        "Hours after arrival by which the consignee must be told (R-5.15).",
    ),
    "setting.tracking.valuable": ("贵重货物保价（元）", "Valuable from (yuan)"),
    "setting.tracking.valuable.about": (
        "保价达到此金额的货物开单时建议为A类，逐步跟踪（SOP 004）。",
        "Goods declared at this value or more are suggested class A and followed at every step (SOP 004).",
    ),
    "setting.tracking.depart_hours": ("A类发车时限（小时）", "Class A leaves within (hours)"),
    "setting.tracking.depart_hours.about": (
        "A类货物开单后这么多小时内未装车发出，列入晚点清单。",
        "Class A goods not on a truck this many hours after issue are on the late list.",
    ),
    "setting.reweigh.threshold_percent": ("复磅误差（%）", "Re-weigh tolerance (%)"),
    "setting.reweigh.threshold_percent.about": (
        "复磅的重量或体积与运单相差超过此百分比，提议开单员扣分（第 9 条）。",
        "A re-weigh off the waybill by more than this per cent proposes fault 9 against its clerk.",
    ),
    "setting.service.answer_hours": ("客服答复时限（小时）", "Answer enquiries within (hours)"),
    "setting.service.answer_hours.about": (
        "咨询、投诉默认在这么多小时内答复；超时列为逾期（扣分第14条）。",
        "Enquiries and complaints are promised an answer within this many hours; later is overdue (fault 14).",
    ),
    "setting.receipt.sign_days": ("回单签收期限（天）", "Receipt signed within (days)"),
    "setting.receipt.sign_days.about": (
        "交货后几天内回单须签回。",
        "Days after the goods are handed over by which the receipt is signed.",
    ),
    "setting.receipt.return_days": ("回单返回期限（天）", "Receipt back within (days)"),
    "setting.receipt.return_days.about": (
        "签收后几天内回单须回到发货站。",
        "Days after signing by which the receipt is back at the origin depot.",
    ),
    "setting.receipt.hand_days": ("回单交付期限（天）", "Receipt to shipper within (days)"),
    "setting.receipt.hand_days.about": (
        "回到发货站后几天内交给发货人。",
        "Days after it is back by which it is handed to the shipper.",
    ),
    "setting.attendance.away_minutes": ("离岗提请（分钟）", "Away from the post (minutes)"),
    "setting.attendance.away_minutes.about": (
        "班内两次登录之间空出这么多分钟以上，作为离岗（随意外出）提请主管确认。",
        "A gap this long between a clerk's sessions inside a shift is proposed as leaving the post.",
    ),
    "setting.upload.daily_quota": ("每天实名上传（票）", "Real-name uploads a day"),
    "setting.upload.daily_quota.about": (
        "每个开单员每天至少在云递安 APP 上传这么多票（R-2.18），不够的作为第 21 条提请。",
        "Waybills each clerk enters in the real-name app a day (R-2.18); short is fault 21.",
    ),
    "setting.score.grades": ("考核等级", "Score grades"),
    "setting.score.grades.about": (
        "各等级的最低分，从高到低，如 >90 A, 80 B, …, 0 F；> 表示须高于此分（90 分是 B）。",
        "Each grade's lowest score, highest first: >90 A, 80 B, …, 0 F; > means above it (90 is B).",
    ),
    "setting.score.money_per_point": ("每分金额（元）", "Money per point (yuan)"),
    "setting.score.money_per_point.about": (
        "高于或低于基准分，每分加减这么多元。",
        "Yuan added or taken per point above or below the base score.",
    ),
    "setting.score.money_base": ("基准分", "Base score"),
    "setting.score.money_base.about": (
        "这个分数不加不减工资（R-5：当月实发工资等于100分）。",
        "The score paid neither more nor less (R-5: 100 points is the full wage).",
    ),
    "setting.score.money_cap": ("工资浮动上限（元）", "Pay moves at most (yuan)"),
    "setting.score.money_cap.about": (
        "考核分加减的工资最多这么多元（±300）。",
        "The most the score adds to or takes from the wage (±300).",
    ),
    "setting.score.probation_months": ("入职不浮动（月）", "New clerk, pay fixed (months)"),
    "setting.score.probation_months.about": (
        "入职后这么多个月只评考核分，不浮动工资（前二个月）。",
        "A new clerk's first months are scored without moving pay (the first two).",
    ),
    # Depots and routes
    "screen.depots": ("网点", "Depots"),
    "screen.routes": ("线路", "Routes"),
    "office.part.depots": ("网点与线路", "Depots, routes"),
    "office.about.depots": (
        "各站及派送的县；本站的线路、经停站和在途时间",
        "Stations, the counties each serves; this depot's routes",
    ),
    "key.routes": ("线路", "Routes"),
    "help.depots": (
        "专线的各个网点：代码、名称、所在县、派送的县。管理员：Ctrl+N 新增网点（代码一经确定不改），Enter 修改名称、地址、电话和派送的县（一个县只由一个站派送）。Ctrl+R 本站的线路。",
        "The line's depots: code, name, county, the counties each delivers to. An admin adds one with Ctrl+N (its code is fixed once) and changes name, address, phone and counties with Enter (a county is delivered by one depot only). Ctrl+R: this depot's routes.",
    ),
    "help.routes": (
        "本站的线路：经停站（站点代码，按顺序）和正常在途小时数。新建车次时到站一栏可直接填线路名。主管：Enter 修改，Ctrl+N 新增，Ctrl+D 停用或重新启用。",
        "This depot's routes: the stops (station codes, in order) and the normal transit time in hours. A new truck run may take a route's name for its stops. Supervisors: Enter changes one, Ctrl+N adds one, Ctrl+D stops or resumes one.",
    ),
    "depot.title": ("网点 {count} 个", "{count} depots"),
    "depot.columns": ("代码|名称|所在|派送县数|派送的县", "Code|Name|County|Serves|Counties"),
    "depot.none": ("没有网点", "No depots"),
    "depot.read_only": ("只有管理员可以修改网点", "Only an admin changes depots"),
    "depot.saved": ("已保存网点 {code}", "Depot {code} saved"),
    "depot.edit_title": ("网点 {code}（{county}）", "Depot {code} ({county})"),
    "depot.new_title": ("新增网点", "New depot"),
    "depot.code": ("代码", "Code"),
    "depot.county": ("所在县", "County"),
    "depot.name": ("名称", "Name"),
    "depot.address": ("地址", "Address"),
    "depot.phone": ("电话", "Phone"),
    "depot.counties": ("另派送", "Also serves"),
    "depot.form_keys": (
        "代码 2–8 个大写字母；另派送：本县以外的县（名称或代码，逗号分开）。F10 保存，Esc 取消",
        "Code: 2–8 capitals; also serves: counties besides its own (names or codes, commas). F10 saves, Esc cancels",
    ),
    "route.title": ("本站线路 {count} 条", "{count} routes from here"),
    "route.columns": ("线路|经停|在途", "Route|Stops|Transit"),
    "route.none": ("还没有线路：Ctrl+N 新增", "No routes yet: Ctrl+N adds one"),
    "route.hours": ("{hours} 小时", "{hours} h"),
    "route.read_only": ("开单员只能查看线路", "Clerks read the routes only"),
    "route.saved": ("已保存线路 {name}", "Route {name} saved"),
    "route.new_title": ("新增线路", "New route"),
    "route.edit_title": ("线路 {name}", "Route {name}"),
    "route.name": ("线路名", "Name"),
    "route.stops": ("经停站", "Stops"),
    "route.transit_hours": ("在途小时", "Transit hours"),
    "route.form_keys": (
        "经停站填站点代码，按顺序，如 CS XT。F10 保存，Esc 取消",
        "Stops: station codes in order, e.g. CS XT. F10 saves, Esc cancels",
    ),
    # The back office's services' refusals (error.*: rendered wherever they are raised)
    "error.breaks_format": (
        "重量段写成 公斤:单价，如 100:1.2 500:1（“{text}” 不对）",
        "Weight bands are kg:rate, e.g. 100:1.2 500:1 (not “{text}”)",
    ),
    "error.breaks_order": (
        "重量段须从轻到重（{kg} 公斤重复或倒序）",
        "Weight bands go lightest first ({kg} kg repeats or goes back)",
    ),
    "error.breaks_many": ("重量段最多 {most} 段", "At most {most} weight bands"),
    "error.place_ambiguous_codes": (
        "{text} 有重名，请用区划代码（{codes}…）",
        "Several places are called {text}: use the code ({codes}…)",
    ),
    "error.price_nothing": (
        "每公斤、每立方或重量段至少填一项",
        "Give a rate per kg, per m³ or by weight band",
    ),
    "error.price_past": (
        "价格不能从过去的日期改起：最早从今天 {today}",
        "A price cannot change in the past: from today {today} at the earliest",
    ),
    "error.price_overlap": (
        "已设 {day} 起的新价，与此重叠：先改那一条",
        "A change from {day} is already set and would overlap: change that one",
    ),
    "error.price_used": (
        "今天已按现价开单或报价到此地，改价请从明天起",
        "Waybills or quotes to here were priced today at the current price: change it from tomorrow",
    ),
    "error.price_other_depot": (
        "只能改本网点的价格表（{code} 不是）",
        "You change only your own depot's table ({code} is not)",
    ),
    "error.depot_required": ("请指定网点", "Name the depot"),
    "error.import_refused": (
        "文件有 {count} 行不对，一行都没导入",
        "{count} rows of the file are wrong: nothing was imported",
    ),
    "error.import_no_file": ("找不到文件 {path}", "No file {path}"),
    "error.import_format": ("只能导入 .xlsx 或 .csv 文件", "Only .xlsx or .csv files can be imported"),
    "error.import_empty": ("文件里没有价格行", "The file has no price rows"),
    "error.import_heads": (
        "第一行须是表头，至少有 到站 或 代码：{heads}",
        "The first row must be the headings, with destination or code: {heads}",
    ),
    "error.import_too_big": ("一个文件最多 {most} 行", "At most {most} rows a file"),
    "error.import_unreadable": ("文件读不了：{detail}", "The file cannot be read: {detail}"),
    "error.import_code_name": (
        "代码 {code} 是 {name}，与到站不符",
        "Code {code} is {name}, not the destination given",
    ),
    "error.import_twice": ("此到站在第 {row} 行已有", "This destination is already on row {row}"),
    # Settings (back office)
    "error.setting_rate": ("写成 0.003、3‰、0.3% 或 千分之三", "Write it as 0.003, 3‰, 0.3% or 千分之三"),
    "error.setting_range": ("须在 {low} 至 {high} 之间", "Must be from {low} to {high}"),
    "error.setting_grades": (
        "写成 >90 A, 80 B, …, 0 F：分数从高到低，最后是 0，每个等级一次",
        "Write >90 A, 80 B, …, 0 F: scores highest first, ending at 0, each grade once",
    ),
    "error.setting_past": (
        "不能从过去改起：最早从今天 {today}",
        "Not from a day past: from today {today} at the earliest",
    ),
    "error.partner_taken": ("已有中转商 {name}", "There is a partner called {name} already"),
    # Customers (back office)
    "error.customer_unknown": ("没有这个客户", "No such customer"),
    "error.customer_no_duplicates": (
        "电话 {phone} 只有这一个客户，没有可合并的",
        "Only this customer has the phone {phone}: nothing to merge",
    ),
    "error.discount_format": ("写成 0.9、90% 或 9折", "Write it as 0.9, 90% or 9折"),
    "error.discount_range": (
        "协议价须在 5折到原价之间（0.5 至 0.99）",
        "An agreed price is from half the table to just under it (0.5 to 0.99)",
    ),
    "error.agreement_unknown": ("没有待批准的协议价", "No agreed price waits for approval"),
    "error.credit_limit": (
        "月结超额：本期已欠 {owed}，额度 {limit}；须主管开单或调高额度",
        "Over the monthly account's limit: {owed} owed of {limit}; a supervisor issues it or raises the limit",
    ),
    "error.route_taken": ("本站已有线路 {name}", "This depot has a route called {name} already"),
    "error.route_unknown": ("没有这条线路", "No such route"),
}
