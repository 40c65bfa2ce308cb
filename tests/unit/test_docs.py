"""The documents a newcomer reads are true to the code: every rule the code cites is in
docs/rules.md, every place the rules page sends them to exists and cites that rule, and the
README's test command is the one CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "docs" / "rules.md"
CITED = re.compile(r"\bR-(\d+)\.(\d+)\b")


def cited_in_code() -> dict[str, set[str]]:
    """Each R-number the code and the tests cite, with the files citing it."""
    found: dict[str, set[str]] = {}
    for folder in ("src", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            for match in CITED.finditer(path.read_text(encoding="utf-8")):
                found.setdefault(match.group(0), set()).add(str(path.relative_to(ROOT)))
    return found


def sections() -> dict[str, str]:
    """The rules page's entries: each R-number a heading or a bold list item defines, with
    the text of its entry. "R-6.1 to R-6.3" and "R-6.6 and R-6.7" define every number between."""
    entries: dict[str, str] = {}
    current: list[str] = []
    for line in RULES.read_text(encoding="utf-8").splitlines():
        heading = line.startswith("### ")
        item = re.match(r"- \*\*(R-\d+\.\d+)\*\*", line)
        if heading or item or line.startswith("## "):
            current = []
        if heading:
            numbers = [(int(a), int(b)) for a, b in CITED.findall(line)]
            if len(numbers) == 2 and numbers[0][0] == numbers[1][0]:
                section = numbers[0][0]
                numbers = [(section, n) for n in range(numbers[0][1], numbers[1][1] + 1)]
            current = [f"R-{a}.{b}" for a, b in numbers]
        elif item:
            current = [item.group(1)]
        for number in current:
            entries[number] = entries.get(number, "") + line + "\n"
    return entries


def test_every_rule_the_code_cites_is_in_the_rules_page():
    """A newcomer who meets `R-2.13` in a docstring finds what it says in docs/rules.md, not in
    a document outside this repository."""
    missing = {number: sorted(files) for number, files in cited_in_code().items() if number not in sections()}
    assert missing == {}


def test_every_place_the_rules_page_names_exists_and_cites_the_rule():
    """The "Lives in" lines send the reader to files: each must exist and cite the rule, so moving a
    rule's code without updating the page fails here."""
    wrong = []
    for number, text in sections().items():
        for match in re.finditer(r"Lives in:(.*?)(?:\n\n|\Z)", text, re.S):
            for path in re.findall(r"`([^`]+)`", match.group(1)):
                file = ROOT / path
                if not file.exists():
                    wrong.append(f"{number}: {path} does not exist")
                elif number not in file.read_text(encoding="utf-8"):
                    wrong.append(f"{number}: {path} does not cite it")
    assert wrong == []


def test_the_code_cites_no_document_outside_the_repository():
    """DESIGN.md and DOMAIN.md were the founding team's notes, not part of this repository."""
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("src", "tests", "tools")
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
        and path != Path(__file__).resolve()
        and path.suffix in ("", ".py", ".md", ".tcss")
        and re.search(r"\b(DESIGN|DOMAIN|STYLE)\.md\b", path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []


def test_ci_runs_the_readme_test_command():
    """The README's second command is what a newcomer runs to test; CI must run the same, or
    a step one of them lacks passes in one place and fails in the other."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert block is not None
    test_command = block.group(1).splitlines()[1]
    assert "tools/check" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci
