"""The shipped catalogue: the seed pages' faults are found, and nothing else is broken."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import evidence
from evidence.render import render_text
from schemas import Diagnostic, load_catalogue

DATA = Path(__file__).resolve().parent.parent / "data"


def findings(code: str) -> list[Diagnostic]:
    report = evidence.check(DATA, use_cache=False)
    return [d for d in report.diagnostics if d.code == code]


def test_data_loads_without_load_errors() -> None:
    catalogue = load_catalogue(DATA)
    assert catalogue.diagnostics == []
    assert len(catalogue.pages) == 3
    assert catalogue.counts()["claims"] > 50


def test_every_unsourced_claim_is_named() -> None:
    catalogue = load_catalogue(DATA)
    with_url = {sid for sid, s in catalogue.sources.items() if s.url}
    expected = {cid for cid, c in catalogue.claims.items() if c.cites and not any(x.source in with_url for x in c.citations())}
    assert {d.id for d in findings("EV202")} == expected
    # the named third parties of the JobZone page have no URL on the page
    assert {
        "axial-ai-ml-postings-growth", "signify-ml-postings-qoq-growth", "linkedin-ai-engineering-fastest-growing",
        "public-insight-ml-postings-by-company", "mrj-mid-level-salary-growth", "ravio-ai-salary-premium",
        "gartner-automl-share", "bls-data-science-ml-growth-projection",
    } <= expected
    assert {d.id for d in findings("EV201")} == {cid for cid, c in catalogue.claims.items() if not c.cites}
    assert findings("EV201"), "the 'industry estimates' claims cite nothing"


def test_the_three_primary_urls_of_the_first_page_pass() -> None:
    catalogue = load_catalogue(DATA)
    page = catalogue.pages["empathy-for-ml-engineer"]
    failing = {d.id for d in findings("EV202")}
    assert len(page.claims) == 3 and not failing & set(page.claims)


def test_first_page_lists_vendor_before_survey() -> None:
    ev301 = [d for d in findings("EV301") if d.id == "empathy-for-ml-engineer"]
    assert len(ev301) == 1
    assert "(survey" in ev301[0].message and "(vendor" in ev301[0].message


def test_third_page_exposure_does_not_add_up() -> None:
    messages = [d.message for d in findings("EV304")]
    assert any("states 52%" in m and "gives 54.4%" in m for m in messages)
    # the share card's "48% remain human-critical" against 36% of task time
    assert any("states 48%" in m and "gives 36%" in m for m in messages)
    assert len(messages) == 2, messages


def test_nothing_unexpected() -> None:
    report = evidence.check(DATA, use_cache=False)
    codes = Counter(d.code for d in report.diagnostics)
    assert set(codes) <= {"EV201", "EV202", "EV301", "EV302", "EV303", "EV304", "EV501"}
    assert report.exit_code() == 1


def test_readme_shows_what_check_data_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA.parent)
    report = evidence.check("data", use_cache=False)
    text = render_text(report)
    readme = (DATA.parent / "README.md").read_text()
    assert text.splitlines()[-1] in readme
    for line in re.findall(r"`(data/[^`]+: EV\d{3} [^`]+)`", readme):
        assert line in text.splitlines(), line
    counts = Counter(d.code for d in report.diagnostics)
    for code, count in re.findall(r"^\| (EV\d{3}) \| (\d+) \|", readme, re.MULTILINE):
        assert counts[code] == int(count), code


def test_orphans_are_the_roles_the_jobzone_page_names_but_nothing_links() -> None:
    assert {d.id for d in findings("EV501")} == {"data-engineer", "senior-software-engineer", "ai-security-engineer"}
    assert findings("EV502") == []
