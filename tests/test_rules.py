"""Every registered rule, a table of passing and failing catalogues each.

Each case is a tiny catalogue on disk, checked with ``evidence.check(path, select=[CODE])``;
the test compares the exact multiset of ``(code, id)`` findings. For at least one failing
case per rule the test also checks where the diagnostic points (file, line, column) and
what its message says.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import evidence
from evidence.lint import PAGE_CODES
from evidence.online import ONLINE_CODES
from evidence.registry import RULES, UnknownRule, selected
from rulehelpers import (
    GOOD_CLAIM,
    GOOD_SOURCE,
    assert_at,
    dedent,
    findings,
    one,
    run,
    with_good,
    write_catalogue,
)
from test_links import EV501_CASES, EV502_CASES  # the link-graph tables live with the link graph's tests

# ---------------------------------------------------------------------------------------
# EV201: a claim cites no source

EV201_CASES = [
    pytest.param(with_good(), [], id="cites-a-source"),
    pytest.param(with_good(claims="""
        - id: empty
          text: Cites an empty list
          cites: []
        """), [("EV201", "empty")], id="empty-cites"),
    pytest.param(with_good(claims="""
        - id: missing
          text: Has no cites field at all
        """), [("EV201", "missing")], id="missing-cites"),
    pytest.param(with_good(claims="""
        - id: ghost-only
          text: Cites a source that does not exist (EV102's finding, not EV201's)
          cites: [ghost]
        """), [], id="dangling-cite-is-not-uncited"),
]


@pytest.mark.parametrize("yaml_text, expected", EV201_CASES)
def test_ev201(tmp_path: Path, yaml_text: str, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV201"])) == expected


def test_ev201_points_at_the_claim(tmp_path: Path) -> None:
    text = with_good(claims="""
        - id: missing
          text: Has no cites field at all
        """)
    report = run(tmp_path, text, ["EV201"])
    diagnostic = one(report, "EV201", "missing")
    assert_at(diagnostic, report, text, "id: missing")
    assert diagnostic.severity == "error"
    assert diagnostic.kind == "claims"
    assert diagnostic.message == "claim 'missing' cites no source"


# ---------------------------------------------------------------------------------------
# EV202: a claim has no primary URL

EV202_CASES = [
    pytest.param(with_good(), None, [], id="public-url-passes"),
    pytest.param(with_good(sources="""
        - id: nourl
          title: Axial Search blog
          design: survey
        """, claims="""
        - id: bad
          text: Rests on a source without URL
          cites: [nourl]
        """), None, [("EV202", "bad")], id="no-url"),
    pytest.param(with_good(sources="""
        - id: agg
          title: A newsletter paraphrase
          url: https://news.example.org/ai-jobs
          design: survey
          aggregator: true
        """, claims="""
        - id: bad
          text: Rests on an aggregator
          cites: [agg]
        """), None, [("EV202", "bad")], id="aggregator-flag"),
    pytest.param(with_good(sources="""
        - id: post
          title: A LinkedIn post
          url: https://www.linkedin.com/pulse/ai-engineers
          design: vendor
        """, claims="""
        - id: bad
          text: Rests on a LinkedIn post
          cites: [post]
        """), None, [("EV202", "bad")], id="aggregator-domain-default-list"),
    pytest.param(with_good(sources="""
        - id: post
          title: Not LinkedIn at all
          url: https://notlinkedin.com/pulse/ai-engineers
          design: vendor
        """, claims="""
        - id: ok
          text: Rests on a host that only ends with the same letters
          cites: [post]
        """), None, [], id="lookalike-domain-is-not-aggregator"),
    pytest.param(with_good(sources="""
        - id: lab
          title: Hiring lab report
          url: https://www.hiringlab.org/2025/report
          design: survey
        """, claims="""
        - id: bad
          text: Rests on a configured aggregator
          cites: [lab]
        """), 'aggregator_domains = ["hiringlab.org"]\n', [("EV202", "bad")], id="aggregator-domain-from-evidence-toml"),
    pytest.param(with_good(sources="""
        - id: local
          title: Something on my laptop
          url: http://127.0.0.1/report
          design: survey
        """, claims="""
        - id: bad
          text: Rests on a loopback URL
          cites: [local]
        """), None, [("EV202", "bad")], id="private-host"),
    pytest.param(with_good(sources="""
        - id: local
          title: Something on my laptop
          url: http://127.0.0.1/report
          design: survey
        """, claims="""
        - id: ok
          text: Rests on a loopback URL the catalogue allows
          cites: [local]
        """), "allow_private_hosts = true\n", [], id="private-host-allowed"),
    pytest.param(with_good(sources="""
        - id: nourl
          title: Gartner said so
          design: vendor
        """, claims="""
        - id: mixed
          text: One bad and one good source
          cites: [nourl, trial]
        """), None, [], id="one-bad-one-good-passes"),
    pytest.param(with_good(claims="""
        - id: bad
          text: Cites only a source that does not exist
          cites: [ghost]
        """), None, [("EV202", "bad")], id="only-dangling-sources"),
    pytest.param(with_good(claims="""
        - id: uncited
          text: Cites nothing (EV201's finding, not EV202's)
          cites: []
        """), None, [], id="uncited-is-ev201-only"),
]


@pytest.mark.parametrize("yaml_text, toml, expected", EV202_CASES)
def test_ev202(tmp_path: Path, yaml_text: str, toml: str | None, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV202"], toml=toml)) == expected


@pytest.mark.parametrize("source, reason", [
    ("""
     - id: nourl
       title: Axial Search blog
       design: survey
     """, "'nourl' (Axial Search blog) has no URL"),
    ("""
     - id: nourl
       title: A LinkedIn post
       url: https://www.linkedin.com/pulse/x
       design: survey
     """, "'nourl' is an aggregator"),
    ("""
     - id: nourl
       title: An FTP file
       url: ftp://example.org/file
       design: survey
     """, "'nourl' has an unusable URL"),
])
def test_ev202_points_at_cites_and_says_why(tmp_path: Path, source: str, reason: str) -> None:
    text = with_good(sources=source, claims="""
        - id: bad
          text: Rests on one unusable source
          cites: [nourl]
        """)
    report = run(tmp_path, text, ["EV202"])
    diagnostic = one(report, "EV202", "bad")
    assert_at(diagnostic, report, text, "cites: [nourl]")
    assert diagnostic.message == f"claim 'bad' has no primary URL: {reason}"


def test_ev202_dangling_sources_message(tmp_path: Path) -> None:
    text = with_good(claims="""
        - id: bad
          text: Cites only a ghost
          cites: [ghost]
        """)
    diagnostic = one(run(tmp_path, text, ["EV202"]), "EV202", "bad")
    assert diagnostic.message == "claim 'bad' has no primary URL: its cited sources do not exist"


# ---------------------------------------------------------------------------------------
# EV203: a source URL is malformed, not http(s), or private

def _url_source(url: str) -> str:
    return with_good(sources=f"""
        - id: odd
          title: A source with an odd URL
          url: '{url}'
          design: survey
        """)


EV203_CASES = [
    pytest.param("https://example.org/report", None, None, id="public-https"),
    pytest.param("HTTP://EXAMPLE.org:80/Report", None, None, id="upper-case-and-default-port"),
    pytest.param("http://93.184.215.14/report", None, None, id="public-ip-literal"),
    pytest.param("ftp://example.org/report.pdf", None, "the URL has 'ftp:'", id="ftp"),
    pytest.param("mailto:editor@example.org", None, "the URL has 'mailto:'", id="mailto"),
    pytest.param("example.org/report", None, "the URL has no scheme", id="no-scheme"),
    pytest.param("https://user:secret@example.org/report", None, "user information", id="userinfo"),
    pytest.param("https://example.org\\report", None, "backslash", id="backslash"),
    pytest.param("https://example.org/a report", None, "white space", id="space"),
    pytest.param("http://127.1/", None, "the host 127.0.0.1 is private", id="short-loopback-127.1"),
    pytest.param("http://2130706433/", None, "the host 127.0.0.1 is private", id="decimal-loopback"),
    pytest.param("http://0x7f.0.0.1/", None, "the host 127.0.0.1 is private", id="hex-loopback"),
    pytest.param("http://169.254.169.254/latest/meta-data/", None, "the host 169.254.169.254 is private", id="metadata-link-local"),
    pytest.param("http://[::ffff:127.0.0.1]/", None, "the host 127.0.0.1 is private", id="ipv4-mapped-ipv6-loopback"),
    pytest.param("http://[::1]/", None, "the host ::1 is private", id="ipv6-loopback"),
    pytest.param("http://10.0.0.7/wiki", None, "the host 10.0.0.7 is private", id="rfc1918"),
    pytest.param("http://localhost:8080/", None, "the host localhost is private", id="localhost"),
    pytest.param("http://intranet/report", None, "the host intranet is private", id="single-label-name"),
    pytest.param("https://example.org:99999/", None, "the URL is malformed", id="port-out-of-range"),
    pytest.param("http://127.0.0.1/", "allow_private_hosts = true\n", None, id="loopback-allowed-by-config"),
    pytest.param("ftp://127.0.0.1/", "allow_private_hosts = true\n", "the URL has 'ftp:'", id="allowed-private-still-http-only"),
    # A host spelled with percent-escapes is 127.0.0.1 to a WHATWG URL parser (browsers, many
    # clients) and is no valid DNS name either way: it must not pass as a public primary URL.
    pytest.param("http://%31%32%37.0.0.1/", None, "", id="percent-encoded-loopback-host"),
    pytest.param('http://a<b.example.org/', None, "", id="forbidden-character-in-host"),
]


@pytest.mark.parametrize("url, toml, problem", EV203_CASES)
def test_ev203(tmp_path: Path, url: str, toml: str | None, problem: str | None) -> None:
    text = _url_source(url)
    report = run(tmp_path, text, ["EV203"], toml=toml)
    if problem is None:
        assert findings(report) == []
    else:
        assert findings(report) == [("EV203", "odd")]
        diagnostic = report.diagnostics[0]
        assert problem in diagnostic.message
        assert diagnostic.message.startswith("source 'odd': ")
        assert_at(diagnostic, report, text, "url: '")


def test_ev203_source_need_not_be_cited(tmp_path: Path) -> None:
    """An uncited source is still checked: the catalogue must not hold a bad URL anywhere."""
    text = with_good(sources="""
        - id: odd
          title: Never cited
          url: file:///etc/passwd
        """)
    assert findings(run(tmp_path, text, ["EV203"])) == [("EV203", "odd")]


# ---------------------------------------------------------------------------------------
# EV204: a source is an aggregator

EV204_CASES = [
    pytest.param("""
        - id: plain
          title: A plain study
          url: https://example.com/study
          design: survey
        """, None, [], id="not-an-aggregator"),
    pytest.param("""
        - id: agg
          title: A paraphrase
          url: https://example.com/paraphrase
          aggregator: true
        """, None, [("EV204", "agg")], id="marked-aggregator"),
    pytest.param("""
        - id: agg
          title: A paraphrase without URL
          aggregator: true
        """, None, [("EV204", "agg")], id="marked-aggregator-without-url"),
    pytest.param("""
        - id: agg
          title: A post
          url: https://linkedin.com/pulse/x
        """, None, [("EV204", "agg")], id="aggregator-domain"),
    pytest.param("""
        - id: agg
          title: A post
          url: https://de.linkedin.com/pulse/x
        """, None, [("EV204", "agg")], id="aggregator-subdomain"),
    pytest.param("""
        - id: agg
          title: A Medium post
          url: https://MEDIUM.com/@someone/x
        """, None, [("EV204", "agg")], id="aggregator-domain-any-case"),
    pytest.param("""
        - id: plain
          title: Lookalike
          url: https://mylinkedin.com/pulse/x
        """, None, [], id="lookalike-is-not-aggregator"),
    pytest.param("""
        - id: agg
          title: Jobs board
          url: https://www.jobs-digest.example.net/x
        """, 'aggregator_domains = ["jobs-digest.example.net"]\n', [("EV204", "agg")], id="configured-domain"),
]


@pytest.mark.parametrize("sources, toml, expected", EV204_CASES)
def test_ev204(tmp_path: Path, sources: str, toml: str | None, expected: list) -> None:
    assert findings(run(tmp_path, with_good(sources=sources), ["EV204"], toml=toml)) == expected


def test_ev204_position_severity_and_message(tmp_path: Path) -> None:
    text = with_good(sources="""
        - id: marked
          title: A paraphrase
          aggregator: true
        - id: hosted
          title: A post
          url: https://www.linkedin.com/pulse/x
        """)
    report = run(tmp_path, text, ["EV204"])
    marked, hosted = one(report, "EV204", "marked"), one(report, "EV204", "hosted")
    assert marked.severity == hosted.severity == "warning"
    assert_at(marked, report, text, "id: marked")
    assert_at(hosted, report, text, "id: hosted")
    assert marked.message.startswith("source 'marked' is marked aggregator")
    assert hosted.message.startswith("source 'hosted' is hosted on an aggregator (www.linkedin.com)")


# ---------------------------------------------------------------------------------------
# EV205: a cited source has no study design, or one the ladder does not know

def _design_catalogue(design_line: str, designs: str = "") -> str:
    return with_good(sources=f"""
        - id: studied
          title: A study
          url: https://example.com/study
          {design_line}
        """, claims="""
        - id: leans
          text: Rests on the study
          cites: [studied]
        """, rest=designs)


EV205_CASES = [
    pytest.param(_design_catalogue("design: survey"), [], id="known-design"),
    pytest.param(_design_catalogue("publisher: Nobody"), [("EV205", "studied")], id="no-design"),
    pytest.param(_design_catalogue("design: anecdote"), [("EV205", "studied")], id="unknown-design"),
    pytest.param(_design_catalogue("design: audit"), [], id="alias-audit-is-rct"),
    pytest.param(_design_catalogue("design: Field-Experiment"), [], id="alias-any-case"),
    pytest.param(_design_catalogue("design: RCT"), [], id="id-any-case"),
    pytest.param(_design_catalogue("design: meta-analysis", """
        designs:
          - id: meta-analysis
            rank: 1
            label: Meta-analysis
        """), [], id="design-added-by-catalogue"),
    pytest.param(_design_catalogue("design: pooled", """
        designs:
          - id: meta-analysis
            rank: 1
            label: Meta-analysis
            aliases: [Pooled]
        """), [], id="alias-of-added-design"),
    pytest.param(with_good(sources="""
        - id: uncited
          title: Never cited, no design
          url: https://example.com/uncited
        """), [], id="uncited-source-without-design"),
]


@pytest.mark.parametrize("yaml_text, expected", EV205_CASES)
def test_ev205(tmp_path: Path, yaml_text: str, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV205"])) == expected


def test_ev205_unknown_design_points_at_design(tmp_path: Path) -> None:
    text = _design_catalogue("design: anecdote")
    report = run(tmp_path, text, ["EV205"])
    diagnostic = one(report, "EV205", "studied")
    assert_at(diagnostic, report, text, "design: anecdote")
    assert diagnostic.message == (
        "source 'studied' has design 'anecdote', which the ladder does not know (one of rct, panel, survey, vendor)")


def test_ev205_missing_design_points_at_source(tmp_path: Path) -> None:
    text = _design_catalogue("publisher: Nobody")
    report = run(tmp_path, text, ["EV205"])
    diagnostic = one(report, "EV205", "studied")
    assert_at(diagnostic, report, text, "id: studied")
    assert diagnostic.message == "source 'studied' is cited but has no design (one of rct, panel, survey, vendor)"


def test_ev205_lists_catalogue_designs(tmp_path: Path) -> None:
    text = _design_catalogue("design: anecdote", """
        designs:
          - id: official
            rank: 3
            label: Official statistics
        """)
    diagnostic = one(run(tmp_path, text, ["EV205"]), "EV205", "studied")
    assert diagnostic.message.endswith("(one of rct, panel, official, survey, vendor)")


# ---------------------------------------------------------------------------------------
# EV206: a DOI is malformed, or disagrees with a doi.org URL

def _doi_source(doi: str, url: str = "https://www.science.org/doi/10.1126/science.adh2586") -> str:
    return with_good(sources=f"""
        - id: paper
          title: Experimental evidence on generative AI
          url: '{url}'
          doi: '{doi}'
          design: rct
        """)


EV206_CASES = [
    pytest.param(_doi_source("10.1126/science.adh2586"), [], id="plain-doi"),
    pytest.param(_doi_source("doi:10.1126/science.adh2586"), [], id="doi-prefix"),
    pytest.param(_doi_source("https://doi.org/10.1126/science.adh2586"), [], id="doi-url-in-doi-field"),
    pytest.param(_doi_source("10.1126/SCIENCE.ADH2586", "https://doi.org/10.1126/science.adh2586"), [], id="agrees-any-case"),
    pytest.param(_doi_source("10.1126/science.adh2586", "https://doi.org/10.1126%2Fscience.adh2586"), [], id="agrees-percent-encoded"),
    pytest.param(_doi_source("science.adh2586"), [("EV206", "paper")], id="malformed-no-prefix"),
    pytest.param(_doi_source("10.12/abc"), [("EV206", "paper")], id="malformed-short-registrant"),
    pytest.param(_doi_source("10.1126/"), [("EV206", "paper")], id="malformed-empty-suffix"),
    pytest.param(_doi_source("10.1126/science.adh2586", "https://doi.org/10.1126/science.abc1234"), [("EV206", "paper")], id="disagrees-with-doi-org-url"),
    pytest.param(_doi_source("10.1126/science.adh2586", "https://dx.doi.org/10.1000/other"), [("EV206", "paper")], id="disagrees-with-dx-doi-org-url"),
]


@pytest.mark.parametrize("yaml_text, expected", EV206_CASES)
def test_ev206(tmp_path: Path, yaml_text: str, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV206"])) == expected


def test_ev206_messages_and_position(tmp_path: Path) -> None:
    text = _doi_source("10.1126/science.adh2586", "https://doi.org/10.1126/science.abc1234")
    report = run(tmp_path, text, ["EV206"])
    diagnostic = one(report, "EV206", "paper")
    assert_at(diagnostic, report, text, "doi: ")
    assert diagnostic.message == (
        "source 'paper': the DOI 10.1126/science.adh2586 disagrees with the doi.org URL, which names 10.1126/science.abc1234")

    text = _doi_source("science.adh2586")
    report = run(tmp_path / "malformed", text, ["EV206"])
    diagnostic = one(report, "EV206", "paper")
    assert_at(diagnostic, report, text, "doi: ")
    assert diagnostic.message == "source 'paper': 'science.adh2586' is not a DOI (expected 10.NNNN/suffix)"


# ---------------------------------------------------------------------------------------
# EV207: two sources share a URL or DOI

def _pair(first: str, second: str) -> str:
    return with_good(sources=f"""
        - id: first
          title: First
          {first}
        - id: second
          title: Second
          {second}
        """)


EV207_CASES = [
    pytest.param(_pair("url: https://example.com/a", "url: https://example.com/b"), [], id="different-urls"),
    pytest.param(_pair("url: https://example.com/a", "url: https://example.com/A"), [], id="path-case-matters"),
    pytest.param(_pair("url: https://example.com/a", "url: https://example.com/a"), [("EV207", "second")], id="same-url"),
    pytest.param(_pair("url: https://example.com/a", "url: https://EXAMPLE.COM/a"), [("EV207", "second")], id="host-case"),
    pytest.param(_pair("url: https://example.com/a", "url: https://example.com:443/a"), [("EV207", "second")], id="default-port"),
    pytest.param(_pair("url: https://example.com/a", "url: https://example.com/a#section-2"), [("EV207", "second")], id="fragment"),
    pytest.param(_pair("url: https://example.com", "url: https://example.com./"), [("EV207", "second")], id="empty-path-and-trailing-dot"),
    pytest.param(_pair("url: http://example.com/a", "url: https://example.com/a"), [], id="scheme-differs"),
    pytest.param(_pair("doi: 10.1126/science.adh2586", "doi: 10.1126/SCIENCE.ADH2586"), [("EV207", "second")], id="same-doi-any-case"),
    pytest.param(_pair("doi: 10.1126/science.adh2586", "doi: 'https://doi.org/10.1126/science.adh2586'"), [("EV207", "second")], id="same-doi-as-url-form"),
    pytest.param(_pair("doi: 10.1126/science.adh2586", "doi: 10.1126/science.adh2587"), [], id="different-dois"),
    pytest.param(_pair("doi: not-a-doi", "doi: not-a-doi"), [], id="malformed-dois-are-ev206-only"),
]


@pytest.mark.parametrize("yaml_text, expected", EV207_CASES)
def test_ev207(tmp_path: Path, yaml_text: str, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV207"])) == expected


def test_ev207_three_holders_and_url_plus_doi(tmp_path: Path) -> None:
    text = with_good(sources="""
        - id: a
          title: A
          url: https://example.com/x
          doi: 10.1000/shared
        - id: b
          title: B
          url: https://Example.com:443/x
          doi: 10.1000/SHARED
        - id: c
          title: C
          url: https://example.com/x#top
        """)
    report = run(tmp_path, text, ["EV207"])
    assert findings(report) == [("EV207", "b"), ("EV207", "b"), ("EV207", "c")]
    by_field = {(d.id, d.message.split(" has the same ")[1].split(" ")[0]): d for d in report.diagnostics}
    url_b = by_field[("b", "URL")]
    assert url_b.severity == "warning"
    assert url_b.message == "source 'b' has the same URL as 'a' (https://example.com/x): merge them"
    assert_at(url_b, report, text, "url: https://Example.com:443/x")
    doi_b = by_field[("b", "DOI")]
    assert doi_b.message == "source 'b' has the same DOI as 'a' (10.1000/shared): merge them"
    assert_at(doi_b, report, text, "doi: 10.1000/SHARED")
    assert by_field[("c", "URL")].message == "source 'c' has the same URL as 'a' (https://example.com/x): merge them"


# ---------------------------------------------------------------------------------------
# EV301: a page lists a claim of weaker evidence before a stronger one

LADDER_SOURCES = """
sources:
  - id: s-rct
    title: A trial
    url: https://example.com/rct
    design: rct
  - id: s-panel
    title: A panel
    url: https://example.com/panel
    design: panel
  - id: s-survey
    title: A survey
    url: https://example.com/survey
    design: survey
  - id: s-vendor
    title: A vendor report
    url: https://vendor.example.com/report
    design: vendor
