"""The `evidence` command: exit codes, output formats, selection, errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli.main import main
from evidence.registry import RULES


def run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_clean_catalogue_passes(runner: CliRunner, clean_catalogue: Path) -> None:
    code, out = run(runner, "check", str(clean_catalogue))
    assert code == 0
    assert out.splitlines()[-1].startswith("Checked 14 records in 4 files (3 claims, 3 sources, 2 pages)")
    assert "0 errors, 0 warnings." in out


def test_error_exits_1_with_path_line_col(runner: CliRunner, clean_catalogue: Path) -> None:
    sources = clean_catalogue / "sources.yaml"
    sources.write_text(sources.read_text().replace("    url: https://panel.example.org/study\n", ""))
    code, out = run(runner, "check", str(clean_catalogue))
    assert code == 1
    line = next(l for l in out.splitlines() if "EV202" in l)
    assert line == f"{clean_catalogue}/claims/writing.yaml:13:5: EV202 claim 'panel-finding' has no primary URL: 'panel-study' (A panel of workers followed over five years) has no URL"


def test_warning_exits_0_unless_strict(runner: CliRunner, clean_catalogue: Path) -> None:
    pages = clean_catalogue / "pages.csv"
    pages.write_text(pages.read_text().replace("writing-time;panel-finding;employer-survey", "employer-survey;writing-time"))
    code, out = run(runner, "check", str(clean_catalogue))
    assert code == 0 and "EV301" in out and "0 errors, 1 warning." in out
    code, _ = run(runner, "check", str(clean_catalogue), "--strict")
    assert code == 1


def test_json_format(runner: CliRunner, clean_catalogue: Path) -> None:
    (clean_catalogue / "claims" / "extra.yaml").write_text("claims:\n  - id: unsourced\n    text: Something happened.\n")
    code, out = run(runner, "check", str(clean_catalogue), "--format", "json")
    assert code == 1
    payload = json.loads(out)
    assert payload["summary"]["errors"] == 1
    assert payload["summary"]["claims"] == 4
    assert payload["summary"]["sources"] == 3
    assert payload["diagnostics"] == [{
        "code": "EV201", "severity": "error", "message": "claim 'unsourced' cites no source",
        "file": f"{clean_catalogue}/claims/extra.yaml", "line": 2, "column": 5, "kind": "claims", "id": "unsourced",
    }]


def test_github_format(runner: CliRunner, clean_catalogue: Path) -> None:
    (clean_catalogue / "claims" / "extra.yaml").write_text("claims:\n  - id: unsourced\n    text: Something, 50%.\n")
    code, out = run(runner, "check", str(clean_catalogue), "--format", "github")
    assert code == 1
    assert out.splitlines()[0] == f"::error file={clean_catalogue}/claims/extra.yaml,line=2,col=5,title=EV201::EV201 claim 'unsourced' cites no source"


def test_select_and_ignore(runner: CliRunner, clean_catalogue: Path) -> None:
    (clean_catalogue / "claims" / "extra.yaml").write_text("claims:\n  - id: unsourced\n    text: x\n    occupations: [nobody]\n")
    code, out = run(runner, "check", str(clean_catalogue), "--select", "EV102")
    assert code == 1 and "EV102" in out and "EV201" not in out and "with 1 rule:" in out
    code, out = run(runner, "check", str(clean_catalogue), "--ignore", "EV102,EV201")
    assert code == 0 and "EV102" not in out and "EV201" not in out


def test_unknown_rule_is_usage_error(runner: CliRunner, clean_catalogue: Path) -> None:
    code, out = run(runner, "check", str(clean_catalogue), "--select", "EV999")
    assert code == 2
    assert "'EV999' matches no rule code" in out
    assert "Traceback" not in out


def test_missing_catalogue_is_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    code, out = run(runner, "check", str(tmp_path / "nope"))
    assert code == 2
    assert "no catalogue directory" in out


def test_catalogue_without_claims_fails(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text("sources:\n  - id: s\n    title: S\n    url: https://example.org/\n    design: rct\n")
    code, out = run(runner, "check", str(tmp_path))
    assert code == 1
    assert "EV104 no claim was checked" in out


def test_empty_directory_fails(runner: CliRunner, tmp_path: Path) -> None:
    code, out = run(runner, "check", str(tmp_path))
    assert code == 1
    assert "Checked 0 records in 0 files" in out


def test_broken_file_is_a_diagnostic_not_a_traceback(runner: CliRunner, clean_catalogue: Path) -> None:
    (clean_catalogue / "broken.yaml").write_text("claims:\n  - id: x\n    text: [unclosed\n")
    code, out = run(runner, "check", str(clean_catalogue))
    assert code == 1
    assert f"{clean_catalogue}/broken.yaml:4:1: EV100 not valid YAML" in out
    assert "Traceback" not in out


def test_second_run_is_cached_and_a_change_is_seen(runner: CliRunner, clean_catalogue: Path) -> None:
    _, first = run(runner, "check", str(clean_catalogue))
    _, second = run(runner, "check", str(clean_catalogue))
    assert "(cached)" not in first and second.endswith("(cached)\n")
    assert second.replace(" (cached)", "") == first
    (clean_catalogue / "claims" / "extra.yaml").write_text("claims:\n  - id: unsourced\n    text: x\n")
    code, third = run(runner, "check", str(clean_catalogue))
    assert code == 1 and "EV201" in third and "(cached)" not in third
    _, fresh = run(runner, "check", str(clean_catalogue), "--no-cache")
    assert "(cached)" not in fresh


def test_rules_lists_every_code(runner: CliRunner) -> None:
    code, out = run(runner, "rules")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == sorted(RULES)
    assert any(line.startswith("EV202  error") for line in out.splitlines())
    code, out = run(runner, "rules", "--format", "json")
    assert {r["code"] for r in json.loads(out)} == set(RULES)


def test_rank_page_in_evidence_order(runner: CliRunner, clean_catalogue: Path) -> None:
    code, out = run(runner, "rank", str(clean_catalogue), "--page", "ml-engineer-page", "--format", "json")
    assert code == 0
    ranked = json.loads(out)
    assert [(r["id"], r["design"], r["page_position"]) for r in ranked] == [
        ("writing-time", "rct", 1), ("panel-finding", "panel", 2), ("employer-survey", "survey", 3)]
    assert ranked[0]["primary_url"] == "https://www.science.org/doi/10.1126/science.adh2586"


def test_rank_occupation_text(runner: CliRunner, clean_catalogue: Path) -> None:
    code, out = run(runner, "rank", str(clean_catalogue), "--occupation", "data-scientist")
    assert code == 0
    assert out.splitlines()[0] == "  1. employer-survey: survey (rank 3), https://survey.example.org/report?edition=2025"


def test_rank_unknown_ids_are_usage_errors(runner: CliRunner, clean_catalogue: Path) -> None:
    code, out = run(runner, "rank", str(clean_catalogue), "--page", "nope")
    assert code == 2 and "no page has id 'nope'" in out
    code, out = run(runner, "rank", str(clean_catalogue), "--page", "a", "--occupation", "b")
    assert code == 2 and "not both" in out


def test_help_teaches(runner: CliRunner) -> None:
    code, out = run(runner, "check", "--help")
    assert code == 0
    for expected in ("Exit status", "--select", "--strict", "Examples"):
        assert expected in out


def test_the_pre_commit_hooks_run_commands_that_exist_on_the_files_they_read(tmp_path: Path) -> None:
    import re as _re

    import yaml  # PyYAML, a dependency

    hooks = {hook["id"]: hook for hook in yaml.safe_load(
        (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"evidence-check", "evidence-lint"}
    for hook in hooks.values():
        program, command = hook["entry"].split()
        assert program == "evidence" and command in main.commands and hook["language"] == "python"
    lint_files = _re.compile(hooks["evidence-lint"]["files"])
    assert all(lint_files.search(name) for name in ("a.html", "b.htm", "c.md", "d.txt", "e.xhtml", "f.markdown"))
    assert not any(lint_files.search(name) for name in ("a.yaml", "b.css", "c.js", "d.htmlx"))
    # pre-commit runs the lint hook with the changed pages after its args
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Growth was 12% last year.</p></body></html>", encoding="utf-8")
    result = CliRunner().invoke(main, [*hooks["evidence-lint"]["entry"].split()[1:], "--skip", "#comments", str(page)])
    assert result.exit_code == 1 and "EV601" in result.output
