"""The back office (后台管理, F12): its menu and the price table.

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
        "开单员账号（depot-tui user add … --role clerk --depot {depot}）",
        "a clerk's account (depot-tui user add … --role clerk --depot {depot})",
    ),
    "ready.no_other_depot": ("收货的网点（depot-tui depot add）", "a depot to send to (depot-tui depot add)"),
    # Accounts
    "screen.users": ("用户", "Accounts"),
    "office.part.users": ("用户", "Accounts"),
    "office.about.users": (
        "角色、网点、常上班次；停用、启用、重设密码",
        "Role, depot, usual shift; disable, enable, reset a password",
    ),
    "key.reset_password": ("重设密码", "Reset password"),
    "key.switch_user": ("停用/启用", "Disable/enable"),
    "help.users": (
        "本网点（管理员：所有网点）的账号。Enter 修改姓名、角色、网点、常上班次；Ctrl+N 新增账号（密码是临时的，第一次登录须改）；Ctrl+R 重设密码并解锁；Ctrl+D 停用或启用（写明原因）。主管只能重设本网点开单员的密码、调整其班次；最后一个管理员不能停用或降级。",
        "This depot's accounts (an admin: every depot's). Enter changes name, role, depot and usual shift; Ctrl+N adds an account (its password is temporary, changed at the first login); Ctrl+R resets a password and unlocks; Ctrl+D disables or enables (with the reason). A supervisor resets her own clerks' passwords and moves their shifts only; the last admin is never disabled or demoted.",
    ),
    "user.title": ("账号 {count} 个", "{count} accounts"),
    "user.columns": ("用户名|姓名|角色|网点|常上班次|状态", "User|Name|Role|Depot|Usual shift|State"),
    "user.none": ("没有账号", "No accounts"),
    "user.no_shift": ("不排班", "none"),
    "user.disabled": ("已停用", "disabled"),
    "user.locked": ("锁定到 {until}", "locked to {until}"),
    "user.temporary": ("待改密码", "temporary password"),
    "user.saved": ("已保存 {username}", "{username} saved"),
    "user.added": (
        "已新增 {username}：首次登录须改密码",
        "{username} added: the password is changed at first login",
    ),
    "user.reset": (
        "已重设 {username} 的密码：登录后须改",
        "{username}'s password reset: changed at the next login",
    ),
    "user.disabled_now": ("已停用 {username}", "{username} disabled"),
    "user.enabled_now": ("已启用 {username}", "{username} enabled"),
    "user.disable_title": ("停用 {username}", "Disable {username}"),
    "user.enable_title": ("启用 {username}", "Enable {username}"),
    "user.reason_body": ("写明原因（记入操作日志）：", "Why (kept in the audit log):"),
    "user.new_title": ("新增账号", "New account"),
    "user.edit_title": ("账号 {username}", "Account {username}"),
    "user.username": ("用户名", "User name"),
    "user.name": ("姓名", "Name"),
    "user.role": ("角色", "Role"),
    "user.shift": ("常上班次", "Usual shift"),
    "user.depot": ("网点", "Depot"),
    "user.password": ("临时密码", "Temporary password"),
    "user.form_keys": (
        "角色、班次：数字或 ←→ 选择。F10 保存，Esc 取消",
        "Role, shift: a digit or ←→ chooses. F10 saves, Esc cancels",
    ),
    "user.reset_title": ("重设 {username} 的密码", "Reset {username}'s password"),
    "user.reset_body": (
        "输入临时密码告诉本人；登录后须改成自己的。账号若被锁定也一并解锁。",
        "Type a temporary password and tell its owner; it is changed at the next login. A locked account is unlocked too.",
    ),
    "user.reset_keys": ("F10 重设，Esc 取消", "F10 resets, Esc cancels"),
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
    "setting.print.command": ("打印命令", "Print command"),
    "setting.print.command.about": (
        "outbox：只写到发件箱；或打印命令，如 lp -d counter -o raw {file}。",
        "outbox: files only; or a print command, e.g. lp -d counter -o raw {file}.",
    ),
    "setting.print.label_font": ("标签字体", "Label font"),
    "setting.print.label_font.about": (
        "标签打印机里存的中文字体（ZPL），如 E:SIMSUN.TTF。",
        "The Chinese font stored on the label printer (ZPL), e.g. E:SIMSUN.TTF.",
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
    "setting.score.grades": ("考核等级", "Score grades"),
    "setting.score.grades.about": (
        "各等级的最低分，从高到低，如 90 A, 80 B, …, 0 F。",
        "Each grade's lowest score, highest first: 90 A, 80 B, …, 0 F.",
    ),
    "setting.score.money_per_point": ("每分金额（元）", "Money per point (yuan)"),
    "setting.score.money_per_point.about": (
        "高于或低于基准分，每分加减这么多元。",
        "Yuan added or taken per point above or below the base score.",
    ),
    "setting.score.money_base": ("基准分", "Base score"),
    "setting.score.money_base.about": (
        "这个分数不加不减工资（R-5：当月实发工资等于100分）。",
        "The score paid neither more nor less (R-5).",
    ),
}
