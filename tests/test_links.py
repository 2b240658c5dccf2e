"""The internal link graph: EV501 and EV502 tables, and the links-json and GraphML exports.

The rule tables follow tests/test_rules.py (whose meta-test imports them): each case is a
tiny catalogue checked with ``evidence.check(path, select=[CODE])``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest

from graph.links import declared_links, graphml, inbound, links_json
from rulehelpers import assert_at, findings, one, run, with_good
from schemas import load_catalogue

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
REGENERATE = os.environ.get("EVIDENCE_REGENERATE_GOLDEN") == "1"

# ---------------------------------------------------------------------------------------
# EV501: a page or occupation has no inbound internal link (orphan)

LINKED = """
occupations:
  - {id: ml, title: ML Engineer, adjacent: [ds]}
  - {id: ds, title: Data Scientist, adjacent: [ml]}
pages:
  - {id: ml-page, title: ML Engineer, occupation: ml, links: [ds-page]}
  - {id: ds-page, title: Data Scientist, occupation: ds, links: [ml-page]}
"""

EV501_CASES = [
    pytest.param(with_good(rest=LINKED), [], id="everything-linked"),
    pytest.param(with_good(rest="""
        occupations:
          - {id: ml, title: ML Engineer}
          - {id: lonely, title: Lonely Role}
        pages:
          - {id: ml-page, title: ML Engineer, occupation: ml}
        """), [("EV501", "lonely")], id="occupation-nobody-links"),
    pytest.param(with_good(rest="""
        occupations:
          - {id: ml, title: ML Engineer}
        pages:
          - {id: hub, title: Hub, links: [ml]}
          - {id: about-ml, title: About ML, occupation: ml}
        """), [("EV501", "hub")], id="page-nobody-links-and-about-nothing"),
    pytest.param(with_good(rest="""
        occupations:
          - {id: self, title: Only Itself, adjacent: [self]}
        """), [("EV501", "self")], id="a-self-link-is-not-inbound"),
    pytest.param(with_good(rest="""
        occupations:
          - {id: a, title: A, adjacent: [b]}
          - {id: b, title: B, adjacent: [a]}
        """), [], id="declared-adjacency-both-ways"),
    pytest.param(with_good(rest="""
        occupations:
          - {id: a, title: A, adjacent: [b]}
          - {id: b, title: B}
        """), [("EV501", "a")], id="adjacency-is-one-way"),
]


@pytest.mark.parametrize("yaml_text, expected", EV501_CASES)
def test_ev501(tmp_path: Path, yaml_text: str, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV501"])) == expected


def test_ev501_points_at_the_orphan(tmp_path: Path) -> None:
    text = with_good(rest="""
        occupations:
          - {id: ml, title: ML Engineer}
          - {id: lonely, title: Lonely Role}
        pages:
          - {id: ml-page, title: ML Engineer, occupation: ml}
        """)
    report = run(tmp_path, text, ["EV501"])
    diagnostic = one(report, "EV501", "lonely")
    assert_at(diagnostic, report, text, "{id: lonely")
    assert diagnostic.severity == "warning" and diagnostic.kind == "occupations"
    assert diagnostic.message == ("occupation 'lonely' has no inbound internal link: no page links to it or is about it, "
                                  "and no occupation declares it adjacent")


# ---------------------------------------------------------------------------------------
# EV502: an internal link points to no page or occupation, or to itself

EV502_CASES = [
    pytest.param(with_good(rest=LINKED), [], id="good-links"),
    pytest.param(with_good(rest="""
        pages:
          - {id: p, title: P, links: [nowhere]}
        """), [("EV502", "p")], id="page-links-nothing"),
    pytest.param(with_good(rest="""
        occupations:
          - {id: o, title: O, adjacent: [ghost]}
        """), [("EV502", "o")], id="adjacent-names-nothing"),
    pytest.param(with_good(rest="""
        pages:
          - {id: p, title: P, links: [p, p]}
        """), [("EV502", "p"), ("EV502", "p")], id="page-links-itself-twice"),
    pytest.param(with_good(rest="""
        occupations:
          - {id: o, title: O, adjacent: [o]}
        """), [("EV502", "o")], id="occupation-adjacent-to-itself"),
    pytest.param(with_good(rest="""
        occupations:
          - {id: same, title: Same Name}
        pages:
          - {id: same, title: Same Name, links: [same]}
        """), [("EV502", "same")], id="a-page-link-resolves-to-the-page-first"),
    pytest.param(with_good(rest="""
        pages:
          - {id: p, title: P, occupation: ghost}
        """), [], id="a-dangling-occupation-is-ev102-not-a-link"),
]


@pytest.mark.parametrize("yaml_text, expected", EV502_CASES)
def test_ev502(tmp_path: Path, yaml_text: str, expected: list) -> None:
    assert findings(run(tmp_path, yaml_text, ["EV502"], clean=False)) == expected


def test_ev502_points_at_the_link(tmp_path: Path) -> None:
    text = with_good(rest="""
        pages:
          - id: p
            title: P
            links: [ok, nowhere]
          - {id: ok, title: OK, links: [p]}
        """)
    report = run(tmp_path, text, ["EV502"])
    diagnostic = one(report, "EV502", "p")
    assert_at(diagnostic, report, text, "nowhere")
    assert diagnostic.severity == "error"
    assert diagnostic.message == "page 'p' links to 'nowhere', which is no page or occupation"


# ---------------------------------------------------------------------------------------
# The link graph and its exports

def test_declared_links_of_the_clean_catalogue() -> None:
    catalogue = load_catalogue(FIXTURES / "clean")
    kinds = sorted((l.kind, l.source, l.target, l.target_kind) for l in declared_links(catalogue))
    assert ("about", "data-scientist", "data-scientist-page", "pages") in kinds
    assert ("links", "ml-engineer-page", "data-scientist", "occupations") in kinds
    assert all(count > 0 for count in inbound(catalogue).values())


@pytest.mark.parametrize("fmt, render", [("links.json", links_json), ("graphml", graphml)])
def test_golden_files(fmt: str, render) -> None:  # type: ignore[no-untyped-def]
    text = render(load_catalogue(FIXTURES / "clean"))
    golden = GOLDEN / f"clean.{fmt}"
    if REGENERATE:
        golden.write_text(text)
    assert text == golden.read_text(), f"run with EVIDENCE_REGENERATE_GOLDEN=1 and review the diff of {golden.name}"


def test_exports_do_not_depend_on_file_order(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(FIXTURES / "clean", copy)
    (copy / "occupations.yaml").rename(copy / "zz-occupations.yaml")
    for render in (links_json, graphml):
        assert render(load_catalogue(copy)) == render(load_catalogue(FIXTURES / "clean"))


def test_links_json_has_declared_and_proposed_edges() -> None:
    payload = json.loads(links_json(load_catalogue(FIXTURES / "clean")))
    assert {n["kind"] for n in payload["nodes"]} == {"page", "occupation"}
    kinds = {e["kind"] for e in payload["edges"]}
    assert kinds == {"links", "about", "adjacent", "related"}
    related = [e for e in payload["edges"] if e["kind"] == "related"]
    assert related and all(e["reasons"] and 0 < e["score"] <= 1 for e in related)
    assert all(set(e) == {"source", "target", "kind"} for e in payload["edges"] if e["kind"] != "related")


def test_graphml_reads_back_with_networkx(tmp_path: Path) -> None:
    text = graphml(load_catalogue(FIXTURES / "clean"))
    ElementTree.fromstring(text.encode())  # well-formed XML
    path = tmp_path / "links.graphml"
    path.write_text(text)
    graph = nx.read_graphml(path)
    assert graph.is_directed() and graph.is_multigraph()
    assert graph.nodes["occupation:ml-engineer"]["onet"] == "15-2051.00"
    related = [d for _s, _t, d in graph.edges(data=True) if d["kind"] == "related"]
    assert related and all("reasons" in d and isinstance(d["score"], float) for d in related)


def test_exports_leave_out_dangling_and_self_links(tmp_path: Path) -> None:
    root = tmp_path / "cat"
    root.mkdir()
    (root / "c.yaml").write_text("pages:\n  - {id: p, title: P, links: [p, nowhere]}\noccupations:\n  - {id: o, title: O}\n")
    payload = json.loads(links_json(load_catalogue(root)))
    assert payload["edges"] == []
    assert [n["id"] for n in payload["nodes"]] == ["occupation:o", "page:p"]
