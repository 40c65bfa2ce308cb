"""`depot-tui server` (issue 25, item 1): the keys that run the app and nothing else, and sshd's
settings read as sshd reads them. The real sshd is in tests/terminal/test_ssh_server.py."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from depot_tui import server
from depot_tui.server import keys, sshd

PUB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ2s7c0ZfV1m8Cw3Wm2lXv6yZ0i0m7V4l2mXy0Zt8QhP zhang@pc"


@pytest.fixture
def program(tmp_path: Path) -> str:
    """An installed depot-tui to point keys at."""
    path = tmp_path / "bin" / "depot-tui"
    path.parent.mkdir()
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


def test_a_key_line_runs_the_app_with_the_terminals_options_and_nothing_else(program):
    line = server.key_line(PUB, program=program, name="柜台 1", options=["--charset", "gb18030"])
    assert line == f'restrict,pty,command="{program} --charset gb18030" {" ".join(PUB.split()[:2])} 柜台-1'
    assert keys._key_problem(line) == ""


@pytest.mark.parametrize(
    "text, says",
    [("hello", "not an OpenSSH public key"), ("ssh-ed25519 AAAA!!==", "base64"), ("", "not an OpenSSH")],
)
def test_what_is_not_a_public_key_is_refused(program, text, says):
    with pytest.raises(server.BadKey, match=says):
        server.key_line(text, program=program, name="x", options=[])


def test_a_program_path_a_key_cannot_hold_is_refused():
    with pytest.raises(server.BadKey):
        server.key_line(PUB, program='/opt/a"b/depot-tui', name="x", options=[])


@pytest.mark.parametrize(
    "line, problem",
    [
        (PUB, "no options: a shell"),
        (f"pty {PUB}", "no restrict"),
        (f"restrict,pty {PUB}", "no command="),
        ('restrict,pty,port-forwarding,command="{program}" ' + PUB, "gives back port-forwarding"),
        ('restrict,permitopen="127.0.0.1:5432",pty,command="{program}" ' + PUB, "gives back permitopen"),
        ('restrict,pty,command="/bin/bash" ' + PUB, "runs /bin/bash"),
        ('restrict,command="{program}" ' + PUB, "no pty"),
        ('restrict,pty,command="{program} --charset gb18030" ' + PUB, ""),
    ],
)
def test_every_key_that_lets_its_holder_do_more_than_run_the_app_is_named(program, line, problem):
    """A key without restrict opens tunnels to the database server; one without command= is a
    shell on the account that owns the data."""
    found = keys._key_problem(line.replace("{program}", program))
    assert (problem in found) if problem else found == ""


def test_adding_a_key_makes_the_files_sshd_wants_and_adds_it_once(tmp_path, program):
    authorized = tmp_path / "home" / ".ssh" / "authorized_keys"
    authorized.parent.parent.mkdir()
    line = server.key_line(PUB, program=program, name="counter-1", options=[])
    assert server.add_key(authorized, line) is True
    assert server.add_key(authorized, line.replace("counter-1", "other")) is False
    assert authorized.read_text() == line + "\n"
    assert authorized.stat().st_mode & 0o777 == 0o600 and authorized.parent.stat().st_mode & 0o777 == 0o700


@pytest.fixture
def read_files(monkeypatch):
    """sshd's settings from the files, as the service account (no `sshd -T`) reads them."""
    monkeypatch.setattr(sshd, "_sshd_dump", lambda user, config: None)


def test_sshd_settings_are_read_as_sshd_reads_them(tmp_path, read_files):
    """Debian's layout: an Include of sshd_config.d first, then the main file. The first value
    wins; a Match block for the account overrides the global section; a Match on an address
    (not knowable here) is taken as not applying, so it is never credited."""
    (tmp_path / "sshd_config.d").mkdir()
    (tmp_path / "sshd_config.d" / "depot-tui.conf").write_text(sshd.sshd_snippet("depot"))
    (tmp_path / "sshd_config").write_text(
        "Include sshd_config.d/*.conf\n"
        "ClientAliveInterval 300  # later: not used\n"
        "X11Forwarding yes\n"
        "AcceptEnv LANG LC_*\n"
        "Match Address 10.0.0.0/8\n    PermitTunnel yes\n"
        "Match User other\n    AllowTcpForwarding yes\n"
    )
    settings = sshd.sshd_settings("depot", tmp_path / "sshd_config")
    assert settings["clientaliveinterval"] == "15" and settings["clientalivecountmax"] == "4"
    assert settings["x11forwarding"] == "no"  # the Match User block beats the global yes
    assert settings["allowtcpforwarding"] == "no" and settings["permittunnel"] == "no"
    assert all(f.ok for f in sshd.sshd_findings(settings))
    other = sshd.sshd_findings(sshd.sshd_settings("someone", tmp_path / "sshd_config"))
    assert {f.params.get("keyword") for f in other if not f.ok} >= {
        "AllowTcpForwarding",
        "X11Forwarding",
        "PermitUserRC",
    }


def test_a_client_setting_what_the_app_reads_is_named(tmp_path, read_files):
    (tmp_path / "sshd_config").write_text(sshd.sshd_snippet("depot") + "AcceptEnv LANG DEPOT_*\n")
    findings = sshd.sshd_findings(sshd.sshd_settings("depot", tmp_path / "sshd_config"))
    assert [f.params["names"] for f in findings if f.what == "server.acceptenv"] == ["DEPOT_*"]


def test_no_clientalive_means_a_pulled_cable_keeps_the_session(tmp_path, read_files):
    """Without ClientAlive a silent link lives until TCP gives up: 2 h 11 min."""
    (tmp_path / "sshd_config").write_text("Match User depot\n    DisableForwarding yes\n")
    findings = sshd.sshd_findings(sshd.sshd_settings("depot", tmp_path / "sshd_config"))
    assert [(f.what, f.params.get("keyword")) for f in findings if not f.ok] == [
        ("server.alive", None),
        ("server.sshd", "PermitUserRC"),
    ]


def test_the_check_names_a_folder_others_can_read_with_its_fix(tmp_path, read_files):
    data = tmp_path / "data"
    data.mkdir(mode=0o750)
    (data / "depot.sqlite3").write_bytes(b"")
    (data / "depot.sqlite3").chmod(0o600)
    place = server.Place(data / "depot.sqlite3", data / "outbox", tmp_path / "state", None)
    findings = server.check(place, sshd_config=tmp_path / "none")
    folder = next(f for f in findings if f.params.get("path") == data)
    assert not folder.ok and folder.fix == f"chown {getpass.getuser()}: {data} && chmod 700 {data}"
    assert next(f for f in findings if f.params.get("path") == data / "depot.sqlite3").ok
    assert next(f for f in findings if f.params.get("path") == data / "outbox").what == "server.made_later"
