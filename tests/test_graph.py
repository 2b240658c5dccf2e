"""The typed graph: one node per record (designs included), one edge per relation."""

from __future__ import annotations

from pathlib import Path

from graph import EDGE_KINDS, build_graph, node_id
from schemas import load_catalogue


def test_nodes_have_kinds_and_records(clean_catalogue: Path) -> None:
    g = build_graph(load_catalogue(clean_catalogue))
    kinds = {}
    for _, data in g.nodes(data=True):
        kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
    assert kinds == {"design": 4, "source": 3, "claim": 3, "occupation": 2, "skill": 2, "task": 2, "page": 2}
    assert g.nodes["claim:writing-time"]["record"].year == 2023
    assert g.nodes["occupation:ml-engineer"]["label"] == "ML Engineer"


def test_edges_by_kind(clean_catalogue: Path) -> None:
    g = build_graph(load_catalogue(clean_catalogue))
    edges = {(u, v, k) for u, v, k in g.edges(keys=True)}
    expected = {
        ("claim:writing-time", "source:noy-zhang-2023", "cites"),
        ("claim:writing-time", "occupation:ml-engineer", "about"),
        ("source:noy-zhang-2023", "design:rct", "has-design"),
        ("occupation:ml-engineer", "skill:python", "has-skill"),
        ("occupation:ml-engineer", "task:build-pipelines", "has-task"),
        ("occupation:ml-engineer", "occupation:data-scientist", "adjacent"),
        ("page:ml-engineer-page", "claim:panel-finding", "shows"),
        ("page:ml-engineer-page", "page:data-scientist-page", "links"),
        ("page:ml-engineer-page", "occupation:data-scientist", "links"),
        ("page:ml-engineer-page", "occupation:ml-engineer", "page-about"),
    }
    assert expected <= edges
    assert {k for _, _, k in edges} <= set(EDGE_KINDS)
    assert g.edges["page:ml-engineer-page", "claim:employer-survey", "shows"]["position"] == 3
    assert g.edges["occupation:ml-engineer", "skill:empathy", "has-skill"]["importance"] == 3.5


def test_dangling_references_make_no_edge_and_aliases_resolve(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "sources:\n  - id: s\n    title: S\n    design: Audit\n"
        "claims:\n  - id: c\n    text: t\n    cites: [s, missing]\n    occupations: [nobody]\n"
    )
    g = build_graph(load_catalogue(tmp_path))
    assert list(g.edges(keys=True)) == [("source:s", "design:rct", "has-design"), ("claim:c", "source:s", "cites")]
    assert node_id("claims", "c") == "claim:c"


def test_task_listed_on_both_sides_is_one_edge(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "occupations:\n  - id: o\n    title: O\n    tasks: [t]\n"
        "tasks:\n  - id: t\n    title: T\n    occupation: o\n"
    )
    g = build_graph(load_catalogue(tmp_path))
    assert g.number_of_edges("occupation:o", "task:t") == 1
