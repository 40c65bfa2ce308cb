"""Printers by name (issue 25, item 7): the database names a printer, the server's config file
holds its command. Before, any admin at any terminal could set a command every clerk's process
then ran."""

from __future__ import annotations

import pytest

from depot_tui.config import ConfigError, _printers
from depot_tui.services import auth, printing, settings
from depot_tui.services.errors import ServiceError
from depot_tui.services.settings.values import parse


@pytest.fixture
def printers():
    """The server's [printers], as the app sets them from its config file; none after."""
    yield printing.use_printers
    printing.use_printers({})


def admin():
    return auth.login("admin", "depot123", terminal="office", pid=2).actor


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
