"""The business core stays free of Textual, so rules can be tested and reused without a screen."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import depot_tui

PACKAGE = Path(depot_tui.__file__).parent


def test_services_do_not_import_textual():
    """If services imported Textual, a rule could quietly come to depend on a screen, and the
    CLI's admin commands would pay Textual's start-up cost on the server console."""
    modules = sorted(p.stem for p in (PACKAGE / "services").glob("*.py") if p.stem != "__init__")
    code = (
        "import sys\n"
        + "".join(f"import depot_tui.services.{m}\n" for m in modules)
        + "import depot_tui.models, depot_tui.db, depot_tui.i18n, depot_tui.config\n"
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        + "print(bad)\nsys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(modules) >= 8


def test_screens_and_widgets_do_not_query_the_database():
    """Screens that build queries would bypass the services' role checks and audit records."""
    pattern = re.compile(
        r"^\s*(from|import) peewee|\.where\(|get_or_none\(|\.insert_many\(|\.select\(", re.MULTILINE
    )
    offenders = [
        str(p)
        for folder in ("screens", "widgets")
        for p in (PACKAGE / folder).glob("*.py")
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_module_is_over_400_lines():
    """A module past 400 lines holds more than one idea, and the next engineer reads all of it
    to change one. Split along its ideas (a package per area, one screen per module), as
    services/waybills and screens/handover are. The tests too: test_faults.py's matrix and
    test_faults_sessions.py's whole sessions are two files."""
    tests = Path(__file__).resolve().parents[1]  # this checkout's, whether the package is installed or not
    assert (tests / "unit").is_dir()
    long = {
        path.name: count
        for path in [*PACKAGE.rglob("*.py"), *tests.rglob("*.py")]
        if "migrations" not in path.parts  # applied migrations are frozen as generated (db/, in a wheel)
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}


def test_no_two_test_modules_share_a_name():
    """pytest imports test modules by their base name (no packages under tests/): a second
    test_exceptions.py in another folder stopped the whole run at collection in CI."""
    tests = Path(__file__).resolve().parents[1]
    names = [path.name for path in tests.rglob("test_*.py")]
    assert sorted({name for name in names if names.count(name) > 1}) == []
