"""The study-design ladder and claim strength: defaults, aliases, overrides, per-kind ranks,
and the order :func:`evidence.rank_claims` puts claims in."""

from __future__ import annotations

from pathlib import Path

import pytest

import evidence
from evidence import Ladder, NotInCatalogue, rank_claims
from evidence.context import Context
from rulehelpers import write_catalogue
from schemas import load_catalogue
from schemas.designs import DEFAULT_DESIGNS
from schemas.models import Design

# -- the ladder --------------------------------------------------------------------------------


def test_default_ladder_is_the_pages_rule() -> None:
    ladder = Ladder()
    assert [(d.id, d.rank) for d in ladder] == [("rct", 1), ("panel", 2), ("survey", 3), ("vendor", 4)]
    assert [ladder.rank(name) for name in ("rct", "panel", "survey", "vendor")] == [1, 2, 3, 4]
    assert list(Ladder(DEFAULT_DESIGNS).designs) == ["rct", "panel", "survey", "vendor"]


@pytest.mark.parametrize("name, design", [
    ("rct", "rct"), ("RCT", "rct"), (" rct ", "rct"),
    ("audit", "rct"), ("Audit", "rct"), ("field-experiment", "rct"), ("experiment", "rct"),
    ("longitudinal", "panel"), ("cross-sectional", "survey"), ("self-report", "vendor"),
])
def test_ids_and_aliases_resolve(name: str, design: str) -> None:
    resolved = Ladder().resolve(name)
    assert resolved is not None and resolved.id == design


@pytest.mark.parametrize("name", [None, "", "   ", "anecdote", "meta-analysis", "rct-ish"])
def test_unknown_names(name: str | None) -> None:
    ladder = Ladder()
    assert ladder.resolve(name) is None
    assert ladder.rank(name) is None
    assert ladder.rank(name, "prevalence") is None


def test_aliases_rank_like_their_design() -> None:
    ladder = Ladder()
    assert ladder.rank("audit") == 1
    assert ladder.rank("self-report") == 4
    assert ladder.rank("Cross-Sectional", "causal") == 3


def test_catalogue_adds_designs() -> None:
    ladder = Ladder([
        Design(id="meta-analysis", rank=1, label="Meta-analysis", aliases=["Systematic Review"]),
        Design(id="official", rank=3, label="Official statistics"),
    ])
    assert [(d.id, d.rank) for d in ladder] == [
        ("meta-analysis", 1), ("rct", 1), ("panel", 2), ("official", 3), ("survey", 3), ("vendor", 4)]
    assert ladder.rank("systematic review") == 1
    assert ladder.rank("official") == 3


def test_catalogue_overrides_a_design_by_id() -> None:
    ladder = Ladder([Design(id="panel", rank=5, label="Panel, demoted")])
    assert [(d.id, d.rank) for d in ladder] == [("rct", 1), ("survey", 3), ("vendor", 4), ("panel", 5)]
    assert ladder.rank("panel") == 5
    # a redeclared design replaces the default one whole, aliases included
    assert ladder.resolve("longitudinal") is None
    assert ladder.rank("audit") == 1


def test_an_id_wins_over_another_designs_alias() -> None:
    ladder = Ladder([Design(id="audit", rank=2, label="Audit study")])
    resolved = ladder.resolve("audit")
    assert resolved is not None and (resolved.id, resolved.rank) == ("audit", 2)
    assert ladder.rank("field-experiment") == 1


def test_a_shared_alias_belongs_to_the_stronger_design() -> None:
    ladder = Ladder([
        Design(id="weak", rank=9, label="Weak", aliases=["study"]),
        Design(id="strong", rank=1, label="Strong", aliases=["Study"]),
    ])
    resolved = ladder.resolve("study")
    assert resolved is not None and resolved.id == "strong"


def test_per_kind_ranks() -> None:
    ladder = Ladder([Design(id="survey", rank=3, label="Survey", aliases=["cross-sectional"], ranks={"prevalence": 1})])
    assert ladder.rank("survey") == 3
    assert ladder.rank("survey", None) == 3
    assert ladder.rank("survey", "causal") == 3
    assert ladder.rank("survey", "prevalence") == 1
    assert ladder.rank("Cross-Sectional", "prevalence") == 1
    assert ladder.rank("rct", "prevalence") == 1
    assert ladder.rank("panel", "prevalence") == 2


