"""tools/check, the one command CI runs before the tests, fails on what it is there to catch.

Each test copies the project's code into a folder of its own, plants one mistake and runs the
step that must refuse it; one test runs every step on an untouched copy, which must pass (so
a step that always failed would not look like one that works). The mistakes are the ones a
next engineer would make in a hurry: a service reaching for Textual, code left unformatted,
a screen returning the wrong type.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for the copies, started from the project's own where `tools/check types`
    has made one (CI runs it just before the tests): a copy is then checked in half a second,
    where a cold cache took 9 s per xdist worker. mypy knows a module by its content, so a
    planted mistake is checked anew with whatever depends on it."""
    cache = tmp_path_factory.mktemp("mypy-cache")
    if (ROOT / ".mypy_cache").is_dir():
        shutil.copytree(ROOT / ".mypy_cache", cache, dirs_exist_ok=True)
    return cache


@pytest.fixture
def project(tmp_path: Path, mypy_cache: Path) -> Path:
    """A copy of what tools/check reads: the code, the tools and pyproject.toml."""
    copy = tmp_path / "project"
    for name in ("src", "tools", "tests"):
        shutil.copytree(
            ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "__snapshots__")
        )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "pyproject.toml").write_text(
        (copy / "pyproject.toml")
        .read_text(encoding="utf-8")
        .replace("[tool.mypy]\n", f'[tool.mypy]\ncache_dir = "{mypy_cache}"\n'),
        encoding="utf-8",
    )
    return copy


def check(project: Path, *steps: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(project / "tools" / "check"), *steps],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_untouched_copy_passes_every_step(project):
    """Without this, a step that always failed would look like one that catches mistakes."""
    done = check(project, "lint", "format", "layers", "types")
    assert done.returncode == 0, done.stdout + done.stderr


def plant(project: Path, module: str, text: str) -> None:
    path = project / "src" / "depot_tui" / module
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_service_importing_textual_breaks_the_layers(project):
    """A rule that imports Textual can come to depend on a screen, and the admin commands on
    the server console would pay Textual's start-up: the layers step names the import."""
    plant(project, "services/clock.py", "\nimport textual.widgets  # noqa: E402, F401\n")
    done = check(project, "layers")
    assert done.returncode == 1
    assert "depot_tui.services.clock -> textual" in done.stdout + done.stderr


def test_a_screen_reaching_for_the_models_breaks_the_layers(project):
    """A screen that imports the models can write past the services' role checks and audit."""
    plant(project, "screens/home.py", "\nfrom ..models import User  # noqa: E402, F401\n")
    done = check(project, "layers")
    assert done.returncode == 1
    assert "depot_tui.screens.home -> depot_tui.models" in done.stdout + done.stderr


def test_one_areas_screen_importing_anothers_breaks_the_layers(project):
    """The score's event view once imported the search and handover screens: areas tangled so
    that changing one screen could break another area. One opens another through the app."""
    plant(project, "screens/score/event.py", "\nfrom ..search import SearchScreen  # noqa: E402, F401\n")
    done = check(project, "layers")
    assert done.returncode == 1
    assert "depot_tui.screens.score.event -> depot_tui.screens.search" in done.stdout + done.stderr


def test_unformatted_code_fails_the_format_step(project):
    """Code not as `ruff format` writes it makes every later diff noisy."""
    plant(project, "services/clock.py", "\n\ndef planted( x ):\n    return {  'a':x }\n")
    done = check(project, "format")
    assert done.returncode == 1
    assert "services/clock.py" in done.stdout + done.stderr


def test_a_type_error_in_a_screen_fails_the_types_step(project):
    """Screens, widgets and the app are type-clean: one error there fails, with its line."""
    plant(project, "screens/home.py", '\n\ndef planted() -> int:\n    return "not a number"\n')
    done = check(project, "types")
    assert done.returncode == 1
    assert "screens/home.py" in done.stderr and "0 allowed" in done.stderr


def test_a_new_type_error_in_a_service_fails_even_below_the_baseline_total(project):
    """A file may keep the errors the baseline allows it, not one more."""
    plant(project, "services/clock.py", '\n\ndef planted() -> int:\n    return "not a number"\n')
    done = check(project, "types")
    assert done.returncode == 1
    assert "services/clock.py has 1 errors, 0 allowed" in done.stderr


def test_a_type_error_fixed_must_be_written_down(project):
    """An error fixed lowers the baseline (--shrink), so it cannot be spent on a new one."""
    baseline = project / "tools" / "mypy-baseline.txt"
    name, count = next(
        line.rsplit(" ", 1)
        for line in baseline.read_text(encoding="utf-8").splitlines()
        if line.startswith("src/")
    )
    baseline.write_text(
        baseline.read_text(encoding="utf-8").replace(f"{name} {count}", f"{name} {int(count) + 1}"),
        encoding="utf-8",
    )
    done = check(project, "types")
    assert done.returncode == 1 and "--shrink" in done.stderr
    assert (
        subprocess.run(
            [sys.executable, str(project / "tools" / "check"), "types", "--shrink"], capture_output=True
        ).returncode
        == 0
    )
    assert f"{name} {count}\n" in baseline.read_text(encoding="utf-8")
