"""DOIs online against a fake DOI resolver and a fake Crossref API on loopback: EV403
(does not resolve, title or year disagree), EV404 (retracted, naming claims and pages),
EV405 (the services could not say)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import evidence
from evidence.online import OnlineOptions
from evidence.online.doi import doi_path, retraction_of, title_key, titles_agree
from evidence.report import Report
from onlineserver import Reply, Site, redirect, site, sites, write_catalogue  # noqa: F401  (fixtures)

DOI = "10.1126/science.adh2586"
TITLE = "Experimental evidence on the productivity effects of generative artificial intelligence"
OPTIONS = OnlineOptions(timeout=2, host_delay=0)


def work(**fields: Any) -> Reply:
    message = {"DOI": DOI, "title": [TITLE], "issued": {"date-parts": [[2023, 7, 13]]}, **fields}
    return Reply(200, {"Content-Type": "application/json"}, json.dumps({"status": "ok", "message": message}))


def registry(site: Site, doi: str = DOI, record: Reply | None = None) -> str:
    """Serve ``doi`` from the fake resolver (a redirect) and the fake API; return evidence.toml's [online]."""
    site.routes[f"/resolve/{doi_path(doi)}"] = redirect("https://www.science.org/doi/" + doi)
    site.routes[f"/api/works/{doi_path(doi)}"] = record or work()
    return f'allow_private_hosts = true\n[online]\ndoi_resolver = "{site.url("/resolve/")}"\ncrossref_api = "{site.url("/api")}"\n'


def check(tmp_path: Path, toml: str, **source: Any) -> Report:
    claims: list[dict[str, Any]] = [{"id": "noy-zhang-writing", "text": "Writing time fell.", "cites": ["s"]},
              {"id": "other-claim", "text": "Quality rose.", "cites": ["s"]}]
    pages: list[dict[str, Any]] = [{"id": "empathy-page", "title": "Empathy", "claims": ["noy-zhang-writing"]},
             {"id": "unrelated", "title": "Other"}]
    fields = {"id": "s", "title": TITLE, "doi": DOI, "year": 2023, **source}
    root = write_catalogue(tmp_path / "cat", [fields], claims, pages, toml=toml)
    return evidence.check(root, online=OPTIONS, select=["EV403", "EV404", "EV405"])


def findings(report: Report) -> list[tuple[str, str | None]]:
    return sorted((d.code, d.id) for d in report.diagnostics)


def test_a_registered_doi_with_agreeing_metadata_passes(tmp_path: Path, site: Site) -> None:
    report = check(tmp_path, registry(site))
    assert findings(report) == []
    assert report.online == [{"source": "s", "doi": DOI, "doi_verdict": "ok",  # type: ignore[attr-defined]
                              "doi_checked_at": report.online[0]["doi_checked_at"], "doi_cached": False}]  # type: ignore[attr-defined]
    assert ("HEAD", f"/resolve/{DOI}") in site.requests() and ("GET", f"/api/works/{DOI}") in site.requests()


def test_an_unregistered_doi_is_ev403(tmp_path: Path, site: Site) -> None:
    toml = registry(site, doi="10.9999/other")
    report = check(tmp_path, toml)
    assert findings(report) == [("EV403", "s")]
    assert "does not resolve" in report.diagnostics[0].message


def test_a_title_that_disagrees_is_ev403(tmp_path: Path, site: Site) -> None:
    report = check(tmp_path, registry(site, record=work(title=["Minimum wages and employment in fast food"])))
    assert findings(report) == [("EV403", "s")]
    assert "registered with the title 'Minimum wages" in report.diagnostics[0].message


def test_a_year_that_disagrees_is_ev403(tmp_path: Path, site: Site) -> None:
    report = check(tmp_path, registry(site), year=2019)
    assert findings(report) == [("EV403", "s")]
    assert "published in 2023, not 2019" in report.diagnostics[0].message


def test_online_first_year_agrees(tmp_path: Path, site: Site) -> None:
    record = work(issued={"date-parts": [[2024]]}, **{"published-online": {"date-parts": [[2023, 12, 1]]}})
    assert findings(check(tmp_path, registry(site, record=record))) == []


