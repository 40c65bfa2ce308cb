"""The README's "Over SSH" recipe on a real sshd on loopback (issue 25): one service account owns
the data, each clerk's key runs the app and nothing else.

Root only (it adds two accounts, which it removes): CI runs as root; elsewhere it is skipped.
The app is installed as the recipe says, in a venv of Debian's python3 that every account can
read, not the test's own venv (under /root, which the service account cannot enter)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import on_duty_clerk
from terminal_support import (
    free_port,
    rest_of_the_worked_example,
    running,
    shipper_signs,
    wait_gone,
    waybill_to_xiangtan,
)
from tmux_driver import Tmux

REPO = Path(__file__).resolve().parents[2]
SSHD = Path("/usr/sbin/sshd")
PYTHON = Path("/usr/bin/python3")
#: sshd ends a silent session after ClientAliveInterval x (ClientAliveCountMax + 1) s here.
ALIVE = (1, 3)

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(os.geteuid() != 0, reason="adds accounts and runs sshd: root only (CI)"),
    pytest.mark.skipif(
        not SSHD.exists() or not shutil.which("ssh"), reason="openssh-server is not installed"
    ),
    pytest.mark.skipif(not PYTHON.exists(), reason="no Debian python3 to install the app with"),
    pytest.mark.skipif(not Tmux.available(), reason="tmux is not installed"),
]


def sh(*args: str | Path, user: str | None = None, check: bool = True, **kw) -> subprocess.CompletedProcess:
    argv = [str(a) for a in args]
    if user is not None:
        argv = ["runuser", "-u", user, "--", *argv]
    return subprocess.run(argv, check=check, capture_output=True, text=True, **kw)


@dataclass
class Server:
    base: Path
    account: str
    shell_user: str
    port: int
    program: Path
    config: Path
    database: Path
    keys: Path

    def ssh(self, *extra: str, key: str = "counter-1", port: int | None = None) -> list[str]:
        return [
            "ssh",
            "-i",
            str(self.keys / key),
            "-p",
            str(port or self.port),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "BatchMode=yes",
            *extra,
            f"{self.account}@127.0.0.1",
        ]

    def apps(self) -> set[int]:
        """The service account's running app processes (zombies, already ended, left out)."""
        found = sh("pgrep", "-u", self.account, "-f", "python.* .*bin/depot-tui", check=False).stdout.split()
        return {int(pid) for pid in found if running(int(pid))}


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    base = Path(tempfile.mkdtemp(prefix="depot-ssh-"))
    base.chmod(0o755)
    tag = uuid.uuid4().hex[:6]
    account, shell_user = f"depot{tag}", f"clerk{tag}"
    sshd: subprocess.Popen | None = None
    try:
        # The app, installed where every account can run it (the recipe's /opt/depot-tui).
        venv = base / "opt"
        sh(PYTHON, "-m", "venv", venv)
        sh(venv / "bin" / "pip", "install", "-q", REPO)
        # The service account: its shell /bin/sh (bash would read ~/.bashrc first); the data
        # folder its alone. A clerk with a shell account of their own, for the last check.
        sh(
            "useradd",
            "--system",
            "--user-group",
            "--create-home",
            "--home-dir",
            base / "home",
            "--shell",
            "/bin/sh",
            account,
        )
        sh("useradd", "--create-home", "--home-dir", base / "clerk", "--shell", "/bin/sh", shell_user)
        data = base / "data"
        sh("install", "-d", "-o", account, "-g", account, "-m", "700", data)
        etc = base / "etc"
        etc.mkdir()
        config = etc / "config.toml"
        database = data / "depot.sqlite3"
        config.write_text(f'db = "{database}"\noutbox = "{data / "outbox"}"\n', encoding="utf-8")
        config.chmod(0o644)
        program = venv / "bin" / "depot-tui"
        sh(program, "--config", config, "--db", database, "demo", "--no-run", user=account)
        # Two clerks' keys, each let in by the app's own add-key.
        keys = base / "keys"
        keys.mkdir(mode=0o700)
        for name in ("counter-1", "counter-2"):
            sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys / name)
            pub = (keys / f"{name}.pub").read_text()
            sh(program, "--config", config, "server", "add-key", "-", "--name", name, user=account, input=pub)
        # sshd on loopback: the recipe's snippet, after a quicker ClientAlive for the test
        # (sshd takes a setting's first value).
        snippet = etc / "depot-tui.conf"
        snippet.write_text(sh(program, "server", "sshd-config", user=account).stdout, encoding="utf-8")
        sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", etc / "host_key")
        port = free_port()
        (etc / "sshd_config").write_text(
            f"Port {port}\nListenAddress 127.0.0.1\nHostKey {etc / 'host_key'}\nPidFile {etc / 'sshd.pid'}\n"
            "UsePAM yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
            "AcceptEnv LANG LC_*\nSubsystem sftp internal-sftp\n"
            f"ClientAliveInterval {ALIVE[0]}\nClientAliveCountMax {ALIVE[1]}\nInclude {snippet}\n",
            encoding="utf-8",
        )
        Path("/run/sshd").mkdir(exist_ok=True)
        sh(SSHD, "-t", "-f", etc / "sshd_config")  # the snippet is valid sshd
        sshd = subprocess.Popen(
            [str(SSHD), "-D", "-e", "-f", str(etc / "sshd_config")], stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while socket.socket().connect_ex(("127.0.0.1", port)) and time.monotonic() < deadline:
            time.sleep(0.05)
        yield Server(base, account, shell_user, port, program, config, database, keys)
    finally:
        if sshd is not None:
            sshd.terminate()
            sshd.wait()
        for user in (account, shell_user):
            sh("pkill", "-KILL", "-u", user, check=False)
            sh("userdel", "--remove", user, check=False)
        shutil.rmtree(base, ignore_errors=True)


class SilentRelay:
    """A TCP link between the ssh client and sshd that can be made to go silent (a pulled cable):
    nothing passes either way from then on, and neither end is closed."""

    def __init__(self, port: int) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.target = port
        self.silent = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        client, _ = self.listener.accept()
        upstream = socket.create_connection(("127.0.0.1", self.target))
        for a, b in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        while not self.silent.is_set():
            data = source.recv(65536)
            if not data:
                return
            if self.silent.is_set():
                break
            sink.sendall(data)
        self.silent.wait()
        time.sleep(3600)  # hold both sockets open, passing nothing


def test_two_clerks_at_once_a_dropped_link_and_a_silent_one_keep_their_work(server):
    """Two clerks on the one service account at once, the second typing his login before the
    app is up. The first issues the worked example: the
    slip is written and the number shown (the second clerk's F10 died on PermissionError in the
    old recipe, after committing). Each then half-types a waybill; the first's client is killed
    (a dropped link), the second's link goes silent (sshd's ClientAlive, 1 s x 3 here, ends it):
    each app is gone within seconds, and at the next login each draft is offered back."""
    user = on_duty_clerk()
    first = Tmux(server.ssh("-tt"))
    relay = SilentRelay(server.port)
    second = None
    try:
        first.wait_for("用户名", timeout=30)
        waybill_to_xiangtan(first, user)
        rest_of_the_worked_example(first)
        first.wait_for("合计   197.00 元")
        shipper_signs(first)
        before = server.apps()
        # The second clerk types his login while the session is still starting: the terminal's
        # line discipline hands the app his Enters as line feeds (the user name and password
        # once landed in one field).
        second = Tmux(server.ssh("-tt", key="counter-2", port=relay.port))
        waybill_to_xiangtan(second, user)
        second.send("19973285431", "Enter")
        second.wait_for("李卫东")
        (second_app,) = server.apps() - before
        first.send("Escape", "F2", "xtx", "Enter")
        first.wait_for("湘潭县 → XT")
        first.send("15018845523", "Enter")
        first.wait_for("黄丽华")
        (first_app,) = before

        first.kill()  # the dropped link: sshd sees the client go and hangs up the session
        assert wait_gone({first_app}, 5) < 5
        relay.silent.set()  # the pulled cable: only ClientAlive can tell
        assert wait_gone({second_app}, 20) < ALIVE[0] * (ALIVE[1] + 1) + 5
    finally:
        first.kill()
        if second is not None:
            second.kill()
    slips = sorted((server.database.parent / "outbox").glob("slip-*.txt"))
    assert slips and all(os.stat(slip).st_mode & 0o077 == 0 for slip in slips)
    for key in ("counter-1", "counter-2"):
        term = Tmux(server.ssh("-tt", key=key))
        try:
            term.wait_for("用户名", timeout=30)
            term.send(user, "Enter", "depot123", "Enter")
            term.wait_for("有未完成的运单")
        finally:
            term.kill()
    wait_gone(server.apps(), 5)


def test_without_a_terminal_nothing_runs_and_nothing_is_left(server):
    """`ssh -T`, sftp and scp each get the app (the key's command), which says it needs a
    terminal and ends: before, each left an app reading nothing 6,400 times a second."""
    plain = sh(*server.ssh("-T"), check=False, timeout=30)
    assert plain.returncode == 2 and "ssh -t" in plain.stderr  # "…请用 ssh -t 连接…"
    sftp = server.ssh()[1:-1]  # ssh's options, for sftp and scp
    sftp[sftp.index("-p")] = "-P"
    done = sh("sftp", "-b", "-", *sftp, f"{server.account}@127.0.0.1", check=False, input="ls\n", timeout=30)
    assert done.returncode != 0
    done = sh(
        "scp",
        *sftp,
        f"{server.account}@127.0.0.1:{server.database}",
        server.base / "copy",
        check=False,
        timeout=30,
    )
    assert done.returncode != 0 and not (server.base / "copy").exists()
    time.sleep(0.5)
    assert server.apps() == set()


def test_a_tunnel_is_refused(server):
    """A clerk's key opens no tunnel to the server's other ports (ssh -W, as -L would)."""
    done = sh(*server.ssh("-W", f"127.0.0.1:{server.port}"), check=False, timeout=30, input="")
    assert done.returncode != 0
    assert "forwarding failed" in done.stderr or "prohibited" in done.stderr, done.stderr


def test_a_clerks_own_shell_account_cannot_open_the_database(server):
    """The database, its -wal and its folder are the service account's alone: a clerk with a
    shell of their own on the server reads no password hash and changes no role."""
    done = sh(
        PYTHON, "-c", f"open({str(server.database)!r}, 'rb').read(16)", user=server.shell_user, check=False
    )
    assert done.returncode != 0 and "PermissionError" in done.stderr
    done = sh("ls", server.database.parent, user=server.shell_user, check=False)
    assert done.returncode != 0


def test_the_server_check_passes_on_the_recipe_and_names_what_is_wrong(server):
    """`depot-tui server check` as the service account: all well on the recipe's server; a
    folder opened to its group and a key without restrict are each named with their fix."""
    check = [
        server.program,
        "--config",
        server.config,
        "server",
        "check",
        "--sshd-config",
        server.base / "etc" / "sshd_config",
    ]
    env = {"PATH": os.environ["PATH"], "HOME": str(server.base / "home"), "DEPOT_LANG": "en"}
    done = sh(*check, user=server.account, check=False, env=env)
    assert done.returncode == 0, done.stdout
    keys = server.base / "home" / ".ssh" / "authorized_keys"
    kept = keys.read_text()
    try:
        server.database.parent.chmod(0o770)
        with keys.open("a") as handle:
            handle.write((server.keys / "counter-1.pub").read_text())
        done = sh(*check, user=server.account, check=False, env=env)
        assert done.returncode == 1
        assert f"{server.database.parent}: owner {server.account}, mode 770" in done.stdout
        assert "line 3: no options: a shell on the service account" in done.stdout
        assert "2 to fix" in done.stdout
    finally:
        server.database.parent.chmod(0o700)
        keys.write_text(kept)
