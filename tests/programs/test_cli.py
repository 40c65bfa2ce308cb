"""The depot-tui command as an administrator meets it: one clear line for every mistake."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from depot_tui import db

BIN = Path(sys.executable).parent / "depot-tui"


def run(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    command = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "depot_tui.cli"]
    return subprocess.run(
        [*command, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def assert_one_clear_line(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("depot-tui ")


@pytest.mark.parametrize("args", [["--bogus"], ["user"], ["user", "add"], ["--lang", "fr"], ["frobnicate"]])
def test_bad_arguments_are_one_line(args):
    """A typo on the server console must say what is wrong, not dump usage and a traceback."""
    assert_one_clear_line(run(*args), "depot-tui:")


def test_init_then_users(tmp_path):
    """init creates the database, first depot and admin (password from stdin, never defaulted);
    a second init is refused; user add/list/disable/reset-password work and are audited."""
    db = str(tmp_path / "depot.sqlite3")
    result = run(
        "--db",
        db,
        "--lang",
        "en",
        "init",
        "--depot-code",
        "XT",
        "--depot-name",
        "湘潭雨湖站",
        "--county",
        "430302",
        "--admin-user",
        "boss",
        "--admin-name",
        "老板",
        "--password-stdin",
        stdin="first-admin-1\n",
    )
    assert result.returncode == 0, result.stderr
    assert "depot XT" in result.stdout

    again = run(
        "--db",
        db,
        "--lang",
        "en",
        "init",
        "--depot-code",
        "XT",
        "--depot-name",
        "x",
        "--county",
        "430302",
        "--admin-user",
        "b2",
        "--admin-name",
        "b",
        "--password-stdin",
        stdin="first-admin-1\n",
    )
    assert_one_clear_line(again, "already holds data")

    added = run(
        "--db",
        db,
        "user",
        "add",
        "li",
        "--name",
        "李四",
        "--role",
        "clerk",
        "--depot",
        "XT",
        "--shift",
        "night",
        "--password-stdin",
        stdin="night-shift-9\n",
    )
    assert added.returncode == 0, added.stderr
    listed = run("--db", db, "user", "list")
    assert "li" in listed.stdout and "night" in listed.stdout and "boss" in listed.stdout
    assert (
        run("--db", db, "user", "reset-password", "li", "--password-stdin", stdin="temporary-22\n").returncode
        == 0
    )
    assert run("--db", db, "user", "disable", "li", "--reason", "left").returncode == 0
    assert "(disabled)" in run("--db", db, "user", "list").stdout
    check = run("--db", db, "--lang", "en", "check")
    assert check.returncode == 0 and "up to date" in check.stdout


def test_init_refuses_bad_input_with_the_field(tmp_path):
    db = str(tmp_path / "depot.sqlite3")
    base = [
        "--db",
        db,
        "--lang",
        "en",
        "init",
        "--depot-code",
        "XT",
        "--depot-name",
        "湘潭",
        "--admin-user",
        "boss",
        "--admin-name",
        "老板",
        "--password-stdin",
    ]
    assert_one_clear_line(run(*base, "--county", "湘潭市", stdin="first-admin-1\n"), "not county level")
    assert_one_clear_line(run(*base, "--county", "430302", stdin="short\n"), "password", "8")


def test_init_without_a_terminal_names_the_missing_option(tmp_path):
    """Run from a script without options, it must not hang waiting at a prompt."""
    assert_one_clear_line(run("--db", str(tmp_path / "d.sqlite3"), "--lang", "en", "init"), "--depot-code")


def test_password_is_never_read_without_a_terminal_or_flag(tmp_path, demo_path):
    result = run("--db", str(demo_path), "--lang", "en", "user", "reset-password", "lisi")
    assert_one_clear_line(result, "--password-stdin")


@pytest.mark.parametrize(
    "content",
    [b"not a database at all " * 200, b"SQLite format 3\x00" + b"\xff" * 200],
    ids=["text", "damaged-header"],
)
def test_a_file_that_is_not_a_database(tmp_path, content):
    path = tmp_path / "wrong.sqlite3"
    path.write_bytes(content)
    assert_one_clear_line(run("--db", str(path), "check"), str(path))


@pytest.mark.parametrize("command", [[], ["check"], ["user", "list"]])
def test_a_missing_database_is_not_created_empty(tmp_path, command):
    """A mistyped --db (or a first run without init) says what to do and creates nothing:
    an empty database would show a login screen nobody can pass."""
    path = tmp_path / "typo.sqlite3"
    result = run("--db", str(path), "--lang", "en", *command)
    assert_one_clear_line(result, "no database at", "depot-tui init", "--demo")
    assert not path.exists()


def test_init_into_a_folder_that_does_not_exist_creates_it(tmp_path):
    path = tmp_path / "new" / "depot.sqlite3"
    result = run(
        "--db",
        str(path),
        "init",
        "--depot-code",
        "XT",
        "--depot-name",
        "湘潭",
        "--county",
        "430302",
        "--admin-user",
        "boss",
        "--admin-name",
        "老板",
        "--password-stdin",
        stdin="first-admin-1\n",
    )
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_postgres_unreachable_is_one_line_without_the_password():
    """A wrong PostgreSQL URL must not print a driver traceback, nor its password on screen."""
    result = run("--db", "postgresql://depot:s3cret-pw@127.0.0.1:1/depot", "check")
    assert_one_clear_line(result, "depot-tui:", "depot:***@127.0.0.1")
    assert "s3cret-pw" not in result.stderr


def test_locked_database_waits_then_says_so(tmp_path, demo_path):
    """Another program holding an exclusive lock: after the busy timeout, one line, no traceback."""
    import apsw

    holder = apsw.Connection(str(demo_path))
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    env = {"DEPOT_BUSY_TIMEOUT": "0.5"}
    result = run("--db", str(demo_path), "--lang", "en", "check", env=env)
    holder.execute("ROLLBACK")
    assert_one_clear_line(result, "locked")


def test_demo_at_a_sqlite_url(tmp_path):
    """--db sqlite:///… with demo must build the file the URL names, not a folder called
    'sqlite:' in the current directory."""
    target = tmp_path / "sub" / "demo.sqlite3"
    result = subprocess.run(
        [str(BIN), "--db", f"sqlite:///{target}", "demo", "--no-run"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert target.exists()
    assert not (tmp_path / "sqlite:").exists()


def test_demo_builds_a_separate_database(tmp_path):
    """--demo must never touch the real database path."""
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    result = run("demo", "--no-run", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "depot-tui" / "demo.sqlite3").exists()
    assert not (tmp_path / "data" / "depot-tui" / "depot.sqlite3").exists()


def _corrupt_a_waybill_page(path: Path) -> None:
    """Overwrite the first page of the waybill table's B-tree with garbage, as a failing disk
    sector would: the file still opens, the table no longer reads."""
    import apsw

    connection = apsw.Connection(str(path))
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'waybill'").fetchone()[0]
    connection.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(b"\xde\xad" * (size // 2))


def test_check_refuses_what_the_app_could_not_use(tmp_path, demo_path):
    """`check` said OK on a damaged page, and an empty file silently became an empty database
    nobody could log in to. Each now gets one line naming the problem; a sound database
    reports its schema version."""
    ok = run("--lang", "en", "--db", str(demo_path), "check")
    assert ok.returncode == 0 and db.known_migrations()[-1] in ok.stdout
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    for command in (["check"], ["run"], ["user", "list"]):
        assert_one_clear_line(run("--lang", "en", "--db", str(empty), *command), "empty file")
    assert empty.stat().st_size == 0
    _corrupt_a_waybill_page(demo_path)
    assert_one_clear_line(run("--lang", "en", "--db", str(demo_path), "check"), "damaged")


def test_an_older_app_refuses_a_database_a_newer_one_migrated(demo_path):
    """A newer depot-tui upgraded the file (a migration this one does not know): writing it
    with the old rules would break the new tables without a word. Refused, in one line."""
    import apsw

    connection = apsw.Connection(str(demo_path))
    connection.execute("INSERT INTO schema_migration (name, applied) VALUES ('0099_future', '2027-01-01')")
    connection.close()
    for command in (["check"], ["user", "list"]):
        assert_one_clear_line(run("--lang", "en", "--db", str(demo_path), *command), "newer", "0099_future")


@pytest.mark.skipif(os.geteuid() != 0, reason="makes a read-only bind the way root can")
def test_check_blames_a_read_only_folder_not_the_file(tmp_path, demo_path):
    """WAL needs to create -wal and -shm beside the file: a folder the app cannot write was
    blamed on the file. Root writes anywhere, so the folder is mounted read-only here."""
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "depot.sqlite3").write_bytes(demo_path.read_bytes())
    bind = ["mount", "--bind", "-o", "ro", str(folder), str(folder)]
    if subprocess.run(bind, capture_output=True).returncode:
        pytest.skip("bind mounts are not allowed here")
    try:
        result = run("--lang", "en", "--db", str(folder / "depot.sqlite3"), "check")
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert str(folder) in result.stderr and ("folder" in result.stderr or "read-only" in result.stderr)
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_backup_copies_a_live_database_checks_it_and_keeps_the_last_n(tmp_path, demo_path):
    """The README recommended the sqlite3 command's .backup, but that program here is 3.40.1,
    inside the WAL-reset range the app refuses. `depot-tui backup` copies through APSW's
    online backup while a writer holds the database, checks the copy, and keeps the newest."""
    import apsw

    writer = apsw.Connection(str(demo_path))
    writer.execute("BEGIN IMMEDIATE; UPDATE depot SET phone = phone")  # a clerk mid-write
    try:
        for _ in range(3):
            result = run(
                "--lang", "en", "--db", str(demo_path), "backup", str(tmp_path / "copies"), "--keep", "2"
            )
            assert result.returncode == 0, result.stderr
    finally:
        writer.execute("COMMIT")
        writer.close()
    copies = sorted((tmp_path / "copies").glob("depot-*.sqlite3"))
    assert len(copies) == 2 and "checked" in result.stdout
    restored = apsw.Connection(str(copies[-1]))
    assert restored.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert restored.execute("SELECT count(*) FROM waybill").fetchone()[0] > 0
    assert run("--db", str(copies[-1]), "check").returncode == 0  # a copy opens as a depot database


def test_demo_reset_builds_the_demo_anew_on_either_database(demo_target):
    """`demo --reset` throws the demo away and builds it again, on a file or on a server (on
    PostgreSQL it drops the app's tables: there is no file to delete); a database with
    accounts the demo does not make is a depot's own, and is refused untouched."""
    from depot_tui import db
    from depot_tui.models import User, Waybill

    database = db.open_database(demo_target)
    demo_waybills = Waybill.select().count()
    User.update(name="改过的名字").where(User.username == "zhangsan").execute()
    database.close()
    done = run("--db", demo_target, "--lang", "en", "demo", "--reset", "--no-run")
    assert done.returncode == 0, done.stderr
    database = db.open_database(demo_target)
    assert User.get(User.username == "zhangsan").name == "张三"
    assert Waybill.select().count() == demo_waybills
    User.update(username="xiaoming").where(User.username == "zhangsan").execute()
    database.close()
    assert_one_clear_line(
        run("--db", demo_target, "--lang", "en", "demo", "--reset", "--no-run"),
        "is not a demo database",
        "xiaoming",
    )
    database = db.open_database(demo_target)
    assert User.get(User.username == "xiaoming") and Waybill.select().count() == demo_waybills
    database.close()


def test_check_names_the_database_engine_and_never_the_password(demo_target):
    """`check` on a file or a server: it probes a write, names SQLite or PostgreSQL with its
    version, and a password in the URL is never printed (an administrator pastes this line
    into a ticket)."""
    if demo_target.startswith("postgresql://"):
        target = demo_target.replace("postgresql://postgres@", "postgresql://postgres:s3cret@")
        engine = "PostgreSQL "
    else:
        target, engine = demo_target, "SQLite 3."
    done = run("--db", target, "--lang", "en", "check")
    assert done.returncode == 0, done.stderr
    assert engine in done.stdout and db.known_migrations()[-1] in done.stdout
    assert "s3cret" not in done.stdout + done.stderr


def test_demo_reset_over_an_empty_file_builds_the_demo(tmp_path):
    """An empty file where the demo should be (a crash while it was made, a `touch`) holds
    nothing to protect: `demo --reset` replaces it with the demo instead of refusing it."""
    target = tmp_path / "demo.sqlite3"
    target.write_bytes(b"")
    done = run("--db", str(target), "--lang", "en", "demo", "--reset", "--no-run")
    assert done.returncode == 0, done.stderr
    assert target.stat().st_size > 0


def test_without_a_terminal_the_app_says_so_and_ends_at_once(demo_path):
    """`ssh -T host`, sftp or scp start the program with no terminal: it used to read an empty
    stdin about 6,400 times a second for ever, three such orphans filling a 2-core server. Now
    it says it needs a terminal, in one line, and exits 2 (well within the timeout). The depot's
    own database, as the server's accounts start it (a demo copy: `--demo` would build one
    first, 3 s of the test)."""
    result = run("--db", str(demo_path))
    assert result.returncode == 2
    assert (
        result.stderr.strip().splitlines()[-1]
        == "depot-tui: 需要一个终端才能运行：请用 ssh -t 连接，或在终端里运行"
    )
