"""The database failing under a running app or at start (db.FAULTS), and the depot-tui command's own lines.

Each key once, Chinese then English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.init.done": (
        "已建库 {db}：网点 {depot}，管理员 {user}",
        "Created {db}: depot {depot}, administrator {user}",
    ),
    "cli.init.prices": ("已导入价格表：{count} 行", "Price table imported: {count} lines"),
    "cli.depot.added": ("已添加网点 {code}", "Depot {code} added"),
    "cli.init.exists": (
        "{db} 已有数据；init 只用于新库",
        "{db} already holds data; init is for a new database",
    ),
    "cli.no_database": (
        "没有数据库 {db}：用 depot-tui init 新建，或用 depot-tui --demo 试用",
        "no database at {db}: create one with depot-tui init, or try depot-tui --demo",
    ),
    "cli.demo.building": ("正在生成演示数据库 {db} …", "Building the demo database {db} …"),
    "cli.demo.not_demo": (
        "{db} 不是演示数据库（有账号 {users}），不能重置",
        "{db} is not a demo database (it has the accounts {users}): not reset",
    ),
    "cli.demo.ready": ("演示数据库 {db} 已就绪", "Demo database {db} is ready"),
    "cli.password": ("密码: ", "Password: "),
    "cli.password_again": ("再输一次: ", "Again: "),
    "cli.password_mismatch": ("两次输入不一致", "The two passwords differ"),
    "cli.password_no_tty": (
        "没有终端可以输入密码；请用 --password-stdin",
        "No terminal to ask for a password; use --password-stdin",
    ),
    "cli.user.added": ("已添加用户 {username}", "Added user {username}"),
    "cli.user.disabled": ("已停用用户 {username}", "Disabled user {username}"),
    "cli.user.reset": (
        "已重置 {username} 的密码；下次登录须改密码",
        "Reset the password of {username}; they must change it at next login",
    ),
    "db.busy": (
        "数据库被其他程序占用太久，没有保存；已输入的都在，请稍后再试",
        "The database is held by another program for too long: not saved; what you typed is kept, try again shortly",
    ),
    "db.full": (
        "磁盘已满，没有保存；已输入的都在，请通知管理员清理磁盘",
        "The disk is full: not saved; what you typed is kept, tell the administrator",
    ),
    "db.readonly": (
        "数据库只读，没有保存；已输入的都在，请通知管理员检查权限",
        "The database is read-only: not saved; what you typed is kept, tell the administrator",
    ),
    "db.cantopen": (
        "打不开数据库文件，没有保存；已输入的都在，请通知管理员检查路径和权限",
        "The database file cannot be opened: not saved; what you typed is kept, tell the administrator",
    ),
    "db.damaged": (
        "数据库文件已损坏，没有保存；已输入的都在，请通知管理员（depot-tui check）",
        "The database file is damaged: not saved; what you typed is kept, tell the administrator (depot-tui check)",
    ),
    "db.gone": (
        "数据库文件已被删除或替换，没有保存；已输入的都在，请通知管理员",
        "The database file was deleted or replaced: not saved; what you typed is kept, tell the administrator",
    ),
    "db.io": (
        "读写数据库时磁盘出错，没有保存；已输入的都在，请通知管理员",
        "A disk error reading the database: not saved; what you typed is kept, tell the administrator",
    ),
    "db.connection": (
        "连不上数据库服务器，没有保存；已输入的都在，请稍后再试",
        "The database server cannot be reached: not saved; what you typed is kept, try again shortly",
    ),
    "db.other": (
        "数据库出错（{detail}），没有保存；已输入的都在，请通知管理员",
        "Database error ({detail}): not saved; what you typed is kept, tell the administrator",
    ),
    "dbopen.busy": (
        "被其他程序锁住太久，请稍后再试，或查看是谁占用",
        "locked by another program for too long; try again, or check who holds it",
    ),
    "dbopen.full": ("磁盘已满", "the disk is full"),
    "dbopen.readonly": ("对本用户只读（文件或其文件夹）", "read-only for this user (the file or its folder)"),
    "dbopen.cantopen": (
        "打不开（请检查路径、权限，以及文件夹是否可写）",
        "cannot open the file (check the path, its permissions, and that its folder is writable)",
    ),
    "dbopen.damaged": (
        "不是网点数据库（不是 SQLite 文件，或已损坏）",
        "not a depot database (the file is not SQLite, or is damaged)",
    ),
    "dbopen.gone": ("文件已被删除或替换", "the file was deleted or replaced"),
    "dbopen.io": ("磁盘读写出错（{detail}）", "disk error ({detail})"),
    "dbopen.connection": ("连不上数据库服务器（{detail}）", "cannot reach the database server ({detail})"),
    "dbopen.other": ("{detail}", "{detail}"),
    "cli.check.damaged": (
        "{db}：数据库页面已损坏（{problems}）；请停用，并从备份恢复",
        "{db}: damaged database pages ({problems}); stop using it and restore a backup",
    ),
    "cli.check.file_readonly": (
        "{db}：本用户不能写这个文件（检查文件的属主和权限）",
        "{db}: this user cannot write the file (check its owner and mode)",
    ),
    "cli.check.folder_readonly": (
        "{folder}：本用户不能在这个文件夹里建文件（{reason}）；SQLite 的 WAL 模式要在数据库旁边建 -wal 和 -shm 文件",
        "{folder}: this user cannot create files in the folder ({reason}); SQLite's WAL mode creates -wal and -shm files beside the database",
    ),
    "cli.backup.not_sqlite": (
        "backup 只用于 SQLite 文件；PostgreSQL 请用 pg_dump",
        "backup is for SQLite files; use pg_dump for PostgreSQL",
    ),
    "cli.backup.done": (
        "已备份到 {copy}：{pages} 页，{mib} MiB，用时 {seconds} 秒，已检查无误；删除旧备份 {removed} 份",
        "Backed up to {copy}: {pages} pages, {mib} MiB in {seconds} s, checked; {removed} older copies removed",
    ),
    "db.backup_bad": (
        "{db} 的备份没有通过检查（{problems}），已删除这份备份",
        "the backup of {db} failed its check ({problems}) and was removed",
    ),
    "db.old_sqlite": (
        "SQLite {have} 有 WAL 重置损坏的缺陷，共用的网点数据库需要 {need} 或更新（pip install --upgrade apsw）",
        "SQLite {have} has the WAL-reset corruption bug; a shared depot database needs {need} or newer (pip install --upgrade apsw)",
    ),
    "db.no_folder": ("文件夹 {folder} 不存在", "folder {folder} does not exist"),
    "db.empty_file": (
        "{db} 是空文件，不是网点数据库（新建请用 depot-tui init）",
        "{db} is an empty file, not a depot database (depot-tui init makes a new one)",
    ),
    "db.bad_scheme": (
        "不支持的数据库地址 {scheme!r}（请用文件路径或 postgresql://）",
        "unsupported database URL scheme {scheme!r} (use a path or postgresql://)",
    ),
    "db.no_wal": (
        "{db}：无法切换到 WAL 模式（当前 {mode}），文件夹可能只读",
        "{db}: cannot switch to WAL mode (got {mode}); the folder may be read-only",
    ),
    "db.newer": (
        "{db} 已被更新版本的 depot-tui 升级（{migrations}），请先升级本程序",
        "{db} was upgraded by a newer depot-tui ({migrations}): upgrade this program first",
    ),
    "cli.check.ok": (
        "{db}：{engine}，{tables} 张表，迁移已是最新（{migration}）",
        "{db}: {engine}, {tables} tables, migrations up to date ({migration})",
    ),
    "cli.error": ("depot-tui: {message}", "depot-tui: {message}"),
    "cli.no_terminal": (
        "depot-tui: 需要一个终端才能运行：请用 ssh -t 连接，或在终端里运行",
        "depot-tui: needs a terminal to run: connect with ssh -t, or run it in a terminal",
    ),
    "cli.prompt.missing": ("缺少 {option}（没有终端可以询问）", "{option} is missing (no terminal to ask)"),
}
