"""Printing: the red slip and every other document as 80-column text for a dot-matrix printer,
piece labels for a thermal printer (labels.py), and the outbox they all go through (outbox.py).

Everything printed is first written to the outbox folder (so nothing needs a printer to work
or to be tested, and a jammed printer never loses a slip). A depot has two printers, each
"outbox" (stop there) or the name of a printer in the server's config file, whose command is
run with the file, e.g. `counter = "lp -d counter -o raw {file}"`:
- `print.command`, documents, written in `print.encoding` (GB18030 for the Chinese Epson LQ
  dot-matrix printers at counters; UTF-8 by default, which the outbox's readers read);
- `print.label_printer`, labels, in `print.label_language` (ZPL, or TSPL: Gprinter, Xprinter).
The database never holds a command: an admin changes settings from any terminal, and the
command runs in every clerk's process (issue 25, item 7). Commands are what whoever keeps the
server's config file wrote. A print that fails leaves the file in the outbox marked with why,
until it is printed again from the outbox list (outbox.py).
"""

from __future__ import annotations

import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len

from .. import settings
from .forms import FormLayout, parse_layout
from .labels import LabelText, tspl, zpl

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
#: The server's pre-printed forms by name (config.Config.forms, forms.py).
FORMS: dict[str, FormLayout] = {}


def use_printers(printers: dict[str, str], forms: dict[str, object] | None = None) -> None:
    """The config file's printers and forms, for every print from now on; ValueError when a
    form's layout is wrong (said at start, not at the first waybill)."""
    layouts = {name: parse_layout(name, table) for name, table in (forms or {}).items()}
    PRINTERS.clear()
    PRINTERS.update(printers)
    FORMS.clear()
    FORMS.update(layouts)


def deliver(outbox: Path, name: str, text: str, depot_id: int | None) -> Printed:
    """Write the document `text` to the outbox as `name` (atomically) in the depot's printer
    encoding, then print it on the depot's document printer."""
    encoding = str(settings.get("print.encoding", depot_id))
    path = store(outbox, name, text.encode(encoding, errors="replace")).path
    return send(path, str(settings.get("print.command", depot_id)))


def deliver_labels(outbox: Path, label: LabelText, depot_id: int | None) -> Printed:
    """The pieces' labels in the depot's label language, to its label printer."""
    if settings.get("print.label_language", depot_id) == "tspl":
        name, data = f"labels-{label.number}.tspl", tspl(label)
    else:
        name, data = f"labels-{label.number}.zpl", zpl(label, str(settings.get("print.label_font", depot_id)))
    return send(store(outbox, name, data).path, str(settings.get("print.label_printer", depot_id)))


def failed_mark(path: Path) -> Path:
    """Beside a file whose print failed: why, until it is printed."""
    return path.with_name(f".{path.name}.failed")


def send(path: Path, printer: str) -> Printed:
    """Run the named printer's command on the file in the outbox (nothing for "outbox")."""
    mark = failed_mark(path)
    if printer == "outbox":
        mark.unlink(missing_ok=True)
        return Printed(path)
    command = PRINTERS.get(printer)
    if command is None:
        return _failed(path, f"no printer {printer[:40]!r} in this server's config file ([printers])")
    argv = [part.replace("{file}", str(path)) for part in shlex.split(command)]
    if not any("{file}" in part for part in shlex.split(command)):
        argv.append(str(path))
    try:
        done = subprocess.run(argv, capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return _failed(path, str(exc))
    if done.returncode != 0:
        return _failed(path, done.stderr.decode(errors="replace").strip() or f"exit {done.returncode}")
    mark.unlink(missing_ok=True)
    return Printed(path)


def _failed(path: Path, error: str) -> Printed:
    error = error[:200]
    failed_mark(path).write_text(error, encoding="utf-8")
    return Printed(path, error)