@pytest.mark.parametrize("relation", [
    {"updated-by": [{"type": "retraction", "DOI": "10.1126/science.retract1", "label": "Retraction"}]},
    {"updated-by": [{"type": "withdrawal", "DOI": "10.1126/science.withdraw1"}]},
    {"update-to": [{"type": "retraction", "DOI": "10.1126/science.original"}]},
    {"title": ["RETRACTED: " + TITLE]},
])
def test_a_retraction_is_ev404_naming_every_claim_and_page(tmp_path: Path, site: Site, relation: dict[str, Any]) -> None:
    report = check(tmp_path, registry(site, record=work(**relation)))
    assert findings(report) == [("EV404", "s")]
    message = report.diagnostics[0].message
    assert "noy-zhang-writing, other-claim" in message and "pages showing them: empathy-page" in message
    assert "unrelated" not in message
    assert report.exit_code() == 1


def test_a_correction_is_not_a_retraction(tmp_path: Path, site: Site) -> None:
    record = work(**{"updated-by": [{"type": "correction", "DOI": "10.1126/science.fix"}]})
    assert findings(check(tmp_path, registry(site, record=record))) == []


def test_a_doi_the_metadata_api_does_not_know_is_only_resolved(tmp_path: Path, site: Site) -> None:
    report = check(tmp_path, registry(site, record=Reply(404, body="Resource not found.")))
    assert findings(report) == []


@pytest.mark.parametrize("reply", [Reply(503), Reply(429, {"Retry-After": "600"}), Reply(200, body="<html>not json")])
def test_metadata_trouble_is_ev405(tmp_path: Path, site: Site, reply: Reply) -> None:
    report = check(tmp_path, registry(site, record=reply))
    assert findings(report) == [("EV405", "s")]


def test_a_resolver_refusing_head_is_asked_with_get(tmp_path: Path, site: Site) -> None:
    toml = registry(site)
    landing = redirect("https://www.science.org/doi/" + DOI)
    site.routes[f"/resolve/{DOI}"] = lambda method, path: Reply(405) if method == "HEAD" else landing
    assert findings(check(tmp_path, toml)) == []
    assert site.requests(f"/resolve/{DOI}") == [("HEAD", f"/resolve/{DOI}"), ("GET", f"/resolve/{DOI}")]


def test_an_unreachable_resolver_is_ev405_not_ev403(tmp_path: Path, site: Site) -> None:
    registry(site)
    site.routes[f"/resolve/{DOI}"] = Reply(500)
    report = check(tmp_path, f'allow_private_hosts = true\n[online]\ndoi_resolver = "{site.url("/resolve/")}"\n')
    assert findings(report) == [("EV405", "s")]


def test_a_doi_org_url_counts_as_the_doi(tmp_path: Path, site: Site) -> None:
    toml = registry(site, record=work(**{"updated-by": [{"type": "retraction", "DOI": "10.1/x"}]}))
    report = check(tmp_path, toml, doi=None, url=f"https://doi.org/{DOI}")
    assert findings(report) == [("EV404", "s")]
    lines = (tmp_path / "cat" / "catalogue.json").read_text().splitlines()
    assert '"url"' in lines[report.diagnostics[0].line - 1], "the finding points at the URL that names the DOI"


def test_doi_results_are_cached(tmp_path: Path, site: Site) -> None:
    toml = registry(site)
    check(tmp_path, toml)
    sent = len(site.requests())
    report = check(tmp_path, toml)
    assert len(site.requests()) == sent
    assert report.online[0]["doi_cached"] is True  # type: ignore[attr-defined]


@pytest.mark.parametrize(("ours", "theirs", "agree"), [
    (TITLE, [TITLE], True),
    (TITLE.upper(), ["<i>Experimental</i> evidence on the productivity effects of generative artificial intelligence."], True),
    ("Experimental evidence on the productivity effects", [TITLE], True),  # subtitle dropped
    (TITLE, ["Minimum wages and employment"], False),
    ("AI", ["AI and jobs: a long story"], False),
])
def test_titles_agree(ours: str, theirs: list[str], agree: bool) -> None:
    assert titles_agree(ours, theirs) is agree


def test_title_key_and_retraction_words() -> None:
    assert title_key("RETRACTED: The <b>Title</b>") == "the title"
    assert retraction_of({"title": ["Retraction Watch database"]}) is None
    assert retraction_of({"updated-by": [{"type": "partial_retraction", "DOI": "10.1/y"}]}) is not None
    assert doi_path("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O") == \
        "10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-O"
