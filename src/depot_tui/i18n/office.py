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
}
