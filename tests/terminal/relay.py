"""A terminal between tmux and the app, for tests: `python relay.py [--charset C] [--log F] -- cmd`.

Runs `cmd` on a new pty and passes bytes both ways, like the terminal program on a clerk's PC:
- `--charset gb18030`: a GBK terminal. What tmux types (UTF-8) reaches the app in GB18030; what
  the app writes is read as GB18030 and shown to tmux in UTF-8. Bytes the app writes that are not
  GB18030 are counted in the log file (`bad N`), and so are characters a GBK terminal would draw
  two cells wide where the app counted one (`wide N`): the columns would not line up there.
- SIGUSR1: the link goes silent (a pulled cable): nothing passes either way from then on, and
  the pty stays open, so the app gets no hang-up and must find out by itself.
The window size is passed on at start and on SIGWINCH. The terminal's answers to the app's link
check are logged (`answered`), so a test knows the app has heard its terminal answer once.
"""

from __future__ import annotations

import argparse
import codecs
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import tty
import unicodedata

#: The terminal's answer to the app's "where is the cursor?" (the app's link check).
CURSOR_ANSWER = re.compile(rb"\x1b\[\d+;\d+R")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--charset", default="utf-8")
    parser.add_argument("--log", default=os.devnull)
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    pid, master = pty.fork()
    if pid == 0:
        os.execvp(args.command[0], args.command)
    silent = False

    def go_silent(*_: object) -> None:
        nonlocal silent
        silent = True

    def resize(*_: object) -> None:
        size = fcntl.ioctl(0, termios.TIOCGWINSZ, struct.pack("HHHH", 0, 0, 0, 0))
        fcntl.ioctl(master, termios.TIOCSWINSZ, size)

    signal.signal(signal.SIGUSR1, go_silent)
    signal.signal(signal.SIGWINCH, resize)
    resize()
    tty.setraw(0)
    from_app = codecs.getincrementaldecoder(args.charset)(errors="replace")
    bad = wide = 0
    with open(args.log, "w", encoding="utf-8") as log:
        while True:
            try:
                ready, _, _ = select.select([0, master], [], [], 0.5)
            except InterruptedError:
                continue
            if silent:  # the server side goes on: the app's end is seen (and reaped) there
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    return os.waitstatus_to_exitcode(status)
                continue
            if master in ready:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    data = b""
                if not data:
                    break
                text = from_app.decode(data)
                if "\ufffd" in text:
                    at = text.index("\ufffd")
                    log.write(f"not {args.charset}: {data[max(0, at - 40) : at + 40]!r}\n")
                bad += text.count("\ufffd")
                if args.charset != "utf-8":
                    ambiguous = [
                        ch for ch in text if ord(ch) > 0x7F and unicodedata.east_asian_width(ch) == "A"
                    ]
                    if ambiguous:
                        log.write(f"two cells there: {''.join(ambiguous)!r}\n")
                    wide += len(ambiguous)
                os.write(1, text.encode("utf-8"))
                log.write(f"bad {bad} wide {wide}\n")
                log.flush()
            if 0 in ready:
                typed = os.read(0, 65536)
                if not typed:
                    break
                if CURSOR_ANSWER.search(typed):
                    log.write("answered\n")
                    log.flush()
                os.write(master, typed.decode("utf-8", "replace").encode(args.charset, "replace"))
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
