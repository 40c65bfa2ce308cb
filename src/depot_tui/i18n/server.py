"""`depot-tui server`: setting up and checking a depot server (server/)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "server.ok_mark": ("好　", "ok  "),
    "server.bad_mark": ("要改", "FIX "),
    "server.fix": ("　　　→ {fix}", "      → {fix}"),
    "server.serving": (
        "浏览器打开 {url} 即可使用（每个标签页一个会话）。Ctrl+C 停止。",
        "Open {url} in a browser (one session per tab). Ctrl+C stops it.",
    ),
    "server.tabs_full": (
        "已有 {tabs} 个标签页在用本服务器（上限）。请关掉一个不用的，再点“重新连接”。",
        "{tabs} tabs are already open on this server (its limit). Close one you do not need, then connect again.",
    ),
    "server.cannot_listen": ("不能在 {address} 上提供服务：{reason}", "cannot serve on {address}: {reason}"),
    "server.all_ok": ("服务器已按说明设好。", "The server is set up as the README says."),
    "server.some_bad": (
        "有 {count} 处要改（见上面每处的 →）。",
        "{count} to fix (each → line above mends one).",
    ),
    "server.root": (
        "以 root 身份检查：请以服务账号检查（应用以它运行）",
        "checked as root: check as the service account (the app runs as it)",
    ),
    "server.made_later": (
        "{path} 由应用在第一次用时建立（只有本账号能读写）",
        "{path} is made by the app when first used (this account's alone)",
    ),
    "server.missing": ("{path} 不存在", "{path} does not exist"),
    "server.not_private": (
        "{path}：属主 {owner}，权限 {mode}；应只属于 {user}（{want}），别的账号不能读写",
        "{path}: owner {owner}, mode {mode}; it must be {user}'s alone ({want}), no other account reading or writing it",
    ),
    "server.private": ("{path} 只有本账号能读写", "{path} is this account's alone"),
    "server.config_writable": (
        "{path}（权限 {mode}）别的账号能改，而它写着应用要运行的打印命令",
        "{path} (mode {mode}) can be changed by other accounts, and it names the print commands the app runs",
    ),
    "server.config_ok": (
        "配置文件 {path}（属主 {owner}）别人不能改",
        "config file {path} (owner {owner}) cannot be changed by others",
    ),
    "server.shell": (
        "服务账号的 shell 是 {shell}：Debian 的 bash 在运行钥匙的命令前会先执行 ~/.bashrc",
        "the service account's shell is {shell}: Debian's bash runs ~/.bashrc before a key's command",
    ),
    "server.no_shell": (
        "服务账号的 shell 是 {shell}：sshd 用它运行钥匙的命令，应用起不来",
        "the service account's shell is {shell}: sshd runs a key's command through it, so the app cannot start",
    ),
    "server.shell_ok": ("服务账号的 shell 是 {shell}", "the service account's shell is {shell}"),
    "server.home": (
        "主目录 {path}（权限 {mode}）别的账号能写",
        "home {path} (mode {mode}) is writable by other accounts",
    ),
    "server.no_keys": ("{path} 不存在：还没有人能连上来", "{path} does not exist: nobody can connect yet"),
    "server.keys_mode": ("{path} 的权限是 {mode}：sshd 会拒绝它", "{path} has mode {mode}: sshd refuses it"),
    "server.key_open": ("{path} 第 {line} 行：{problem}", "{path} line {line}: {problem}"),
    "server.keys_ok": (
        "{path}：{count} 把钥匙，每把只能运行本应用",
        "{path}: {count} keys, each runs the app and nothing else",
    ),
    "server.alive": (
        "sshd 的 ClientAliveInterval {interval} × ClientAliveCountMax {count}：拔掉网线的会话不会在 {most} 秒内结束",
        "sshd's ClientAliveInterval {interval} x ClientAliveCountMax {count}: a session whose cable is pulled does not end within {most} s",
    ),
    "server.alive_ok": ("sshd 在断线 {seconds} 秒后结束会话", "sshd ends a silent session after {seconds} s"),
    "server.sshd": ("sshd 的 {keyword} 是 {have}，应为 {want}", "sshd's {keyword} is {have}, not {want}"),
    "server.acceptenv": (
        "sshd 接受客户端设的环境变量 {names}：客户端能改应用读哪个数据库、运行什么",
        "sshd accepts {names} from the client: a client could change which database the app opens or what it runs",
    ),
    "server.sshd_ok": (
        "sshd 不给服务账号转发、隧道和 ~/.ssh/rc",
        "sshd gives the service account no forwarding, tunnels or ~/.ssh/rc",
    ),
    "server.key_added": ("已加入 {path}：{line}", "Added to {path}: {line}"),
    "server.key_there": ("这把钥匙已在 {path} 里", "That key is in {path} already"),
}
