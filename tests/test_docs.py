"""Docs are part of the product: every rule code and every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

from cli.main import main
from evidence.registry import RULES

DOCS = Path(__file__).resolve().parent.parent / "docs"
README = DOCS.parent / "README.md"


def test_every_rule_code_has_a_section_with_its_severity() -> None:
    text = (DOCS / "rules.md").read_text()
    for code, rule in RULES.items():
        match = re.search(rf"^### {code}\n\*\*(\w+)\*\*", text, re.MULTILINE)
        assert match, f"{code} has no section in docs/rules.md"
        assert match.group(1) == rule.severity, f"{code}: docs say {match.group(1)}, registry says {rule.severity}"


def test_no_documented_rule_is_missing_from_the_registry() -> None:
    documented = set(re.findall(r"^### (EV\d{3})$", (DOCS / "rules.md").read_text(), re.MULTILINE))
    assert documented == set(RULES)


def test_every_command_is_documented() -> None:
    commands = (DOCS / "commands.md").read_text()
    readme = README.read_text()
    for name in main.commands:  # type: ignore[attr-defined]
        assert f"## evidence {name}" in commands, f"`evidence {name}` has no section in docs/commands.md"
        assert f"evidence {name}" in readme, f"`evidence {name}` is not shown in the README"


def test_readme_starts_with_the_two_setup_commands() -> None:
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", README.read_text(), re.DOTALL)
    first = blocks[0]
    assert "evidence check data" in first
    assert "pytest" in first
    ci = (README.parent / ".ci" / "run").read_text()
    test_line = next(line for line in first.splitlines() if "pytest" in line)
    assert test_line.strip() in ci, ".ci/run must run the README's test command"
