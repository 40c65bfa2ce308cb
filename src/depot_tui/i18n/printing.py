"""Printing: the printers' settings (back office) and the outbox (home, Ctrl+O)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "setting.print.command": ("单据打印机", "Document printer"),
    "setting.print.command.about": (
        "outbox：只写到发件箱；或服务器配置文件 [printers] 里的打印机名，如 counter。",
        "outbox: files only; or a printer named in the server's config file ([printers]), e.g. counter.",
    ),
    "setting.print.encoding": ("单据编码", "Document encoding"),
    "setting.print.encoding.about": (
        "utf-8，或 gb18030（柜台的中文针式打印机，如爱普生 LQ 系列）。",
        "utf-8, or gb18030 (the Chinese dot-matrix printers at counters, e.g. Epson LQ).",
    ),
    "setting.print.label_printer": ("标签打印机", "Label printer"),
    "setting.print.label_printer.about": (
        "outbox，或配置文件 [printers] 里的标签打印机名。",
        "outbox, or a label printer named in the config file's [printers].",
    ),
    "setting.print.label_language": ("标签指令", "Label language"),
    "setting.print.label_language.about": (
        "zpl（斑马及兼容机）或 tspl（TSC、佳博、芯烨）。",
        "zpl (Zebra and compatibles) or tspl (TSC, Gprinter, Xprinter).",
    ),
    "setting.print.slip_form": ("套打格式", "Pre-printed form"),
    "setting.print.slip_form.about": (
        "ruled：本程序的红单格式；或配置文件 [forms] 里的套打格式名（多联预印单据）。",
        "ruled: the app's own slip; or a pre-printed form named in the config file's [forms].",
    ),
    "error.setting_form": (
        "套打格式只能是 ruled 或配置文件 [forms] 里的名字（字母、数字、- _）",
        "A form is ruled or a name from the config file's [forms] (letters, digits, - _)",
    ),
    "setting.print.label_font": ("标签字体", "Label font"),
    "setting.print.label_font.about": (
        "标签打印机里存的中文字体（ZPL），如 E:SIMSUN.TTF。",
        "The Chinese font stored on the label printer (ZPL), e.g. E:SIMSUN.TTF.",
    ),
    "setting.choice.utf-8": ("UTF-8", "UTF-8"),
    "setting.choice.gb18030": ("GB18030（中文针式打印机）", "GB18030 (Chinese dot-matrix printers)"),
    "setting.choice.zpl": ("ZPL（斑马）", "ZPL (Zebra)"),
    "setting.choice.tspl": ("TSPL（TSC、佳博、芯烨）", "TSPL (TSC, Gprinter, Xprinter)"),
    "error.outbox_unreadable": (
        "读不了发件箱 {folder}（{reason}）",
        "Cannot read the outbox {folder} ({reason})",
    ),
    "error.outbox_gone": ("发件箱里已没有 {name}", "{name} is no longer in the outbox"),
    "error.setting_printer": (
        "打印机名只能是 outbox 或配置文件 [printers] 里的名字（字母、数字、- _），不能是命令",
        "A printer is outbox or a name from the config file's [printers] (letters, digits, - _), not a command",
    ),
    # The outbox (home, Ctrl+O)
    "key.outbox": ("发件箱", "Outbox"),
    "screen.outbox": ("发件箱", "Outbox"),
    "outbox.title": (
        "发件箱（没打出来的在最上面；Enter 重打）",
        "Outbox (failed prints on top; Enter prints again)",
    ),
    "outbox.columns": ("时间|文件|大小|状态", "Time|File|Size|State"),
    "outbox.none": ("发件箱是空的", "The outbox is empty"),
    "outbox.written": ("已写出", "written"),
    "outbox.failed": ("未打出：{error}", "failed: {error}"),
    "outbox.printed": ("已重打 {name}", "Printed {name} again"),
    "outbox.print_failed": ("{name} 没打出来：{error}", "{name} did not print: {error}"),
    "help.outbox": (
        "发件箱里是打印过或导出的每个文件。\n打印失败的排在最上面，写着原因；修好打印机后选中按 Enter 重打。\n在上面输入运单号可以只看它的单据和标签。",
        "The outbox holds every file printed or exported.\nPrints that failed are on top with the reason; once the printer is mended, Enter on one prints it again.\nType a waybill number above to see only its slip and labels.",
    ),
}
