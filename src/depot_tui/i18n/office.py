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
}