def test_the_shipped_catalogue_ladder(tmp_path: Path) -> None:
    """A catalogue's designs records reach the ladder the checker uses."""
    root = write_catalogue(tmp_path, """
        designs:
          - id: official
            rank: 3
            label: Official statistics
            aliases: [statistics]
          - id: survey
            rank: 4
            label: Cross-sectional survey
            ranks: {prevalence: 2}
        claims:
          - id: c
            text: t
            cites: []
        """)
    ladder = Context(load_catalogue(root)).ladder
    assert [(d.id, d.rank) for d in ladder] == [("rct", 1), ("panel", 2), ("official", 3), ("survey", 4), ("vendor", 4)]
    assert ladder.rank("statistics") == 3
    assert ladder.rank("survey", "prevalence") == 2


# -- claim strength and rank_claims -------------------------------------------------------------

RANKING = """
sources:
  - id: rct-a-2019
    title: Trial by A
    url: https://a.example.org/2019
    publisher: Lab A
    year: 2019
    design: rct
  - id: rct-b-2020
    title: Trial by B
    url: https://b.example.org/2020
    publisher: Lab B
    year: 2020
    design: rct
  - id: rct-c-2024
    title: Trial by C
    url: https://c.example.org/2024
    publisher: Lab C
    year: 2024
    design: audit
  - id: rct-a-2018
    title: Older trial by A
    url: https://a.example.org/2018
    publisher: LAB A
    year: 2018
    design: rct
  - id: rct-nourl
    title: Trial without URL
    year: 2025
    design: rct
  - id: survey-2025
    title: A survey
    url: https://survey.example.org/
    year: 2025
    design: survey
  - id: vendor-2025
    title: Vendor numbers
    url: https://vendor.example.com/
    year: 2025
    design: vendor
  - id: agg-rct
    title: An aggregator's paraphrase of a trial
    url: https://www.linkedin.com/pulse/trial
    year: 2025
    design: rct
claims:
  - id: a-survey
    text: Survey claim
    cites: [survey-2025]
    occupations: [analyst]
  - id: b-two-labs
    text: Two independent trials
    cites: [rct-a-2019, rct-b-2020]
    occupations: [analyst]
  - id: c-new
    text: One recent trial (an audit study)
    cites: [rct-c-2024]
    occupations: [analyst]
  - id: d-old
    text: One older trial
    cites: [rct-a-2019]
  - id: e-same-lab
    text: Two trials by the same lab
    cites: [rct-a-2019, rct-a-2018]
  - id: f-unverified
    text: A trial nobody can open
    cites: [rct-nourl]
  - id: g-vendor
    text: Vendor claim
    cites: [vendor-2025]
  - id: h-nothing
    text: Cites nothing
    cites: []
  - id: i-aggregator
    text: Rests on a paraphrase and a vendor
    cites: [agg-rct, vendor-2025]
  - id: j-verified-beats-unverified
    text: A survey with URL and a trial without
    cites: [rct-nourl, survey-2025]
occupations:
  - id: analyst
    title: Analyst
pages:
  - id: pg
    title: Page
    claims: [g-vendor, b-two-labs, ghost, g-vendor, a-survey]
"""


@pytest.fixture
def ranking(tmp_path: Path):
    return load_catalogue(write_catalogue(tmp_path, RANKING))


def _strength(catalogue, cid: str):
    return Context(catalogue).strengths[cid]


@pytest.mark.parametrize("cid, rank, design, independent, year, verified", [
    ("a-survey", 3, "survey", 1, 2025, True),
    ("b-two-labs", 1, "rct", 2, 2020, True),
    ("c-new", 1, "rct", 1, 2024, True),
    ("d-old", 1, "rct", 1, 2019, True),
    ("e-same-lab", 1, "rct", 1, 2019, True),  # publishers compared case-insensitively
    ("f-unverified", 1, "rct", 1, 2025, False),
    ("g-vendor", 4, "vendor", 1, 2025, True),
    ("h-nothing", None, None, 0, None, False),
    ("i-aggregator", 4, "vendor", 1, 2025, True),  # the aggregator never counts, whatever its design
    ("j-verified-beats-unverified", 3, "survey", 1, 2025, True),  # only sources that pass the checks rank
])
def test_claim_strength(ranking, cid: str, rank, design, independent: int, year, verified: bool) -> None:
    s = _strength(ranking, cid)
    assert (s.rank, s.design, s.independent, s.year, s.verified) == (rank, design, independent, year, verified)


def test_strength_primary_url(ranking) -> None:
    assert str(_strength(ranking, "b-two-labs").url) == "https://a.example.org/2019"
    assert _strength(ranking, "f-unverified").url is None
    assert str(_strength(ranking, "i-aggregator").url) == "https://vendor.example.com/"


def test_independence_falls_back_to_the_host(tmp_path: Path) -> None:
    catalogue = load_catalogue(write_catalogue(tmp_path, """
        sources:
          - id: one
            title: One
            url: https://same.example.org/one
            design: rct
          - id: two
            title: Two
            url: https://same.example.org/two
            design: rct
          - id: three
            title: Three
            url: https://other.example.org/three
            design: rct
        claims:
          - id: same-host
            text: t
            cites: [one, two]
          - id: two-hosts
            text: t
            cites: [one, three]
        """))
    strengths = Context(catalogue).strengths
    assert strengths["same-host"].independent == 1
    assert strengths["two-hosts"].independent == 2


def test_rank_claims_orders_by_rank_then_independence_then_recency(ranking) -> None:
    # where the unverified claim goes is test_unverified_claims_rank_after_all_verified_ones's business
    order = [r.claim.id for r in rank_claims(ranking) if r.claim.id != "f-unverified"]
    assert order == [
        "b-two-labs",    # rank 1, two independent sources
        "c-new",         # rank 1, one source, 2024
        "d-old",         # rank 1, one source, 2019 (ties with e-same-lab: id decides)
        "e-same-lab",
        "a-survey",      # rank 3, verified
        "j-verified-beats-unverified",
        "g-vendor",      # rank 4
        "i-aggregator",
        "h-nothing",     # no rank at all
    ]


def test_unverified_claims_rank_after_all_verified_ones(ranking) -> None:
    """DESIGN 3: strength is the best rank among cited sources *that pass the checks*, and
    Strength.sort_key promises "unverified last": a trial nobody can open (no primary URL)
    must not outrank a verified survey or vendor claim; it still ranks above a claim with no rank."""
    order = [r.claim.id for r in rank_claims(ranking)]
    assert order[-2:] == ["f-unverified", "h-nothing"]


def test_rank_claims_of_an_occupation(ranking) -> None:
    assert [r.claim.id for r in rank_claims(ranking, occupation="analyst")] == ["b-two-labs", "c-new", "a-survey"]


def test_rank_claims_of_a_page(ranking) -> None:
    ranked = rank_claims(ranking, page="pg")
    assert [(r.claim.id, r.shown_at) for r in ranked] == [("b-two-labs", 2), ("a-survey", 3), ("g-vendor", 1)]
    assert ranked[0].as_dict() == {
        "id": "b-two-labs",
        "text": "Two independent trials",
        "design": "rct",
        "rank": 1,
        "independent_sources": 2,
        "year": 2020,
        "primary_url": "https://a.example.org/2019",
        "verified": True,
        "page_position": 2,
    }


def test_rank_claims_refuses_unknown_ids(ranking) -> None:
    with pytest.raises(NotInCatalogue, match="no page has id 'nope'"):
        rank_claims(ranking, page="nope")
    with pytest.raises(NotInCatalogue, match="no occupation has id 'nope'"):
        rank_claims(ranking, occupation="nope")


def test_per_kind_rank_reorders_claims(tmp_path: Path) -> None:
    text = """
        designs:
          - id: survey
            rank: 3
            label: Representative survey
            ranks: {prevalence: 1}
        sources:
          - id: panel
            title: Panel
            url: https://panel.example.org/
            year: 2020
            design: panel
          - id: survey
            title: Survey
            url: https://survey.example.org/
            year: 2020
            design: survey
        claims:
          - id: a-panel
            text: 20% use AI at work
            kind: prevalence
            cites: [panel]
          - id: b-survey
            text: 26% of jobs are highly exposed
            kind: prevalence
            cites: [survey]
          - id: c-survey-causal
            text: Surveys say AI raises output
            kind: causal
            cites: [survey]
        """
    catalogue = load_catalogue(write_catalogue(tmp_path, text))
    assert [(r.claim.id, r.strength.rank) for r in rank_claims(catalogue)] == [
        ("b-survey", 1), ("a-panel", 2), ("c-survey-causal", 3)]


def test_rank_claims_is_exported() -> None:
    assert evidence.rank_claims is rank_claims
