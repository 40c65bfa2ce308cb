"""Printers by name (issue 25, item 7): the database names a printer, the server's config file
holds its command. Before, any admin at any terminal could set a command every clerk's process
then ran."""

from __future__ import annotations

import pytest
from support import admin

from depot_tui.config import ConfigError, _printers
from depot_tui.services import auth, printing, settings
from depot_tui.services.errors import ServiceError
from depot_tui.services.printing import labels, outbox
from depot_tui.services.settings.values import parse


@pytest.fixture
def printers():
    """The server's [printers], as the app sets them from its config file; none after."""
    yield printing.use_printers
    printing.use_printers({})


@pytest.mark.parametrize(
    "typed", ["lp -d counter {file}", "sh -c 'id > /tmp/x'", "counter;reboot", "$(id)", "../x", "a" * 41]
)
def test_the_setting_names_a_printer_and_never_holds_a_command(typed):
    """An admin (or anybody who learned an admin's password) typing a command where the printer
    goes is refused at the field: nothing typed in the app runs in a clerk's process."""
    with pytest.raises(ServiceError) as refused:
        parse("print.command", typed)
    assert refused.value.key == "error.setting_printer" and refused.value.field == "value"
    assert parse("print.command", " counter-2 ") == "counter-2"
    assert parse("print.command", "outbox") == "outbox"


def test_a_named_printer_prints_the_file_with_its_configured_command(demo_db, tmp_path, printers):
    """The depot names `counter`; the config file says what `counter` runs, with the file."""
    printed_to = tmp_path / "printed"
    printers({"counter": f"cp {{file}} {printed_to}"})
    settings.put(admin(), "print.command", "counter")  # company-wide
    done = printing.deliver(tmp_path / "outbox", "slip-1.txt", "运单 1\n", admin().depot_id)
    assert done.error is None
    assert printed_to.read_text(encoding="utf-8") == "运单 1\n" == done.path.read_text(encoding="utf-8")


def test_a_printer_the_server_does_not_know_keeps_the_file_and_says_so(demo_db, tmp_path, printers):
    """The setting names a printer this server's config file lacks (or holds a command written
    before printers had names): nothing runs, the slip waits in the outbox, and the clerk is
    told why."""
    printers({"counter": "true"})
    settings.put(admin(), "print.command", "office", depot_id=admin().depot_id)
    done = printing.deliver(tmp_path, "slip-2.txt", "x", admin().depot_id)
    assert done.path.exists() and done.error is not None and "'office'" in done.error


def test_a_failing_print_command_keeps_the_file_with_the_printers_words(demo_db, tmp_path, printers):
    printers({"counter": "sh -c 'echo queue counter is disabled >&2; exit 1'"})
    settings.put(admin(), "print.command", "counter", depot_id=admin().depot_id)
    done = printing.deliver(tmp_path, "slip-3.txt", "x", admin().depot_id)
    assert done.path.exists() and done.error == "queue counter is disabled"


def test_the_config_file_names_its_printers_plainly(tmp_path):
    assert _printers({"counter": "lp -d counter -o raw {file}"}, tmp_path) == {
        "counter": "lp -d counter -o raw {file}"
    }
    for bad in ({"counter": ""}, {"a b": "lp"}, {"counter": 3}, ["counter"]):
        with pytest.raises(ConfigError, match=r"\[printers\]"):
            _printers(bad, tmp_path)


def test_a_slip_for_a_chinese_dot_matrix_printer_is_written_in_gb18030(demo_db, tmp_path, printers):
    """The Epson LQ printers at Chinese counters print GB18030: a UTF-8 slip came out as
    mojibake on every line with Chinese."""
    settings.put(admin(), "print.encoding", "gb18030")
    done = printing.deliver(tmp_path, "slip-4.txt", "收货人 李卫东 ¥197.00\n", admin().depot_id)
    assert done.path.read_bytes() == "收货人 李卫东 ¥197.00\n".encode("gb18030")


def _label(pieces: int = 2) -> printing.LabelText:
    return printing.LabelText(
        labels=[f"GZ2611260001-{n:03d}" for n in range(1, pieces + 1)],
        number="GZ2611260001",
        destination="湘潭县",
        station="XT",
        consignee='李"卫东',
        pieces=pieces,
    )


