"""Printing through a real CUPS server (issue 25, item 4): the slip to the counter's dot-matrix
printer in GB18030, the labels to a thermal printer in TSPL or ZPL, each through a raw queue
(`lp -d QUEUE -o raw`) to a JetDirect socket (port 9100 style, what networked counter and
label printers listen on) that this test listens on, so the bytes the printer would get are
checked. A private cupsd (its own folders and socket) runs for the module, as root.

CUPS 2.4's `file:` device wrote nothing for a raw queue here (the job completed, no file), so
the printer end is a socket, as a real networked printer's is.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import admin, xt_form

from depot_tui.services import printing, settings, waybills
from depot_tui.services.printing import labels, outbox

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="runs a cupsd: root only (CI)"),
    pytest.mark.skipif(not shutil.which("cupsd") or not shutil.which("lp"), reason="CUPS is not installed"),
    pytest.mark.skipif(
        not Path("/usr/lib/cups/backend/socket").exists(), reason="CUPS's socket backend is missing"
    ),
]


class Printer:
    """A networked printer's raw port: every job's bytes, in order."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.jobs: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            connection, _ = self.listener.accept()
            data = b""
            with connection:
                while chunk := connection.recv(65536):
                    data += chunk
            self.jobs.append(data)

    def wait(self, count: int, timeout: float = 20.0) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while len(self.jobs) < count:
            assert time.monotonic() < deadline, f"the printer got {len(self.jobs)} of {count} jobs"
            time.sleep(0.05)
        return self.jobs


@pytest.fixture(scope="module")
def cups() -> Iterator[tuple[str, Printer, Printer]]:
    """A private cupsd with two raw queues, counter and label, each to its own Printer."""
    base = Path(tempfile.mkdtemp(prefix="depot-cups-"))
    base.chmod(0o755)  # the backends run as lp, and read the spooled job under it
    for folder in ("root", "spool", "tmp", "cache", "state", "log"):
        (base / folder).mkdir(mode=0o755)
    sock = base / "cups.sock"
    (base / "cupsd.conf").write_text(
        f"Listen {sock}\nLogLevel warn\nWebInterface No\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"
    )
    (base / "cups-files.conf").write_text(
        "".join(
            f"{key} {base / folder}\n"
            for key, folder in [
                ("ServerRoot", "root"),
                ("RequestRoot", "spool"),
                ("TempDir", "tmp"),
                ("CacheDir", "cache"),
                ("StateDir", "state"),
                ("ErrorLog", "log/error_log"),
                ("AccessLog", "log/access_log"),
                ("PageLog", "log/page_log"),
            ]
        )
    )
    daemon = subprocess.Popen(
        ["cupsd", "-f", "-c", str(base / "cupsd.conf"), "-s", str(base / "cups-files.conf")],
        stderr=subprocess.DEVNULL,
    )
    env = {**os.environ, "CUPS_SERVER": str(sock)}
    try:
        deadline = time.monotonic() + 10
        while not sock.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        counter, label = Printer(), Printer()
        for queue, printer in (("counter", counter), ("label", label)):
            subprocess.run(
                ["lpadmin", "-p", queue, "-E", "-v", f"socket://127.0.0.1:{printer.port}", "-m", "raw"],
                env=env,
                check=True,
                capture_output=True,
            )
        yield str(sock), counter, label
    finally:
        daemon.terminate()
        daemon.wait()
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def depot_printers(cups, demo_db):
    """The server's config file names the two queues; GZ prints on them."""
    sock, counter, label = cups
    printing.use_printers(
        {name: f"lp -h {sock} -d {name} -o raw {{file}}" for name in ("counter", "label")}
        | {"gone": f"lp -h {sock} -d nowhere -o raw {{file}}"}
    )
    office = admin()
    for key, value in [
        ("print.command", "counter"),
        ("print.encoding", "gb18030"),
        ("print.label_printer", "label"),
    ]:
        settings.put(office, key, value)
    yield office, counter, label
    printing.use_printers({})


@pytest.mark.parametrize("language", ["tspl", "zpl"])
def test_a_waybill_prints_its_slip_in_gb18030_and_its_labels_with_code_128(
    depot_printers, clerk, tmp_path, language
):
    """The worked example issued at the counter: the dot-matrix printer gets the slip as GB18030
    bytes, byte for byte the outbox's copy; the label printer gets one label per piece with its
    Code 128 barcode, in the depot's label language."""
    office, counter, label = depot_printers
    settings.put(office, "print.label_language", language)
    slips, stickers = len(counter.jobs), len(label.jobs)
    issued = waybills.issue(clerk, xt_form(3), shipper_confirmed=True, outbox=tmp_path / "outbox")
    slip = counter.wait(slips + 1)[-1]
    assert slip == (tmp_path / "outbox" / f"slip-{issued.number}.txt").read_bytes()
    text = slip.decode("gb18030")
    assert "湖南省 湘潭市 湘潭县" in text and "合计   197.00 元" in text
    sent = label.wait(stickers + 1)[-1]
    if language == "tspl":
        lines = sent.decode("gb18030").split("\r\n")
        assert [line for line in lines if line.startswith("BARCODE")] == [
            f'BARCODE 30,110,"128",180,2,0,3,6,"{code}"' for code in issued.labels
        ]
        assert lines.count("PRINT 1,1") == 3 and f'TEXT 30,20,"{labels.TSPL_FONT}",0,3,3,"XT 湘潭县"' in lines
    else:
        zpl = sent.decode("utf-8")
        assert zpl.count("^XA") == 3 and all(f"^BCN,180,Y,N,N^FD{code}^FS" in zpl for code in issued.labels)


def test_a_print_cups_refuses_waits_in_the_outbox_and_prints_from_there(depot_printers, clerk, tmp_path):
    """The depot's printer names a queue CUPS does not have: the slip is issued and kept, the
    outbox lists it first with CUPS's words, and once the queue is right it prints from there."""
    office, counter, _label = depot_printers
    settings.put(office, "print.command", "gone")
    issued = waybills.issue(clerk, xt_form(1), shipper_confirmed=True, outbox=tmp_path / "outbox")
    first = outbox.jobs(tmp_path / "outbox")[0]
    assert (
        first.name == f"slip-{issued.number}.txt"
        and first.error == "lp: Error - The printer or class does not exist."
    )
    settings.put(office, "print.command", "counter")
    before = len(counter.jobs)
    assert outbox.reprint(clerk, tmp_path / "outbox", first.name).error is None
    assert counter.wait(before + 1)[-1].decode("gb18030").count(issued.number) >= 1
    assert outbox.jobs(tmp_path / "outbox")[0].error is None
