"""Real-name uploads (实名上传, R-2.18): home's line, the uploads screen, reading the app's export,
and the refusals. Each key once, Chinese then English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "home.uploads": ("今日实名上传", "Real-name uploads"),
    "home.uploads_value": ("本人 {mine} / {quota}　本站 {depot}", "mine {mine} / {quota}, depot {depot}"),
    "key.uploads": ("实名上传", "Uploads"),
    "key.import_uploads": ("导入", "Import"),
    "screen.uploads": ("实名上传", "Real-name uploads"),
    "help.uploads": (
        "在云递安 APP 上传了一票，就在这里登记：输入运单号或扫件标签，Enter。每人每天至少 5 票"
        "（R-2.18，“每天至少5条以上”）；班结束时不够的，作为第 21 条提请主管确认。"
        "Ctrl+R 导入 APP 导出的当天记录（CSV 或 XLSX，要有“运单号”列，可有“上传时间”列；已登记的不重复）。",
        "Each waybill entered in the 云递安 app is marked here: type its number or scan a label, "
        "Enter. Each clerk uploads at least 5 a day (R-2.18); a shift that ends short is proposed "
        "as fault 21 for the supervisor. Ctrl+R reads the app's export of the day (CSV or XLSX "
        "with a 运单号 column, and 上传时间 if it has one; what is marked already is not counted twice).",
    ),
    "uploads.title": (
        "今日实名上传：本人 {mine} / {quota}，本站 {depot}",
        "Today's uploads: mine {mine} / {quota}, depot {depot}",
    ),
    "uploads.columns": ("时间|运单号|上传人|方式", "Time|Waybill|By|How"),
    "uploads.none": ("今天还没有登记", "Nothing marked today"),
    "uploads.number": ("运单号", "Waybill"),
    "uploads.source.key": ("登记", "marked"),
    "uploads.source.import": ("导入", "imported"),
    "uploads.marked": ("已登记 {number}", "{number} marked"),
    "uploads.imported": (
        "已导入 {added} 票（{already} 票之前已登记）",
        "{added} imported ({already} marked before)",
    ),
    "uploads.import_title": ("导入云递安 APP 的上传记录", "Read the real-name app's export"),
    "uploads.import_body": (
        "CSV 或 XLSX，要有“运单号”列；只写文件名的在输出目录里找。有一行不对整份不导入。",
        "CSV or XLSX with a 运单号 column; a name alone is looked for in the outbox. One bad row "
        "and nothing is read.",
    ),
    "uploads.path": ("文件", "File"),
    "uploads.import_keys": ("Enter 导入　Esc 取消", "Enter read　Esc cancel"),
    "error.upload_unknown": ("{number} 不是本站开的运单", "{number} is not a waybill issued here"),
    "error.upload_void": ("{number} 已作废", "{number} is void"),
    "error.upload_twice": ("{number} 已于 {at} 由 {name} 登记", "{number} was marked at {at} by {name}"),
    "error.upload_heads": ("文件第一行要有“运单号”列", "The first row needs a 运单号 (waybill) column"),
    "error.upload_row": (
        "第 {row} 行：{number} 不是本站开的运单，整份未导入",
        "Row {row}: {number} is not a waybill issued here; nothing was read",
    ),
    "error.upload_time": (
        "第 {row} 行的上传时间“{text}”看不懂，写成 2026-11-25 14:30",
        "Row {row}: the time “{text}” is not one; write 2026-11-25 14:30",
    ),
}
