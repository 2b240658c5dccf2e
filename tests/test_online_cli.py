"""`evidence check --online` and its options: output shapes, usage errors, the progress bar
on a terminal (and its absence in CI and with --format json)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from onlineserver import Reply, Site, html, site, sites, write_catalogue  # noqa: F401  (fixtures)

REPO = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def catalogue(tmp_path: Path, site: Site) -> Path:
    site.routes["/alive"] = html("Study", "A finding.")
    site.routes["/dead"] = Reply(404)
    return write_catalogue(tmp_path / "cat", [{"id": "alive", "url": site.url("/alive")}, {"id": "dead", "url": site.url("/dead")}])


def test_online_text_output_lists_each_source_and_when_it_was_checked(catalogue: Path, site: Site) -> None:
    code, out = run("check", str(catalogue), "--online", "--timeout", "2")
    assert code == 1
    lines = out.splitlines()
    assert any(" EV401 source 'dead' URL " in line for line in lines)
    assert any(line.startswith("online: alive: alive 200, checked 20") and line.endswith(site.url("/alive")) for line in lines)
    assert any(line.startswith("online: dead: dead 404, checked ") for line in lines)
    assert lines[-2].startswith("Verified 2 URLs (1 alive, 1 dead) and 0 DOIs online:")
    assert lines[-1].startswith("Checked ")
    _, again = run("check", str(catalogue), "--online")
    assert "(cached)" in again.splitlines()[-3] and "0 requests sent" in again


def test_online_json_output_keeps_the_shape_and_adds_online(catalogue: Path) -> None:
    code, out = run("check", str(catalogue), "--online", "--format", "json", "--per-host", "2", "-j", "4")
    assert code == 1
    payload = json.loads(out)
    assert set(payload) == {"summary", "diagnostics", "online"}
    assert [d["code"] for d in payload["diagnostics"]] == ["EV401"]
    assert [(r["source"], r["verdict"], r["status"]) for r in payload["online"]] == [("alive", "alive", 200), ("dead", "dead", 404)]
    assert all(r["checked_at"].endswith("Z") for r in payload["online"])
    assert payload["summary"]["online"]["dead"] == 1 and payload["summary"]["errors"] == 1


def test_refresh_asks_again(catalogue: Path, site: Site) -> None:
    run("check", str(catalogue), "--online")
    sent = len(site.requests())
    run("check", str(catalogue), "--online")
    assert len(site.requests()) == sent
    run("check", str(catalogue), "--online", "--refresh")
    assert len(site.requests()) == 2 * sent


@pytest.mark.parametrize("option", [["--refresh"], ["--timeout", "3"], ["--per-host", "2"], ["--jobs", "2"]])
def test_online_options_need_online(catalogue: Path, option: list[str]) -> None:
    code, out = run("check", str(catalogue), *option)
    assert code == 2 and "need --online" in out


def test_allow_private_accepts_loopback_offline_too(tmp_path: Path, site: Site) -> None:
    root = write_catalogue(tmp_path / "cat", [{"id": "s", "url": site.url("/x")}], toml="")
    code, out = run("check", str(root))
    assert code == 1 and "EV203" in out
    code, out = run("check", str(root), "--allow-private")
    assert code == 0 and "EV203" not in out
    assert site.requests() == [], "an offline check sends nothing"


def test_evidence_rules_lists_the_online_rules() -> None:
    code, out = run("rules")
    assert code == 0
    for number in range(401, 408):
        assert f"EV{number}  " in out
    code, out = run("check", str(REPO / "tests" / "fixtures" / "clean"), "--select", "EV4")
    assert code == 2 and "run with --online" in out, "offline, --select EV4 would check nothing: refused"
    code, out = run("check", str(REPO / "tests" / "fixtures" / "clean"), "--select", "EV2,EV4")
    assert code == 0


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run the command with a pseudo-terminal as stdout and stderr; return what the terminal saw."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "cli", *args], stdin=subprocess.DEVNULL, stdout=follower,
                               stderr=follower, env=env, cwd=REPO)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize(("ci", "fmt", "shown"), [(False, "text", True), (True, "text", False), (False, "json", False)])
def test_progress_bar_on_a_terminal_only(catalogue: Path, ci: bool, fmt: str, shown: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    out = _on_a_terminal(["check", str(catalogue), "--online", "--format", fmt], env)
    assert ("Verifying sources online" in out) is shown, out