def test_tspl_labels_for_a_gprinter_draw_each_piece_with_its_code_128():
    """TSPL, the language of the Gprinter and Xprinter label printers most depots buy: one
    label (CLS … PRINT) per piece, each with its Code 128 barcode and n/N, Chinese in GB18030
    for the printer's TSS24.BF2 font, and a quote in a name not ending the string."""
    text = labels.tspl(_label()).decode("gb18030")
    lines = text.split("\r\n")
    assert lines[:2] == ["SIZE 100 mm,70 mm", "GAP 2 mm,0 mm"] and text.endswith("\r\n")
    assert lines.count("CLS") == 2 and lines.count("PRINT 1,1") == 2
    barcodes = [line for line in lines if line.startswith("BARCODE")]
    assert barcodes == [
        'BARCODE 30,110,"128",180,2,0,3,6,"GZ2611260001-001"',
        'BARCODE 30,110,"128",180,2,0,3,6,"GZ2611260001-002"',
    ]
    assert 'TEXT 30,20,"TSS24.BF2",0,3,3,"XT 湘潭县"' in lines
    assert 'TEXT 30,350,"TSS24.BF2",0,2,2,"2/2  GZ2611260001"' in lines
    assert 'TEXT 30,420,"TSS24.BF2",0,2,2,"李\'卫东"' in lines


def test_zpl_labels_are_one_format_per_piece_in_utf8():
    text = labels.zpl(_label(3), "E:SIMSUN.TTF").decode("utf-8")
    assert text.count("^XA") == text.count("^XZ") == 3 and text.count("^BCN,180,Y,N,N") == 3
    assert "^FDGZ2611260001-003^FS" in text and "^CI28" in text


def test_the_depot_chooses_its_label_language_and_printer(demo_db, tmp_path, printers):
    labels_to = tmp_path / "label-printer"
    printers({"label": f"cp {{file}} {labels_to}"})
    settings.put(admin(), "print.label_language", "tspl")
    settings.put(admin(), "print.label_printer", "label")
    done = printing.deliver_labels(tmp_path / "outbox", _label(), admin().depot_id)
    assert done.error is None and done.path.name == "labels-GZ2611260001.tspl"
    assert labels_to.read_bytes() == labels.tspl(_label())


def test_a_failed_print_waits_in_the_outbox_marked_and_prints_again_from_there(demo_db, tmp_path, printers):
    """The counter printer is out of paper: the slip stays in the outbox, listed first with the
    printer's words; once mended, the clerk prints it again from the list (audited), and the
    mark is gone."""
    from depot_tui.models import AuditLog

    printers({"counter": "sh -c 'echo out of paper >&2; exit 1'"})
    settings.put(admin(), "print.command", "counter")
    gz = admin().depot_id
    printing.deliver(tmp_path, "slip-GZ1.txt", "一\n", gz)
    printing.deliver(tmp_path, "slip-GZ2.txt", "二\n", gz)
    printing.store(tmp_path, "register-pickup.csv", b"x")
    jobs = outbox.jobs(tmp_path)
    assert [(j.name, j.error) for j in jobs[:2]] == [
        ("slip-GZ2.txt", "out of paper"),
        ("slip-GZ1.txt", "out of paper"),
    ]
    assert jobs[2].name == "register-pickup.csv" and jobs[2].error is None
    printed_to = tmp_path / "paper"
    printers({"counter": f"cp {{file}} {printed_to}"})
    clerk = auth.login("zhangsan", "depot123", terminal="counter", pid=3).actor
    assert outbox.reprint(clerk, tmp_path, "slip-GZ1.txt").error is None
    assert printed_to.read_text(encoding="utf-8") == "一\n"
    assert [j.error for j in outbox.jobs(tmp_path) if j.name == "slip-GZ1.txt"] == [None]
    assert (
        AuditLog.select()
        .where(AuditLog.action == "outbox.reprint", AuditLog.entity_id == "slip-GZ1.txt")
        .count()
        == 1
    )


@pytest.mark.parametrize("name", ["../depot.sqlite3", ".slip-GZ1.txt.failed", "gone.txt", "/etc/passwd"])
def test_only_a_file_of_the_outbox_is_printed_again(demo_db, tmp_path, name):
    clerk = auth.login("zhangsan", "depot123", terminal="counter", pid=3).actor
    with pytest.raises(ServiceError) as refused:
        outbox.reprint(clerk, tmp_path, name)
    assert refused.value.key == "error.outbox_gone"


def test_an_outbox_the_app_cannot_read_is_said_not_crashed_on(tmp_path, monkeypatch):
    """The outbox folder's mode changed under the app (or its disk went): Ctrl+O says so on
    the list's line instead of ending in the program-error path."""

    def refuse(_self: object) -> object:
        raise PermissionError(13, "Permission denied")

    (tmp_path / "outbox").mkdir()
    monkeypatch.setattr(type(tmp_path), "iterdir", refuse)
    with pytest.raises(ServiceError) as refused:
        outbox.jobs(tmp_path / "outbox")
    assert (
        refused.value.key == "error.outbox_unreadable"
        and refused.value.params["reason"] == "Permission denied"
    )