claims:
  - id: c-rct
    text: Trial finding
    cites: [s-rct]
  - id: c-panel
    text: Panel finding
    cites: [s-panel]
  - id: c-survey
    text: Survey finding
    cites: [s-survey]
  - id: c-vendor
    text: Vendor finding
    cites: [s-vendor]
  - id: c-rct-2
    text: Another trial finding
    cites: [s-rct]
  - id: c-nothing
    text: Cites nothing, so has no rank
    cites: []
  - id: c-panel-prevalence
    text: 20% of workers use AI at work (panel)
    kind: prevalence
    cites: [s-panel]
  - id: c-survey-prevalence
    text: 26% of jobs are highly exposed (survey)
    kind: prevalence
    cites: [s-survey]
"""


def _page(claims: list[str], designs: str = "", page_id: str = "pg") -> str:
    items = "".join(f"      - {c}\n" for c in claims)
    return LADDER_SOURCES + dedent(designs) + f"pages:\n  - id: {page_id}\n    title: A page\n    claims:\n{items}"


EV301_CASES = [
    pytest.param(_page(["c-rct", "c-panel", "c-survey", "c-vendor"]), [], id="strong-before-weak"),
    pytest.param(_page(["c-rct", "c-rct-2", "c-survey"]), [], id="equal-ranks"),
    pytest.param(_page(["c-vendor", "c-survey"]), [("EV301", "pg")], id="vendor-before-survey"),
    pytest.param(_page(["c-vendor", "c-survey", "c-rct"]), [("EV301", "pg"), ("EV301", "pg")], id="two-climbs-after-vendor"),
    pytest.param(_page(["c-survey", "c-vendor", "c-panel"]), [("EV301", "pg")], id="climb-after-a-dip"),
    pytest.param(_page(["c-vendor", "c-nothing", "ghost"]), [], id="unranked-and-unknown-claims-skipped"),
    # per-kind ranks: for prevalence the survey outranks the panel
    pytest.param(_page(["c-panel-prevalence", "c-survey-prevalence"]), [], id="no-kind-ranks-panel-first-fine"),
    pytest.param(_page(["c-panel-prevalence", "c-survey-prevalence"], """
        designs:
          - id: survey
            rank: 3
            label: Cross-sectional survey
            ranks: {prevalence: 1}
        """), [("EV301", "pg")], id="per-kind-rank-changes-order"),
    pytest.param(_page(["c-panel", "c-survey"], """
        designs:
          - id: survey
            rank: 3
            label: Cross-sectional survey
            ranks: {prevalence: 1}
        """), [], id="per-kind-rank-only-for-that-kind"),
    # a catalogue re-ranks designs
    pytest.param(_page(["c-panel", "c-survey"]), [], id="default-panel-above-survey"),
    pytest.param(_page(["c-panel", "c-survey"], """
        designs:
          - id: panel
            rank: 5
            label: Longitudinal panel, demoted
        """), [("EV301", "pg")], id="catalogue-demotes-panel"),
    pytest.param(_page(["c-survey", "c-panel"], """
        designs:
          - id: panel
            rank: 5
            label: Longitudinal panel, demoted
        """), [], id="catalogue-order-respected"),
]


@pytest.mark.parametrize("yaml_text, expected", EV301_CASES)
def test_ev301(tmp_path: Path, yaml_text: str, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV301"])) == expected


def test_ev301_points_at_the_stronger_claim_item(tmp_path: Path) -> None:
    text = _page(["c-rct", "c-vendor", "c-survey"])
    report = run(tmp_path, text, ["EV301"])
    diagnostic = one(report, "EV301", "pg")
    assert diagnostic.severity == "warning"
    assert diagnostic.kind == "pages"
    assert_at(diagnostic, report, text, "c-survey\n", occurrence=2)  # the page's third item, not the claim
    assert diagnostic.message == (
        "page 'pg' shows claim 'c-survey' (survey, rank 3) after weaker claim 'c-vendor' (vendor, rank 4)")


def test_ev301_each_page_on_its_own(tmp_path: Path) -> None:
    text = _page(["c-vendor", "c-rct"], page_id="first") + "  - id: second\n    title: Fine\n    claims: [c-rct, c-vendor]\n"
    assert findings(run(tmp_path, text, ["EV301"])) == [("EV301", "first")]


# ---------------------------------------------------------------------------------------
# EV302: a page shows a draft claim or a claim that fails an EV2xx error

def _shown(claim: str, on_page: bool = True) -> str:
    page = """
        pages:
          - id: pg
            title: A page
            claims:
              - fine
              - shown
        """ if on_page else ""
    return with_good(sources="""
        - id: nourl
          title: Signify Technology
          design: vendor
        - id: nodesign
          title: A study of unknown design
          url: https://example.com/nodesign
        """, claims=claim, rest=page)


EV302_CASES = [
    pytest.param(_shown("""
        - id: shown
          text: A published claim with a primary URL
          cites: [trial]
        """), [], id="published-claim-passes"),
    pytest.param(_shown("""
        - id: shown
          text: Not ready
          status: draft
          cites: [trial]
        """), [("EV302", "pg")], id="draft-claim"),
    pytest.param(_shown("""
        - id: shown
          text: Not ready, but no page shows it
          status: draft
          cites: [trial]
        """, on_page=False), [], id="draft-claim-not-on-a-page"),
    pytest.param(_shown("""
        - id: shown
          text: Axial Search says so
          cites: [nourl]
        """), [("EV302", "pg")], id="claim-without-url"),
    pytest.param(_shown("""
        - id: shown
          text: Nobody says so
          cites: []
        """), [("EV302", "pg")], id="uncited-claim"),
    pytest.param(_shown("""
        - id: shown
          text: An unranked study says so
          cites: [nodesign]
        """), [("EV302", "pg")], id="claim-with-unknown-design"),
    pytest.param(_shown("""
        - id: other
          text: Present but the page names a ghost instead
          cites: [trial]
        """).replace("      - shown\n", "      - ghost\n"), [], id="unknown-claim-is-ev102-only"),
]


@pytest.mark.parametrize("yaml_text, expected", EV302_CASES)
def test_ev302(tmp_path: Path, yaml_text: str, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV302"])) == expected


@pytest.mark.parametrize("claim, reason", [
    ("""
     - id: shown
       text: Not ready
       status: draft
       cites: [trial]
     """, "it is a draft"),
    ("""
     - id: shown
       text: Axial Search says so
       cites: [nourl]
     """, "EV202: it has no primary URL"),
    ("""
     - id: shown
       text: Nobody says so
       cites: []
     """, "EV201: it cites no source"),
    ("""
     - id: shown
       text: An unranked study says so
       cites: [nodesign]
     """, "EV205: a cited source has no known study design"),
])
def test_ev302_points_at_the_page_item(tmp_path: Path, claim: str, reason: str) -> None:
    text = _shown(claim)
    report = run(tmp_path, text, ["EV302"])
    diagnostic = one(report, "EV302", "pg")
    assert diagnostic.severity == "error"
    assert_at(diagnostic, report, text, "shown\n", occurrence=2)  # the page's item, not the claim's id
    assert diagnostic.message == f"page 'pg' shows claim 'shown', but {reason}"


# ---------------------------------------------------------------------------------------
# EV303: a published claim rests on vendor evidence alone

def _vendor(claim: str, toml_designs: str = "") -> str:
    return with_good(sources="""
        - id: vend
          title: A job board's analysis of its own postings
          url: https://jobs.example.com/report
          design: vendor
        - id: self
          title: A company's own numbers
          url: https://company.example.com/blog
          design: self-report
        - id: surv
          title: A survey
          url: https://example.com/survey
          design: survey
        - id: undesigned
          title: No design
          url: https://example.com/undesigned
        """, claims=claim)


EV303_CASES = [
    pytest.param(_vendor(""), None, [], id="rct-claim"),
    pytest.param(_vendor("""
        - id: v
          text: Postings for ML engineers rose 40%
          cites: [vend]
        """), None, [("EV303", "v")], id="vendor-only"),
    pytest.param(_vendor("""
        - id: v
          text: Two vendors agree
          cites: [vend, self]
        """), None, [("EV303", "v")], id="two-vendors-one-by-alias"),
    pytest.param(_vendor("""
        - id: v
          text: A vendor and a survey agree
          cites: [vend, surv]
        """), None, [], id="vendor-plus-survey"),
    pytest.param(_vendor("""
        - id: v
          text: Still a draft
          status: draft
          cites: [vend]
        """), None, [], id="draft-vendor-claim"),
    pytest.param(_vendor("""
        - id: v
          text: Design unknown (EV205's finding)
          cites: [undesigned]
        """), None, [], id="unknown-design-is-not-vendor"),
    pytest.param(_vendor("""
        - id: v
          text: Survey alone
          cites: [surv]
        """), 'vendor_designs = ["vendor", "survey"]\n', [("EV303", "v")], id="configured-vendor-designs"),
]


@pytest.mark.parametrize("yaml_text, toml, expected", EV303_CASES)
def test_ev303(tmp_path: Path, yaml_text: str, toml: str | None, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV303"], toml=toml)) == expected


def test_ev303_points_at_cites(tmp_path: Path) -> None:
    text = _vendor("""
        - id: v
          text: Postings for ML engineers rose 40%
          cites: [vend]
        """)
    report = run(tmp_path, text, ["EV303"])
    diagnostic = one(report, "EV303", "v")
    assert diagnostic.severity == "warning"
    assert_at(diagnostic, report, text, "cites: [vend]")
    assert diagnostic.message == "claim 'v' rests on vendor evidence alone"


# ---------------------------------------------------------------------------------------
# EV304: figures that do not add up

SEED_TASKS = [  # (time share, exposure) of the eight ML engineer tasks on seeds/002
    ("12", "82"), ("16", "78"), ("10", "72"), ("12", "64"),
    ("14", "54"), ("12", "31"), ("16", "28"), ("8", "18"),
]


def _tasks(occupation: str = "ml-engineer", rows=SEED_TASKS, extra: str = "") -> str:
    lines = [f"occupations:\n  - id: {occupation}\n    title: ML engineer\n", "tasks:\n"]
    for number, (share, exposure) in enumerate(rows, start=1):
        lines.append(f"  - id: t{number}\n    title: Task {number}\n    occupation: {occupation}\n")
        if share is not None:
            lines.append(f"    time_share: {share}\n")
        if exposure is not None:
            lines.append(f"    exposure: {exposure}\n")
        lines.append(f"    category: {'core' if number <= 4 else 'support'}\n")
    return "".join(lines) + dedent(extra)


def _figures(*blocks: str, rest: str = "") -> str:
    """A catalogue whose claim 'fig' carries the given figures (YAML list items, each block dedented)."""
    flat = "".join(dedent(block) if dedent(block).endswith("\n") else dedent(block) + "\n" for block in blocks)
    body = "".join("      " + line + "\n" if line.strip() else "\n" for line in flat.splitlines())
    claim = """
        - id: fig
          text: A figure claim
          cites: [trial]
          figures:
        """
    return with_good(claims=claim) + body + dedent(rest)


WEIGHTED = """
- id: exposure
  value: {value}
  unit: "%"
  derive:
    tasks: {{occupation: ml-engineer, field: exposure, aggregate: weighted_mean, weight: time_share}}
"""

PRODUCT = """
- id: raw
  value: {value}
  derive:
    product: [3.75, 1.36, 1.06, "1.10"]
"""

JOBZONE = """
- id: raw
  value: 5.9466
  derive:
    product: [3.75, 1.36, 1.06, "1.10"]
- id: jobzone
  value: {value}
  derive:
    product:
      - quotient:
          - difference: [{{figure: raw}}, 0.54]
          - 7.93
      - 100
"""

EV304_CASES = [
    # the seed's time-weighted exposure: 8 tasks give 54.4, the page says 52
    pytest.param(_figures(WEIGHTED.format(value="52"), rest=_tasks()), [("EV304", "fig")], id="weighted-mean-seed-52"),
    pytest.param(_figures(WEIGHTED.format(value="54.4"), rest=_tasks()), [], id="weighted-mean-54.4"),
    pytest.param(_figures(WEIGHTED.format(value="54"), rest=_tasks()), [], id="weighted-mean-54-rounds"),
    pytest.param(_figures(WEIGHTED.format(value="54.5"), rest=_tasks()), [("EV304", "fig")], id="weighted-mean-54.5"),
    # product chain 3.75 x 1.36 x 1.06 x 1.10 = 5.9466
    pytest.param(_figures(PRODUCT.format(value="5.9466")), [], id="product-exact"),
    pytest.param(_figures(PRODUCT.format(value="5.95")), [], id="product-5.95-within-half-a-hundredth"),
    pytest.param(_figures(PRODUCT.format(value="5.9")), [], id="product-5.9-within-half-a-tenth"),
    pytest.param(_figures(PRODUCT.format(value="5.94")), [("EV304", "fig")], id="product-5.94"),
    pytest.param(_figures(PRODUCT.format(value="5.947")), [], id="product-5.947-within-half-a-thousandth"),
    pytest.param(_figures(PRODUCT.format(value="5.948")), [("EV304", "fig")], id="product-5.948"),
    pytest.param(_figures(PRODUCT.format(value="5.95000")), [("EV304", "fig")], id="product-trailing-zeros-are-precision"),
    # nested: (raw - 0.54) / 7.93 x 100 = 68.179...
    pytest.param(_figures(JOBZONE.format(value="68.2")), [], id="jobzone-68.2"),
    pytest.param(_figures(JOBZONE.format(value="68.18")), [], id="jobzone-68.18"),
    pytest.param(_figures(JOBZONE.format(value="68.3")), [("EV304", "fig")], id="jobzone-68.3"),
    pytest.param(_figures(JOBZONE.format(value="68.17")), [("EV304", "fig")], id="jobzone-68.17"),
    pytest.param(_figures("""
        - id: gap
          value: 6
          derive: {difference: [10, 4]}
        """), [], id="difference"),
    pytest.param(_figures("""
        - id: gap
          value: 7
          derive: {difference: [10, 4]}
        """), [("EV304", "fig")], id="difference-wrong"),
    pytest.param(_figures("""
        - id: share
          value: 0.33
          derive: {quotient: [1, 3]}
        """), [], id="quotient"),
    pytest.param(_figures("""
        - id: share
          value: 0.34
          derive: {quotient: [1, 3]}
        """), [("EV304", "fig")], id="quotient-wrong"),
    pytest.param(_figures("""
        - id: total
          value: 78
          derive: {sum: [170, -92]}
        """), [], id="sum"),
    pytest.param(_figures("""
        - id: total
          value: 50
          tolerance: 1
          derive: {sum: [50.9]}
        """), [], id="explicit-tolerance-passes"),
    pytest.param(_figures("""
        - id: total
          value: 50
          tolerance: 1
          derive: {sum: [51.5]}
        """), [("EV304", "fig")], id="explicit-tolerance-fails"),
    pytest.param(_figures("""
        - id: total
          value: 50.0
          tolerance: 0
          derive: {sum: [50.01]}
        """), [("EV304", "fig")], id="zero-tolerance"),
    pytest.param(_figures("""
        - id: stated
          value: 40
        """), [], id="no-derivation-never-flagged"),
    pytest.param(_figures("""
        - id: total
          value: 5
          derive: {sum: [{figure: ghost}, 1]}
        """), [("EV304", "fig")], id="unknown-figure"),
    pytest.param(_figures("""
        - id: a
          value: 1
          derive: {sum: [{figure: b}, 1]}
        - id: b
          value: 1
          derive: {sum: [{figure: a}, 1]}
        """), [("EV304", "fig"), ("EV304", "fig")], id="cycle"),
    pytest.param(_figures("""
        - id: a
          value: 1
          derive: {sum: [{figure: a}, 1]}
        """), [("EV304", "fig")], id="self-cycle"),
    pytest.param(_figures("""
        - id: ratio
          value: 1
          derive: {quotient: [1, 0]}
        """), [("EV304", "fig")], id="division-by-zero"),
    pytest.param(_figures("""
        - id: ratio
          value: 1
          derive: {quotient: [0, 0]}
        """), [("EV304", "fig")], id="zero-by-zero"),
    pytest.param(_figures("""
        - id: core
          value: 74
          derive:
            tasks: {occupation: ml-engineer, field: exposure, aggregate: mean, where: {category: core}}
        """, rest=_tasks()), [], id="where-filter-mean"),
    pytest.param(_figures("""
        - id: core
          value: 53.4
          derive:
            tasks: {occupation: ml-engineer, field: exposure, aggregate: mean}
        """, rest=_tasks()), [], id="mean-without-filter"),
    pytest.param(_figures("""
        - id: core
          value: 53.4
          derive:
            tasks: {occupation: ml-engineer, field: exposure, aggregate: mean, where: {category: core}}
        """, rest=_tasks()), [("EV304", "fig")], id="where-filter-changes-result"),
    pytest.param(_figures("""
        - id: core
          value: 50
          derive:
            tasks: {occupation: ml-engineer, field: time_share, aggregate: sum, where: {category: core}}
        """, rest=_tasks()), [], id="where-filter-sum"),
    pytest.param(_figures("""
        - id: none
          value: 1
          derive:
            tasks: {occupation: ml-engineer, field: exposure, aggregate: mean, where: {category: nothing}}
        """, rest=_tasks()), [("EV304", "fig")], id="where-matches-nothing"),
    pytest.param(_figures("""
        - id: none
          value: 1
          derive:
            tasks: {occupation: nobody, field: exposure, aggregate: mean}
        """, rest=_tasks()), [("EV304", "fig")], id="unknown-occupation"),
    pytest.param(_figures("""
        - id: none
          value: 0
          derive:
            tasks: {occupation: ml-engineer, field: exposure, where: {category: nothing}}
        """, rest=_tasks()), [], id="sum-over-no-task-is-zero"),
    pytest.param(_figures("""
        - id: exposed
          value: 4
          derive:
            tasks: {occupation: ml-engineer, aggregate: count, where: {exposure: {gte: 64}}}
        """, rest=_tasks()), [], id="count-with-comparison"),
    pytest.param(_figures("""
        - id: exposed
          value: 5
          derive:
            tasks: {occupation: ml-engineer, aggregate: count, where: {exposure: {gte: 64}}}
        """, rest=_tasks()), [("EV304", "fig")], id="count-with-comparison-wrong"),
    pytest.param(_figures("""
        - id: ref
          value: 11.8
          derive: {product: [{figure: raw}, 2]}
        """ , PRODUCT.format(value="5.9")), [("EV304", "fig")], id="reference-uses-recomputed-value-not-stated"),
    pytest.param(_figures("""
        - id: ref
          value: 11.89
          derive: {product: [{figure: raw}, 2]}
        """ , PRODUCT.format(value="5.9")), [], id="reference-to-derived-figure"),
]


@pytest.mark.parametrize("yaml_text, expected", EV304_CASES)
def test_ev304_figures(tmp_path: Path, yaml_text: str, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV304"])) == expected


def test_ev304_seed_weighted_mean_message_and_position(tmp_path: Path) -> None:
    text = _figures(WEIGHTED.format(value="52"), rest=_tasks())
    report = run(tmp_path, text, ["EV304"])
    diagnostic = one(report, "EV304", "fig")
    assert diagnostic.severity == "error"
    assert_at(diagnostic, report, text, "value: 52")
    assert diagnostic.message == (
        "figure 'exposure' states 52% but time_share-weighted mean of exposure over 8 tasks of ml-engineer gives 54.4%")


def test_ev304_product_message(tmp_path: Path) -> None:
    text = _figures(PRODUCT.format(value="5.94"))
    diagnostic = one(run(tmp_path, text, ["EV304"]), "EV304", "fig")
    assert diagnostic.message == "figure 'raw' states 5.94 but 3.75 x 1.36 x 1.06 x 1.1 gives 5.947"


@pytest.mark.parametrize("figures, reason", [
    ("""
     - id: total
       value: 5
       derive: {sum: [{figure: ghost}, 1]}
     """, "no figure has id 'ghost'"),
    ("""
     - id: a
       value: 1
       derive: {sum: [{figure: a}, 1]}
     """, "figure 'a' depends on itself"),
    ("""
     - id: ratio
       value: 1
       derive: {quotient: [1, 0]}
     """, "division by zero"),
])
def test_ev304_unrecomputable_points_at_derive(tmp_path: Path, figures: str, reason: str) -> None:
    text = _figures(figures)
    report = run(tmp_path, text, ["EV304"])
    diagnostic = one(report, "EV304", "fig")
    assert_at(diagnostic, report, text, "derive:")
    fid = dedent(figures).split("\n")[0].split("id: ")[1]
    assert diagnostic.message == f"figure '{fid}' cannot be recomputed: {reason}"


def test_ev304_where_filter_in_explanation(tmp_path: Path) -> None:
    text = _figures("""
        - id: core
          value: 53.4
          derive:
            tasks: {occupation: ml-engineer, field: exposure, aggregate: mean, where: {category: core}}
        """, rest=_tasks())
    diagnostic = one(run(tmp_path, text, ["EV304"]), "EV304", "fig")
    assert diagnostic.message == (
        "figure 'core' states 53.4 but mean of exposure over 4 tasks of ml-engineer with category core gives 74")


TIME_SHARE_CASES = [
    pytest.param(SEED_TASKS, [], id="seed-shares-total-100"),
    pytest.param([("30", "1"), ("30", "1"), ("30", "1")], [("EV304", "ml-engineer")], id="total-90"),
    pytest.param([("60", "1"), ("50", "1")], [("EV304", "ml-engineer")], id="total-110"),
    pytest.param([("33.3", "1"), ("33.3", "1"), ("33.3", "1")], [], id="total-99.9-rounding"),
    pytest.param([("33", "1"), ("33", "1"), ("33", "1")], [("EV304", "ml-engineer")], id="total-99"),
    pytest.param([("30", "1"), ("30", "1"), (None, "1")], [], id="not-every-task-has-a-share"),
]


@pytest.mark.parametrize("rows, expected", TIME_SHARE_CASES)
def test_ev304_time_shares(tmp_path: Path, rows: list, expected: list) -> None:
    text = with_good() + _tasks(rows=rows)
    assert findings(run(tmp_path, text, ["EV304"])) == expected


def _decomposed(shares_a: list[str], shares_b: list[str]) -> str:
    """An occupation decomposed into tasks twice, by two sources, with the given time shares."""
    rows = [("a", i, share) for i, share in enumerate(shares_a)] + [("b", i, share) for i, share in enumerate(shares_b)]
    tasks = "".join(
        f"  - id: {site}{i}\n    title: Task {i} by site {site}\n    occupation: analyst\n"
        f"    source: site-{site}\n    time_share: {share}\n"
        for site, i, share in rows)
    return with_good(sources="""
        - id: site-a
          title: Site A's task table
        - id: site-b
          title: Site B's task table
        """) + "occupations:\n  - id: analyst\n    title: Analyst\ntasks:\n" + tasks


@pytest.mark.parametrize("shares_a, shares_b, expected", [
    pytest.param(["60", "40"], ["100"], [], id="each-decomposition-totals-100"),
    pytest.param(["60", "30"], ["100"], [("EV304", "analyst")], id="one-decomposition-short"),
    pytest.param(["60", "30"], ["90"], [("EV304", "analyst"), ("EV304", "analyst")], id="both-short"),
])
def test_ev304_time_shares_per_source(tmp_path: Path, shares_a: list[str], shares_b: list[str], expected: list) -> None:
    report = run(tmp_path, _decomposed(shares_a, shares_b), ["EV304"])
    assert findings(report) == expected
    messages = {d.message for d in report.diagnostics}
    if shares_a == ["60", "30"]:
        assert "the time shares of the 2 tasks of occupation 'analyst' from source 'site-a' total 90%, not 100%" in messages
    if shares_b == ["90"]:
        assert "the time shares of the 1 task of occupation 'analyst' from source 'site-b' total 90%, not 100%" in messages


def test_ev304_time_shares_of_listed_tasks_message_and_position(tmp_path: Path) -> None:
    text = with_good(rest="""
        occupations:
          - id: analyst
            title: Analyst
            tasks: [listed]
        tasks:
          - id: listed
            title: Listed on the occupation
            time_share: 40
          - id: naming
            title: Names the occupation
            occupation: analyst
            time_share: 50
        """)
    report = run(tmp_path, text, ["EV304"])
    diagnostic = one(report, "EV304", "analyst")
    assert diagnostic.kind == "occupations"
    assert_at(diagnostic, report, text, "id: analyst")
    assert diagnostic.message == "the time shares of the 2 tasks of occupation 'analyst' total 90%, not 100%"


@pytest.mark.parametrize("figures", [
    # the product leaves Decimal's exponent range: a finding, never a traceback
    pytest.param("""
        - id: huge
          value: 1
          derive: {product: ["1e999999", "1e999999"]}
        """, id="overflow"),
    # the stated value itself is beyond Decimal's exponent range: comparing must not crash
    pytest.param("""
        - id: huge
          value: "1e1000000"
          derive: {sum: [1]}
        """, id="stated-value-out-of-range"),
    # 31 significant digits: printing the recomputed value must not crash either
    pytest.param("""
        - id: huge
          value: 1
          derive: {product: ["1e30", 1]}
        """, id="more-digits-than-the-context"),
])
def test_ev304_huge_numbers_are_findings_not_crashes(tmp_path: Path, figures: str) -> None:
    report = run(tmp_path, _figures(figures), ["EV304"])
    assert findings(report) == [("EV304", "fig")]
    assert report.diagnostics[0].message.startswith("figure 'huge' ")


# ---------------------------------------------------------------------------------------
# EV305: a figure in a claim's text appears in none of the quotes it cites

def _quoted(text: str, *quotes: str, bare: bool = False) -> str:
    if bare:
        cites = "      cites: [trial]\n"
    else:
        cites = "      cites:\n" + "".join(
            f"        - source: trial\n          quote: '{q}'\n" if q is not None else "        - source: trial\n          locator: p. 3\n"
            for q in quotes)
    return "sources:\n" + GOOD_SOURCE + "claims:\n" + f"  - id: q\n    text: '{text}'\n" + cites.replace("      ", "    ", 1)


EV305_CASES = [
    pytest.param(_quoted("ChatGPT cut writing time by 40% and raised quality by 18%",
                         "time taken decreased by 40% and output quality rose by 18%"), [], id="all-figures-quoted"),
    pytest.param(_quoted("ChatGPT cut writing time by 40% and raised quality by 18%",
                         "time taken decreased by 40%"), [("EV305", "q")], id="one-figure-missing"),
    pytest.param(_quoted("ChatGPT cut writing time by 40% and raised quality by 18%",
                         "a large effect"), [("EV305", "q"), ("EV305", "q")], id="two-figures-missing"),
    pytest.param(_quoted("Writing time fell by 40 percent", "time decreased by 40%"), [], id="40-percent-vs-40%"),
    pytest.param(_quoted("Writing time fell by 40%", "time decreased by 40 per cent"), [], id="40%-vs-40-per-cent"),
    pytest.param(_quoted("The median is $187,500", "median base pay: 187,500 USD"), [], id="dollar-and-thousands-separator"),
    pytest.param(_quoted("The median is $187,500", "median base pay: 178,500 USD"), [("EV305", "q")], id="transposed-digits"),
    pytest.param(_quoted("In 2025, 26% of jobs were highly exposed", "26% of jobs posted in the past year"), [], id="years-ignored"),
    pytest.param(_quoted("26% of jobs were highly exposed", "26 % of jobs"), [], id="space-before-percent"),
    pytest.param(_quoted("40% less time and 18% better", "40% less time", "18% better quality"), [], id="union-of-quotes"),
    pytest.param(_quoted("40% less time and 18% better", "40% less time", None), [("EV305", "q")], id="citation-without-quote-adds-nothing"),
    pytest.param(_quoted("40% less time and 18% better", None), [], id="no-quote-at-all-never-flagged"),
    pytest.param(_quoted("40% less time and 18% better", bare=True), [], id="bare-cites-never-flagged"),
    pytest.param(_quoted("Gains of 14% were measured", "gains of 0.14"), [("EV305", "q")], id="different-spelling-of-number"),
    # "GPT-4" names a model, not a figure; the quote carries the claim's only figure
    pytest.param(_quoted("GPT-4 cut writing time by 40%", "time decreased by 40%"), [], id="model-name-is-not-a-figure"),
]


@pytest.mark.parametrize("yaml_text, expected", EV305_CASES)
def test_ev305(tmp_path: Path, yaml_text: str, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV305"])) == expected


def test_ev305_points_at_text_and_names_the_figure(tmp_path: Path) -> None:
    text = _quoted("ChatGPT cut writing time by 40% and raised quality by 18%", "time taken decreased by 40%")
    report = run(tmp_path, text, ["EV305"])
    diagnostic = one(report, "EV305", "q")
    assert diagnostic.severity == "warning"
    assert_at(diagnostic, report, text, "text: ")
    assert diagnostic.message == "claim 'q' states 18%, which none of its quotes contains"


# ---------------------------------------------------------------------------------------
# EV101: an id is defined twice (figure ids here, record ids while loading)

EV101_CASES = [
    pytest.param(_figures("""
        - id: a
          value: 1
        - id: b
          value: 2
        """), [], id="distinct-figure-ids"),
    pytest.param(_figures("""
        - id: a
          value: 1
        - id: a
          value: 2
        """), [("EV101", "fig")], id="figure-id-twice-in-one-claim"),
    pytest.param(with_good(claims="""
        - id: one
          text: First
          cites: [trial]
          figures:
            - id: share
              value: 26
        - id: two
          text: Second
          cites: [trial]
          figures:
            - id: share
              value: 41
        """), [("EV101", "two")], id="figure-id-in-two-claims"),
]


@pytest.mark.parametrize("yaml_text, expected", EV101_CASES)
def test_ev101_figures(tmp_path: Path, yaml_text: str, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV101"])) == expected


def test_ev101_figure_position_and_message(tmp_path: Path) -> None:
    text = EV101_CASES[2].values[0]
    report = run(tmp_path, text, ["EV101"])
    diagnostic = one(report, "EV101", "two")
    assert_at(diagnostic, report, text, "id: share", occurrence=2)
    assert diagnostic.message == "figure id 'share' is defined twice (first in claim 'one')"


def test_ev101_record_ids_from_the_loader(tmp_path: Path) -> None:
    text = with_good(claims="""
        - id: fine
          text: The same id again
          cites: [trial]
        """)
    report = run(tmp_path, text, ["EV101"], clean=False)
    assert findings(report) == [("EV101", "fine")]
    diagnostic = report.diagnostics[0]
    assert_at(diagnostic, report, text, "id: fine", occurrence=2)
    assert "claim id 'fine' is defined twice" in diagnostic.message


# ---------------------------------------------------------------------------------------
# EV102: a reference names no record of the expected kind

EV102_BASE = """
sources:
  - id: trial
    title: A trial
    url: https://example.org/trial
    design: rct
claims:
  - id: c
    text: A claim
    cites: [trial]
    occupations: [occ]
    skills: [sk]
    tasks: [tk]
occupations:
  - id: occ
    title: Occupation
    skills: [sk]
    tasks: [tk]
    adjacent: [occ2]
  - id: occ2
    title: Another occupation
skills:
  - id: sk
    title: Skill
tasks:
  - id: tk
    title: Task
    occupation: occ
    source: trial
pages:
  - id: pg
    title: Page
    occupation: occ
    skill: sk
    claims: [c]
    links: [pg2, occ2]
  - id: pg2
    title: Another page
    links: [pg]
"""

EV102_CASES = [
    # (old text, new text, the part of the new text the finding points at, record, dangling name, expected kind)
    pytest.param("cites: [trial]", "cites: [trial, nobody]", "nobody", "c", "nobody", "source", id="claim-cites"),
    pytest.param("cites: [trial]", "cites: [{source: nobody, quote: x}]", "{source", "c", "nobody", "source", id="claim-cites-mapping"),
    pytest.param("occupations: [occ]", "occupations: [nobody]", "nobody", "c", "nobody", "occupation", id="claim-occupations"),
    pytest.param("occupations: [occ]", "occupations: [sk]", "sk", "c", "sk", "occupation", id="claim-occupations-wrong-kind"),
    pytest.param("    skills: [sk]\n    tasks: [tk]\noccupations", "    skills: [nobody]\n    tasks: [tk]\noccupations", "nobody", "c", "nobody", "skill", id="claim-skills"),
    pytest.param("    tasks: [tk]\noccupations", "    tasks: [nobody]\noccupations", "nobody", "c", "nobody", "task", id="claim-tasks"),
    pytest.param("    skills: [sk]\n    tasks: [tk]\n    adjacent", "    skills: [nobody]\n    tasks: [tk]\n    adjacent", "nobody", "occ", "nobody", "skill", id="occupation-skills"),
    pytest.param("    skills: [sk]\n    tasks: [tk]\n    adjacent", "    skills: [{skill: nobody, importance: 3.5}]\n    tasks: [tk]\n    adjacent", "{skill", "occ", "nobody", "skill", id="occupation-skills-mapping"),
    pytest.param("    tasks: [tk]\n    adjacent", "    tasks: [nobody]\n    adjacent", "nobody", "occ", "nobody", "task", id="occupation-tasks"),
    pytest.param("adjacent: [occ2]", "adjacent: [nobody]", "nobody", "occ", "nobody", "occupation", id="occupation-adjacent"),
    pytest.param("adjacent: [occ2]", "adjacent: [pg2]", "pg2", "occ", "pg2", "occupation", id="occupation-adjacent-is-not-a-page"),
    pytest.param("    occupation: occ\n    source", "    occupation: nobody\n    source", "occupation:", "tk", "nobody", "occupation", id="task-occupation"),
    pytest.param("source: trial", "source: nobody", "source:", "tk", "nobody", "source", id="task-source"),
    pytest.param("    occupation: occ\n    skill", "    occupation: nobody\n    skill", "occupation:", "pg", "nobody", "occupation", id="page-occupation"),
    pytest.param("skill: sk", "skill: nobody", "skill:", "pg", "nobody", "skill", id="page-skill"),
    pytest.param("claims: [c]", "claims: [c, nobody]", "nobody", "pg", "nobody", "claim", id="page-claims"),
    pytest.param("links: [pg2, occ2]", "links: [pg2, nobody]", "nobody", "pg", "nobody", "page or occupation", id="page-links"),
    pytest.param("links: [pg2, occ2]", "links: [pg2, sk]", "sk", "pg", "sk", "page or occupation", id="page-links-to-a-skill"),
]


def test_ev102_base_catalogue_is_clean(tmp_path: Path) -> None:
    assert findings(run(tmp_path, EV102_BASE, ["EV102"])) == []


@pytest.mark.parametrize("old, new, anchor, record, name, expected_kind", EV102_CASES)
def test_ev102(tmp_path: Path, old: str, new: str, anchor: str, record: str, name: str, expected_kind: str) -> None:
    assert EV102_BASE.count(old) == 1
    text = dedent(EV102_BASE.replace(old, new))
    report = run(tmp_path, text, ["EV102"])
    assert findings(report) == [("EV102", record)]
    diagnostic = report.diagnostics[0]
    assert diagnostic.message == f"'{name}' names no {expected_kind}"
    offset = text.index(new) + new.index(anchor)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    assert diagnostic.file == f"{report.catalogue}/catalogue.yaml"
    assert (diagnostic.line, diagnostic.column) == (line, column)


def test_ev102_position_of_a_dangling_cite(tmp_path: Path) -> None:
    text = EV102_BASE.replace("cites: [trial]", "cites: [trial, nobody]")
    report = run(tmp_path, text, ["EV102"])
    diagnostic = one(report, "EV102", "c")
    assert_at(diagnostic, report, text, "nobody")
    assert diagnostic.kind == "claims"
    assert diagnostic.severity == "error"


def test_ev102_links_may_name_pages_and_occupations(tmp_path: Path) -> None:
    text = EV102_BASE.replace("links: [pg2, occ2]", "links: [pg2, occ2, occ]")
    assert findings(run(tmp_path, text, ["EV102"])) == []


# ---------------------------------------------------------------------------------------
# EV104: a run that checked no claim fails

def test_ev104_catalogue_without_claims_fails(tmp_path: Path) -> None:
    text = "sources:\n" + GOOD_SOURCE
    report = run(tmp_path, text, ["EV203"])
    assert findings(report) == [("EV104", None)]
    assert report.errors == 1
    assert report.claims == 0
    assert report.exit_code() == 1
    assert report.diagnostics[0].message == "no claim was checked: a check that checked nothing must not pass"
    assert report.diagnostics[0].file == report.catalogue


def test_ev104_even_when_ignored(tmp_path: Path) -> None:
    report = run(tmp_path, "sources:\n" + GOOD_SOURCE, ignore=["EV104"])
    assert report.claims == 0
    assert report.exit_code() == 1


def test_ev104_empty_directory(tmp_path: Path) -> None:
    report = evidence.check(tmp_path, use_cache=False)
    assert findings(report) == [("EV104", None)]
    assert report.exit_code() == 1


def test_ev104_one_claim_is_enough(tmp_path: Path) -> None:
    report = run(tmp_path, with_good())
    assert findings(report) == []
    assert report.exit_code() == 0


# ---------------------------------------------------------------------------------------
# Selection: --select / --ignore prefixes, unknown codes, evidence.toml [rules]

def _codes(rules) -> list[str]:
    return [r.code for r in rules]


def test_selected_prefixes() -> None:
    assert _codes(selected(["EV2"])) == ["EV201", "EV202", "EV203", "EV204", "EV205", "EV206", "EV207"]
    assert _codes(selected(["ev30"])) == ["EV301", "EV302", "EV303", "EV304", "EV305"]
    assert _codes(selected(["EV2", "EV101"])) == ["EV101", "EV201", "EV202", "EV203", "EV204", "EV205", "EV206", "EV207"]
    assert _codes(selected(["EV2"], ["EV20"])) == []
    assert _codes(selected(["EV2"], ["EV203", " ev206 "])) == ["EV201", "EV202", "EV204", "EV205", "EV207"]
    assert _codes(selected()) == sorted(RULES)
    assert _codes(selected([], ["EV"])) == []


def test_empty_selection_entries_are_ignored(tmp_path: Path) -> None:
    """Blank entries are skipped when validating; a selection of only blanks must not select nothing."""
    assert _codes(selected([""], [""])) == sorted(RULES)
    assert _codes(selected(["  "])) == sorted(RULES)
    report = run(tmp_path, SELECTION_CATALOGUE, toml='[rules]\nselect = [""]\n')
    assert findings(report) == [("EV201", "uncited"), ("EV202", "vendor-only"), ("EV204", "agg"), ("EV303", "vendor-only")]


@pytest.mark.parametrize("select, ignore", [(["EV999"], []), ([], ["EV9"]), (["XYZ"], []), (["EV2", "EV1O1"], [])])
def test_unknown_codes_raise(select: list[str], ignore: list[str]) -> None:
    with pytest.raises(UnknownRule):
        selected(select, ignore)


def test_check_refuses_unknown_codes(tmp_path: Path) -> None:
    root = write_catalogue(tmp_path, with_good())
    with pytest.raises(UnknownRule, match="'EV999' matches no rule code"):
        evidence.check(root, select=["EV999"], use_cache=False)
    with pytest.raises(UnknownRule):
        evidence.check(root, ignore=["EV999"], use_cache=False)


SELECTION_CATALOGUE = with_good(sources="""
    - id: nourl
      title: No URL
      design: vendor
    - id: agg
      title: A post
      url: https://www.linkedin.com/pulse/x
      design: survey
    """, claims="""
    - id: uncited
      text: Cites nothing
      cites: []
    - id: vendor-only
      text: Rests on a vendor without URL
      cites: [nourl]
    """)


@pytest.mark.parametrize("select, ignore, toml, expected", [
    ([], [], None, [("EV201", "uncited"), ("EV202", "vendor-only"), ("EV204", "agg"), ("EV303", "vendor-only")]),
    (["EV2"], [], None, [("EV201", "uncited"), ("EV202", "vendor-only"), ("EV204", "agg")]),
    (["EV2"], ["EV202"], None, [("EV201", "uncited"), ("EV204", "agg")]),
    (["EV20"], ["EV201", "EV204"], None, [("EV202", "vendor-only")]),
    (["EV3"], [], None, [("EV303", "vendor-only")]),
    ([], ["EV2", "EV3"], None, []),
    ([], [], '[rules]\nignore = ["EV202"]\n', [("EV201", "uncited"), ("EV204", "agg"), ("EV303", "vendor-only")]),
    ([], [], '[rules]\nignore = ["EV2"]\n', [("EV303", "vendor-only")]),
    ([], [], '[rules]\nselect = ["EV201"]\n', [("EV201", "uncited")]),
    # an explicit selection replaces the file's select, and adds to its ignore
    (["EV3"], [], '[rules]\nselect = ["EV201"]\n', [("EV303", "vendor-only")]),
    (["EV2"], ["EV201"], '[rules]\nignore = ["EV204"]\n', [("EV202", "vendor-only")]),
])
def test_selection_and_evidence_toml(tmp_path: Path, select: list[str], ignore: list[str], toml: str | None, expected: list) -> None:
    report = run(tmp_path, SELECTION_CATALOGUE, select, ignore=ignore, toml=toml)
    assert findings(report) == expected


def test_report_lists_the_rules_that_ran(tmp_path: Path) -> None:
    report = run(tmp_path, with_good(), ["EV2"], ignore=["EV203"], toml='[rules]\nignore = ["EV207"]\n')
    assert report.rules == ["EV201", "EV202", "EV204", "EV205", "EV206"]


def test_selection_does_not_hide_a_broken_data_file(tmp_path: Path) -> None:
    """A file that cannot be read means its claims were never checked: --select must not make that green."""
    root = write_catalogue(tmp_path, with_good())
    (root / "broken.yaml").write_text("claims:\n  - id: lost\n    text: [unclosed\n", encoding="utf-8")
    report = evidence.check(root, select=["EV202"], use_cache=False)
    assert [d.code for d in report.diagnostics] == ["EV100"]
    assert report.exit_code() == 1


# ---------------------------------------------------------------------------------------
# Report.exit_code

def test_exit_code_clean(tmp_path: Path) -> None:
    report = run(tmp_path, with_good())
    assert (report.errors, report.warnings) == (0, 0)
    assert report.exit_code() == 0
    assert report.exit_code(strict=True) == 0


def test_exit_code_warnings_only(tmp_path: Path) -> None:
    report = run(tmp_path, SELECTION_CATALOGUE, ["EV204", "EV303"])
    assert (report.errors, report.warnings) == (0, 2)
    assert report.exit_code() == 0
    assert report.exit_code(strict=True) == 1


def test_exit_code_errors(tmp_path: Path) -> None:
    report = run(tmp_path, SELECTION_CATALOGUE, ["EV201"])
    assert (report.errors, report.warnings) == (1, 0)
    assert report.exit_code() == 1
    assert report.exit_code(strict=True) == 1


def test_summary_counts(tmp_path: Path) -> None:
    report = run(tmp_path, SELECTION_CATALOGUE)
    assert report.summary() == {
        "errors": 2, "warnings": 2, "claims": 3, "sources": 3, "records": 6, "files": 1,
        # an offline check does not run (or count) the online rules, and no check runs the page-lint rules
        "rules": len(RULES) - len(ONLINE_CODES) - len(PAGE_CODES),
    }


# ---------------------------------------------------------------------------------------
# Every rule with a check function has a table above

TABLES = {
    "EV101": EV101_CASES, "EV102": EV102_CASES, "EV201": EV201_CASES, "EV202": EV202_CASES,
    "EV203": EV203_CASES, "EV204": EV204_CASES, "EV205": EV205_CASES, "EV206": EV206_CASES,
    "EV207": EV207_CASES, "EV301": EV301_CASES, "EV302": EV302_CASES, "EV303": EV303_CASES,
    "EV304": EV304_CASES, "EV305": EV305_CASES, "EV501": EV501_CASES, "EV502": EV502_CASES,
}


def test_every_checking_rule_has_a_table() -> None:
    # the online rules (EV4xx) need servers: their tables are in tests/test_online_*.py
    assert sorted(code for code, r in RULES.items() if r.check is not None and code not in ONLINE_CODES) == sorted(TABLES)
    for code, cases in TABLES.items():
        assert len(cases) >= 3, code


def test_good_claim_block_is_what_with_good_writes() -> None:
    assert with_good().startswith("sources:\n" + GOOD_SOURCE + "claims:\n" + GOOD_CLAIM)
