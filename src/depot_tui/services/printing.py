"""Printing: the red slip as 80-column text for a dot-matrix printer, piece labels as ZPL.

Everything printed is first written to the outbox folder (so nothing needs a printer to work
or to be tested, and a jammed printer never loses a slip). The depot's setting `print.command`
is "outbox" (stop there) or the name of a printer in the server's config file, whose command is
run with the file, e.g. `counter = "lp -d counter -o raw {file}"`. The database never holds a
command: an admin changes settings from any terminal, and the command runs in every clerk's
process (issue 25, item 7). Commands are what whoever keeps the server's config file wrote.

Labels are ZPL II, the language thermal label printers speak (and most Chinese ones emulate):
the printer draws the Code 128 barcode itself from `^BC`, so no image is made here.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len

from . import settings

WIDTH = 80


@dataclass(frozen=True)
class Printed:
    path: Path
    error: str | None = None  # the print command failed: the file is in the outbox


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal/printer cells (Chinese counts double)."""
    return text + " " * max(0, width - cell_len(text))


def column(text: str, width: int) -> str:
    """`text` in a table column of `width` cells: cut to leave one cell of gap, then padded."""
    return pad(fit(text, width - 1)[0], width)


def fit(text: str, width: int) -> list[str]:
    """`text` wrapped to lines of at most `width` cells."""
    lines, line = [], ""
    for ch in text:
        if cell_len(line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line] if line or not lines else lines


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in … where some was left out."""
    return text if cell_len(text) <= width else fit(text, width - 1)[0] + "…"


def center(text: str, width: int = WIDTH) -> str:
    return " " * max(0, (width - cell_len(text)) // 2) + text


def store(outbox: Path, name: str, data: bytes) -> Printed:
    """Write `data` to the outbox as `name`, atomically (a reader never sees half a file), and
    stop there: an exported register is fetched from the outbox, not printed."""
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / name
    temporary = path.with_name(f".{name}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    return Printed(path)


#: The server's printers by name (config.Config.printers), set as the app starts.
PRINTERS: dict[str, str] = {}


def use_printers(printers: dict[str, str]) -> None:
    PRINTERS.clear()
    PRINTERS.update(printers)


def deliver(outbox: Path, name: str, text: str, depot_id: int | None) -> Printed:
    """Write `text` to the outbox as `name` (atomically), then print it on the depot's printer."""
    path = store(outbox, name, text.encode("utf-8")).path
    printer = str(settings.get("print.command", depot_id))
    if printer == "outbox":
        return Printed(path)
    command = PRINTERS.get(printer)
    if command is None:
        return Printed(path, f"no printer {printer[:40]!r} in this server's config file ([printers])")
    argv = [part.replace("{file}", str(path)) for part in shlex.split(command)]
    if not any("{file}" in part for part in shlex.split(command)):
        argv.append(str(path))
    try:
        done = subprocess.run(argv, capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Printed(path, str(exc)[:200])
    if done.returncode != 0:
        return Printed(
            path, (done.stderr.decode(errors="replace").strip() or f"exit {done.returncode}")[:200]
        )
    return Printed(path)


def zpl_text(text: str) -> str:
    """Text for a ZPL ^FD field: ^ and ~ are commands there, so they are replaced."""
    return text.replace("^", " ").replace("~", " ")


def labels_zpl(
    *, labels: list[str], number: str, destination: str, station: str, consignee: str, pieces: int, font: str
) -> str:
    """One 100 x 70 mm label per piece: station and county in large type, the Code 128 barcode
    of the label with its text under it, piece n of N, the consignee (R-2.11)."""
    out = []
    for index, label in enumerate(labels, 1):
        out.append(
            "\n".join(
                [
                    "^XA",
                    "^CI28",
                    "^PW800",
                    "^LL560",
                    f"^FO30,20^A@N,70,70,{font}^FD{zpl_text(station)} {zpl_text(destination)}^FS",
                    f"^FO30,110^BY3^BCN,180,Y,N,N^FD{label}^FS",
                    f"^FO30,350^A@N,48,48,{font}^FD{index}/{pieces}  {number}^FS",
                    f"^FO30,420^A@N,40,40,{font}^FD{zpl_text(consignee)[:20]}^FS",
                    "^XZ",
                ]
            )
        )
    return "\n".join(out) + "\n"
