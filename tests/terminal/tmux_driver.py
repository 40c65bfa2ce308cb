"""Drive a program in a real tmux pane: start it, type, read the screen. Used by the terminal
tests and the bench."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from pathlib import Path


class Tmux:
    """One detached tmux session of a given size running one command, on a tmux server of its
    own: on a shared server, a new session started just as the last one closed met the server
    on its way out ("server exited unexpectedly", a CI failure)."""

    def __init__(
        self, command: list[str], *, width: int = 80, height: int = 24, env: dict[str, str] | None = None
    ) -> None:
        self.name = f"depot-{uuid.uuid4().hex[:8]}"
        self.tmux = ["tmux", "-L", self.name]
        self.gone = False
        self.socket = Path(os.environ.get("TMUX_TMPDIR", "/tmp"), f"tmux-{os.getuid()}", self.name)
        args = [*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height)]
        for key, value in (env or {}).items():
            args += ["-e", f"{key}={value}"]
        subprocess.run(args + [" ".join(_quote(c) for c in command)], check=True)

    @staticmethod
    def available() -> bool:
        return shutil.which("tmux") is not None

    def send(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def send_bytes(self, data: bytes) -> None:
        """Raw bytes as the terminal would send them, valid UTF-8 or not (send-keys -H)."""
        subprocess.run(
            [*self.tmux, "send-keys", "-t", self.name, "-H", *(f"{b:02x}" for b in data)], check=True
        )

    def type(self, text: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, "-l", text], check=True)

    def screen(self, *, escapes: bool = False) -> str:
        """The pane's text; with `escapes`, its colour and style sequences too."""
        result = subprocess.run(
            [*self.tmux, "capture-pane", "-p", *(["-e"] if escapes else []), "-t", self.name],
            capture_output=True,
            text=True,
        )
        # The program ended, and tmux's server with its only session.
        self.gone = result.returncode != 0 and any(
            says in result.stderr for says in ("no server running", "error connecting", "can't find session")
        )
        return result.stdout

    def wait_for(self, text: str, timeout: float = 20.0, interval: float = 0.02) -> str:
        """The screen once `text` is on it. Fails at once if the program has ended and taken its
        tmux server with it (an app that died at start was waited for 60 s per test, its
        screen empty)."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if self.gone:
                raise AssertionError(f"{text!r} never appeared: the program in tmux has ended")
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear within {timeout}s; screen:\n{screen}")
            time.sleep(interval)

    def pane_pid(self) -> int:
        out = subprocess.run(
            [*self.tmux, "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return int(out.split()[0])

    def pipe_to(self, path: str) -> None:
        """Copy everything the program writes to the terminal into `path` (replacing any
        earlier pipe: `pipe-pane -o` would toggle an open one off instead)."""
        subprocess.run([*self.tmux, "pipe-pane", "-t", self.name], check=True)
        subprocess.run([*self.tmux, "pipe-pane", "-t", self.name, f"cat >> {_quote(path)}"], check=True)

    def kill(self) -> None:
        """Close the pane as a dropped SSH link would: the program gets SIGHUP."""
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)
        self.socket.unlink(missing_ok=True)  # tmux leaves its socket file behind


def _quote(text: str) -> str:
    return shlex.quote(text)
